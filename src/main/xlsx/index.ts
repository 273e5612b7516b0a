/**
 * .xlsx reading and writing (see read.ts, write.ts). Reading is hardened the
 * way the .docx import is: limits checked before inflating, no DOCTYPE, no
 * macros, no external links, bounded rows and cells.
 */
export { readXlsx, cellAt, mergeAt, type CellValue, type XlsxCell, type XlsxSheet, type XlsxWorkbook } from './read'
export { xmlEscape } from './xmlEscape'
export { writeXlsx, safeSheetName, type WriteBook, type WriteSheet, type WriteCell, type CellStyle, type NumberValidation } from './write'
export { XlsxFailure, type XlsxFailureKind } from './errors'
export { XLSX_LIMITS, xlsxLimits, type XlsxLimits } from './limits'
export { parseCellName, parseRange, rangeName, type CellRange } from './cellRef'
