import { parseTypedNumber } from '@shared/model/format'
import type { ResolvedCell } from '@shared/model/table'
import { parseTsv, type CellPos, type Rect } from './grid'
import type { CellInput, IndicatorValue } from './tableChanges'

/** Cells as tab-separated text (Excel, WPS), as displayed. */
export function selectionText(rows: ResolvedCell[][], rect: Rect): string {
  const lines: string[] = []
  for (let r = rect.r0; r <= rect.r1; r++) {
    const cells: string[] = []
    for (let c = rect.c0; c <= rect.c1; c++) cells.push(rows[r]?.[c]?.text ?? '')
    lines.push(cells.join('\t'))
  }
  return lines.join('\n')
}

/**
 * What pasting tab-separated text at `at` changes: cell inputs, and where a
 * cell shows an indicator, a pasted number (or nothing) as its value.
 * What falls outside the table is left out.
 */
export function pastedCells(rows: ResolvedCell[][], at: CellPos, text: string, rowCount: number, colCount: number): { inputs: CellInput[]; values: IndicatorValue[] } {
  const inputs: CellInput[] = []
  const values: IndicatorValue[] = []
  parseTsv(text).forEach((line, i) =>
    line.forEach((t, j) => {
      const r = at.r + i
      const c = at.c + j
      if (r >= rowCount || c >= colCount) return
      const b = rows[r]?.[c]?.binding
      const n = parseTypedNumber(t)
      if (b && (n !== null || t.trim() === '')) values.push({ indicator: b.indicator, year: b.year, value: n })
      else inputs.push({ row: r, col: c, input: t })
    })
  )
  return { inputs, values }
}
