import { cellAddress, columnIndex } from '@shared/model/cellAddress'

/* A1 references of a workbook's cells and ranges; column letters are src/shared/model/cellAddress.ts's. */

/** "B12" → { row: 11, col: 1 }; null for anything else (a reference from a file is checked, never trusted). */
export function parseCellName(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.trim().toUpperCase())
  if (!m) return null
  const row = Number(m[2])
  if (row < 1) return null
  return { row: row - 1, col: columnIndex(m[1]) }
}

export interface CellRange {
  top: number
  left: number
  bottom: number
  right: number
}

/** "A1:C2" (or a single cell) → a range; null when malformed. */
export function parseRange(ref: string): CellRange | null {
  const [a, b = a] = ref.split(':')
  const p = parseCellName(a)
  const q = parseCellName(b)
  if (!p || !q) return null
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) }
}

export function rangeName(r: CellRange): string {
  return `${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, r.right)}`
}
