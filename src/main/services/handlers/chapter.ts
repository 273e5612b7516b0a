import type { Handlers } from '@shared/api'
import { UserError } from '@shared/errors'
import { reportSchema } from '@shared/editor/schema'
import { normalizeDoc } from '@shared/editor/normalize'
import { emptyDoc, type DocNode } from '@shared/model/doc'
import { summarizeChapter } from '@shared/model/summary'
import type { ServiceContext } from '../context'

/** Automatic snapshots of a chapter are taken at most this often while editing. */
export const AUTO_REVISION_MS = 10 * 60 * 1000

/** Check a chapter document against the editor's schema before it is stored. */
export function validateDoc(doc: DocNode): void {
  if (doc.type !== 'doc') throw new UserError('BAD_INPUT', '章节内容格式无效：根节点必须是文档。')
  try {
    reportSchema().nodeFromJSON(doc).check()
  } catch (e) {
    throw new UserError('BAD_INPUT', `章节内容格式无效：${e instanceof Error ? e.message.slice(0, 120) : ''}`)
  }
}

/** Ids used by the other chapters: a heading, case, table or figure id must be unique in the report. */
export function idsOutside(ctx: ServiceContext, chapterId: string): Set<string> {
  const seen = new Set<string>()
  for (const c of ctx.session.require().store.listChapters()) {
    if (c.id === chapterId) continue
    c.summary.headings.forEach((h) => seen.add(h.id))
    c.summary.cases.forEach((x) => seen.add(x.id))
    c.summary.tables.forEach((x) => seen.add(x))
    c.summary.figures.forEach((x) => seen.add(x))
  }
  return seen
}

export function chapterHandlers(ctx: ServiceContext): Handlers['chapter'] {
  const { session } = ctx
  return {
    get: ({ id }) => session.require().store.getChapter(id),
    save: ({ id, doc, baseVersion }) => {
      const store = session.store()
      if (!store.hasChapter(id)) throw new UserError('NOT_FOUND', '找不到这一章，它可能已被删除。')
      // One transaction: the text and its automatic snapshot are stored together or not at all.
      const { saved, summary, norm } = store.db.transaction(() => {
        const norm = normalizeDoc(doc, idsOutside(ctx, id))
        validateDoc(norm.doc)
        const summary = summarizeChapter(norm.doc)
        const saved = store.saveChapter(id, norm.doc, summary, baseVersion)
        const last = store.lastRevisionAt(id)
        if (!last || ctx.now().getTime() - Date.parse(last) >= AUTO_REVISION_MS) store.addRevision(id, 'auto')
        return { saved, summary, norm }
      })()
      return { ...saved, summary, state: ctx.state(), normalized: norm.changed ? norm.doc : null }
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
