import { isFormula } from './formula'
import type { ReportTableSpec, ResolvedCell } from './table'

/**
 * Cells as people name them. A report table shows no column letters or row
 * numbers (it is laid out as it will be printed), so a cell is named by its
 * row's label and its column's header: “生均校舍建筑面积（平方米）”的“变化情况”.
 */
export function cellPlace(rows: readonly (readonly Pick<ResolvedCell, 'text'>[])[], headerRows: number, r: number, c: number): string {
  const clean = (t: string | undefined) => (t ?? '').replace(/\s+/g, ' ').trim().slice(0, 30)
  if (r < headerRows && clean(rows[r]?.[c]?.text)) return `表头“${clean(rows[r][c].text)}”`
  // A row's own label.
  if (c === 0 && clean(rows[r]?.[0]?.text)) return `“${clean(rows[r][0].text)}”`
  const rowLabel = c > 0 && r >= headerRows ? clean(rows[r]?.[0]?.text) : ''
  // The lowest header row that names the column (a merged group header above it reads as empty there).
  let colLabel = ''
  for (let h = Math.min(headerRows, r) - 1; h >= 0 && !colLabel; h--) colLabel = clean(rows[h]?.[c]?.text)
  if (rowLabel && colLabel) return `“${rowLabel}”的“${colLabel}”`
  if (rowLabel || colLabel) return `“${rowLabel || colLabel}”`
  return `第 ${r + 1} 行第 ${c + 1} 列`
}

export interface OverwrittenFormula {
  row: number
  col: number
  /** The cell as people name it (cellPlace). */
  place: string
  formula: string
  /** What the formula shows now. */
  shown: string
}

/**
 * The derived cells a change would turn into plain values or text (their
 * formula lost): a typed number, a paste or a clearing over a cell that holds
 * a formula. A new formula is not a loss; a cell that shows one indicator
 * (its value is typed into the indicator, the formula stays) is not either.
 */
export function overwrittenFormulas(
  spec: Pick<ReportTableSpec, 'rows' | 'headerRows'>,
  resolved: readonly (readonly ResolvedCell[])[],
  changes: readonly { row: number; col: number; input: string }[]
): OverwrittenFormula[] {
  const out: OverwrittenFormula[] = []
  for (const ch of changes) {
    const old = spec.rows[ch.row]?.[ch.col]
    const view = resolved[ch.row]?.[ch.col]
    if (!old || !isFormula(old.input) || view?.binding || isFormula(ch.input) || ch.input === old.input) continue
    out.push({ row: ch.row, col: ch.col, place: cellPlace(resolved, spec.headerRows, ch.row, ch.col), formula: old.input.trim(), shown: view?.text ?? '' })
  }
  return out
}

/** The question asked before derived cells lose their formula, in Chinese. */
export function overwriteQuestion(lost: readonly OverwrittenFormula[], typed: string | null): string {
  const what = typed === null ? '' : typed.trim() === '' ? '清空它' : `改为“${typed.trim().slice(0, 20)}”`
  if (lost.length === 1) {
    const c = lost[0]
    return `${c.place}由公式 ${c.formula.slice(0, 60)} 算出（现为 ${c.shown || '空'}），会随数据自动更新。${what ? `${what}会` : '这样会'}去掉公式，以后它不再随数据变化。`
  }
  const places = lost.slice(0, 3).map((c) => c.place).join('、')
  return `${places}${lost.length > 3 ? ` 等 ${lost.length} 个单元格` : ''}由公式算出，会随数据自动更新。这样会去掉它们的公式，以后不再随数据变化。`
}
