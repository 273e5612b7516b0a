/** Spreadsheet (A1) addressing of report table cells, the same in the engine (main) and the table editor (renderer). */

/** A → 0, Z → 25, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

export function columnName(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const m = (n - 1) % 26
    s = String.fromCharCode(65 + m) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/** "A1:C5" → zero-based inclusive bounds, normalised so r0 ≤ r1, c0 ≤ c1. */
export function parseRange(range: string): { r0: number; c0: number; r1: number; c1: number } | null {
  const m = /^([A-Za-z]{1,2})(\d{1,4}):([A-Za-z]{1,2})(\d{1,4})$/.exec(range.trim())
  if (!m) return null
  const a = { r: Number(m[2]) - 1, c: columnIndex(m[1]) }
  const b = { r: Number(m[4]) - 1, c: columnIndex(m[3]) }
  if (a.r < 0 || b.r < 0) return null
  return { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) }
}

export function cellAddress(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`
}
