import type { Handlers, SaveResult } from '@shared/api'
import { UserError } from '@shared/errors'
import { normalizeDoc } from '@shared/editor/normalize'
import type { DocNode } from '@shared/model/doc'
import { summarizeChapter } from '@shared/model/summary'
import type { ServiceContext } from '../context'
import { AUTO_REVISION_MS, idsOutside, validateDoc } from './chapter'

/**
 * Store a chapter document the way every editor save does, in the caller's
 * transaction: normalize (ids unique in the report, safe links), check
 * against the schema, update the summary and case index, and take the
 * ten-minute automatic snapshot when it is due.
 */
export function storeChapterDoc(ctx: ServiceContext, id: string, doc: DocNode, baseVersion?: number): Omit<SaveResult, 'state'> {
  const store = ctx.session.store()
  const norm = normalizeDoc(doc, idsOutside(ctx, id))
  validateDoc(norm.doc)
  const summary = summarizeChapter(norm.doc)
  const saved = store.saveChapter(id, norm.doc, summary, baseVersion)
  const last = store.lastRevisionAt(id)
  if (!last || ctx.now().getTime() - Date.parse(last) >= AUTO_REVISION_MS) store.addRevision(id, 'auto')
  return { ...saved, summary, normalized: norm.changed ? norm.doc : null }
}

export function editorHandlers(ctx: ServiceContext): Handlers['editor'] {
  const { session } = ctx
  return {
    savePatch: ({ id, baseVersion, from, to, blocks }) => {
      const store = session.store()
      const saved = store.db.transaction(() => {
        const current = store.getChapter(id)
        if (current.version !== baseVersion) throw new UserError('CONFLICT', '这一章已在别处被修改，请重新打开这一章后再编辑。')
        const content = current.doc.content ?? []
        if (from > to || to > content.length) throw new UserError('CONFLICT', '保存的修改与文件中的内容对不上，将改为完整保存。')
        const doc: DocNode = { ...current.doc, content: [...content.slice(0, from), ...blocks, ...content.slice(to)] }
        return storeChapterDoc(ctx, id, doc, baseVersion)
      })()
      return { ...saved, state: ctx.state() }
    }
  }
}
