import { z } from 'zod'
import type { DocNode } from '../model/doc'
import type { ChapterListItem, ChapterRecord, ReportState } from '../model/report'
import { call, DocNodeSchema, Id, Title } from './define'

/**
 * What a save answers: what changed, never the whole report. `stored: false`
 * when the blocks sent no longer fit the stored chapter (it changed behind
 * the editor, or the range is off): nothing was stored, send the whole
 * document (main then keeps what it replaces as a snapshot).
 */
export type SaveResult =
  | {
      stored: true
      version: number
      /** The chapter's entry in the report's outline as stored now (ReportState.chapters); the numbers follow from it. */
      chapter: ChapterListItem
      /** Set when main had to repair the document (missing or duplicate ids, unsafe links): the editor adopts it. */
      normalized: DocNode | null
    }
  | { stored: false }

/** Top-level blocks a chapter may have; a patch never addresses more. */
const MAX_BLOCKS = 100_000
const Index = z.number().int().nonnegative().max(MAX_BLOCKS)

export const chapterCalls = {
  get: call<ChapterRecord>()(z.object({ id: Id }).strict()),
  /**
   * Store what the editor changed in a chapter, in one transaction: either
   * the whole document (`doc`), or the top-level blocks [from, to) of the
   * version `baseVersion` replaced by `blocks` (only what changed since the
   * last save, so a save stays small in a long chapter and fits a keepalive
   * request when the page is closing). A whole document whose `baseVersion`
   * is no longer the stored one replaces it after the stored text is kept as
   * a snapshot (历史版本). `leaving`: the editor closes the chapter (a chapter
   * switch), so the snapshot of the chapter as left is taken too; with
   * nothing changed only the snapshot is taken.
   */
  save: call<SaveResult>()(
    z
      .object({
        id: Id,
        baseVersion: z.number().int().nonnegative().optional(),
        doc: DocNodeSchema.optional(),
        from: Index.optional(),
        to: Index.optional(),
        blocks: z.array(DocNodeSchema).max(MAX_BLOCKS).optional(),
        leaving: z.boolean().optional()
      })
      .strict()
      .refine((v) => !(v.doc && (v.blocks || v.from !== undefined || v.to !== undefined)), '参数无效：整章内容和修改的段落只能给一种。')
      .refine(
        (v) => (v.blocks === undefined) === (v.from === undefined) && (v.from === undefined) === (v.to === undefined),
        '参数无效：修改的段落须同时给出 from、to 和 blocks。'
      )
      .refine((v) => v.blocks === undefined || v.baseVersion !== undefined, '参数无效：修改的段落须注明所依据的版本 baseVersion。')
      .refine((v) => v.doc !== undefined || v.blocks !== undefined || v.leaving === true, '参数无效：没有要保存的内容。')
  ),
  add: call<ReportState>()(z.object({ title: Title, kind: z.enum(['chapter', 'appendix']).default('chapter'), afterId: Id.optional() }).strict()),
  rename: call<ReportState>()(z.object({ id: Id, title: Title }).strict()),
  remove: call<ReportState>()(z.object({ id: Id }).strict()),
  move: call<ReportState>()(z.object({ id: Id, toIndex: z.number().int().nonnegative().max(10_000) }).strict()),
  /**
   * Move a section (heading and everything under it) to another chapter, in
   * one transaction: before `beforeHeadingId` there, or at its end. Both
   * chapters must have been saved first.
   */
  moveSection: call<ReportState>()(
    z.object({ chapterId: Id, headingId: Id, toChapterId: Id, beforeHeadingId: Id.optional() }).strict()
  ),
  /** Move a case to another chapter (or elsewhere in its own): at the end of section `afterHeadingId`, or of the chapter. */
  moveCase: call<ReportState>()(z.object({ caseId: Id, toChapterId: Id, afterHeadingId: Id.optional() }).strict())
}
