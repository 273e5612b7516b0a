import { z } from 'zod'
import type { ReportState } from '../model/report'
import type { SaveResult } from './chapter'
import { call, DocNodeSchema, Id } from './define'

export interface DeletedChapterInfo {
  chapterId: string
  title: string
  /** The snapshot taken when it was deleted: restore it with revision.restore. */
  revisionId: number
  deletedAt: string
  words: number
}


/** Top-level blocks a chapter may have; a patch never addresses more. */
const MAX_BLOCKS = 100_000

/**
 * Calls the chapter editor needs beyond plain chapter saving. A patch save
 * sends only the top-level blocks that changed since the last save, so a
 * save stays small in a long chapter (and fits a keepalive request when the
 * page is closing).
 */
export const editorCalls = {
  /** Replace the stored chapter's top-level blocks [from, to) by `blocks`; the stored version must be `baseVersion`. */
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
  /**
   * Move a section (heading and everything under it) to another chapter, in
   * one transaction: before `beforeHeadingId` there, or at its end. Both
   * chapters must have been saved first.
   */
  moveSection: call<ReportState>()(
    z.object({ chapterId: Id, headingId: Id, toChapterId: Id, beforeHeadingId: Id.optional() }).strict()
  ),
  /** Move a case to another chapter (or elsewhere in its own): at the end of section `afterHeadingId`, or of the chapter. */
  moveCase: call<ReportState>()(z.object({ caseId: Id, toChapterId: Id, afterHeadingId: Id.optional() }).strict()),
  /** Deleted chapters that can be brought back from history. */
  deletedChapters: call<DeletedChapterInfo[]>()(z.object({}).strict().optional())
}
