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

export function compileOne(c: CompiledIndicator, values: YearValues): CompiledValue {
  const rule = c.rule
  const of = (figure: string) => values.get(figure) ?? new Map<string, ContributedValue>()
  if (rule.kind === 'sum') {
    const given = [...of(rule.figure).values()]
    return { indicator: c.indicator.id, value: given.length ? roundClean(given.reduce((s, v) => s + v.value, 0)) : null, contributors: given.length }
  }
  const a = of(rule.kind === 'ratio' ? rule.numerator : rule.figure)
  const b = of(rule.kind === 'ratio' ? rule.denominator : rule.weight)
  let top = 0
  let bottom = 0
  let n = 0
  for (const [who, x] of a) {
    const w = b.get(who)
    if (!w) continue
    n++
    top += rule.kind === 'ratio' ? x.value : x.value * w.value
    bottom += w.value
  }
  if (n === 0 || bottom === 0) return { indicator: c.indicator.id, value: null, contributors: n }
  const value = rule.kind === 'ratio' ? (top * rule.scale) / bottom : top / bottom
  return { indicator: c.indicator.id, value: roundTo(value, decimalsOf(c)), contributors: n }
}

/**
 * A derived figure is kept to two decimals, as statistics publish them
 * (18.28, 95.56), or to more when the indicator shows more.
 */
export function decimalsOf(c: CompiledIndicator): number {
  const f = c.indicator.format
  return f.kind !== 'general' && 'decimals' in f ? Math.max(2, f.decimals) : 2
}

export function compileAll(catalogue: Catalogue, values: YearValues): CompiledValue[] {
  return catalogue.compiled.map((c) => compileOne(c, values))
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
