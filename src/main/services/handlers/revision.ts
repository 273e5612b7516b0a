import type { Handlers, RevisionInfo } from '@shared/api'
import { normalizeDoc } from '@shared/editor/normalize'
import { summarizeChapter } from '@shared/model/summary'
import type { StoredRevision } from '../../store/reportStore'
import type { ServiceContext } from '../context'
import { idsOutside } from '../chapterDocs'

function toInfo(r: StoredRevision): RevisionInfo {
  return { id: r.id, chapterId: r.chapterId, chapterTitle: r.chapterTitle, createdAt: r.createdAt, reason: r.reason, words: r.words }
}

export function revisionHandlers(ctx: ServiceContext): Handlers['revision'] {
  const { session } = ctx
  return {
    list: ({ chapterId }) => session.require().store.listRevisions(chapterId).map(toInfo),
    get: ({ id }) => {
      const store = session.require().store
      return { ...toInfo(store.revisionInfo(id)), doc: store.revisionDoc(id) }
    },
    create: ({ chapterId, reason }) => {
      const r = session.store().addRevision(chapterId, reason)
      return r ? toInfo(r) : null
    },
    /** Restoring is itself a new version: the text it replaces is kept as a snapshot first. */
    restore: ({ id }) => {
      const store = session.store()
      const info = store.revisionInfo(id)
      const doc = store.revisionDoc(id)
      if (!store.hasChapter(info.chapterId)) {
        // The chapter was deleted: restoring brings it back at the end of the report.
        store.insertChapters([{ id: info.chapterId, title: info.chapterTitle, kind: 'chapter', doc, summary: summarizeChapter(doc) }])
      } else {
        store.addRevision(info.chapterId, 'before-restore')
        const norm = normalizeDoc(doc, idsOutside(ctx, info.chapterId))
        store.saveChapter(info.chapterId, norm.doc, summarizeChapter(norm.doc))
      }
      store.addRevision(info.chapterId, 'restore')
      return { chapter: store.getChapter(info.chapterId), state: ctx.state() }
    }
  }
}
