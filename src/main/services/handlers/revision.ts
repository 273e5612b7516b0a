import type { Handlers, RevisionInfo } from '@shared/api'
import { normalizeDoc } from '@shared/editor/normalize'
import { summarizeChapter } from '@shared/model/summary'
import type { StoredRevision } from '../../store/reportStore'
import type { ServiceContext } from '../context'
import { idsOutside } from '../../chapters/documents'

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
    deletedChapters: () => {
      const store = session.require().store
      return store.deletedChapters().map((d) => ({ ...d, words: d.words || summarizeChapter(store.revisionDoc(d.revisionId)).words }))
    },
    /** Restoring is itself a new version: the text it replaces is kept as a snapshot first. */
    restore: ({ id }) => {
      const store = session.store()
      // One change: the snapshot of what is replaced, the restored text and the restore version, or nothing.
      const chapterId = store.transaction(() => {
        const info = store.revisionInfo(id)
        // Ids another chapter has taken since (a section moved out, then the chapter deleted) are renewed here.
        const { doc } = normalizeDoc(store.revisionDoc(id), idsOutside(ctx, info.chapterId))
        if (!store.hasChapter(info.chapterId)) {
          // The chapter was deleted: restoring brings it back at the end of the report.
          store.insertChapters([{ id: info.chapterId, title: info.chapterTitle, kind: 'chapter', doc, summary: summarizeChapter(doc) }])
        } else {
          store.addRevision(info.chapterId, 'before-restore')
          store.saveChapter(info.chapterId, doc, summarizeChapter(doc))
        }
        store.addRevision(info.chapterId, 'restore')
        return info.chapterId
      })
      return { chapter: store.getChapter(chapterId), state: ctx.state() }
    }
  }
}
