import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { dispatch } from '../src/main/services/dispatch'
import type { SaveResult } from '../src/shared/api'
import type { DocNode } from '../src/shared/model/doc'
import { qingyuanChapters, scaled, service, writeReport, type Chapter } from './foundation'
import { summarize, type BenchRow } from './types'

/**
 * Saving as the editor does it while typing: one paragraph of the largest
 * chapter changed, sent as the changed block only, end to end in main
 * (input check and validation in dispatch, the handler's transaction, the
 * answer serialised as the transport sends it).
 */

const AREA = 'saving'
/** Saves not counted in p50/p95: the first ones warm up the code paths (the editor saves all day in one process); the first is shown apart. */
const WARMUP = 10

async function saveCase(dir: string, label: string, chapters: Chapter[], goal: string, saves: number): Promise<BenchRow[]> {
  const path = writeReport(dir, `${label}.nianbao`, chapters)
  const s = service(dir)
  await s.handlers.report.open({ path })
  const store = s.session.require().store
  const largest = store.listChapters().reduce((a, b) => (b.summary.words > a.summary.words ? b : a))
  const record = store.getChapter(largest.id)
  const at = record.doc.content!.findIndex((n) => n.type === 'paragraph')
  const paragraph = record.doc.content![at]
  let version = record.version
  const ms: number[] = []
  const cpu: number[] = []
  let answer = 0
  let first = 0
  for (let i = 0; i < saves + WARMUP; i++) {
    const block: DocNode = { ...paragraph, content: [{ type: 'text', text: paragraph.content![0].text + '字'.repeat(i + 1) }] }
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const r = await dispatch(s.handlers, 'chapter.save', { id: largest.id, baseVersion: version, from: at, to: at + 1, blocks: [block] })
    const sent = JSON.stringify(r)
    const took = performance.now() - t0
    const c = process.cpuUsage(c0)
    if (i === 0) first = took
    if (i >= WARMUP) {
      ms.push(took)
      cpu.push((c.user + c.system) / 1000)
    }
    if (!r.ok) throw new Error(`save failed: ${r.error.message}`)
    const saved = r.result as SaveResult
    if (!saved.stored) throw new Error('the paragraph no longer fits the stored chapter')
    version = saved.version
    answer = sent.length
  }
  s.handlers.report.close(undefined)
  const { p50, p95 } = summarize(ms)
  const busy = summarize(cpu)
  const note = `最大的一章“${largest.title}”，${(JSON.stringify(record.doc).length / 1024).toFixed(0)} KB；应答 ${(answer / 1024).toFixed(1)} KB`
  return [
    { area: AREA, case: label, metric: '保存一段 p50', value: p50, unit: 'ms', note },
    { area: AREA, case: label, metric: '保存一段 p95', value: p95, unit: 'ms', goal, note: `${saves} 次；之前的 ${WARMUP} 次为预热，不计` },
    { area: AREA, case: label, metric: '打开后第一次保存', value: first, unit: 'ms' },
    // Wall time includes waiting for the CPU on a busy machine and the disk's fsync; CPU time does not.
    { area: AREA, case: label, metric: '保存一段 CPU p95', value: busy.p95, unit: 'ms', note: `负载 ${loadavg()[0].toFixed(1)}（${cpus().length} 核）` }
  ]
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'))
  mkdirSync(join(dir, 'config'))
  try {
    const qingyuan = qingyuanChapters()
    return [
      ...(await saveCase(dir, '清远市2021', qingyuan, '≤ 3 ms', 100)),
      ...(await saveCase(dir, '合成×20', scaled(qingyuan, 20), '≤ 10 ms', 60))
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
