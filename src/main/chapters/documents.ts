import { UserError } from '@shared/errors'
import { reportSchema } from '@shared/editor/schema'
import { normalizeDoc } from '@shared/editor/normalize'
import type { DocNode } from '@shared/model/doc'
import { type ChapterSummary, idsOutsideChapter, summarizeChapter } from '@shared/model/summary'
import type { ReportStore } from '../store/reportStore'

/** What storing a chapter needs of its caller: the open report's store and the clock. */
export interface ChapterContext {
  session: { store(): ReportStore }
  now: () => Date
}

/**
 * Storing a chapter document, the same way for every path that writes one:
 * an editor save, a patch, find and replace, moving sections or cases, a
 * restore, an import.
 */

/** Automatic snapshots of a chapter are taken at most this often while editing. */
export const AUTO_REVISION_MS = 10 * 60 * 1000

const NODE_NAMES: Record<string, string> = {
  doc: '正文',
  paragraph: '段落',
  heading: '小节标题',
  caseStudy: '案例',
  caseTitle: '案例标题',
  photo: '照片',
  table: '表格',
  tableRow: '表格行',
  tableCell: '表格单元格',
  tableHeader: '表格标题行',
  bulletList: '项目符号列表',
  orderedList: '编号列表',
  listItem: '列表项',
  blockquote: '引用',
  reportTable: '数据表',
  figure: '图表'
}

/** Check a chapter document against the editor's schema before it is stored. */
export function validateDoc(doc: DocNode): void {
  if (doc.type !== 'doc') throw new UserError('BAD_INPUT', '章节内容格式无效：根节点必须是文档。')
  refusing(() => reportSchema().nodeFromJSON(doc).check())
}

/**
 * Check a chapter whose other blocks were checked when they were stored:
 * each new top-level block against the schema, and the order of the
 * chapter's top-level block types (`types`, the whole chapter) against what
 * a document may hold. Together the same check as validateDoc.
 */
export function validateBlocks(types: readonly string[], blocks: readonly DocNode[]): void {
  const schema = reportSchema()
  refusing(() => {
    for (const block of blocks) {
      const node = schema.nodeFromJSON(block)
      node.check()
      if (!schema.topNodeType.allowsMarks(node.marks)) throw new Error('Invalid content for node doc')
    }
    let match: ReturnType<typeof schema.topNodeType.contentMatch.matchType> = schema.topNodeType.contentMatch
    for (const type of types) {
      const nodeType = schema.nodes[type]
      match = nodeType ? match.matchType(nodeType) : null
      if (!match) break
    }
    if (!match?.validEnd) throw new Error('Invalid content for node doc')
  })
}

/** Run a schema check; what it refuses becomes the Chinese message the editor shows. */
function refusing(check: () => void): void {
  try {
    check()
  } catch (e) {
    // ProseMirror says what broke in English; the editor needs only to know it was refused.
    const where = e instanceof Error ? /node type "?(\w+)"?|for node (\w+)/.exec(e.message) : null
    const node = where ? NODE_NAMES[where[1] ?? where[2]] : undefined
    throw new UserError('BAD_INPUT', `章节内容格式无效${node ? `（${node}的结构不符合规则）` : ''}，没有保存。请撤销最后的操作后重试。`)
  }
}

/** Ids used by the other chapters: a heading, case, table or figure id must be unique in the report. */
export function idsOutside(ctx: ChapterContext, chapterId: string): Set<string> {
  return idsOutsideChapter(ctx.session.store().listChapters(), chapterId)
}

/**
 * Store a chapter document the way every editor save does, in the caller's
 * transaction: normalize (ids unique in the report, safe links), check
 * against the schema, update the summary and case index, and take the
 * ten-minute automatic snapshot when it is due.
 */
export function storeChapterDoc(ctx: ChapterContext, id: string, doc: DocNode, baseVersion?: number): StoredChapter {
  const norm = normalizeDoc(doc, idsOutside(ctx, id))
  validateDoc(norm.doc)
  const summary = summarizeChapter(norm.doc)
  const saved = writeChapter(ctx, id, norm.doc, summary, baseVersion)
  return { ...saved, summary, normalized: norm.changed ? norm.doc : null }
}

/** A chapter as just stored. */
export interface StoredChapter {
  version: number
  savedAt: string
  summary: ChapterSummary
  /** The document as main repaired it, when it had to (the editor adopts it); else null. */
  normalized: DocNode | null
}

/** Write a checked chapter document and its summary, and take the ten-minute automatic snapshot when it is due. */
export function writeChapter(ctx: ChapterContext, id: string, doc: DocNode, summary: ChapterSummary, baseVersion?: number): { version: number; savedAt: string } {
  const store = ctx.session.store()
  const saved = store.saveChapter(id, doc, summary, baseVersion)
  autoRevision(ctx, store, id)
  return saved
}

/**
 * Write checked blocks in place of the chapter's top-level blocks [from, to)
 * (only their rows are written) with the chapter's new summary, and take the
 * ten-minute automatic snapshot when it is due, as writeChapter does.
 */
export function writeChapterBlocks(
  ctx: ChapterContext,
  id: string,
  range: { from: number; to: number; blocks: readonly DocNode[] },
  summary: ChapterSummary,
  baseVersion?: number
): { version: number; savedAt: string } {
  const store = ctx.session.store()
  const saved = store.patchChapter(id, range.from, range.to, range.blocks, summary, baseVersion)
  autoRevision(ctx, store, id)
  return saved
}

/** The automatic snapshot, at most every AUTO_REVISION_MS while a chapter is edited (in the store the save just used). */
function autoRevision(ctx: ChapterContext, store: ReportStore, id: string): void {
  const last = store.lastRevisionAt(id)
  if (!last || ctx.now().getTime() - Date.parse(last) >= AUTO_REVISION_MS) store.addRevision(id, 'auto')
}
