import { z } from 'zod'
import type { ReportState } from '../model/report'
import type { DataDelta } from './data'
import { Base64, call, Empty, FileName, Id } from './define'

/**
 * Importing last year's report (.docx). The import report (导入报告) says what was found, what was left
 * out and every inconsistency of the old document, with its place.
 */
export interface ImportCounts {
  /** Numbered chapters. */
  chapters: number
  /** Unnumbered chapters: 附件, 前言. */
  appendices: number
  /** Headings below chapter level. */
  headings: number
  cases: number
  /** Numbered tables (表 N-M); tables in appendices are counted in appendixTables. */
  tables: number
  appendixTables: number
  /** Numbered figures (图 N-M). */
  figures: number
  /** Word charts that became live charts (图表), whose numbers are data of the report; reports imported before charts were read lack it. */
  charts?: number
  /** Pictures placed in the report: photos and image figures. */
  images: number
  /** Photos (in cases and in the text). */
  photos: number
  /** References in the text turned into live cross-references. */
  crossRefs: number
  /** Derived table cells turned into formulas. */
  formulas: number
  /** Numbers in the text turned into live data fields (体检 is sure they quote the data); absent in reports imported before 体检. */
  fields?: number
}

export interface ImportIssue {
  /** Stable code for programs, e.g. HEADING_NUMBER_DUPLICATE. */
  code: string
  /** Where in the old document: chapter, section and paragraph. */
  place: string
  /** What is wrong, in Chinese, quoting the numbers involved. */
  message: string
  /** A printed value that its formula contradicts: which of the two the table shows (the user chooses, per cell). */
  cell?: ValueChoice
  /** Where it is in the new report, to go there: the chapter, and the heading, case, table or figure at or before the place. */
  target?: IssueTarget
}

export interface IssueTarget {
  chapterId: string
  /** A heading, case, table or figure of that chapter; absent: the chapter's start. */
  id?: string
}

/**
 * A derived cell whose printed value differs from its formula's result
 * (表 3-3 printed 44, the formula gives 42). The import keeps the printed
 * value and remembers the formula; the user may take the computed one.
 */
export interface ValueChoice {
  tableId: string
  /** 0-based cell position in the table, header rows included. */
  row: number
  col: number
  /** A1 address, as the message names it. */
  address: string
  /** As printed (“↑ 16”) and as computed (“↑ 15”), in the cell's format. */
  printed: string
  computed: string
  /** The printed number as the kept cell holds it. */
  printedValue: number
  formula: string
  /** 'printed': the table shows the printed value (marked while it disagrees); 'computed': the cell is the formula. */
  choice: 'printed' | 'computed'
}

export interface ImportReport {
  source: { fileName: string; bytes: number }
  /** ISO time of the import. */
  importedAt: string
  counts: ImportCounts
  /** Where the old document contradicts itself: numbering, lists, printed values. */
  inconsistencies: ImportIssue[]
  /** What was changed or could not be carried over. */
  warnings: ImportIssue[]
  /** What was recognised and deliberately not imported as content (cover, old lists …). */
  dropped: ImportIssue[]
  /** Set when the report was rolled over from this import. */
  rollover?: { fromYear: number; toYear: number; at: string }
}

export interface ImportResult {
  state: ReportState
  report: ImportReport
}

/** Largest .docx accepted through an upload (the browser host and drag-and-drop). */
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024

/** A .docx handed over by the page (the browser host, drag and drop). */
export const DocxUpload = z
  .object({
    name: FileName,
    /** The file's bytes as base64. */
    data: Base64.max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4, '文件太大，导入的文件不能超过 40 MB')
  })
  .strict()

export const importCalls = {
  /**
   * 导入上一年报告: a .docx chosen in the native dialog (Electron, no upload)
   * or uploaded; the new report is saved next to it (dialog) or in the
   * workspace (browser). Null when a dialog was cancelled.
   */
  docx: call<ImportResult | null>()(z.object({ upload: DocxUpload.optional(), fileName: FileName.optional() }).strict()),
  /**
   * 保留原文数字 / 采用计算值 for one cell listed in the import report: the
   * table cell becomes the printed number (its formula remembered) or the
   * formula, and the choice is stored in the report's import report.
   */
  chooseValue: call<{ report: ImportReport; delta: DataDelta }>()(
    z
      .object({
        tableId: Id,
        row: z.number().int().min(0).max(10_000),
        col: z.number().int().min(0).max(1_000),
        choice: z.enum(['printed', 'computed'])
      })
      .strict()
  ),
  /** The import report stored in the open report, or null when it was not imported. */
  report: call<ImportReport | null>()(Empty),
  /** The user is about to choose a document: start the import worker now, so its start-up is not waited for. */
  prepare: call<{ ok: true }>()(Empty)
}
