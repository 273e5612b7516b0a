import type { Indicator } from '@shared/model/indicator'
import { STANDARD_INDICATORS } from '../templates/indicators'
import { SCHOOL_INDICATORS } from '../templates/school'
import { matchKey } from './names'
import { canonicalUnit, unitInfo } from './units'

/**
 * What a report asks its schools for, and how each of its indicators is
 * compiled from their answers. Totals (在校生数, 专任教师, 社会培训人次…)
 * are the schools' sums. Derived figures are computed from sums, never by
 * averaging the schools' own rates: 生均校舍建筑面积 = Σ校舍建筑面积 ÷
 * Σ在校生数, 对口就业率 = Σ对口就业人数 ÷ Σ直接就业人数 × 100, 初次就业月收入
 * weighted by 直接就业人数. Figures a school cannot know (高中阶段毛入学率,
 * the city's budget) are filled by the bureau itself.
 *
 * The rules are known for the standard indicators (by key, or by name when
 * the report was imported and its indicators carry other keys) and
 * inferred for others from their names and units: a count or an amount is
 * summed, 生均X is ΣX ÷ Σ在校生数, 每百名学生拥有X is ΣX × 100 ÷ Σ在校生数,
 * a rate or share without its counts is left to the bureau.
 */
export type CompileRule =
  | { kind: 'sum'; figure: string }
  | { kind: 'ratio'; numerator: string; denominator: string; scale: number }
  | { kind: 'weighted'; figure: string; weight: string }

/** A figure the data kit asks for. */
export interface AskedFigure {
  /** The key values are stored under: the indicator's id for a summed indicator, else a standard key. */
  key: string
  name: string
  unit: string
  group: string
  source: string
  /** Keys a school's report may carry it under (the school template's). */
  keys: string[]
  /** Match keys of the names it may be written as. */
  names: string[]
}

export interface CompiledIndicator {
  indicator: Indicator
  rule: CompileRule
  /** In Chinese, for the panel and provenance. */
  description: string
}

export interface Catalogue {
  figures: AskedFigure[]
  compiled: CompiledIndicator[]
  /** Indicators the bureau fills itself. */
  notCompiled: Indicator[]
  figure(key: string): AskedFigure | undefined
  /** A figure by a key a file wrote it under. */
  byKey: Map<string, AskedFigure>
  /** Figures by the match key of a name (more than one: the name is ambiguous). */
  byName: Map<string, AskedFigure[]>
  /** Derived indicators (ratios) by the match key of their name, for working a total back. */
  derivedByName: Map<string, CompiledIndicator>
}

const STAT = '教育事业统计'
const EMP = '中职毕业生就业统计'

/** Figures derived indicators need beyond the report's own indicators, by standard key (school template keys where it has them). */
const SUPPORTING: Record<string, { name: string; unit: string; group: string; source: string }> = {
  'students.total': { name: '在校生数', unit: '人', group: '规模和结构', source: STAT },
  'students.enrolled': { name: '招生数', unit: '人', group: '规模和结构', source: STAT },
  'students.quota': { name: '招生计划数', unit: '人', group: '规模和结构', source: STAT },
  'teachers.fulltime': { name: '专任教师', unit: '人', group: '教师队伍', source: STAT },
  'employment.direct': { name: '直接就业人数', unit: '人', group: '就业质量', source: EMP },
  'employment.matched': { name: '对口就业人数', unit: '人', group: '就业质量', source: EMP },
  'employment.insured': { name: '购买社会保险人数', unit: '人', group: '就业质量', source: EMP },
  'facilities.floor_total': { name: '校舍建筑面积', unit: '平方米', group: '办学条件', source: STAT },
  'facilities.equipment_total': { name: '教学仪器设备总值', unit: '万元', group: '办学条件', source: STAT },
  'facilities.workstations_total': { name: '实训实习工位数', unit: '个', group: '办学条件', source: STAT },
  'facilities.books_total': { name: '纸质图书', unit: '册', group: '办学条件', source: STAT },
  'facilities.computers_total': { name: '教学用计算机', unit: '台', group: '办学条件', source: STAT }
}

const ratio = (numerator: string, denominator: string, scale = 1): CompileRule => ({ kind: 'ratio', numerator, denominator, scale })
const weighted = (figure: string, weight: string): CompileRule => ({ kind: 'weighted', figure, weight })

/** Rules of the standard indicators that are not plain sums; null: filled by the bureau. */
const STANDARD_RULES: Record<string, CompileRule | null> = {
  'schools.total': null,
  'schools.private': null,
  'students.quota_rate': ratio('students.enrolled', 'students.quota', 100),
  'students.gross_rate': null,
  'students.vocational_share': null,
  'facilities.floor_area': ratio('facilities.floor_total', 'students.total'),
  'facilities.equipment': ratio('facilities.equipment_total', 'students.total', 10000),
  'facilities.workstations': ratio('facilities.workstations_total', 'students.total'),
  'facilities.books': ratio('facilities.books_total', 'students.total'),
  'facilities.computers': ratio('facilities.computers_total', 'students.total', 100),
  'employment.matched_rate': ratio('employment.matched', 'employment.direct', 100),
  'employment.insurance_rate': ratio('employment.insured', 'employment.direct', 100),
  'employment.salary': weighted('employment.salary', 'employment.direct'),
  'training.enterprise_days': weighted('training.enterprise_days', 'teachers.fulltime'),
  // Distinct majors and categories of a city are not the sum of its schools' (a major taught at two schools counts once).
  'majors.count': null,
  'majors.categories': null,
  'funding.education': null,
  'funding.vocational': null,
  'funding.per_student': null,
  'funding.per_student_public': null,
  'aid.tuition_free_funds': null,
  'aid.grant_funds': null,
  'pathway.schools': null,
  'pathway.colleges': null,
  'pathway.college_majors': null
}

/** Units whose values add up across schools. */
const ADDITIVE_FAMILIES = new Set(['money', 'area', 'people', 'visits', 'books', '所', '个', '项', '家', '门', '本', '台', '套', '间', '亩', '学时', '课时', '人日', '次', '场', '部', '篇', '种', '门次', '台套'])
const NOT_A_TOTAL = /率|比例|占比|比重|比$|满意度|平均|均值|指数|人均|生均|每百|每千|得分|评分|排名|等级/

const standardByKey = new Map([...STANDARD_INDICATORS, ...SCHOOL_INDICATORS].map((d) => [d.key, d]))
const standardByName = new Map<string, string>()
for (const d of [...STANDARD_INDICATORS, ...SCHOOL_INDICATORS]) if (!standardByName.has(matchKey(d.name))) standardByName.set(matchKey(d.name), d.key)
for (const [key, s] of Object.entries(SUPPORTING)) if (!standardByName.has(matchKey(s.name))) standardByName.set(matchKey(s.name), key)

/** The standard key an indicator stands for: its own id when standard, else by its name. */
export function standardKeyOf(ind: Pick<Indicator, 'id' | 'name'>): string | null {
  if (standardByKey.has(ind.id) || Object.hasOwn(SUPPORTING, ind.id)) return ind.id
  return standardByName.get(matchKey(ind.name)) ?? null
}

const namesOfKey = new Map<string, Set<string>>()
for (const d of [...STANDARD_INDICATORS, ...SCHOOL_INDICATORS]) (namesOfKey.get(d.key) ?? namesOfKey.set(d.key, new Set()).get(d.key)!).add(matchKey(d.name))
for (const [key, s] of Object.entries(SUPPORTING)) (namesOfKey.get(key) ?? namesOfKey.set(key, new Set()).get(key)!).add(matchKey(s.name))

/** Every name a standard key goes by, in the city indicators, the school template and the supporting figures. */
function standardNames(key: string): string[] {
  return [...(namesOfKey.get(key) ?? [])]
}

/** The rule for an indicator without a standard one, from its name and unit. */
function inferredRule(ind: Indicator): CompileRule | null {
  const name = ind.name.trim()
  const per = /^生均(.+)$/.exec(name)
  if (per) return ratio(`derived:${per[1]}`, 'students.total')
  const hundred = /^每百名?学生(?:拥有)?(.+)$/.exec(name)
  if (hundred) return ratio(`derived:${hundred[1]}`, 'students.total', 100)
  if (NOT_A_TOTAL.test(name)) return null
  const unit = unitInfo(ind.unit)
  if (unit && ADDITIVE_FAMILIES.has(unit.family)) return { kind: 'sum', figure: ind.id }
  return null
}

export function buildCatalogue(indicators: Indicator[]): Catalogue {
  const figures = new Map<string, AskedFigure>()
  /** The indicator of the report that stands for a standard key (so its sum is the report's own figure). */
  const byStandard = new Map<string, Indicator>()
  for (const ind of indicators) {
    const std = standardKeyOf(ind)
    if (std && !byStandard.has(std)) byStandard.set(std, ind)
  }

  const ask = (f: AskedFigure): string => {
    const had = figures.get(f.key)
    if (had) {
      for (const k of f.keys) if (!had.keys.includes(k)) had.keys.push(k)
      for (const n of f.names) if (!had.names.includes(n)) had.names.push(n)
    } else figures.set(f.key, f)
    return f.key
  }

  /** The asked figure for a standard key (or a derived name): the report's own indicator if it has one. */
  const figureFor = (ref: string): string => {
    if (ref.startsWith('derived:')) {
      const name = ref.slice('derived:'.length)
      const std = standardByName.get(matchKey(name))
      if (std) return figureFor(std)
      // Its unit is set below from the indicator it serves.
      return ask({ key: `total.${matchKey(name)}`, name, unit: '', group: '其他', source: '', keys: [], names: [matchKey(name)] })
    }
    const own = byStandard.get(ref)
    const def = standardByKey.get(ref) ?? (Object.hasOwn(SUPPORTING, ref) ? SUPPORTING[ref] : null)
    const names = standardNames(ref)
    if (own) return ask({ key: own.id, name: own.name, unit: canonicalUnit(own.unit), group: own.group, source: own.source, keys: [own.id, ref], names: [matchKey(own.name), ...names] })
    // A supporting figure is asked as the school template writes it (教学仪器设备总值 in 万元).
    const sup = Object.hasOwn(SUPPORTING, ref) ? SUPPORTING[ref] : def!
    return ask({ key: ref, name: sup.name, unit: sup.unit, group: sup.group, source: sup.source, keys: [ref], names: [matchKey(sup.name), ...names] })
  }

  const compiled: CompiledIndicator[] = []
  const notCompiled: Indicator[] = []
  const nameOf = (key: string) => figures.get(key)?.name ?? key
  for (const ind of indicators) {
    const std = standardKeyOf(ind)
    // Only the indicator that stands for a standard key takes its rule (an imported twin stays the bureau's).
    const standard = std && byStandard.get(std) === ind ? std : null
    let rule: CompileRule | null
    if (standard && Object.hasOwn(STANDARD_RULES, standard)) rule = STANDARD_RULES[standard]
    else rule = inferredRule(ind)
    if (!rule) {
      notCompiled.push(ind)
      continue
    }
    let resolved: CompileRule
    if (rule.kind === 'sum') {
      resolved = { kind: 'sum', figure: standard ? figureFor(standard) : ask({ key: ind.id, name: ind.name, unit: canonicalUnit(ind.unit), group: ind.group, source: ind.source, keys: [ind.id], names: [matchKey(ind.name)] }) }
    } else if (rule.kind === 'ratio') {
      resolved = { kind: 'ratio', numerator: figureFor(rule.numerator), denominator: figureFor(rule.denominator), scale: rule.scale }
    } else {
      // The weighted figure is the indicator itself, as each school knows it (its 初次就业月收入).
      const figure = ask({ key: ind.id, name: ind.name, unit: canonicalUnit(ind.unit), group: ind.group, source: ind.source, keys: [ind.id, rule.figure], names: [matchKey(ind.name), ...standardNames(rule.figure)] })
      resolved = { kind: 'weighted', figure, weight: figureFor(rule.weight) }
    }
    compiled.push({ indicator: ind, rule: resolved, description: describeRule(resolved, nameOf) })
  }
  // Names of derived figures take their units from the indicators they serve (生均X in 元 asks for X in 元).
  for (const c of compiled) {
    if (c.rule.kind !== 'ratio') continue
    const num = figures.get(c.rule.numerator)
    if (num && !num.unit) num.unit = c.indicator.unit.replace(/^元\/.*/, '元')
  }
  for (const c of compiled) c.description = describeRule(c.rule, nameOf)

  // Grouped as the report groups them (a supporting figure joins the group where it was first needed).
  const groups = new Map<string, number>()
  for (const f of figures.values()) if (!groups.has(f.group)) groups.set(f.group, groups.size)
  const list = [...figures.values()].map((f, i) => ({ f, i })).sort((a, b) => groups.get(a.f.group)! - groups.get(b.f.group)! || a.i - b.i).map((x) => x.f)
  const byKey = new Map<string, AskedFigure>()
  const byName = new Map<string, AskedFigure[]>()
  for (const f of list) {
    for (const k of f.keys) if (!byKey.has(k)) byKey.set(k, f)
    for (const n of f.names) {
      const same = byName.get(n) ?? []
      if (!same.includes(f)) same.push(f)
      byName.set(n, same)
    }
  }
  const derivedByName = new Map(compiled.filter((c) => c.rule.kind === 'ratio').map((c) => [matchKey(c.indicator.name), c]))
  return { figures: list, compiled, notCompiled, figure: (key) => figures.get(key), byKey, byName, derivedByName }
}

export function describeRule(rule: CompileRule, nameOf: (key: string) => string): string {
  switch (rule.kind) {
    case 'sum':
      return '各单位之和'
    case 'ratio':
      return `Σ${nameOf(rule.numerator)}${rule.scale !== 1 ? ` × ${rule.scale}` : ''} ÷ Σ${nameOf(rule.denominator)}`
    case 'weighted':
      return `按${nameOf(rule.weight)}加权：Σ（${nameOf(rule.figure)} × ${nameOf(rule.weight)}）÷ Σ${nameOf(rule.weight)}`
  }
}

/** The figures a rule reads, in the order provenance shows them. */
export function ruleParts(rule: CompileRule): string[] {
  switch (rule.kind) {
    case 'sum':
      return [rule.figure]
    case 'ratio':
      return [rule.numerator, rule.denominator]
    case 'weighted':
      return [rule.figure, rule.weight]
  }
}
