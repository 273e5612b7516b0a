import type { Handlers } from '@shared/api'
import { UserError } from '@shared/errors'
import { findInDoc, replaceInDoc } from '@shared/model/textSearch'
import type { ServiceContext } from '../context'
import { storeChapterDoc } from '../../chapters/documents'

/** 查找和替换 in the stored chapters (the open chapter is searched and replaced in the editor). */
export function searchHandlers(ctx: ServiceContext): Handlers['search'] {
  const { session } = ctx
  return {
    find: ({ query, matchCase, exceptChapterId }) => {
      const store = session.require().store
      const chapters = []
      let total = 0
      for (const c of store.listChapters()) {
        if (c.id === exceptChapterId) continue
        const hits = findInDoc(store.getChapter(c.id).doc, query, { matchCase })
        if (hits.count) {
          chapters.push({ chapterId: c.id, ...hits })
          total += hits.count
        }
      }
      return { chapters, total }
    },
    replaceAll: ({ query, replacement, matchCase, chapterIds }) => {
      const store = session.store()
      const result = store.transaction(() => {
        let replaced = 0
        let chapters = 0
        for (const id of new Set(chapterIds)) {
          if (!store.hasChapter(id)) throw new UserError('NOT_FOUND', '找不到要替换的章节，它可能已被删除。')
          const r = replaceInDoc(store.getChapter(id).doc, query, replacement, { matchCase })
          if (!r.count) continue
          // What was there before stays in 历史版本.
          store.addRevision(id, 'auto')
          storeChapterDoc(ctx, id, r.doc)
          replaced += r.count
          chapters++
        }
        return { replaced, chapters }
      })
      return { ...result, state: ctx.state() }
    }
  }
}
