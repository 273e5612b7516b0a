/** A1 references: column letters ↔ 0-based indexes. */

export function colName(col: number): string {
  let s = ''
  let n = col + 1
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

export function cellName(row: number, col: number): string {
  return `${colName(col)}${row + 1}`
}

/** "B12" → { row: 11, col: 1 }; null for anything else (a reference from a file is checked, never trusted). */
export function parseCellName(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.trim().toUpperCase())
  if (!m) return null
  let col = 0
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64)
  const row = Number(m[2])
  if (row < 1) return null
  return { row: row - 1, col: col - 1 }
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
  return `${cellName(r.top, r.left)}:${cellName(r.bottom, r.right)}`
}
