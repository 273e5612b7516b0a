import { z } from 'zod'
import { call, FileName, FilePath, Year } from './define'
import { DocxUpload, type ImportResult } from './import'

/** The report chosen as last year's, as read from its file. */
export interface LastYearReport {
  fileName: string
  title: string
  /** Its 数据年度 (a .docx: as its import reads it). */
  year: number
}

/**
 * 从上一年报告新建: this year's report made from last year's (a .nianbao, or
 * a .docx imported first). The result is the new report's state and its
 * import report, whose `rollover` says from which year to which.
 */
export const rolloverCalls = {
  /**
   * 从上一年报告新建: from the open report, a listed .nianbao (path), a .docx
   * upload, or a file chosen in the native dialog; a new report for `year`.
   */
  create: call<ImportResult | null>()(
    z
      .object({
        year: Year,
        source: z.enum(['current', 'path', 'upload', 'dialog']),
        path: FilePath.optional(),
        upload: DocxUpload.optional(),
        fileName: FileName.optional()
      })
      .strict()
  ),
  /**
   * 从上一年报告新建, before 新建: the data year of the report chosen as last
   * year's (a listed .nianbao, a .docx upload, or a file chosen in the native
   * dialog, which the following rollover.create with source 'dialog' then uses), so
   * the dialog proposes the year after it. Null when a dialog was cancelled.
   */
  lastYear: call<LastYearReport | null>()(
    z
      .object({
        source: z.enum(['path', 'upload', 'dialog']),
        path: FilePath.optional(),
        upload: DocxUpload.optional()
      })
      .strict()
  )
}
