import { z } from 'zod'
import type { ReportState } from '../model/report'
import type { Snippet } from '../model/textSearch'
import { call, Id } from './define'

export interface ChapterHits {
  chapterId: string
  count: number
  snippets: Snippet[]
}

const Query = z.string().min(1, '请输入要查找的内容').max(200, '查找内容过长')

/** 查找和替换 across the report's stored chapters (the open chapter is searched in the editor). */
export const searchCalls = {
  find: call<{ chapters: ChapterHits[]; total: number }>()(
    z.object({ query: Query, matchCase: z.boolean().default(false), exceptChapterId: Id.optional() }).strict()
  ),
  /**
   * Replace in the given chapters, in one transaction; each changed chapter
   * is snapshotted first (历史版本) so a replacement can be undone.
   */
  replaceAll: call<{ replaced: number; chapters: number; state: ReportState }>()(
    z
      .object({
        query: Query,
        replacement: z.string().max(200, '替换内容过长'),
        matchCase: z.boolean().default(false),
        chapterIds: z.array(Id).min(1).max(1000)
      })
      .strict()
  )
}
