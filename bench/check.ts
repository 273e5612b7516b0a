import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { newId } from '../src/shared/editor/ids'
import type { DocNode } from '../src/shared/model/doc'
import { analyseDocx } from '../src/main/import/pipeline'
import { DEFAULT_LIMITS } from '../src/main/import/limits'
import type { ImportedReport } from '../src/main/import/model'
import { writeImportedReport } from '../src/main/import/write'
import { ReportChecker } from '../src/main/check/checker'
import { reportData } from '../src/main/data'
import { AppState } from '../src/main/services/appState'
import { createService } from '../src/main/services/service'
import { summarize, type BenchRow } from './types'

/**
 * 体检: a full check of the Qingyuan 2021 report as imported (its data
 * loaded, no chapter kept from before), of a synthetic report 20 times its
 * text, and the re-check after one chapter is saved (only that chapter is
 * read again). The check is never part of a save: the saves are measured
 * alone and with a re-check asked after each, as the panel does.
 */
const AREA = 'check'
const ROUNDS = 5
const SAVES = 60

const QINGYUAN = join(__dirname, '..', 'tests', 'fixtures', 'qingyuan-2021', 'report.docx')

/** Every chapter's text `times` over (fresh ids; tables and figures only in the first copy, where the data is). */
function repeated(r: ImportedReport, times: number): ImportedReport {
  const fresh = (n: DocNode): DocNode => {
    const attrs = n.attrs && typeof n.attrs.id === 'string' ? { ...n.attrs, id: newId(String(n.attrs.id).split('_')[0] || 'x') } : n.attrs
    return { ...n, ...(attrs ? { attrs } : {}), ...(n.content ? { content: n.content.map(fresh) } : {}) }
  }
  const chapters = r.chapters.map((c) => {
    const body = c.doc.content ?? []
    const copies = Array.from({ length: times - 1 }, () => body.filter((b) => b.type !== 'reportTable' && b.type !== 'figure').map(fresh)).flat()
    return { ...c, doc: { ...c.doc, content: [...body, ...copies] } }
  })
  return { ...r, chapters }
}

function build(dir: string, imported: ImportedReport, name: string) {
  const path = join(dir, name)
  writeImportedReport(path, imported)
  const svc = createService({ appState: new AppState(join(dir, `${name}-config`)), ports: { transport: 'browser', workspaceDir: dir } })
  svc.session.open(path)
  const open = svc.session.require()
  // The data is loaded when a report opens in the app (its tables and fields are shown first).
  void reportData(open).engine
  return { svc, open, words: svc.context.state().words }
}

function fullCheck(open: ReturnType<typeof build>['open']): { ms: number[]; findings: number; proposals: number } {
  const ms: number[] = []
  let findings = 0
  let proposals = 0
  for (let i = 0; i < ROUNDS; i++) {
    const checker = new ReportChecker(open.store)
    const t = performance.now()
    const r = checker.run()
    ms.push(performance.now() - t)
    findings = r.findings.length
    proposals = r.proposals.length
  }
  return { ms, findings, proposals }
}

/** Save one paragraph of chapter 3 again and again through the service, as the editor's patch save does; with or without a re-check after each. */
async function saves(b: ReturnType<typeof build>, recheck: boolean): Promise<{ save: number[]; check: number[]; recomputed: number[] }> {
  const h = b.svc.handlers
  const chapterId = b.svc.context.state().chapters[2].id
  const save: number[] = []
  const check: number[] = []
  const recomputed: number[] = []
  await h.check.run(undefined as never)
  for (let i = 0; i < SAVES; i++) {
    const rec = (await h.chapter.get({ id: chapterId })) as { doc: DocNode; version: number }
    const index = (rec.doc.content ?? []).findIndex((n) => n.type === 'paragraph' && (n.content?.length ?? 0) > 0)
    const block: DocNode = { type: 'paragraph', content: [{ type: 'text', text: `专任教师 1649 人，较上年增加了 27 人。修改 ${i}` }] }
    let t = performance.now()
    await h.chapter.save({ id: chapterId, baseVersion: rec.version, from: index, to: index + 1, blocks: [block] })
    save.push(performance.now() - t)
    if (!recheck) continue
    t = performance.now()
    const r = await h.check.run(undefined as never)
    check.push(performance.now() - t)
    recomputed.push(r.recomputed)
  }
  return { save, check, recomputed }
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-check-'))
  const rows: BenchRow[] = []
  try {
    const imported = analyseDocx({ bytes: readFileSync(QINGYUAN), fileName: 'report.docx', limits: DEFAULT_LIMITS, now: new Date() })
    const sizes: [string, ImportedReport, string][] = [
      ['清远 2021', imported, '≤ 200 ms'],
      ['20 倍合成报告', repeated(imported, 20), '≤ 3 s']
    ]
    for (const [label, report, goal] of sizes) {
      const b = build(dir, report, `${label}.nianbao`)
      const full = fullCheck(b.open)
      const s = summarize(full.ms)
      rows.push({ area: AREA, case: label, metric: '全部体检（未缓存）p50', value: s.p50, unit: 'ms', goal, note: `${b.words} 字，${full.findings} 条结果，${full.proposals} 个可改为字段的数字；n=${ROUNDS}` })
      rows.push({ area: AREA, case: label, metric: '全部体检（未缓存）max', value: Math.max(...full.ms), unit: 'ms', goal })

      const alone = await saves(b, false)
      const withCheck = await saves(b, true)
      const c = summarize(withCheck.check)
      rows.push({
        area: AREA,
        case: label,
        metric: '保存一章后重新体检 p95',
        value: c.p95,
        unit: 'ms',
        goal: label === '清远 2021' ? '≤ 20 ms' : undefined,
        note: `p50 ${c.p50.toFixed(1)} ms；每次重算 ${Math.max(...withCheck.recomputed)} 章；n=${SAVES}`
      })
      const sa = summarize(alone.save)
      const sw = summarize(withCheck.save)
      rows.push({
        area: AREA,
        case: label,
        metric: '保存一章（chapter.save，只送改动的段落）p95',
        value: sw.p95,
        unit: 'ms',
        goal: '不变（体检不在保存中）',
        note: `不体检时 p95 ${sa.p95.toFixed(1)} ms；保存处理中不做体检，打字从不等待`
      })
      b.svc.session.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
