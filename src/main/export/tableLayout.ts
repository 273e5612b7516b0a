/**
 * Column widths for Chinese tables. Word's automatic widths squeeze a column
 * of short numbers and let a long school name wrap letter by letter; an
 * editor sets widths by hand. Here: columns the editor sized keep their
 * proportions; otherwise each column gets what its longest line needs (long
 * text capped, so it wraps), never less than its longest unbreakable word,
 * and the rest of the width goes to the columns that wrap. A number never
 * breaks: the floor is measured in the widest font likely to draw it
 * (charEmWidest), and a width given by the editor or an imported document
 * that is narrower is widened.
 */
import type { TableMerge } from '@shared/model/table'
import { CELL_MARGIN_X } from './geometry'
import { charEmWidest } from './textMetrics'

/** Cells are measured as the widest font would set them: what fits there fits everywhere. */
const charEm = charEmWidest

/** A cell's text lines as they stand (hard line breaks kept). */
export interface SizedCell {
  text: string
  /** The cell's first column (cells covered by a merge are absent from a row). */
  col: number
  colSpan: number
}

/** Longest run that cannot be broken (a number, a Latin word), in em. */
function longestUnbreakable(text: string): number {
  let best = 0
  let run = 0
  for (const ch of text) {
    const w = charEm(ch)
    if (w === 1 || ch === ' ' || ch === '\n') {
      best = Math.max(best, run, w === 1 ? 1 : 0)
      run = 0
    } else run += w
  }
  return Math.max(best, run)
}

function longestLine(text: string): number {
  let best = 0
  for (const line of text.split('\n')) {
    let w = 0
    for (const ch of line) w += charEm(ch)
    best = Math.max(best, w)
  }
  return best
}

const MAX_DESIRED_EM = 16
const MIN_EM = 2
/** Cells this short (in em) are never wrapped: "2020 年", "占比/%", "变化情况". */
const SHORT_EM = 4
/** Labels over several columns up to this long (in em) are kept on one line when there is room. */
const MAX_SPANNED_EM = 12

/** The narrowest a cell's column may be without breaking it badly, in em. */
function floorEm(text: string): number {
  const line = longestLine(text)
  return Math.min(MAX_DESIRED_EM, line <= SHORT_EM ? line : Math.max(longestUnbreakable(text), Math.min(line, SHORT_EM)))
}

/**
 * Widths in twips, summing to `total`. `given` are the editor's relative
 * widths (ignored when absent, of the wrong length, or all alike); a given
 * width too narrow for a column's short cells is widened, at the expense of
 * the columns with room to spare.
 */
export function columnWidths(rows: SizedCell[][], columns: number, total: number, fontPt: number, given?: number[]): number[] {
  if (columns <= 0) return []
  const pad = 2 * CELL_MARGIN_X
  const em = fontPt * 20

  const desired = new Array<number>(columns).fill(MIN_EM)
  const minimum = new Array<number>(columns).fill(MIN_EM)
  for (const row of rows) {
    for (const cell of row) {
      const col = cell.col
      if (col < 0 || col >= columns || cell.colSpan > 1) continue
      desired[col] = Math.max(desired[col], Math.min(MAX_DESIRED_EM, longestLine(cell.text)))
      minimum[col] = Math.max(minimum[col], floorEm(cell.text))
    }
  }
  const hard = minimum.map((m) => Math.ceil(m * em + pad))
  const hardSum = hard.reduce((a, b) => a + b, 0)
  if (hardSum >= total) return fit(hard.map((f) => (f / hardSum) * total), total)
  // A short label over several columns ("思想政治课专任教师" over 人数 and 占比) on
  // one line when the table has the room, rather than its last character alone below.
  const floor = spannedFloors(rows, columns, hard, em, pad, total)
  const floorSum = floor.reduce((a, b) => a + b, 0)

  if (given && given.length === columns && given.every((w) => Number.isFinite(w) && w > 0) && new Set(given).size > 1) {
    const sum = given.reduce((a, b) => a + b, 0)
    return fit(raiseToFloors(given.map((w) => (w / sum) * total), floor), total)
  }

  const want = desired.map((d, i) => Math.max(d * em + pad, floor[i]))
  const wantSum = want.reduce((a, b) => a + b, 0)
  if (wantSum <= total) {
    // Everything fits on one line: share the spare room in proportion.
    return fit(want.map((w) => (w / wantSum) * total), total)
  }
  // Not everything fits: every column gets its floor, the rest goes to the
  // columns that want more, in proportion to how much more they want.
  const extra = want.map((w, i) => Math.max(0, w - floor[i]))
  const extraSum = extra.reduce((a, b) => a + b, 0) || 1
  const spare = total - floorSum
  return fit(floor.map((f, i) => f + (extra[i] / extraSum) * spare), total)
}

/** Floors raised so that each short label spanning columns fits on one line over them, as far as `total` allows. */
function spannedFloors(rows: SizedCell[][], columns: number, floor: number[], em: number, pad: number, total: number): number[] {
  const out = [...floor]
  let sum = out.reduce((a, b) => a + b, 0)
  for (const row of rows) {
    for (const cell of row) {
      if (cell.colSpan < 2 || cell.col < 0 || cell.col + cell.colSpan > columns) continue
      const line = longestLine(cell.text)
      if (line > MAX_SPANNED_EM) continue
      // A little to spare: the office suite's own rounding must not push the last character down.
      const need = Math.ceil((line + 0.1) * em + pad)
      const cols = out.slice(cell.col, cell.col + cell.colSpan)
      const have = cols.reduce((a, b) => a + b, 0)
      if (have >= need || sum + cols.length + need - have > total) continue
      cols.forEach((w, i) => (out[cell.col + i] = Math.ceil(w + ((need - have) * w) / have)))
      sum += out.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) - have
    }
  }
  return out
}

/** Widen columns below their floor, taking the room from the others in proportion to what they have above theirs. */
function raiseToFloors(widths: number[], floor: number[]): number[] {
  const short = widths.reduce((n, w, i) => n + Math.max(0, floor[i] - w), 0)
  if (short <= 0) return widths
  const slack = widths.map((w, i) => Math.max(0, w - floor[i]))
  const slackSum = slack.reduce((a, b) => a + b, 0)
  if (slackSum <= 0) return floor
  return widths.map((w, i) => (w < floor[i] ? floor[i] : w - (slack[i] / slackSum) * short))
}

/** Round to whole twips and make the sum exact. */
function fit(widths: number[], total: number): number[] {
  const out = widths.map((w) => Math.max(1, Math.floor(w)))
  const diff = total - out.reduce((a, b) => a + b, 0)
  out[out.length - 1] += diff
  return out
}

/** The merges that make sense in a grid of this size, overlapping ones dropped. */
export function validMerges(merges: TableMerge[], rows: number, columns: number): TableMerge[] {
  const taken = new Set<string>()
  const out: TableMerge[] = []
  for (const m of merges) {
    const rowSpan = Math.min(Math.max(1, Math.floor(m.rowSpan)), rows - m.row)
    const colSpan = Math.min(Math.max(1, Math.floor(m.colSpan)), columns - m.col)
    if (m.row < 0 || m.col < 0 || m.row >= rows || m.col >= columns || rowSpan < 1 || colSpan < 1) continue
    if (rowSpan === 1 && colSpan === 1) continue
    const cells: string[] = []
    for (let r = m.row; r < m.row + rowSpan; r++) for (let c = m.col; c < m.col + colSpan; c++) cells.push(`${r}:${c}`)
    if (cells.some((k) => taken.has(k))) continue
    cells.forEach((k) => taken.add(k))
    out.push({ row: m.row, col: m.col, rowSpan, colSpan })
  }
  return out
}
