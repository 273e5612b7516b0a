import type { DataDelta } from '@shared/contract/data'
import { newId } from '@shared/editor/ids'
import { UserError } from '@shared/errors'
import type { ReportData } from '../data'
import { IntakeStore } from '../store/intakeStore'
import type { ReportStore } from '../store/reportStore'
import type { Catalogue } from './catalogue'
import { compileAll, groupValues, type Aggregates, type YearValues } from './compile'
import type { PendingIntake } from './pending'

/**
 * 接收: what was read goes into the report in one transaction — per school
 * its file, its values (replacing what it sent before, no other school's),
 * its cases with their pictures — and the compiled indicators follow.
 * Then the formula engine is told which values changed, and every table,
 * quoted figure and chart that uses them follows (the delta).
 */
export interface Taken {
  files: number
  schools: number
  values: number
  cases: number
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}

/** A year's values in memory (for provenance: only the figures asked about). */
export function yearValues(intake: IntakeStore, year: number, figures?: string[]): YearValues {
  return groupValues(intake.contributions(year, figures))
}

/** The stored values answer compilation with SQL aggregates. */
export function storedAggregates(intake: IntakeStore, year: number): Aggregates {
  return { sum: (figure) => intake.sumOf(figure, year), pair: (a, b, product) => intake.pairOf(a, b, year, product) }
}

/**
 * Compile the data year into the indicators, inside the caller's
 * transaction. A value typed over a compiled one by hand is kept (the
 * overview shows both, and provenance offers the compiled one); a compiled
 * value no school supports any more is cleared where it was compilation's.
 */
export function compileInto(report: ReportStore, data: ReportData, catalogue: Catalogue, at: string): { id: string; year: number; value: number | null }[] {
  const intake = new IntakeStore(report.db)
  const year = report.meta().year
  const results = compileAll(catalogue, storedAggregates(intake, year))
  const previous = intake.compiled(year)
  const current = new Map(data.data.listValues().filter((v) => v.year === year).map((v) => [v.indicator, v.value]))
  const changes: { id: string; year: number; value: number | null }[] = []
  for (const r of results) {
    const prev = previous.get(r.indicator)
    const cur = current.get(r.indicator)
    const typedOver = prev !== undefined && cur !== undefined && !same(cur, prev.value)
    if (r.value === null) {
      if (!prev) continue
      intake.setCompiled(r.indicator, year, null, 0, at)
      if (cur !== undefined && !typedOver) {
        data.data.setValue(r.indicator, year, null)
        changes.push({ id: r.indicator, year, value: null })
      }
      continue
    }
    intake.setCompiled(r.indicator, year, r.value, r.contributors, at)
    if (typedOver || (cur !== undefined && same(cur, r.value))) continue
    data.data.setValue(r.indicator, year, r.value)
    changes.push({ id: r.indicator, year, value: r.value })
  }
  return changes
}

export function acceptPending(report: ReportStore, data: ReportData, catalogue: Catalogue, pending: PendingIntake, ids: string[] | undefined, at: string): { delta: DataDelta; taken: Taken } {
  const chosen = pending.files.filter((f) => !f.preview.refused && f.schools.length > 0 && (!ids || ids.includes(f.preview.id)))
  if (ids && ids.some((id) => !pending.files.some((f) => f.preview.id === id))) throw new UserError('NOT_FOUND', '要接收的文件已不在待接收的列表中，请重新读取。')
  if (chosen.length === 0) throw new UserError('BAD_INPUT', pending.files.length ? '没有可以接收的文件：所选文件都没能读取。' : '还没有读取任何文件。')
  const intake = new IntakeStore(report.db)
  const taken: Taken = { files: chosen.length, schools: 0, values: 0, cases: 0 }
  let changes: { id: string; year: number; value: number | null }[] = []
  report.transaction(() => {
    for (const f of chosen) {
      for (const s of f.schools) {
        const v = s.validated
        const who = intake.ensureContributor(v.name, at)
        const fileId = intake.addFile({
          contributorId: who.id,
          fileName: f.preview.fileName,
          kind: f.preview.kind!,
          sha256: f.sha256,
          bytes: f.preview.bytes,
          fileDate: f.preview.fileDate,
          receivedAt: at,
          sheet: v.sheet ?? '',
          issues: [...f.preview.issues, ...v.issues],
          errors: v.errors,
          warnings: v.warnings
        })
        taken.schools++
        if (v.values.length) {
          intake.replaceValues(
            who.id,
            fileId,
            v.values.map((x) => ({ figure: x.figure, year: x.year, value: x.value, place: x.place, note: x.note ?? '' }))
          )
          taken.values += v.values.length
        }
        for (const c of s.cases) {
          for (const hash of assetsOf(c.doc, c.figures)) {
            const meta = f.assets.get(hash)
            const bytes = meta && pending.asset(hash)
            if (meta && bytes) report.putAsset({ ...meta, bytes })
          }
          intake.putCase({
            id: newId('lib'),
            contributorId: who.id,
            fileId,
            title: c.title,
            school: c.school,
            doc: JSON.stringify(c.doc),
            tables: JSON.stringify(c.tables),
            figures: JSON.stringify(c.figures),
            receivedAt: at
          })
          taken.cases++
        }
      }
    }
    changes = compileInto(report, data, catalogue, at)
  })
  return { delta: data.recomputeValues(changes), taken }
}

/** Withdraw a school's figures and compile again; its files stay listed (as replaced) and its cases stay in the library. */
export function withdrawContributor(report: ReportStore, data: ReportData, catalogue: Catalogue, name: string, at: string): DataDelta {
  const intake = new IntakeStore(report.db)
  const who = intake.contributor(name)
  if (!who) throw new UserError('NOT_FOUND', `没有“${name.slice(0, 40)}”报送的数据。`)
  let changes: { id: string; year: number; value: number | null }[] = []
  report.transaction(() => {
    intake.clearValues(who.id)
    changes = compileInto(report, data, catalogue, at)
  })
  return data.recomputeValues(changes)
}

function assetsOf(doc: { type: string; attrs?: Record<string, unknown>; content?: unknown[] }, figures: { asset?: string }[]): string[] {
  const out = new Set<string>()
  const visit = (n: { type: string; attrs?: Record<string, unknown>; content?: unknown[] }) => {
    if (n.type === 'photo' && typeof n.attrs?.asset === 'string') out.add(n.attrs.asset)
    for (const c of (n.content ?? []) as (typeof n)[]) visit(c)
  }
  visit(doc)
  for (const f of figures) if (f.asset) out.add(f.asset)
  return [...out]
}
