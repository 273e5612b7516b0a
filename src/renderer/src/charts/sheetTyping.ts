import { sheetChartData } from '@shared/charts/data'
import type { ChartData } from '@shared/charts/model'
import type { TableView } from '@shared/contract/data'
import { parseTypedNumber } from '@shared/model/format'
import type { TableData } from '../data/table/tableChanges'

/** Numbers typed into a chart's data sheet and not stored yet, by cell ("row:col"); null: the cell was emptied. */
export type PendingCells = ReadonlyMap<string, number | null>

/** No number typed and waiting to be stored. */
export const NOTHING_TYPED: PendingCells = new Map()

export const cellKey = (row: number, col: number) => `${row}:${col}`

/** The number a typed input shows at once: a number, or empty; undefined for a formula or words (known once computed). */
function typedNumber(input: string): number | null | undefined {
  const t = input.trim()
  if (t === '') return null
  if (t.startsWith('=')) return undefined
  return parseTypedNumber(t) ?? undefined
}

/**
 * A chart sheet's table changes, passed on to `base` (stored as any table's),
 * with what they set told at once: the chart dialog's preview redraws from
 * the typed numbers in the same frame, not after the value has been stored
 * and the data layer's change has come back. Each number is forgotten again
 * once its change is done (the sheet then shows the stored value, or what
 * refused it).
 */
export function typingIntoSheet(base: TableData, view: () => TableView | null, onPending: (cells: PendingCells) => void): TableData {
  const pending = new Map<string, number | null>()
  const tell = () => onPending(new Map(pending))
  const around = async (cells: { key: string; value: number | null }[], store: () => Promise<boolean>) => {
    for (const c of cells) pending.set(c.key, c.value)
    if (cells.length) tell()
    try {
      return await store()
    } finally {
      let changed = false
      for (const c of cells) {
        if (pending.get(c.key) === c.value) changed = pending.delete(c.key) || changed
      }
      if (changed) tell()
    }
  }
  return {
    ...base,
    setCells: (id, cells) =>
      around(
        cells.flatMap((c) => {
          // A change of format or alignment only keeps the number.
          const value = c.input === undefined ? undefined : typedNumber(c.input)
          return value === undefined ? [] : [{ key: cellKey(c.row, c.col), value }]
        }),
        () => base.setCells(id, cells)
      ),
    setValues: (values) => {
      const v = view()
      // An indicator typed into a cell that shows it: every cell of the sheet showing that indicator and year.
      const cells = v
        ? values.flatMap((x) =>
            v.resolved.rows.flatMap((row, r) => row.flatMap((cell, c) => (cell.binding?.indicator === x.indicator && cell.binding.year === x.year ? [{ key: cellKey(r, c), value: x.value }] : [])))
          )
        : []
      return around(cells, () => base.setValues(values))
    }
  }
}

/**
 * A chart's own sheet read as main's engine reads it (`sheetChartData`),
 * with the numbers typed and not stored yet in place of the stored ones: the
 * chart dialog's preview and the chart in the chapter draw from it while the
 * sheet is being typed in.
 */
export function typedSheetChartData(view: TableView, seriesIn: 'rows' | 'columns', pending: PendingCells): ChartData {
  const rows = view.resolved.rows
  return sheetChartData(
    {
      rows: rows.length,
      cols: Math.max(0, ...rows.map((r) => r.length)),
      label: (r, c) => rows[r]?.[c]?.text.trim() ?? '',
      value: (r, c) => {
        const typed = pending.get(cellKey(r, c))
        if (typed !== undefined) return typed
        const v = rows[r]?.[c]?.value
        return typeof v === 'number' ? v : null
      }
    },
    seriesIn
  )
}
