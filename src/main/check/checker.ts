import { createHash } from 'node:crypto'
import { userInfo } from 'node:os'
import type Database from 'better-sqlite3'
import { checkChapter, type ChapterCheck, type ChapterEnv, type ParagraphMemo } from '@shared/check/chapter'
import { assembleReport, type PlacedMemo } from '@shared/check/report'
import type { CheckResult, CheckSettings, Finding } from '@shared/check/types'
import { UserError } from '@shared/errors'
import { parseFormat } from '@shared/model/format'
import { numberReport, type ReportNumbering } from '@shared/model/numbering'
import { reportData, type ReportData } from '../data'
import type { ReportStore } from '../store/reportStore'
import { checkSettings, verifiedMarks } from '../store/checkStore'
import { latestImportReport } from '../store/importReportStore'
import { perStore } from '../store/perStore'
import { dataSnapshot, type DataSnapshot } from './values'

/**
 * 体检 of one open report. Each chapter's part is kept with the chapter's
 * version and the data it was computed against, so a check after a save
 * recomputes only the chapter that changed (the rest is put together from
 * what is kept); a change of the data (a value typed, a table edited)
 * recomputes every chapter once. Nothing here is on the typing path: the
 * panel asks after a save, and the chapter save itself never waits for it.
 */
export class ReportChecker {
  private readonly chapters = new Map<string, { key: string; check: ChapterCheck }>()
  private snapshot: { key: string; snap: DataSnapshot } | null = null
  /** Paragraphs already analysed against this data (cleared when the data changes). */
  private readonly paragraphs: ParagraphMemo = new Map()
  /** The chapters' findings placed in the report (labels, sentences), kept while the numbering stays the same. */
  private readonly placed: PlacedMemo = new Map()

  constructor(readonly store: ReportStore) {}

  /** Everything that decides a chapter's part besides its own text: the data and the report's year and region. */
  private dataKey(db: Database.Database, year: number, region: string, level: string): string {
    const h = createHash('sha1')
    h.update(`${year}|${region}|${level}\n`)
    for (const r of db.prepare('SELECT id, name, unit, format FROM indicator ORDER BY id').raw().iterate() as Iterable<unknown[]>) h.update(`${r.join('\u0001')}\n`)
    for (const r of db.prepare('SELECT indicator_id, year, value FROM indicator_value ORDER BY indicator_id, year').raw().iterate() as Iterable<unknown[]>) h.update(`${r.join('\u0001')}\n`)
    for (const r of db.prepare('SELECT id, spec FROM report_table ORDER BY id').raw().iterate() as Iterable<unknown[]>) h.update(`${r.join('\u0001')}\n`)
    for (const r of db.prepare('SELECT id, spec FROM figure ORDER BY id').raw().iterate() as Iterable<unknown[]>) h.update(`${r.join('\u0001')}\n`)
    return h.digest('hex')
  }

  /** The check at once (fixes, bindings, the export's warning, the CLI). */
  run(): CheckResult {
    const steps = this.steps()
    let step = steps.next()
    while (!step.done) step = steps.next()
    return step.value
  }

  /**
   * The check the panel asks for: it gives way to other calls after each
   * chapter it has to read again, so a save that arrives meanwhile (the
   * first full check of a report just opened) is stored without waiting
   * for the whole report to be checked.
   */
  async runGivingWay(): Promise<CheckResult> {
    const steps = this.steps()
    let step = steps.next()
    while (!step.done) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      step = steps.next()
    }
    return step.value
  }

  private *steps(): Generator<void, CheckResult> {
    const started = performance.now()
    const store = this.store
    const db = store.db
    const meta = store.meta()
    const data = reportData({ store })
    data.syncYear()
    const list = store.listChapters()
    const numbering = numberReport(list)
    const dataKey = this.dataKey(db, meta.year, meta.region, meta.level)
    const snapKey = `${dataKey}|${numbering.tables.map((t) => `${t.id}:${t.number}`).join(',')}|${numbering.figures.map((f) => f.id).join(',')}`
    if (this.snapshot?.key !== snapKey) {
      this.snapshot = { key: snapKey, snap: dataSnapshot(data, numbering) }
      this.paragraphs.clear()
    }
    // A paragraph memo grown past any one report's size (long editing sessions) starts over.
    if (this.paragraphs.size > 50_000) this.paragraphs.clear()
    const snap = this.snapshot.snap

    const env: ChapterEnv = {
      year: meta.year,
      region: meta.region,
      level: meta.level,
      fieldText: (ref, format) => data.fieldText(ref, parseFormat(format)),
      values: snap.values
    }
    const readVersions = () => new Map(store.chapterVersions().map((r) => [r.id, r.version]))
    let versions = readVersions()
    let recomputed = 0
    const chapters: { id: string; title: string; check: ChapterCheck }[] = []
    for (const c of list) {
      // A chapter removed while the check gave way is left out (the next check has the new list).
      if (!versions.has(c.id)) continue
      let kept = this.chapters.get(c.id)
      const rec = kept?.key === `${versions.get(c.id)}|${snapKey}` ? null : store.getChapter(c.id)
      if (rec) {
        kept = { key: `${rec.version}|${snapKey}`, check: checkChapter(c.id, rec.doc, env, this.paragraphs) }
        this.chapters.set(c.id, kept)
        recomputed++
        yield
        // The report may have been closed meanwhile: nothing more to check.
        if (!db.open) throw new UserError('CONFLICT', '报告已经关闭，体检没有完成。')
        versions = readVersions()
      }
      chapters.push({ id: c.id, title: c.title, check: kept!.check })
    }
    for (const id of this.chapters.keys()) if (!versions.has(id)) this.chapters.delete(id)

    const settings = checkSettings(db)
    const imported = latestImportReport(db)
    const assembled = assembleReport({
      meta: { year: meta.year, region: meta.region, level: meta.level, template: meta.template },
      numbering,
      chapters,
      tables: snap.tables,
      figures: snap.figures,
      values: snap.values,
      indicators: snap.indicators,
      importIssues: imported?.inconsistencies ?? [],
      settings
    }, this.placed)
    return finish(assembled.findings, assembled.proposals, verifiedMarks(db), settings, recomputed, performance.now() - started)
  }

  /** The numbering and the chapter parts, for fixes and bindings that must find a finding again. */
  numbering(): ReportNumbering {
    return numberReport(this.store.listChapters())
  }

  data(): ReportData {
    return reportData({ store: this.store })
  }
}

function finish(
  all: Finding[],
  proposals: CheckResult['proposals'],
  marks: Map<string, { by: string; at: string }>,
  settings: CheckSettings,
  recomputed: number,
  ms: number
): CheckResult {
  const open: Finding[] = []
  const verified: Finding[] = []
  for (const f of all) {
    const m = marks.get(f.id)
    if (m) verified.push({ ...f, verified: { by: m.by, at: m.at } })
    else open.push(f)
  }
  const count = (s: Finding['severity']) => open.filter((f) => f.severity === s).length
  return {
    findings: [...open, ...verified],
    proposals,
    counts: { error: count('error'), verify: count('verify'), hint: count('hint'), verified: verified.length, proposals: proposals.length },
    settings,
    recomputed,
    ms: Math.round(ms * 10) / 10
  }
}

/** One checker per open report file, like its data (keyed by the store, gone with the connection). */
export const reportChecker = perStore((store) => new ReportChecker(store))

/** Who marks a finding 已核实: the person logged in on this computer. */
export function currentUser(): string {
  try {
    return userInfo().username || '本机用户'
  } catch {
    return '本机用户'
  }
}


/** What an export says when 体检 errors remain open (null when none), in the export's list of things to check. */
export function openErrors(open: { store: ReportStore }): string | null {
  try {
    const n = reportChecker(open).run().counts.error
    return n ? `体检发现 ${n} 处错误尚未处理（数字前后不一致、与数据不符或计算有误），请在“体检”中修正或标为已核实。` : null
  } catch {
    // A check that fails must never stop an export.
    return null
  }
}
