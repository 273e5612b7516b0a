import type { IntakeCellValue, IntakeIssue, SchoolPreview } from '@shared/contract/intake'
import { parseTypedNumber, plainNumber } from '@shared/model/format'
import type { AskedFigure, Catalogue } from './catalogue'
import { matchKey } from './names'
import type { RawCell, RawRow, RawSchool } from './read/types'
import { checkUnit } from './units'

/**
 * What a school sent, checked cell by cell against what the report asks:
 * each row matched to a figure (by the key it was written under, else by
 * its name however written), each value a number not below 0 in the
 * figure's unit (元 for 万元 converted and said; 个 for 人 refused), and the
 * data year's value compared with last year's (the file's own column, else
 * what the school sent last year). A refused cell is listed and not taken;
 * a doubtful one is taken and listed. Figures asked and not given are the
 * school's missing ones. A total that only a derived figure gives (a
 * report's 生均校舍建筑面积 with its 在校生数) is worked back and said so.
 */
export interface ValidationContext {
  catalogue: Catalogue
  /** The report's data year. */
  year: number
  /** What the school sent before for a figure and year (last year's kit, an earlier intake). */
  stored: (figure: string, year: number) => number | undefined
}

/** A school's preview; its values are what accepting stores. */
export type ValidatedSchool = SchoolPreview

/** How far from last year a value may be before it is pointed out (50 % up or down). */
const FAR = 0.5
const YEARS_BACK = 10

interface Matched {
  row: RawRow
  figure: AskedFigure
}

function describe(v: number): string {
  return plainNumber(v)
}

export function validateSchool(raw: RawSchool, ctx: ValidationContext): ValidatedSchool {
  const { catalogue, year } = ctx
  const issues: IntakeIssue[] = [...raw.issues]
  const { byKey, byName, derivedByName } = catalogue

  const matched: Matched[] = []
  const derivedRows: { row: RawRow; compiled: Catalogue['compiled'][number] }[] = []
  for (const row of raw.rows) {
    let figure = row.key ? byKey.get(row.key) : undefined
    if (!figure) {
      const candidates = byName.get(matchKey(row.label)) ?? []
      if (candidates.length === 1) figure = candidates[0]
      else if (candidates.length > 1) {
        issues.push({ severity: 'warning', place: row.place, message: `“${row.label}”可以对应${candidates.map((c) => `“${c.name}”`).join('、')}，无法确定是哪一项，没有读取。请改用填报表中的指标名称。` })
        continue
      }
    }
    if (figure) {
      matched.push({ row, figure })
      continue
    }
    const derived = derivedByName.get(matchKey(row.label))
    if (derived) derivedRows.push({ row, compiled: derived })
    else if (row.cells.length && !row.key) issues.push({ severity: 'note', place: row.place, message: `“${row.label}”不是本报告汇总的指标，没有读取。` })
  }

  // Values per figure and year, checked.
  const taken = new Map<string, IntakeCellValue>()
  const from = new Map<string, RawRow>()
  const refusedCells = new Set<string>()
  const id = (figure: string, y: number) => `${figure}\u0000${y}`
  for (const { row, figure } of matched) {
    const unit = checkUnit(row.unit, figure.unit)
    for (const cell of row.cells) {
      if (cell.year > year) {
        issues.push({ severity: 'note', place: cell.place, figure: figure.name, year: cell.year, message: `${cell.year} 年晚于本报告的数据年度（${year} 年），没有读取。` })
        continue
      }
      if (cell.year < year - YEARS_BACK) continue
      const problem = (message: string) => {
        issues.push({ severity: 'error', place: cell.place, figure: figure.name, year: cell.year, message })
        refusedCells.add(id(figure.key, cell.year))
      }
      if (!unit.ok) {
        problem(`${figure.name}：${unit.message}，这一格没有读取。请按“${figure.unit}”填写。`)
        continue
      }
      const value = numberOf(cell, figure)
      if (typeof value === 'string') {
        problem(`${figure.name}（${cell.year} 年）：${value}`)
        continue
      }
      if (value === null) continue
      const v = roundClean(value * unit.factor)
      const key = id(figure.key, cell.year)
      const earlier = taken.get(key)
      if (earlier) {
        if (earlier.value !== v) problem(`${figure.name}（${cell.year} 年）在“${from.get(key)!.place}”和这里各填了一次，数值不同（${describe(earlier.value)} 和 ${describe(v)}），无法确定用哪一个，两处都没有读取。`)
        if (earlier.value !== v) taken.delete(key)
        continue
      }
      if (refusedCells.has(key)) continue
      taken.set(key, { figure: figure.key, name: figure.name, unit: figure.unit, year: cell.year, value: v, place: cell.place, ...(unit.note ? { note: unit.note } : {}) })
      from.set(key, row)
    }
  }

  // A total worked back from a derived figure and its denominator (a report prints 生均…, not the total behind it).
  for (const { row, compiled } of derivedRows) {
    if (compiled.rule.kind !== 'ratio') continue
    const { numerator, denominator, scale } = compiled.rule
    const num = catalogue.figure(numerator)
    const den = catalogue.figure(denominator)
    if (!num || !den) continue
    for (const cell of row.cells) {
      if (cell.year > year || cell.year < year - YEARS_BACK || taken.has(id(numerator, cell.year))) continue
      const ratio = numberOf(cell, num)
      const d = taken.get(id(denominator, cell.year))
      if (typeof ratio !== 'number' || !d) continue
      const unit = checkUnit(row.unit, compiled.indicator.unit)
      if (!unit.ok) continue
      const value = roundClean(((ratio * unit.factor) * d.value) / scale)
      taken.set(id(numerator, cell.year), {
        figure: numerator,
        name: num.name,
        unit: num.unit,
        year: cell.year,
        value,
        place: cell.place,
        note: `由${compiled.indicator.name}（${describe(ratio)}）× ${den.name}（${describe(d.value)}）推算`
      })
      if (cell.year === year) issues.push({ severity: 'note', place: cell.place, figure: num.name, year: cell.year, message: `${num.name}没有直接填写，按${compiled.indicator.name} × ${den.name}推算为 ${describe(value)}${num.unit}（四舍五入会带来少许误差）。` })
    }
  }

  // This year against last year's.
  for (const v of taken.values()) {
    if (v.year !== year) continue
    const last = taken.get(id(v.figure, year - 1))?.value ?? ctx.stored(v.figure, year - 1)
    if (last === undefined || last === 0 && v.value === 0) continue
    const far = last === 0 ? v.value > 0 : Math.abs(v.value - last) / Math.abs(last) > FAR
    if (!far) continue
    const times = last > 0 ? v.value / last : Infinity
    const hint = times >= 9 && times <= 11000 && /万|亿|千/.test(v.unit + v.figure) ? '，可能是单位填错了' : times >= 9 ? '，可能多填或少填了位数' : ''
    const change = last === 0 ? `上年为 0` : `比上年（${describe(last)}）${v.value >= last ? '增加' : '减少'} ${Math.round((Math.abs(v.value - last) / Math.abs(last)) * 100)}%`
    issues.push({ severity: 'warning', place: v.place, figure: v.name, year, message: `${v.name} ${describe(v.value)}${v.unit}，${change}${hint}，请核实。` })
  }

  const values = [...taken.values()].sort((a, b) => a.year - b.year || order(catalogue, a.figure) - order(catalogue, b.figure))
  const given = new Set(values.filter((v) => v.year === year).map((v) => v.figure))
  const missing = catalogue.figures.filter((f) => !given.has(f.key)).map((f) => f.name)
  return {
    name: raw.name,
    nameFrom: raw.nameFrom,
    ...(raw.sheet ? { sheet: raw.sheet } : {}),
    values,
    missing,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    issues,
    cases: raw.cases.map((c) => ({ title: c.title, photos: countPhotos(c.doc) })),
    replaces: false
  }
}

function order(c: Catalogue, key: string): number {
  return c.figures.findIndex((f) => f.key === key)
}

/** A cell's number, null when empty, or why it is not one. */
function numberOf(cell: RawCell, figure: AskedFigure): number | null | string {
  if (cell.error) return `单元格是错误值 ${cell.error}，没有读取。请检查公式。`
  if (cell.uncalculated) return '单元格是公式，但文件中没有它的计算结果，没有读取。请在 Excel 或 WPS 中打开、保存后再提交。'
  const v = cell.value
  if (v === null) return null
  if (typeof v === 'boolean') return `填写的是“${v ? 'TRUE' : 'FALSE'}”，不是数字，没有读取。`
  let n: number | null
  if (typeof v === 'number') n = v
  else {
    const t = v.trim()
    if (/^[-—–－/、\\]+$|^(无|没有|暂无|不适用)$/.test(t)) return null
    const pct = figure.unit === '%' ? /^(.*?)\s*[%％]$/.exec(t) : null
    n = parseTypedNumber(pct ? pct[1] : t)
    if (n === null) return `“${t.slice(0, 20)}”不是数字，没有读取。请只填写数字（不要带单位、文字或“约”）。`
  }
  if (!Number.isFinite(n)) return '不是有效的数字，没有读取。'
  if (n < 0) return `填写的是负数（${describe(n)}），没有读取。请核实后填写不小于 0 的数字。`
  return n
}

/** Sums and conversions without floating-point dust (0.1 + 0.2). */
export function roundClean(v: number): number {
  return Math.round(v * 1e6) / 1e6
}

function countPhotos(doc: { type: string; content?: unknown[] }): number {
  let n = 0
  const visit = (d: { type: string; content?: unknown[] }) => {
    if (d.type === 'photo') n++
    for (const c of (d.content ?? []) as { type: string; content?: unknown[] }[]) visit(c)
  }
  visit(doc)
  return n
}
