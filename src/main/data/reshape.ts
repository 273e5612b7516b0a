import type { ReportTableSpec, TableCell, TableMerge } from '@shared/model/table'

/**
 * Inserting or removing rows and columns in a table's grid, with its merged
 * cells and column widths following. (The engine moves formula references;
 * this moves the spec's own layout.)
 */
export type ReshapeOp = { kind: 'insertRows' | 'removeRows' | 'insertCols' | 'removeCols'; at: number; count: number }

const empty = (): TableCell => ({ input: '' })

export function reshapeSpec(spec: ReportTableSpec, op: ReshapeOp): ReportTableSpec {
  const width = Math.max(1, ...spec.rows.map((r) => r.length))
  const rows = spec.rows.map((r) => [...r])
  let merges = spec.merges.map((m) => ({ ...m }))
  let columnWidths = [...spec.columnWidths]
  let headerRows = spec.headerRows
  const { at, count } = op
  switch (op.kind) {
    case 'insertRows': {
      // A new row copies the formats of the row above it (or below, at the top), as a spreadsheet does.
      const model = rows[Math.max(0, at - 1)] ?? rows[0]
      const fresh = Array.from({ length: count }, () => Array.from({ length: width }, (_, c) => ({ ...empty(), ...(model?.[c]?.format ? { format: model[c].format } : {}), ...(model?.[c]?.align ? { align: model[c].align } : {}) })))
      rows.splice(at, 0, ...fresh)
      merges = merges.map((m) => shiftInsert(m, 'row', at, count))
      if (at < headerRows) headerRows += count
      break
    }
    case 'removeRows': {
      rows.splice(at, count)
      merges = merges.flatMap((m) => shiftRemove(m, 'row', at, count))
      if (at < headerRows) headerRows = Math.max(0, headerRows - Math.min(count, headerRows - at))
      break
    }
    case 'insertCols': {
      for (const r of rows) r.splice(at, 0, ...Array.from({ length: count }, empty))
      merges = merges.map((m) => shiftInsert(m, 'col', at, count))
      const w = columnWidths[Math.max(0, at - 1)] ?? 1
      columnWidths.splice(Math.min(at, columnWidths.length), 0, ...Array.from({ length: count }, () => w))
      break
    }
    case 'removeCols': {
      for (const r of rows) r.splice(at, count)
      merges = merges.flatMap((m) => shiftRemove(m, 'col', at, count))
      columnWidths = columnWidths.filter((_, i) => i < at || i >= at + count)
      break
    }
  }
  return { ...spec, rows, merges: merges.filter((m) => m.rowSpan * m.colSpan > 1), columnWidths, headerRows }
}

function shiftInsert(m: TableMerge, axis: 'row' | 'col', at: number, count: number): TableMerge {
  const start = axis === 'row' ? m.row : m.col
  const span = axis === 'row' ? m.rowSpan : m.colSpan
  if (at <= start) return axis === 'row' ? { ...m, row: m.row + count } : { ...m, col: m.col + count }
  if (at < start + span) return axis === 'row' ? { ...m, rowSpan: m.rowSpan + count } : { ...m, colSpan: m.colSpan + count }
  return m
}

function shiftRemove(m: TableMerge, axis: 'row' | 'col', at: number, count: number): TableMerge[] {
  const start = axis === 'row' ? m.row : m.col
  const span = axis === 'row' ? m.rowSpan : m.colSpan
  const end = start + span // exclusive
  const rEnd = at + count
  const overlap = Math.max(0, Math.min(end, rEnd) - Math.max(start, at))
  const newSpan = span - overlap
  const newStart = start < at ? start : Math.max(at, start - count)
  if (newSpan <= 0) return []
  return [axis === 'row' ? { ...m, row: newStart, rowSpan: newSpan } : { ...m, col: newStart, colSpan: newSpan }]
}

/** Check merges against the grid: inside it and not overlapping each other. Returns a Chinese message or null. */
export function checkMerges(spec: Pick<ReportTableSpec, 'rows' | 'merges'>): string | null {
  const rows = spec.rows.length
  const cols = Math.max(...spec.rows.map((r) => r.length))
  const taken = new Set<string>()
  for (const m of spec.merges) {
    if (m.row + m.rowSpan > rows || m.col + m.colSpan > cols) return '合并的单元格超出了表格范围。'
    for (let r = m.row; r < m.row + m.rowSpan; r++)
      for (let c = m.col; c < m.col + m.colSpan; c++) {
        const k = `${r},${c}`
        if (taken.has(k)) return '合并的单元格区域互相重叠。'
        taken.add(k)
      }
  }
  return null
}

/** Make every row as wide as the widest and the column widths match. */
export function squareSpec(spec: ReportTableSpec): ReportTableSpec {
  const width = Math.max(1, ...spec.rows.map((r) => r.length))
  const rows = spec.rows.map((r) => (r.length < width ? [...r, ...Array.from({ length: width - r.length }, empty)] : r))
  const columnWidths = Array.from({ length: width }, (_, i) => spec.columnWidths[i] ?? 1)
  return { ...spec, rows, columnWidths }
}
