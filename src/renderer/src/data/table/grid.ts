import type { TableMerge } from '@shared/model/table'
import { columnName } from '@shared/model/cellAddress'

/** Grid helpers for the report table view: addresses, selections and merged cells. */
export interface CellPos {
  r: number
  c: number
}

export interface Selection {
  anchor: CellPos
  focus: CellPos
}

export interface Rect {
  r0: number
  c0: number
  r1: number
  c1: number
}

export function rectOf(s: Selection): Rect {
  return { r0: Math.min(s.anchor.r, s.focus.r), r1: Math.max(s.anchor.r, s.focus.r), c0: Math.min(s.anchor.c, s.focus.c), c1: Math.max(s.anchor.c, s.focus.c) }
}

export function address(p: CellPos): string {
  return `${columnName(p.c)}${p.r + 1}`
}

export function rangeText(r: Rect): string {
  return r.r0 === r.r1 && r.c0 === r.c1 ? address({ r: r.r0, c: r.c0 }) : `${address({ r: r.r0, c: r.c0 })}:${address({ r: r.r1, c: r.c1 })}`
}

/** For each cell: 'anchor' with its spans, 'covered' (inside a merge, not drawn), or absent (a plain cell). */
/**
 * The range 生成图表 starts from: the selection with its row and column
 * names (the header row: series; the first column: categories), even when
 * only figures were selected; without a selection of several cells, the
 * first three columns of the table, from its last header row.
 */
export function chartRangeOf(sel: Rect | null, table: { headerRows: number; rows: number; cols: number }): string {
  if (sel && (sel.r0 !== sel.r1 || sel.c0 !== sel.c1)) return rangeText({ r0: Math.min(sel.r0, Math.max(0, table.headerRows - 1)), c0: 0, r1: sel.r1, c1: sel.c1 })
  // Under several header rows the names are read from the last one (with the group above it).
  return `${address({ r: Math.max(0, table.headerRows - 1), c: 0 })}:${address({ r: table.rows - 1, c: Math.min(2, table.cols - 1) })}`
}

export function mergeMap(merges: TableMerge[]): Map<string, { rowSpan: number; colSpan: number } | 'covered'> {
  const m = new Map<string, { rowSpan: number; colSpan: number } | 'covered'>()
  for (const g of merges) {
    for (let r = g.row; r < g.row + g.rowSpan; r++) for (let c = g.col; c < g.col + g.colSpan; c++) m.set(`${r},${c}`, 'covered')
    m.set(`${g.row},${g.col}`, { rowSpan: g.rowSpan, colSpan: g.colSpan })
  }
  return m
}

/** The merge a cell belongs to, if any. */
export function mergeAt(merges: TableMerge[], p: CellPos): TableMerge | undefined {
  return merges.find((g) => p.r >= g.row && p.r < g.row + g.rowSpan && p.c >= g.col && p.c < g.col + g.colSpan)
}

export function intersects(g: TableMerge, r: Rect): boolean {
  return !(g.row + g.rowSpan - 1 < r.r0 || g.row > r.r1 || g.col + g.colSpan - 1 < r.c0 || g.col > r.c1)
}

/** Tab-separated text (Excel, WPS) as a grid of strings. */
export function parseTsv(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
  return lines.map((l) => l.split('\t'))
}
