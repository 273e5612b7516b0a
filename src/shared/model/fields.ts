import { indicatorCall, mapIndicatorRefs, scanFormula, yearText, type YearSpec } from './formula'
import { indicatorRefLabel, type Indicator } from './indicator'
import type { CellFormat } from './table'

/**
 * A figure quoted in the text (the dataField node). Its `ref` is a formula in
 * the report's formula syntax (see formula.ts), computed by the same engine
 * as the tables; its `format` (format.ts, "percent:2") says how it reads.
 * Fields refer to indicators by key, so renaming an indicator never touches
 * chapter text. The presets below write the usual kinds of quoted figures.
 */
export type FieldKind = 'value' | 'change' | 'growth' | 'share' | 'cell'

export type FieldPreset =
  /** 专任教师 1649 */
  | { kind: 'value'; indicator: string; year?: YearSpec }
  /** 比上一年增加 15 (本年 − 上年, of the values as displayed) */
  | { kind: 'change'; indicator: string; decimals: number }
  /** 增幅 18.75% ((本年 − 上年) / 上年 × 100) */
  | { kind: 'growth'; indicator: string; decimals: number }
  /** 占比 86.43% (part / whole × 100, same year) */
  | { kind: 'share'; indicator: string; of: string; decimals: number; year?: YearSpec }
  /** A cell of a report table (e.g. 双师型教师比 83.89 from 表 1-2). */
  | { kind: 'cell'; tableId: string; cell: string }

const CUR: YearSpec = { rel: 0 }
const PREV: YearSpec = { rel: 1 }

export function fieldFormula(p: FieldPreset): string {
  switch (p.kind) {
    case 'value':
      return `=${indicatorCall(p.indicator, p.year ?? CUR)}`
    case 'change':
      return `=ROUND(${indicatorCall(p.indicator, CUR)},${p.decimals})-ROUND(${indicatorCall(p.indicator, PREV)},${p.decimals})`
    case 'growth':
      return `=ROUND((${indicatorCall(p.indicator, CUR)}-${indicatorCall(p.indicator, PREV)})/${indicatorCall(p.indicator, PREV)}*100,${p.decimals})`
    case 'share': {
      const y = p.year ?? CUR
      return `=ROUND(${indicatorCall(p.indicator, y)}/${indicatorCall(p.of, y)}*100,${p.decimals})`
    }
    case 'cell':
      return `='${p.tableId}'!${p.cell.toUpperCase()}`
  }
}

/** The format a preset reads in by default. */
export function presetFormat(p: FieldPreset, indicatorFormat?: CellFormat): CellFormat {
  switch (p.kind) {
    case 'value':
      return indicatorFormat ?? { kind: 'general' }
    case 'change':
      return { kind: 'trend', decimals: p.decimals }
    case 'growth':
    case 'share':
      return { kind: 'percent', decimals: p.decimals }
    case 'cell':
      return { kind: 'general' }
  }
}

/** Recognise a preset in a stored formula (for the field's tooltip and editing dialog); null for other formulas. */
export function presetOf(ref: string): FieldPreset | null {
  const compact = ref.replace(/\s+/g, '')
  const scanned = scanFormula(compact.replace(/^=/, ''))
  const inds = scanned.segments.flatMap((s) => (s.kind === 'indicator' ? [{ ref: s.ref, year: s.year }] : []))
  for (const candidate of candidatesFor(inds, compact)) {
    if (fieldFormula(candidate).replace(/\s+/g, '') === compact) return candidate
  }
  return null
}

function candidatesFor(inds: { ref: string; year: YearSpec }[], compact: string): FieldPreset[] {
  const out: FieldPreset[] = []
  const dec = /,(\d)\)/.exec(compact)
  const decimals = dec ? Number(dec[1]) : 0
  if (inds.length === 1) out.push({ kind: 'value', indicator: inds[0].ref, year: inds[0].year })
  if (inds.length >= 2) {
    out.push({ kind: 'change', indicator: inds[0].ref, decimals })
    out.push({ kind: 'growth', indicator: inds[0].ref, decimals })
    out.push({ kind: 'share', indicator: inds[0].ref, of: inds[1].ref, decimals, year: inds[0].year })
  }
  const cell = /^='([A-Za-z0-9_-]+)'!([A-Z]{1,3}\d{1,5})$/.exec(compact)
  if (cell) out.push({ kind: 'cell', tableId: cell[1], cell: cell[2] })
  return out
}

/** Finds an indicator by key or name (the renderer's copy of the report's indicators). */
export type IndicatorLookup = (refOrName: string) => Pick<Indicator, 'name' | 'unit'> | undefined

/**
 * A short Chinese description of a field, for its tooltip, with indicators by
 * their Chinese name and unit (never their keys): "专任教师（人），本年",
 * "专任教师（人）：本年比上年的增幅". `tableOf` gives a table's label by id ("表 1-2").
 */
export function describeField(ref: string, find: IndicatorLookup, tableOf: (tableId: string) => string = () => '表格'): string {
  const p = presetOf(ref)
  const label = (r: string) => indicatorRefLabel(r, find)
  if (!p) return `公式 ${formulaForPeople(ref, find)}`
  switch (p.kind) {
    case 'value':
      return `${label(p.indicator)}，${yearText(p.year ?? CUR)}`
    case 'change':
      return `${label(p.indicator)}：本年比上年的变化`
    case 'growth':
      return `${label(p.indicator)}：本年比上年的增幅`
    case 'share':
      return `${label(p.indicator)}占${label(p.of)}的比例，${yearText(p.year ?? CUR)}`
    case 'cell':
      return `${tableOf(p.tableId)} ${p.cell} 单元格`
  }
}

/** A formula as people read it: 指标("students.enrolled",本年) reads 指标("在校生数",本年) (a formula takes names as well as keys). */
export function formulaForPeople(formula: string, find: IndicatorLookup): string {
  return mapIndicatorRefs(formula, (ref) => find(ref)?.name ?? ref)
}

/** A formula typed by people, to be kept in the text: names become keys, so renaming an indicator never breaks it. */
export function formulaForStoring(formula: string, keyOf: (refOrName: string) => string | undefined): string {
  return mapIndicatorRefs(formula, (ref) => keyOf(ref) ?? ref)
}

/** A field's computed value, as main sends it. */
export interface ResolvedField {
  ref: string
  value: number | string | null
  /** A Chinese explanation when the formula fails. */
  error?: string
  /** An indicator it uses has no value yet for that year. */
  missing?: boolean
}
