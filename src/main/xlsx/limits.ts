import type { ZipLimits } from '../untrusted/zip'

/**
 * Every bound a workbook from outside is read under. A workbook is hostile
 * until checked: the caps on sizes apply to what the zip's central directory
 * declares, before anything is inflated; rows and cells are counted while a
 * sheet is parsed, so a sheet of a million rows is refused without being
 * held in memory.
 */
export interface XlsxLimits extends ZipLimits {
  /** Declared uncompressed size of one XML part (a sheet, the shared strings). */
  maxPartBytes: number
  /** Worksheets in one workbook. */
  maxSheets: number
  /** Rows of one worksheet (by the highest row number used). */
  maxRows: number
  /** Columns of one worksheet. */
  maxCols: number
  /** Cells with content in the whole workbook. */
  maxCells: number
  /** Shared strings. */
  maxStrings: number
  /** Merged ranges of one worksheet. */
  maxMerges: number
  /** Characters of one cell's text. */
  maxCellChars: number
}

export const XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxEntries: 2000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxPartBytes: 64 * 1024 * 1024,
  maxRatio: 200,
  maxSheets: 100,
  maxRows: 100_000,
  maxCols: 1000,
  maxCells: 2_000_000,
  maxStrings: 500_000,
  maxMerges: 10_000,
  maxCellChars: 32_767,
  maxXmlDepth: 64
}

export function xlsxLimits(patch?: Partial<XlsxLimits>): XlsxLimits {
  return { ...XLSX_LIMITS, ...patch }
}
