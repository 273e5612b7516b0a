import type { ChartData } from './model'
import { parseRange } from '../model/cellAddress'
import type { TableMerge } from '../model/table'

/**
 * A chart's numbers read from a grid of cells (a report table, or a chart's
 * own data sheet): the first row and first column of the range are labels,
 * each further column (or row) a series. The same reading serves the formula
 * engine (main) and anything else that holds a grid.
 */
export interface Rect {
  r0: number
  c0: number
  r1: number
  c1: number
}

export interface GridReader {
  rows: number
  cols: number
  /** The text a cell shows, trimmed. */
  label(r: number, c: number): string
  /** The number a cell holds; null when empty, text, missing or an error. */
  value(r: number, c: number): number | null
}

/** "A1:A4,E1:E4" → its rectangles; null when any part is not a range. */
export function parseAreas(range: string): Rect[] | null {
  const parts = range.split(',').map((p) => p.trim())
  if (parts.length === 0 || parts.length > 8) return null
  const out: Rect[] = []
  for (const p of parts) {
    const r = parseRange(p)
    if (!r) return null
    out.push(r)
  }
  return out
}

/**
 * The chart data of areas of a grid. Several areas are read as one: with
 * series in columns they must span the same rows (the first column of the
 * first area holds the categories), with series in rows the same columns.
 */
export function gridChartData(grid: GridReader, areas: Rect[], seriesIn: 'rows' | 'columns', range = ''): ChartData {
  const none = (error: string): ChartData => ({ categories: [], series: [], error })
  if (areas.length === 0) return none('图表没有数据区域。')
  const first = areas[0]
  for (const a of areas) {
    if (a.r0 >= grid.rows || a.c0 >= grid.cols) return none(`区域“${range}”超出了表格的范围。`)
    if (seriesIn === 'columns' ? a.r0 !== first.r0 || a.r1 !== first.r1 : a.c0 !== first.c0 || a.c1 !== first.c1) {
      return none(`区域“${range}”的几部分${seriesIn === 'columns' ? '行' : '列'}数不一致，无法组成一幅图。`)
    }
  }
  const categories: string[] = []
  const series: ChartData['series'] = []
  if (seriesIn === 'columns') {
    for (let r = first.r0 + 1; r <= first.r1; r++) categories.push(grid.label(r, first.c0))
    areas.forEach((a, i) => {
      for (let c = i === 0 ? a.c0 + 1 : a.c0; c <= a.c1; c++) {
        const values: (number | null)[] = []
        for (let r = first.r0 + 1; r <= first.r1; r++) values.push(grid.value(r, c))
        series.push({ name: grid.label(first.r0, c), values })
      }
    })
  } else {
    for (let c = first.c0 + 1; c <= first.c1; c++) categories.push(grid.label(first.r0, c))
    areas.forEach((a, i) => {
      for (let r = i === 0 ? a.r0 + 1 : a.r0; r <= a.r1; r++) {
        const values: (number | null)[] = []
        for (let c = first.c0 + 1; c <= first.c1; c++) values.push(grid.value(r, c))
        series.push({ name: grid.label(r, first.c0), values })
      }
    })
  }
  return { categories, series }
}

/**
 * A chart's own data sheet read whole: rows and columns left empty at the
 * end (a row inserted for next year, not yet filled) are not part of it.
 */
export function sheetChartData(grid: GridReader, seriesIn: 'rows' | 'columns'): ChartData {
  const filled = (r: number, c: number) => grid.label(r, c) !== '' || grid.value(r, c) !== null
  let r1 = grid.rows - 1
  let c1 = grid.cols - 1
  const rowUsed = (r: number) => Array.from({ length: c1 + 1 }, (_, c) => c).some((c) => filled(r, c))
  const colUsed = (c: number) => Array.from({ length: r1 + 1 }, (_, r) => r).some((r) => filled(r, c))
  while (r1 > 0 && !rowUsed(r1)) r1--
  while (c1 > 0 && !colUsed(c1)) c1--
  if (r1 < 1 || c1 < 1) return { categories: [], series: [] }
  return gridChartData(grid, [{ r0: 0, c0: 0, r1, c1 }], seriesIn)
}

/**
 * A report table's cell as a chart label. A cell inside a merge reads the
 * merge's text (a name written once over several rows or columns); a cell
 * of a lower header row reads the header rows above it too, top down
 * ("硕士以上学历（人） 人数" under a group heading, "2020 年 人" over a
 * row of units), so series are named whole and told apart.
 */
export function tableCellLabel(text: (r: number, c: number) => string, merges: readonly TableMerge[], headerRows: number, r: number, c: number): string {
  const anchored = (row: number) => {
    const g = merges.find((m) => row >= m.row && row < m.row + m.rowSpan && c >= m.col && c < m.col + m.colSpan)
    return g ? { key: `${g.row},${g.col}`, text: text(g.row, g.col) } : { key: `${row},${c}`, text: text(row, c) }
  }
  if (r >= headerRows) return anchored(r).text
  const parts: { key: string; text: string }[] = []
  for (let row = 0; row <= r; row++) {
    const cell = anchored(row)
    if (cell.text && !parts.some((p) => p.key === cell.key || p.text === cell.text)) parts.push(cell)
  }
  return parts.map((p) => p.text).join(' ')
}
