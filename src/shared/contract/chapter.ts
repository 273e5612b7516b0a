import { z } from 'zod'
import type { DocNode } from '../model/doc'
import type { ChapterRecord, ReportState } from '../model/report'
import type { ChapterSummary } from '../model/summary'
import { call, DocNodeSchema, Id, Title } from './define'

export interface SaveResult {
  version: number
  savedAt: string
  summary: ChapterSummary
  state: ReportState
  /** Set when main had to repair the document (missing or duplicate ids, unsafe links): the editor adopts it. */
  normalized: DocNode | null
}

/** Top-level blocks a chapter may have; a patch never addresses more. */
const MAX_BLOCKS = 100_000

export const chapterCalls = {
  get: call<ChapterRecord>()(z.object({ id: Id }).strict()),
  save: call<SaveResult>()(z.object({ id: Id, doc: DocNodeSchema, baseVersion: z.number().int().nonnegative().optional() }).strict()),
  /**
   * Replace the stored chapter's top-level blocks [from, to) by `blocks`; the
   * stored version must be `baseVersion`. A patch sends only the blocks that
   * changed since the last save, so a save stays small in a long chapter (and
   * fits a keepalive request when the page is closing).
   */
  savePatch: call<SaveResult>()(
    z
      .object({
        id: Id,
        baseVersion: z.number().int().nonnegative(),
        from: z.number().int().nonnegative().max(MAX_BLOCKS),
        to: z.number().int().nonnegative().max(MAX_BLOCKS),
        blocks: z.array(DocNodeSchema).max(MAX_BLOCKS)
      })
      .strict()
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
