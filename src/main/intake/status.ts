import type { CompiledFigure, ContributorStatus, IntakeOverview, Provenance } from '@shared/contract/intake'
import { UserError } from '@shared/errors'
import type { ReportData } from '../data'
import { IntakeStore } from '../store/intakeStore'
import type { ReportStore } from '../store/reportStore'
import type { Catalogue } from './catalogue'
import { compileWith, provenanceOf } from './compile'
import { ruleParts } from './catalogue'
import { contributorWord } from './kit'
import { matchKey } from './names'
import { storedAggregates, yearValues } from './taking'

/**
 * The 汇总 panel and provenance, read from what the report holds: per
 * school what it sent (each file with its date, the one in effect marked),
 * what it left empty and how many cells were refused; per compiled
 * indicator its rule, the compiled value and the report's own.
 */
export function intakeOverview(report: ReportStore, data: ReportData, catalogue: Catalogue): IntakeOverview {
  const meta = report.meta()
  const year = meta.year
  const intake = new IntakeStore(report.db)
  const byContributor = intake.givenFigures(year)
  const files = intake.files(undefined, false)
  const cases = intake.cases()

  const contributors: ContributorStatus[] = intake.contributors().map((c) => {
    const mine = files.filter((f) => f.contributorId === c.id)
    const given = byContributor.get(c.id) ?? new Set<string>()
    const current = mine.filter((f) => !f.replaced)
    const errors = current.reduce((n, f) => n + f.errors, 0)
    const warnings = current.reduce((n, f) => n + f.warnings, 0)
    const missing = catalogue.figures.filter((f) => !given.has(f.key)).map((f) => f.name)
    const status: ContributorStatus['status'] = mine.length === 0 ? 'missing' : errors > 0 ? 'errors' : missing.length > 0 ? 'incomplete' : 'received'
    return {
      name: c.name,
      expected: c.expected,
      status,
      files: mine.map((f) => ({ fileName: f.fileName, kind: f.kind, fileDate: f.fileDate, receivedAt: f.receivedAt, errors: f.errors, warnings: f.warnings, current: !f.replaced })),
      values: given.size,
      missing,
      errors,
      warnings,
      cases: cases.filter((k) => k.contributorId === c.id).length
    }
  })

  const agg = storedAggregates(intake, year)
  const reportValues = new Map(data.data.listValues().filter((v) => v.year === year).map((v) => [v.indicator, v.value]))
  const compiled: CompiledFigure[] = catalogue.compiled.map((c) => {
    const r = compileWith(c, agg)
    return { indicator: c.indicator.id, name: c.indicator.name, unit: c.indicator.unit, rule: c.description, value: r.value, reportValue: reportValues.get(c.indicator.id) ?? null, contributors: r.contributors }
  })
  const picked = new Set((report.db.prepare('SELECT id FROM case_study').all() as { id: string }[]).map((r) => r.id))
  return {
    year,
    word: contributorWord(meta.level).word,
    contributors,
    compiled,
    notCompiled: catalogue.notCompiled.map((i) => i.name),
    asked: catalogue.figures.map((f) => ({ name: f.name, unit: f.unit })),
    cases: { total: cases.length, picked: cases.filter((c) => c.pickedCase && picked.has(c.pickedCase)).length }
  }
}

/** Which schools gave what for one compiled indicator (by key or Chinese name), for the data year or another. */
export function intakeProvenance(report: ReportStore, data: ReportData, catalogue: Catalogue, indicator: string, year?: number): Provenance {
  const wanted = indicator.trim()
  const c = catalogue.compiled.find((x) => x.indicator.id === wanted) ?? catalogue.compiled.find((x) => matchKey(x.indicator.name) === matchKey(wanted))
  if (!c) {
    const own = catalogue.notCompiled.find((i) => i.id === wanted || matchKey(i.name) === matchKey(wanted))
    if (own) throw new UserError('NOT_FOUND', `“${own.name}”不由各单位的数据汇总而来，由本级填写。`)
    throw new UserError('NOT_FOUND', `找不到汇总指标“${wanted.slice(0, 40)}”。`)
  }
  const y = year ?? report.meta().year
  const intake = new IntakeStore(report.db)
  const reportValue = data.data.valuesOf(c.indicator.id)[String(y)] ?? null
  return provenanceOf(c, catalogue, yearValues(intake, y, ruleParts(c.rule)), y, reportValue, intake.contributors().map((x) => x.name))
}
