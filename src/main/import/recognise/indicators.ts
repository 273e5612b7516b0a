import { indicatorCall, yearText, type YearSpec } from '@shared/model/formula'
import { checkIndicatorName, type IndicatorWithValues } from '@shared/model/indicator'
import { splitLabelUnit, type CellFormat, type ReportTableSpec } from '@shared/model/table'
import { STANDARD_INDICATORS } from '../../templates/indicators'
import type { ImportedTable } from '../model'
import { tidy, unwrap } from './text'
import { cellAddress as a1 } from '@shared/model/cellAddress'
import type { ValueMismatch } from './tables'
import { roundTo } from '@shared/model/format'

/**
 * Year columns become data. Each number printed under a year is an
 * indicator's value for that year; the cell then reads the indicator for
 * 本年/上年/前年 relative to the report's data year, the year header reads
 * =上年&" 年", and years in the caption become {上年}/{本年}. Rolling the
 * report over is then a matter of changing its data year: last year's
 * figures move to the 上年 column and this year's column waits for input.
 */
export interface LinkedData {
  tables: ImportedTable[]
  indicators: IndicatorWithValues[]
  /** Printed shares that their count and denominator contradict. */
  mismatches: (ValueMismatch & { tableId: string })[]
  /** Shares turned into formulas over an indicator. */
  formulas: number
}

interface Context {
  year: number
  chapterOf: (tableId: string) => string | null
  labelOf: (tableId: string) => string
  /** Indicators the report has already (a rollover links the tables of a report that has some). */
  existing?: IndicatorWithValues[]
}

const YEAR_CELL = /^((?:19|20)\d{2})(\s*)(年|学年|年度)?$/
const CODE_COLUMN = /代码|编号|序号|编码/
const SHARE_LABEL = /占比|比例|比重/

function relYear(year: number, dataYear: number): YearSpec {
  const rel = dataYear - year
  return rel >= 0 && rel <= 10 ? { rel } : { abs: year }
}

/** "教职工数（人）" → 教职工数, 人; "占比/%" → 占比, %; quotes dropped from the name. */
function splitUnit(label: string): { name: string; unit: string } {
  const { name, unit } = splitLabelUnit(unwrap(label))
  return { name: name.replace(/["“”\\]/g, ''), unit }
}

/** A name for the figure in a column under a two-level header: 硕士以上学历(人)·人数 → 硕士以上学历人数, 人. */
function seriesName(label: string): { name: string; unit: string } {
  const parts = label.split('·').map(splitUnit)
  const unit = [...parts].reverse().find((p) => p.unit)?.unit ?? ''
  const name = parts.map((p) => p.name).join('')
  const implied = /人数$/.test(name) ? '人' : /(占比|比例|比重|率)$/.test(name) ? '%' : ''
  return { name, unit: unit === '百分比' ? '%' : unit || implied }
}

function yearsInCaption(caption: string, dataYear: number): string {
  return caption.replace(/(?<!\d)((?:19|20)\d{2})(?!\d)/g, (y) => {
    const rel = dataYear - Number(y)
    return rel === 0 ? '{本年}' : rel === 1 ? '{上年}' : rel === 2 ? '{前年}' : y
  })
}

function parseLiteral(input: string): number | null {
  if (!input || input.startsWith('=')) return null
  const v = Number(input)
  return Number.isFinite(v) ? v : null
}

/** A typed number of a cell; a kept printed value (derived) is not a figure of its own. */
function literalOf(c: { input: string; derived?: string } | undefined): number | null {
  return c && !c.derived ? parseLiteral(c.input) : null
}

export function linkYears(tables: ImportedTable[], ctx: Context): LinkedData {
  const indicators: IndicatorWithValues[] = []
  const byName = new Map<string, IndicatorWithValues>()
  const taken = new Set<string>()
  for (const e of ctx.existing ?? []) {
    byName.set(e.name, structuredClone(e))
    taken.add(e.id)
  }
  const standard = new Map(STANDARD_INDICATORS.map((d) => [d.name, d]))
  const mismatches: LinkedData['mismatches'] = []
  let formulas = 0
  let seq = 0

  /** The indicator a series is: the same name and the same values elsewhere is the same figure. */
  const indicatorFor = (raw: { name: string; unit: string }, values: Record<string, number>, format: CellFormat, table: ReportTableSpec): IndicatorWithValues | null => {
    let name = raw.name
    if (!name || checkIndicatorName(name)) return null
    const same = byName.get(name)
    if (same) {
      const agrees = Object.entries(values).every(([y, v]) => same.values[y] === undefined || same.values[y] === v)
      if (agrees) {
        Object.assign(same.values, values)
        if (!indicators.includes(same)) indicators.push(same)
        return same
      }
      name = `${name}（${ctx.labelOf(table.id)}）`
      if (byName.has(name) || checkIndicatorName(name)) return null
    } else {
      // A figure already read under another label (专任教师 / 专任教师总数): same unit, same values in at least two years.
      const years = Object.keys(values)
      const twin = years.length >= 2 && indicators.find((i) => i.unit === raw.unit && years.every((y) => i.values[y] === values[y]) && years.some((y) => Math.abs(values[y]) >= 10))
      if (twin) return twin
    }
    const std = standard.get(name)
    let id = std && !taken.has(std.key) ? std.key : `imported.${++seq}`
    while (taken.has(id)) id = `imported.${++seq}`
    taken.add(id)
    const ind: IndicatorWithValues = {
      id,
      name,
      unit: raw.unit || std?.unit || '',
      group: unwrap(table.caption).slice(0, 40) || '导入的数据',
      chapterId: ctx.chapterOf(table.id),
      source: table.note.replace(/^数据来源[:：]\s*/, '') || std?.source || '',
      format,
      position: (ctx.existing?.length ?? 0) + indicators.length,
      values: { ...values }
    }
    indicators.push(ind)
    byName.set(name, ind)
    return ind
  }

  interface Work {
    t: ImportedTable
    spec: ReportTableSpec
    axis: NonNullable<ImportedTable['yearAxis']>
    cell: (series: number, pos: number) => ReportTableSpec['rows'][number][number] | undefined
    /** Printed values of each series by year, read before any cell is rewritten. */
    values: Map<number, Record<string, number>>
    linked: number
  }
  const work: (Work | { t: ImportedTable; spec: ReportTableSpec; axis: null })[] = tables.map((t) => {
    const spec: ReportTableSpec = structuredClone(t.spec)
    const axis = t.yearAxis ?? singleYearAxis(spec, ctx.year)
    if (!axis) return { t, spec, axis: null }
    const cell = (series: number, pos: number) => (axis.along === 'columns' ? spec.rows[series]?.[pos] : spec.rows[pos]?.[series])
    const values = new Map<number, Record<string, number>>()
    for (const s of axis.series) {
      const v: Record<string, number> = {}
      for (const p of axis.positions) {
        const x = literalOf(cell(s.index, p.index))
        if (x !== null) v[String(p.year)] = x
      }
      values.set(s.index, v)
    }
    return { t, spec, axis, cell, values, linked: 0 }
  })

  const link = (w: Work, s: { index: number; label: string }) => {
    const values = w.values.get(s.index)!
    if (Object.keys(values).length === 0) return
    let format: CellFormat = { kind: 'general' }
    for (const p of w.axis.positions) {
      const c = w.cell(s.index, p.index)
      if (literalOf(c) !== null) format = c!.format ?? format
    }
    const ind = indicatorFor(seriesName(s.label), values, format, w.spec)
    if (!ind) return
    for (const p of w.axis.positions) {
      const c = w.cell(s.index, p.index)
      if (!c || literalOf(c) === null) continue
      c.input = `=${indicatorCall(ind.name, relYear(p.year, ctx.year))}`
      w.linked++
    }
  }

  // Pass 1: every series but printed shares, which may be a count over a figure of another table.
  const deferred: { w: Work; s: { index: number; label: string } }[] = []
  for (const w of work) {
    if (!w.axis) continue
    for (const s of w.axis.series) {
      if (SHARE_LABEL.test(s.label.split('·').pop() ?? '')) deferred.push({ w: w as Work, s })
      else link(w as Work, s)
    }
  }
  // Pass 2: 占比 = the count beside it over an indicator ("思想政治课专任教师 占比" over 专任教师), where the numbers say so.
  for (const { w, s } of deferred) {
    if (!shareOverIndicator(w, s)) link(w, s)
  }

  const out = work.map((w) => {
    if (!w.axis || (w as Work).linked === 0) return { ...w.t, spec: w.spec }
    const { spec, axis } = w as Work
    // Year labels follow the data year: "2020 年" → =上年&" 年".
    for (const p of axis.positions) {
      const y = relYear(p.year, ctx.year)
      if ('abs' in y) continue
      const labels = axis.along === 'columns' ? spec.rows.slice(0, spec.headerRows).map((r) => r[p.index]) : [spec.rows[p.index][0]]
      for (const c of labels) {
        const m = c ? YEAR_CELL.exec(c.input.trim()) : null
        if (m && Number(m[1]) === p.year) c!.input = `=${yearText(y)}&"${m[2]}${m[3] ?? ''}"`
      }
    }
    spec.caption = yearsInCaption(spec.caption, ctx.year)
    return { ...w.t, spec }
  })

  function shareOverIndicator(w: Work, s: { index: number; label: string }): boolean {
    const countIndex = s.index - 1
    const counts = w.values.get(countIndex)
    const shares = w.values.get(s.index)!
    if (!counts || Object.keys(shares).length === 0) return false
    const years = Object.keys(shares).filter((y) => counts[y] !== undefined)
    if (years.length === 0) return false
    const decimals = (y: string) => {
      const p = w.axis.positions.find((x) => String(x.year) === y)!
      const f = w.cell(s.index, p.index)?.format
      return f && 'decimals' in f ? f.decimals : 0
    }
    const fits = (d: IndicatorWithValues, y: string) => d.values[y] !== undefined && d.values[y] !== 0 && roundTo((counts[y] / d.values[y]) * 100, decimals(y)) === shares[y]
    let best: IndicatorWithValues | null = null
    let hits = 0
    for (const d of [...byName.values()]) {
      if (!years.every((y) => d.values[y] !== undefined)) continue
      const n = years.filter((y) => fits(d, y)).length
      if (n > hits) {
        best = d
        hits = n
      }
    }
    if (!best || hits * 2 < years.length) return false
    const countAddr = (p: { index: number }) => (w.axis.along === 'columns' ? a1(countIndex, p.index) : a1(p.index, countIndex))
    for (const p of w.axis.positions) {
      const y = String(p.year)
      const c = w.cell(s.index, p.index)
      if (!c || shares[y] === undefined || counts[y] === undefined) continue
      const formula = `=ROUND(${countAddr(p)}/${indicatorCall(best.name, relYear(p.year, ctx.year))}*100,${decimals(y)})`
      if (!fits(best, y)) {
        const computed = roundTo((counts[y] / best.values[y]) * 100, decimals(y))
        const at = w.axis.along === 'columns' ? a1(s.index, p.index) : a1(p.index, s.index)
        mismatches.push({
          tableId: w.spec.id,
          cell: at,
          row: w.axis.along === 'columns' ? s.index : p.index,
          col: w.axis.along === 'columns' ? p.index : s.index,
          printedValue: shares[y],
          rowLabel: w.axis.along === 'columns' ? w.spec.rows[s.index][0]?.input ?? '' : w.t.spec.rows[p.index][0]?.input ?? '',
          colLabel: s.label,
          printed: shares[y].toFixed(decimals(y)),
          computed: computed.toFixed(decimals(y)),
          formula
        })
        // The printed share stays, its formula remembered, until the user takes the computed one.
        c.derived = formula
        w.linked++
        continue
      }
      c.input = formula
      w.linked++
      formulas++
    }
    return true
  }

  return { tables: out, indicators, mismatches, formulas }
}

/**
 * A table with one year in its caption and no year columns ("2021 年…专业数量
 * 分布"): its number columns are that year's values, one indicator per row.
 */
function singleYearAxis(spec: ReportTableSpec, dataYear: number): ImportedTable['yearAxis'] {
  const years = [...new Set([...spec.caption.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].map((m) => Number(m[1])))]
  if (years.length !== 1 || Math.abs(dataYear - years[0]) > 10) return null
  const width = spec.rows[0]?.length ?? 0
  const header = (c: number) => spec.rows.slice(0, spec.headerRows).map((r) => r[c]?.input ?? '').filter(Boolean).join('·')
  const dataCols = Array.from({ length: width }, (_, c) => c).filter(
    (c) => c > 0 && !CODE_COLUMN.test(header(c)) && spec.rows.slice(spec.headerRows).some((r) => parseLiteral(r[c]?.input ?? '') !== null)
  )
  if (dataCols.length !== 1) return null
  const c = dataCols[0]
  // One column of numbers: each row is a figure of that year, named by its row label and the column.
  const rows = spec.rows.map((r, i) => ({ r, i })).filter(({ r, i }) => i >= spec.headerRows && parseLiteral(r[c]?.input ?? '') !== null && tidy(r[0]?.input ?? ''))
  if (rows.length === 0) return null
  return {
    along: 'columns',
    positions: [{ index: c, year: years[0] }],
    series: rows.map(({ r, i }) => ({ index: i, label: `${r[0].input}·${header(c)}` }))
  }
}
