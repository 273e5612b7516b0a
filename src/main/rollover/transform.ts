import type { DocNode } from '@shared/model/doc'
import { walk, textOf } from '@shared/model/doc'
import type { ChartSpec, ChartYear } from '@shared/charts/model'
import type { FigureSpec } from '@shared/model/figure'
import { directBinding, scanFormula, indicatorCall } from '@shared/model/formula'
import type { ReportMeta } from '@shared/model/report'
import type { ReportTableSpec } from '@shared/model/table'

/**
 * The pure part of rolling a report over into the next year. Tables, fields
 * and charts that name years relative to the data year (本年, 上年) follow
 * by themselves; what names a year absolutely is shifted by the same number
 * of years; last year's text is kept, marked as draft.
 */

/** Shift a year that belongs to last year's report (within ten years of its data year). */
function shiftYear(y: number, from: number, by: number): number {
  return y <= from && y >= from - 10 ? y + by : y
}

/** Years written in text: "2020 和 2021 年…", "2022年清远市…报告". */
export function shiftYearsInText(text: string, from: number, by: number, upTo = from + 1): string {
  return text.replace(/(?<!\d)((?:19|20)\d{2})(?!\d)/g, (y) => {
    const n = Number(y)
    return n <= upTo && n >= from - 10 ? String(n + by) : y
  })
}

/** Absolute years inside a formula: 指标("x",2020) → 指标("x",2021); relative years are left alone. */
export function shiftFormula(input: string, from: number, by: number): string {
  if (!input.trim().startsWith('=')) return input
  const scanned = scanFormula(input)
  if (!scanned.segments.some((s) => (s.kind === 'indicator' || s.kind === 'year') && 'abs' in s.year)) return input
  return scanned.segments
    .map((s) => {
      if (s.kind === 'indicator' && 'abs' in s.year) return indicatorCall(s.ref, { abs: shiftYear(s.year.abs, from, by) })
      if (s.kind === 'year' && 'abs' in s.year) return String(shiftYear(s.year.abs, from, by))
      return s.text
    })
    .join('')
}

export function rollMeta(meta: ReportMeta, year: number): ReportMeta {
  const by = year - meta.year
  const [, m = '11', d = '30'] = /^\d{4}-(\d{2})-(\d{2})$/.exec(meta.issueDate) ?? []
  // The title names the publication year (data year + 1) or the data year; both move on.
  return { ...meta, year, title: shiftYearsInText(meta.title, meta.year, by, meta.year + 1), issueDate: `${year}-${m}-${d}` }
}

export interface DraftCount {
  paragraphs: number
}

/** Mark every paragraph with text as last year's draft; shift absolute years in inline fields. */
export function rollChapter(doc: DocNode, from: number, by: number, count: DraftCount): DocNode {
  const fix = (n: DocNode): DocNode => {
    let out = n
    if (n.type === 'paragraph' && textOf(n).trim()) {
      out = { ...out, attrs: { ...out.attrs, draft: true } }
      count.paragraphs++
    }
    if (n.type === 'dataField' && typeof n.attrs?.ref === 'string') {
      const ref = shiftFormula(n.attrs.ref, from, by)
      if (ref !== n.attrs.ref) out = { ...out, attrs: { ...out.attrs, ref } }
    }
    if (n.content) out = { ...out, content: n.content.map(fix) }
    return out
  }
  return fix(doc)
}

const YEAR_LABEL = /^((?:19|20)\d{2})(\s*(?:年|学年|年度)?)$/

/**
 * A table's year columns move on: absolute years in formulas and in year
 * labels shift; cells that read 指标(…,本年) are empty for the new year
 * (the engine marks them missing, the editor highlights them for input).
 */
export function rollTable(spec: ReportTableSpec, from: number, by: number): ReportTableSpec {
  const out = structuredClone(spec)
  out.caption = shiftYearsInText(out.caption, from, by)
  // A printed value kept last year (保留原文数字) belonged to last year's publication: the cell follows its formula again.
  for (const row of out.rows)
    for (const c of row)
      if (c.derived) {
        c.input = c.derived
        delete c.derived
      }
  sameDecimalsPerIndicator(out)
  out.rows = out.rows.map((row) =>
    row.map((c) => {
      const label = YEAR_LABEL.exec(c.input.trim())
      if (label) return { ...c, input: `${shiftYear(Number(label[1]), from, by)}${label[2]}` }
      const input = shiftFormula(c.input, from, by)
      return input === c.input ? c : { ...c, input }
    })
  )
  return out
}

/**
 * An indicator read in several year columns shows one number of decimals:
 * last year printed 34.1 and 35.07, and once 35.07 moves to the 上年 column
 * it must not read 35.1.
 */
function sameDecimalsPerIndicator(spec: ReportTableSpec): void {
  const most = new Map<string, number>()
  const cells: { ref: string; cell: ReportTableSpec['rows'][number][number] }[] = []
  for (const row of spec.rows)
    for (const cell of row) {
      const b = directBinding(cell.input)
      if (!b || !cell.format || !('decimals' in cell.format)) continue
      cells.push({ ref: b.ref, cell })
      most.set(b.ref, Math.max(most.get(b.ref) ?? 0, cell.format.decimals))
    }
  for (const { ref, cell } of cells) if (cell.format && 'decimals' in cell.format) cell.format = { ...cell.format, decimals: most.get(ref)! }
}

function rollChartYear(y: ChartYear, from: number, by: number): ChartYear {
  return typeof y === 'number' ? shiftYear(y, from, by) : y
}

export function rollFigure(spec: FigureSpec, from: number, by: number): FigureSpec {
  const out = structuredClone(spec)
  if (out.kind === 'chart' && out.chart) {
    out.caption = shiftYearsInText(out.caption, from, by)
    const chart: ChartSpec = out.chart
    if (chart.source.kind === 'indicators') chart.source = { ...chart.source, years: chart.source.years.map((y) => rollChartYear(y, from, by)) }
  }
  return out
}

/** Identifier columns (专业大类代码, 序号, 编号): their numbers are codes, not figures of a year. */
const CODE_HEADER = /代码|编号|序号|编码|代号/

/** Tables whose numbers are literal (not linked to indicators) still show last year's figures; codes are not figures. */
export function literalNumbers(spec: ReportTableSpec): number {
  const codeColumn = (k: number) => spec.rows.slice(0, spec.headerRows).some((r) => CODE_HEADER.test(r[k]?.input ?? ''))
  let n = 0
  spec.rows.forEach((row, r) => {
    if (r < spec.headerRows) return
    row.forEach((c, k) => {
      if (k > 0 && !codeColumn(k) && /^-?\d+(\.\d+)?$/.test(c.input.trim())) n++
    })
  })
  return n
}

export function chapterFigures(doc: DocNode): string[] {
  const out: string[] = []
  walk(doc, (n) => {
    if (n.type === 'figure' && typeof n.attrs?.id === 'string') out.push(n.attrs.id)
  })
  return out
}
