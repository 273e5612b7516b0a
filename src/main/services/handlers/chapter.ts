import type { Handlers } from '@shared/api'
import { UserError } from '@shared/errors'
import { emptyDoc } from '@shared/model/doc'
import { summarizeChapter } from '@shared/model/summary'
import type { ServiceContext } from '../context'
import { storeChapterDoc } from '../../chapters/documents'

export function chapterHandlers(ctx: ServiceContext): Handlers['chapter'] {
  const { session } = ctx
  return {
    get: ({ id }) => session.require().store.getChapter(id),
    save: ({ id, doc, baseVersion }) => {
      const store = session.store()
      if (!store.hasChapter(id)) throw new UserError('NOT_FOUND', '找不到这一章，它可能已被删除。')
      // One transaction: the text and its automatic snapshot are stored together or not at all.
      const saved = store.db.transaction(() => storeChapterDoc(ctx, id, doc, baseVersion))()
      return { ...saved, state: ctx.state() }
    },
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
    }
  }
}
