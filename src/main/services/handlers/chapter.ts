import type { Handlers } from '@shared/api'
import { UserError } from '@shared/errors'
import { emptyDoc } from '@shared/model/doc'
import { summarizeChapter } from '@shared/model/summary'
import type { ServiceContext } from '../context'
import { storeChapterDoc } from '../../chapters/documents'
import { saveChapter } from '../../chapters/saving'
import { caseIndex, insertionIndex, sectionBlocks, withBlocks, withoutBlocks } from '../../chapters/moves'

export function chapterHandlers(ctx: ServiceContext): Handlers['chapter'] {
  const { session } = ctx
  return {
    get: ({ id }) => session.require().store.getChapter(id),
    save: (input) => saveChapter(ctx, input),
    add: ({ title, kind, afterId }) => {
      const doc = emptyDoc()
      session.store().addChapter({ title, kind, doc, summary: summarizeChapter(doc) }, afterId)
      return ctx.state()
    },
    rename: ({ id, title }) => {
      session.store().renameChapter(id, title)
      return ctx.state()
    },
    remove: ({ id }) => {
      session.store().removeChapter(id)
      return ctx.state()
    },
    move: ({ id, toIndex }) => {
      session.store().moveChapter(id, toIndex)
      return ctx.state()
    },

    moveSection: ({ chapterId, headingId, toChapterId, beforeHeadingId }) => {
      const store = session.store()
      store.transaction(() => {
        const from = store.getChapter(chapterId)
        const range = sectionBlocks(from.doc, headingId)
        if (!range) throw new UserError('NOT_FOUND', '找不到要移动的节，它可能已被删除。')
        const blocks = (from.doc.content ?? []).slice(range[0], range[1])
        if (chapterId === toChapterId) {
          if (!beforeHeadingId) {
            const rest = withoutBlocks(from.doc, range[0], range[1])
            storeChapterDoc(ctx, chapterId, withBlocks(rest, (rest.content ?? []).length, blocks))
          } else {
            if (blocks.some((b) => b.type === 'heading' && b.attrs?.id === beforeHeadingId)) throw new UserError('BAD_INPUT', '不能把一节移到它自己里面。')
            const rest = withoutBlocks(from.doc, range[0], range[1])
            storeChapterDoc(ctx, chapterId, withBlocks(rest, insertionIndex(rest, undefined, beforeHeadingId), blocks))
          }
          return
        }
        const to = store.getChapter(toChapterId)
        // Leave the source first, so the moved ids are not taken as duplicates of the target's.
        storeChapterDoc(ctx, chapterId, withoutBlocks(from.doc, range[0], range[1]))
        storeChapterDoc(ctx, toChapterId, withBlocks(to.doc, insertionIndex(to.doc, undefined, beforeHeadingId), blocks))
      })
      return ctx.state()
    },

    moveCase: ({ caseId, toChapterId, afterHeadingId }) => {
      const store = session.store()
      store.transaction(() => {
        const source = store.listChapters().find((c) => c.summary.cases.some((k) => k.id === caseId))
        if (!source) throw new UserError('NOT_FOUND', '找不到这个案例，它可能已被删除。请先保存当前章节。')
        const from = store.getChapter(source.id)
        const i = caseIndex(from.doc, caseId)
        if (i < 0) throw new UserError('NOT_FOUND', '找不到这个案例，它可能已被删除。')
        const block = (from.doc.content ?? [])[i]
        const rest = withoutBlocks(from.doc, i, i + 1)
        if (source.id === toChapterId) {
          storeChapterDoc(ctx, source.id, withBlocks(rest, insertionIndex(rest, afterHeadingId), [block]))
          return
        }
        const to = store.getChapter(toChapterId)
        storeChapterDoc(ctx, source.id, rest)
        storeChapterDoc(ctx, toChapterId, withBlocks(to.doc, insertionIndex(to.doc, afterHeadingId), [block]))
      })
      return ctx.state()
    }
  }
}
