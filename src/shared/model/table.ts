/**
 * A report table (表 N-M) as stored in its own row (report_table), not in the
 * chapter text. Cells hold what the editor typed; displayed values are
 * computed (see src/main/data). The grid is addressed like a spreadsheet:
 * A1 is the top-left cell, header rows included.
 */
export type CellFormat =
  | { kind: 'general' }
  /** 18.28 */
  | { kind: 'fixed'; decimals: number }
  /** 95.56% (the value is already in percent points) */
  | { kind: 'percent'; decimals: number }
  /** +1.45 / -0.01 / 0 */
  | { kind: 'change'; decimals: number }
  /** ↑ 0.69 / ↓ 0.10 */
  | { kind: 'arrow'; decimals: number }
  /** 18.28:1 */
  | { kind: 'ratio'; decimals: number }
  /** In prose: 增加 2199 / 减少 54 / 持平 (the words can be changed, e.g. 上升/下降). */
  | { kind: 'trend'; decimals: number; up?: string; down?: string }

export type CellAlign = 'left' | 'center' | 'right'

export interface TableCell {
  /** Text, a number, or a formula starting with "=" (Excel syntax, over cells, other tables and indicators). */
  input: string
  format?: CellFormat
  align?: CellAlign
  /**
   * A derived cell that shows a number as printed instead of its formula's
   * result (the import's “保留原文数字”): the formula it would follow. The
   * cell is marked (ResolvedCell.finding) while the two disagree.
   */
  derived?: string
}

export interface TableMerge {
  row: number
  col: number
  rowSpan: number
  colSpan: number
}

export interface ReportTableSpec {
  id: string
  caption: string
  /** 数据来源 line under the table; empty when none. */
  note: string
  /** Rows at the top that form the header (repeated on each page in Word). */
  headerRows: number
  /** Relative column widths (any unit; only ratios matter). */
  columnWidths: number[]
  rows: TableCell[][]
  merges: TableMerge[]
}

/** A table as displayed: every cell computed and formatted. */
export interface ResolvedCell {
  text: string
  align: CellAlign
  /** A Chinese explanation when the cell's formula fails (#REF!, division by zero, a cycle…). */
  error?: string
  /** The computed number, when the cell holds one. */
  value?: number | null
  /** The cell waits for data: an indicator it uses has no value for that year yet (shown empty, marked for input). */
  missing?: boolean
  /** The cell shows one indicator for one year (its input is exactly 指标("…",年)): typing a number sets that indicator. */
  binding?: { indicator: string; year: number }
  /** The cell's input is a formula. */
  formula?: boolean
  /** A kept printed value that disagrees with the formula it would follow (TableCell.derived), in Chinese. */
  finding?: string
  /** With `finding`: what the formula gives, as the cell would read it. */
  computed?: string
}

export interface ResolvedTable {
  id: string
  /** "1-2", or null in an appendix. */
  number: string | null
  caption: string
  note: string
  headerRows: number
  columnWidths: number[]
  rows: ResolvedCell[][]
  merges: TableMerge[]
}

/**
 * A table's row or column label split into its name and the unit written
 * after it: "教职工数（人）" → 教职工数, 人; "占比/%" → 占比, %. Spaces are
 * dropped; the unit is as written (callers map 百分比 and the like).
 */
export function splitLabelUnit(label: string): { name: string; unit: string } {
  let name = label.replace(/\s+/g, '')
  let unit = ''
  const m = /[（(]([^（）()]{1,8})[)）]$/.exec(name)
  if (m) {
    unit = m[1]
    name = name.slice(0, m.index)
  }
  const pct = /[/／]?[%％]$/.exec(name)
  if (pct) {
    unit ||= '%'
    name = name.slice(0, pct.index)
  }
  return { name, unit }
}
