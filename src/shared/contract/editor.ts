import { z } from 'zod'
import type { SaveResult } from './chapter'
import { call, DocNodeSchema, Id } from './define'

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
  )
}
