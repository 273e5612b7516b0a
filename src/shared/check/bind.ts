import { fieldFormula } from '../model/fields'
import { formatToString, formatValue, roundTo } from '../model/format'
import type { CellFormat } from '../model/table'
import { namesSchool, oppositeVerb, prepareText, subjectAt, type Comparison, type ParagraphAnalysis, type ParagraphText } from './claims'
import { matchName, type NameMatch } from './names'
import { quantities, type NumberToken } from './tokens'
import type { BindingProposal, DataValue } from './types'

/**
 * Numbers that quote the data, proposed as live fields: a number equal to a
 * figure of the data for the year it speaks of, named by the words before it
 * (专任教师 1649 人 → 指标("teachers.fulltime", 本年)); the difference and the
 * growth written after it (较上年增加了 27 人, 增幅 18.75%) when they are that
 * figure's; last year's figure in brackets (比上一年（1622 人）). A field reads
 * exactly as the words it replaces, or it is not proposed.
 */
export type LocalProposal = Pick<BindingProposal, 'from' | 'to' | 'text' | 'kind' | 'name' | 'source' | 'year' | 'ref' | 'format' | 'sure'>

export interface BindContext {
  /** The report's 数据年度. */
  year: number
  region: string
  values: DataValue[]
}

const EPS = 1e-9

/** An indicator unit as base unit and scale: 万元 → 元 × 10⁴. */
export function unitScale(unit: string): { base: string; scale: number } {
  const u = unit.trim()
  if (!u || u === '—' || u === '-') return { base: '', scale: 1 }
  const m = /^(万|亿)(.+)$/.exec(u)
  if (m) return { base: m[2], scale: m[1] === '万' ? 1e4 : 1e8 }
  return { base: u === '百分比' ? '%' : u, scale: 1 }
}

/** Does the written number state this value, in its unit and to the decimals it is written with? */
export function statesValue(t: NumberToken, dv: Pick<DataValue, 'unit' | 'value'>): boolean {
  const u = unitScale(dv.unit)
  if (u.base === '') {
    if (t.unit !== '' && t.unit !== ':') return false
  } else if (t.unit !== u.base || t.scale !== u.scale) return false
  return Math.abs(roundTo(dv.value, t.decimals) - t.written) < EPS * Math.max(1, Math.abs(t.written))
}

/** Could the written number be this figure (same unit), whatever its value? */
export function sameUnit(t: NumberToken, unit: string): boolean {
  const u = unitScale(unit)
  if (u.base === '') return t.unit === '' || t.unit === ':'
  return t.unit === u.base
}

/** The year a number speaks of: the last year named before it in the paragraph, else the report's. */
export function yearOf(tokens: NumberToken[], t: NumberToken, reportYear: number): number {
  const y = [...tokens].reverse().find((x) => x.kind === 'year' && x.end <= t.start)
  return y ? y.written : reportYear
}

export interface Candidate {
  dv: DataValue
  match: Exclude<NameMatch, null>
}

/** The data's figures by value (whole part), so a number finds the figures it may state without looking at all of them. */
const indexes = new WeakMap<DataValue[], Map<number, DataValue[]>>()

function indexOf(values: DataValue[]): Map<number, DataValue[]> {
  let ix = indexes.get(values)
  if (!ix) {
    ix = new Map()
    for (const dv of values) {
      const k = Math.floor(dv.value)
      const list = ix.get(k)
      if (list) list.push(dv)
      else ix.set(k, [dv])
    }
    indexes.set(values, ix)
  }
  return ix
}

/** Figures whose value the written number may state (same value to its decimals, in its unit and scale). */
export function valuesStated(values: DataValue[], t: NumberToken): DataValue[] {
  const ix = indexOf(values)
  const out: DataValue[] = []
  // A figure stated in 万 or 亿 is stored in that unit: its value is the number as written.
  for (const k of new Set([Math.floor(t.written - 0.5), Math.floor(t.written), Math.floor(t.written + 0.5)])) {
    for (const dv of ix.get(k) ?? []) if (statesValue(t, dv)) out.push(dv)
  }
  return out
}

/** The figures of the data a number may quote: same value and year, named by the words before it. */
export function candidatesFor(text: string | ParagraphText, tokens: NumberToken[], t: NumberToken, ctx: BindContext, subject?: string): Candidate[] {
  const year = yearOf(tokens, t, ctx.year)
  const out: Candidate[] = []
  const stated = valuesStated(ctx.values, t)
  if (!stated.length) return out
  subject ??= subjectAt(text, t.start)
  for (const dv of stated) {
    if (dv.year !== year) continue
    const match = matchName(subject, dv.name, ctx.region)
    if (match) out.push({ dv, match })
  }
  return out
}

/** The best candidate, and whether it is beyond doubt (named exactly, no other figure named so with this value). */
export function choose(cands: Candidate[]): { dv: DataValue; sure: boolean } | null {
  const strong = cands.filter((c) => c.match === 'strong')
  if (strong.length) {
    const refs = [...new Set(strong.map((c) => c.dv.ref))]
    const indicators = strong.filter((c) => c.dv.indicator)
    const pick = indicators[0] ?? strong[0]
    return { dv: pick.dv, sure: refs.length === 1 || (indicators.length === 1 && new Set(indicators.map((c) => c.dv.ref)).size === 1) }
  }
  if (cands.length) return { dv: cands[0].dv, sure: false }
  return null
}

/** The narrowest field that reads exactly as the words: "83.89%" as a percent, "18.28:1" as a ratio, else the digits. */
function fieldFor(text: string, t: NumberToken, value: number): { from: number; to: number; format: CellFormat } | null {
  const d = t.decimals
  const options: { from: number; to: number; format: CellFormat }[] = []
  if (t.unit === '%' && text[t.end] === '%') options.push({ from: t.start, to: t.end + 1, format: { kind: 'percent', decimals: d } })
  if (t.kind === 'ratio' && t.ratioOf === 1) options.push({ from: t.start, to: t.unitEnd, format: { kind: 'ratio', decimals: d } })
  options.push({ from: t.start, to: t.end, format: { kind: 'fixed', decimals: d } })
  for (const o of options) if (formatValue(value, o.format) === text.slice(o.from, o.to)) return o
  return null
}

function rel(dvYear: number, year: number): { rel: number } {
  return { rel: year - dvYear }
}

export function proposeBindings(p: { text: string; fields: [number, number][]; caseId?: string | null }, a: ParagraphAnalysis, ctx: BindContext): LocalProposal[] {
  const text = p.text
  const prepared = prepareText(text)
  const inField = (t: { start: number; end: number }) => p.fields.some(([x, y]) => t.start < y && t.end > x)
  const out: LocalProposal[] = []
  const taken = new Set<NumberToken>()
  const push = (x: LocalProposal) => {
    if (out.some((o) => x.from < o.to && x.to > o.from)) return
    out.push(x)
  }
  const usable = (t: NumberToken) => !inField(t) && !t.approx && !t.text.includes(',') && !namesSchool(prepared, t.start)

  const valueProposal = (t: NumberToken, c: { dv: DataValue; sure: boolean }, sure = c.sure): LocalProposal | null => {
    const f = fieldFor(text, t, c.dv.value)
    if (!f) return null
    return { from: f.from, to: f.to, text: text.slice(f.from, f.to), kind: 'value', name: c.dv.name, source: c.dv.source, year: c.dv.year, ref: c.dv.ref, format: formatToString(f.format), sure }
  }

  // Comparisons first: the figure, last year's in brackets, the difference and the growth rate.
  for (const c of a.comparisons) {
    const cur = c.cur
    if (!usable(cur) && !inField(cur)) continue
    const chosen = inField(cur) ? boundFigure(prepared, a, cur, ctx) : choose(candidatesFor(prepared, a.tokens, cur, ctx))
    if (!chosen) continue
    taken.add(cur)
    if (!inField(cur)) {
      const v = valueProposal(cur, chosen)
      if (v) push(v)
    }
    const dv = chosen.dv
    if (!dv.indicator || dv.previous === undefined) continue
    if (c.prev && usable(c.prev) && statesValue(c.prev, { unit: dv.unit, value: dv.previous })) {
      taken.add(c.prev)
      const f = fieldFor(text, c.prev, dv.previous)
      if (f) {
        push({
          from: f.from,
          to: f.to,
          text: text.slice(f.from, f.to),
          kind: 'value',
          name: `${dv.name}（上年）`,
          source: dv.source,
          year: dv.year - 1,
          ref: fieldFormula({ kind: 'value', indicator: dv.indicator, year: rel(dv.year - 1, ctx.year) }),
          format: formatToString(f.format),
          sure: chosen.sure
        })
      }
    }
    if (dv.year !== ctx.year || c.yearsBack !== 1) continue
    if (!c.rate && usable(c.y)) {
      taken.add(c.y)
      const change = changeProposal(text, c, dv, chosen.sure)
      if (change) push(change)
    }
    const rate = c.rate ? c.y : c.growth
    if (rate && usable(rate)) {
      taken.add(rate)
      const g = growthProposal(text, rate, c.up, dv, chosen.sure)
      if (g) push(g)
    }
  }

  // Every other number the words before it name.
  for (const t of quantities(a.tokens)) {
    if (taken.has(t) || !usable(t)) continue
    const chosen = choose(candidatesFor(prepared, a.tokens, t, ctx))
    if (!chosen) continue
    const v = valueProposal(t, chosen)
    if (v) push(v)
  }
  return out
}

/** A figure already quoted as a field: the data value it shows (so the difference after it can be bound too). */
function boundFigure(text: ParagraphText, a: ParagraphAnalysis, cur: NumberToken, ctx: BindContext): { dv: DataValue; sure: boolean } | null {
  const c = choose(candidatesFor(text, a.tokens, cur, ctx))
  return c && c.dv.indicator ? c : null
}

function changeProposal(text: string, c: Comparison, dv: DataValue, sure: boolean): LocalProposal | null {
  const y = c.y
  const u = unitScale(dv.unit)
  if (y.scale !== u.scale) return null
  const d = y.decimals
  const change = roundTo(dv.value, d) - roundTo(dv.previous!, d)
  if (Math.abs(Math.abs(change) - y.written) > EPS * Math.max(1, y.written)) return null
  if (change !== 0 && Math.sign(change) !== (c.up ? 1 : -1)) return null
  const key = dv.indicator!
  const ref = fieldFormula({ kind: 'change', indicator: key, decimals: d })
  // 增加 15 / 上升了 0.54: the direction word reads with the figure (trend format), so a fall next year reads 减少.
  const upWord = c.up ? c.verb : oppositeVerb(c.verb)
  const downWord = c.up ? oppositeVerb(c.verb) : c.verb
  const trend: CellFormat = { kind: 'trend', decimals: d, up: upWord, down: downWord }
  if (upWord.length <= 8 && downWord.length <= 8 && formatValue(change, trend) === text.slice(c.verbStart, y.end)) {
    return { from: c.verbStart, to: y.end, text: text.slice(c.verbStart, y.end), kind: 'change', name: dv.name, source: dv.source, year: dv.year, ref, format: formatToString(trend), sure }
  }
  // 增加15人 (no space): the figure alone, as an amount.
  const abs = `=ABS(${ref.slice(1)})`
  const fixed: CellFormat = { kind: 'fixed', decimals: d }
  if (formatValue(Math.abs(change), fixed) !== text.slice(y.start, y.end)) return null
  return { from: y.start, to: y.end, text: text.slice(y.start, y.end), kind: 'change', name: dv.name, source: dv.source, year: dv.year, ref: abs, format: formatToString(fixed), sure }
}

function growthProposal(text: string, p: NumberToken, up: boolean, dv: DataValue, sure: boolean): LocalProposal | null {
  if (!dv.previous) return null
  const d = p.decimals
  const rate = roundTo(((dv.value - dv.previous) / dv.previous) * 100, d)
  if (Math.abs(Math.abs(rate) - p.written) > EPS * Math.max(1, p.written)) return null
  if (rate !== 0 && Math.sign(rate) !== (up ? 1 : -1)) return null
  const ref = fieldFormula({ kind: 'growth', indicator: dv.indicator!, decimals: d })
  const shown = rate < 0 ? `=ABS(${ref.slice(1)})` : ref
  const f = fieldFor(text, p, Math.abs(rate))
  if (!f) return null
  return { from: f.from, to: f.to, text: text.slice(f.from, f.to), kind: 'growth', name: dv.name, source: dv.source, year: dv.year, ref: shown, format: formatToString(f.format), sure }
}
