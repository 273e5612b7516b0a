import type { Provenance, ProvenanceRow } from '@shared/contract/intake'
import type { Catalogue, CompiledIndicator } from './catalogue'
import { ruleParts } from './catalogue'
import { roundTo } from '@shared/model/format'
import { roundClean } from './validate'

/**
 * Compilation: every compiled indicator from the schools' values for one
 * year. A sum adds what each school gave; a ratio divides the sum of its
 * numerators by the sum of its denominators over the schools that gave
 * both (a school without 校舍建筑面积 counts neither its area nor its
 * students); a weighted figure is Σ(x·w) ÷ Σw over the schools that gave
 * both. No school's own rate is ever averaged. Sums are exact; a ratio is
 * rounded once, at the end, to the decimals statistics publish.
 */
export interface ContributedValue {
  contributor: string
  figure: string
  value: number
  place: string
  fileName: string
  fileDate: string | null
  note: string
}

export interface CompiledValue {
  indicator: string
  value: number | null
  /** Schools that count towards it. */
  contributors: number
}

/** Values of one year grouped by figure, then by contributor. */
export type YearValues = Map<string, Map<string, ContributedValue>>

export function groupValues(values: ContributedValue[]): YearValues {
  const out: YearValues = new Map()
  for (const v of values) {
    let m = out.get(v.figure)
    if (!m) out.set(v.figure, (m = new Map()))
    m.set(v.contributor, v)
  }
  return out
}

/**
 * What compilation needs to know of the schools' values: the sum of one
 * figure, and over the schools that gave both of two figures, the sum of
 * the first (or of their products) and of the second. The stored values
 * answer it with SQL aggregates (fast at 400 schools); a year's values in
 * memory answer it for provenance and tests, with the same arithmetic.
 */
export interface Aggregates {
  sum(figure: string): { total: number; n: number }
  pair(a: string, b: string, product: boolean): { top: number; bottom: number; n: number }
}

export function inMemory(values: YearValues): Aggregates {
  const of = (figure: string) => values.get(figure) ?? new Map<string, ContributedValue>()
  return {
    sum: (figure) => {
      const given = [...of(figure).values()]
      return { total: given.reduce((s, v) => s + v.value, 0), n: given.length }
    },
    pair: (a, b, product) => {
      const second = of(b)
      let top = 0
      let bottom = 0
      let n = 0
      for (const [who, x] of of(a)) {
        const w = second.get(who)
        if (!w) continue
        n++
        top += product ? x.value * w.value : x.value
        bottom += w.value
      }
      return { top, bottom, n }
    }
  }
}

export function compileWith(c: CompiledIndicator, agg: Aggregates): CompiledValue {
  const rule = c.rule
  if (rule.kind === 'sum') {
    const { total, n } = agg.sum(rule.figure)
    return { indicator: c.indicator.id, value: n ? roundClean(total) : null, contributors: n }
  }
  const { top, bottom, n } = rule.kind === 'ratio' ? agg.pair(rule.numerator, rule.denominator, false) : agg.pair(rule.figure, rule.weight, true)
  if (n === 0 || bottom === 0) return { indicator: c.indicator.id, value: null, contributors: n }
  const value = rule.kind === 'ratio' ? (top * rule.scale) / bottom : top / bottom
  return { indicator: c.indicator.id, value: roundTo(value, decimalsOf(c)), contributors: n }
}

export function compileOne(c: CompiledIndicator, values: YearValues): CompiledValue {
  return compileWith(c, inMemory(values))
}

/**
 * A derived figure is kept to two decimals, as statistics publish them
 * (18.28, 95.56), or to more when the indicator shows more.
 */
export function decimalsOf(c: CompiledIndicator): number {
  const f = c.indicator.format
  return f.kind !== 'general' && 'decimals' in f ? Math.max(2, f.decimals) : 2
}

export function compileAll(catalogue: Catalogue, agg: Aggregates): CompiledValue[] {
  return catalogue.compiled.map((c) => compileWith(c, agg))
}

/** Which schools gave what for one compiled indicator, and whether each counts. */
export function provenanceOf(
  c: CompiledIndicator,
  catalogue: Catalogue,
  values: YearValues,
  year: number,
  reportValue: number | null,
  contributors: string[]
): Provenance {
  const parts = ruleParts(c.rule).map((key) => {
    const f = catalogue.figure(key)
    return { figure: key, name: f?.name ?? key, unit: f?.unit ?? '' }
  })
  const byPart = parts.map((p) => values.get(p.figure) ?? new Map<string, ContributedValue>())
  const who = new Set<string>()
  for (const m of byPart) for (const k of m.keys()) who.add(k)
  const ordered = [...contributors.filter((n) => who.has(n)), ...[...who].filter((n) => !contributors.includes(n))]
  const rows: ProvenanceRow[] = ordered.map((name) => {
    const got = byPart.map((m) => m.get(name) ?? null)
    const first = got.find((g) => g !== null)!
    const notes = got.flatMap((g) => (g?.note ? [g.note] : []))
    return {
      contributor: name,
      values: got.map((g) => (g ? g.value : null)),
      used: got.every((g) => g !== null),
      place: got.map((g) => g?.place).filter(Boolean).join('、'),
      fileName: first.fileName,
      fileDate: first.fileDate,
      ...(notes.length ? { note: notes.join('；') } : {})
    }
  })
  const totals = parts.map((_, i) => roundClean(rows.filter((r) => r.used).reduce((s, r) => s + (r.values[i] ?? 0), 0)))
  return {
    indicator: c.indicator.id,
    name: c.indicator.name,
    unit: c.indicator.unit,
    year,
    rule: c.description,
    value: compileOne(c, values).value,
    reportValue,
    parts: parts.map((p, i) => ({ ...p, total: c.rule.kind === 'weighted' && i === 0 ? null : totals[i] })),
    rows,
    missing: contributors.filter((n) => !who.has(n))
  }
}
