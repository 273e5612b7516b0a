import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { IntakeAcceptResult, IntakeOverview, IntakePreview, KitResult, LibraryCase, Provenance } from '@shared/contract/intake'
import { UserError } from '@shared/errors'
import { reportData } from '../data'
import type { ChapterContext } from '../chapters/documents'
import { writeFileAtomic } from '../export/atomicWrite'
import { DataStore } from '../store/dataStore'
import { IntakeStore } from '../store/intakeStore'
import type { ReportStore } from '../store/reportStore'
import { buildCatalogue, type Catalogue } from './catalogue'
import { buildKit } from './kit'
import { libraryCases, pickCase, type PickInput } from './library'
import { PendingIntake, type IntakeInput } from './pending'
import type { IntakeRunOptions } from './runner'
import { intakeOverview, intakeProvenance } from './status'
import { acceptPending, withdrawContributor } from './taking'

/**
 * 汇总 — the public API of src/main/intake, one per window (service):
 *
 *   read(report, files)       read files (worker, limits), validate per school and cell → IntakePreview; nothing stored
 *   accept(report, ids?)      store what was read in one transaction, compile → overview, DataDelta
 *   overview / provenance     the 汇总 panel; which schools gave what for a compiled indicator
 *   withdraw(report, name)    a school's figures out, compiled again
 *   kit(report, dir, names)   生成填报表: one workbook per school (or a blank one), the list remembered
 *   cases / pickCase          案例库, and a case into a chapter as the report's own 案例 N
 *
 * The rules of compilation are in catalogue.ts, the checks in validate.ts,
 * the readers of each kind of file in read/.
 */
export interface OpenReportLike {
  path: string
  store: ReportStore
}

export class Intake {
  private pendingIntake: PendingIntake | null = null

  constructor(private readonly deps: { now: () => Date; run?: IntakeRunOptions }) {}

  private check(report: OpenReportLike): void {
    if (report.store.meta().level === 'school') throw new UserError('UNSUPPORTED', '学校报告不汇总其他单位的数据；“汇总”用于地市级和省级报告。')
  }

  catalogue(report: OpenReportLike): Catalogue {
    return buildCatalogue(new DataStore(report.store.db).listIndicators())
  }

  /** What waits for 接收 belongs to one report: another report (or none) forgets it. */
  private pendingFor(report: OpenReportLike): PendingIntake {
    if (this.pendingIntake && this.pendingIntake.reportPath !== report.path) this.discard()
    return (this.pendingIntake ??= new PendingIntake(report.path))
  }

  async read(report: OpenReportLike, inputs: IntakeInput[]): Promise<IntakePreview> {
    this.check(report)
    const meta = report.store.meta()
    const intake = new IntakeStore(report.store.db)
    const ids = new Map(intake.contributors().map((c) => [c.name, c.id]))
    // What a school sent before is looked up for the schools read, a school and a year at a time.
    const before = new Map<string, Map<string, number>>()
    const sent = (id: number, year: number) => {
      const k = `${id}:${year}`
      let m = before.get(k)
      if (!m) before.set(k, (m = new Map(intake.values({ contributorId: id, year }).map((v) => [v.figure, v.value]))))
      return m
    }
    const pending = this.pendingFor(report)
    await pending.read(inputs, {
      meta,
      catalogue: this.catalogue(report),
      stored: (school, figure, year) => {
        const id = ids.get(school)
        return id === undefined ? undefined : sent(id, year).get(figure)
      },
      contributed: (school) => {
        const id = ids.get(school)
        return id !== undefined && sent(id, meta.year).size > 0
      },
      run: this.deps.run
    })
    return pending.preview(meta)
  }

  pending(report: OpenReportLike): IntakePreview {
    const meta = report.store.meta()
    return this.pendingFor(report).preview(meta)
  }

  discard(): void {
    this.pendingIntake?.dispose()
    this.pendingIntake = null
  }

  accept(report: OpenReportLike, ids?: string[]): IntakeAcceptResult {
    this.check(report)
    const pending = this.pendingFor(report)
    const data = reportData(report)
    data.syncYear()
    const catalogue = this.catalogue(report)
    const { delta, taken } = acceptPending(report.store, data, catalogue, pending, ids, this.deps.now().toISOString())
    // What was taken leaves the waiting list; files not chosen stay for another look.
    const left = pending.files.filter((f) => ids && !ids.includes(f.preview.id))
    if (left.length) pending.files = left
    else this.discard()
    return { overview: intakeOverview(report.store, data, catalogue), delta, taken }
  }

  withdraw(report: OpenReportLike, name: string): IntakeAcceptResult {
    this.check(report)
    const data = reportData(report)
    const catalogue = this.catalogue(report)
    const delta = withdrawContributor(report.store, data, catalogue, name, this.deps.now().toISOString())
    return { overview: intakeOverview(report.store, data, catalogue), delta, taken: { files: 0, schools: 0, values: 0, cases: 0 } }
  }

  overview(report: OpenReportLike): IntakeOverview {
    this.check(report)
    return intakeOverview(report.store, reportData(report), this.catalogue(report))
  }

  provenance(report: OpenReportLike, indicator: string, year?: number): Provenance {
    this.check(report)
    return intakeProvenance(report.store, reportData(report), this.catalogue(report), indicator, year)
  }

  cases(report: OpenReportLike): LibraryCase[] {
    return libraryCases(report.store)
  }

  pickCase(ctx: ChapterContext, report: OpenReportLike, input: PickInput): string {
    return pickCase(ctx, report.store, reportData(report), input)
  }

  /** 生成填报表 into `dir`: one workbook per name (the list is remembered as the schools expected), or one blank workbook. */
  async kit(report: OpenReportLike, dir: string, names: string[]): Promise<KitResult> {
    this.check(report)
    const meta = report.store.meta()
    const catalogue = this.catalogue(report)
    if (catalogue.figures.length === 0) throw new UserError('BAD_INPUT', '这个报告没有需要各单位填报的数据指标（数据面板中的指标都由本级填写）。')
    const schools = [...new Set(names.map((n) => n.trim()).filter(Boolean))]
    const intake = new IntakeStore(report.store.db)
    const at = this.deps.now().toISOString()
    if (schools.length) report.store.transaction(() => schools.forEach((s) => intake.ensureContributor(s, at, true)))
    const last = new Map<string, Map<string, number>>()
    for (const v of intake.values({ year: meta.year - 1 })) (last.get(String(v.contributorId)) ?? last.set(String(v.contributorId), new Map()).get(String(v.contributorId))!).set(v.figure, v.value)
    const idOf = new Map(intake.contributors().map((c) => [c.name, String(c.id)]))
    try {
      mkdirSync(dir, { recursive: true })
    } catch {
      throw new UserError('IO_ERROR', `无法创建文件夹“${dir}”。`)
    }
    const files: string[] = []
    const targets = schools.length ? schools : ['']
    for (const school of targets) {
      const bytes = buildKit({ meta, figures: catalogue.figures, school, lastYear: (figure) => last.get(idOf.get(school) ?? '')?.get(figure) })
      const stem = fileSafe(school || `${meta.region}${meta.year}年度数据填报表（空白）`)
      let name = `${stem}.xlsx`
      for (let n = 2; files.includes(name); n++) name = `${stem}（${n}）.xlsx`
      await writeFileAtomic(join(dir, name), bytes)
      files.push(name)
    }
    return { dir, files, figures: catalogue.figures.length }
  }
}

/** A name usable as a file name on Windows and Linux. */
function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^[\s.]+/, '').slice(0, 80).trim() || '填报表'
}

export type { IntakeInput } from './pending'
export { stopIntakeWorker } from './runner'
export { contributorWord } from './kit'
