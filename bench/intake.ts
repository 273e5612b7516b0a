import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Intake, stopIntakeWorker } from '../src/main/intake'
import { buildCatalogue, type AskedFigure } from '../src/main/intake/catalogue'
import { ReportSession } from '../src/main/services/reportSession'
import { templateMeta } from '../src/main/templates/outline'
import { templateReport } from '../src/main/templates/report'
import { DataStore } from '../src/main/store/dataStore'
import { writeXlsx } from '../src/main/xlsx'
import { summarize, type BenchRow } from './types'

/**
 * 汇总 at the scale of a province (one provincial report was compiled from
 * 16 city and 379 school reports): 400 school workbooks, every figure the
 * report asks for in two years, read in the built intake worker, checked,
 * taken in and compiled, as the app does it; then one school's corrected
 * workbook taken again. Peak memory is the process's resident size while
 * it runs (the worker included). Goals: 400 workbooks ≤ 10 s with memory
 * bounded, re-taking one school ≤ 200 ms.
 */
const ROOT = join(__dirname, '..')
const SCHOOLS = 400

function workbook(name: string, figures: AskedFigure[], seed: number): Uint8Array {
  const rows = figures.map((f, i) => {
    const base = 100 + ((seed * 7919 + i * 104729) % 5000)
    return [f.name, f.unit, base, base + (seed % 13)]
  })
  return writeXlsx({ sheets: [{ name: '数据', rows: [['学校名称', name], ['指标', '单位', '2020 年', '2021 年'], ...rows] }] })
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-intake-'))
  const workerFile = join(ROOT, process.env.NIANBAO_OUT || 'out', 'main', 'intakeWorker.js')
  const session = new ReportSession({ now: () => new Date() })
  const rows: BenchRow[] = []
  try {
    const meta = templateMeta('province', { region: '广东省', year: 2021 })
    const t = templateReport('province', meta)
    const open = session.create(join(dir, '广东省.nianbao'), meta, t.chapters, t.seed)
    const figures = buildCatalogue(new DataStore(open.store.db).listIndicators()).figures
    const files = Array.from({ length: SCHOOLS }, (_, i) => {
      const name = `第${i + 1}职业技术学校`
      return { fileName: `${name}.xlsx`, bytes: workbook(name, figures, i) }
    })
    const bytes = files.reduce((n, f) => n + f.bytes.length, 0)
    const intake = new Intake({ now: () => new Date(), run: { workerFile } })

    let peak = process.memoryUsage().rss
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    const rss0 = process.memoryUsage().rss
    const cpu0 = process.cpuUsage()
    const load = loadavg()[0]
    const t0 = performance.now()
    const preview = await intake.read(open, files)
    const t1 = performance.now()
    const result = intake.accept(open)
    const t2 = performance.now()
    const cpu = process.cpuUsage(cpu0)
    clearInterval(sampler)
    if (result.taken.schools !== SCHOOLS || preview.files.some((f) => f.refused)) throw new Error('the bench workbooks were not all taken')
    const values = result.taken.values
    rows.push({ area: 'intake', case: `${SCHOOLS} school workbooks → provincial report`, metric: 'read + check + take + compile', value: (t2 - t0) / 1000, unit: 's', goal: '≤ 10 s', note: `${figures.length} figures × 2 years each, ${values} values, ${(bytes / 1048576).toFixed(1)} MB of workbooks` })
    rows.push({ area: 'intake', case: `${SCHOOLS} school workbooks → provincial report`, metric: 'of which reading in the workers', value: (t1 - t0) / 1000, unit: 's' })
    // CPU time of the whole process (workers included): what the run costs whatever else the machine does.
    rows.push({ area: 'intake', case: `${SCHOOLS} school workbooks → provincial report`, metric: 'CPU time (all threads)', value: (cpu.user + cpu.system) / 1e6, unit: 's', note: `load average ${load.toFixed(1)} on ${availableParallelism()} cores when measured` })
    rows.push({ area: 'intake', case: `${SCHOOLS} school workbooks → provincial report`, metric: 'peak memory (process, worker included)', value: peak / 1048576, unit: 'MB', goal: 'bounded', note: `+${((peak - rss0) / 1048576).toFixed(0)} MB over the start` })

    // One school sends a corrected workbook: read, checked, its part replaced, everything compiled again.
    const times: number[] = []
    const cpus: number[] = []
    for (let i = 0; i < 7; i++) {
      const again = [{ fileName: `${'第17职业技术学校'}（更正${i}）.xlsx`, bytes: workbook('第17职业技术学校', figures, 17 + 1000 * (i + 1)) }]
      const c0 = process.cpuUsage()
      const s = performance.now()
      await intake.read(open, again)
      intake.accept(open)
      times.push(performance.now() - s)
      const c = process.cpuUsage(c0)
      cpus.push((c.user + c.system) / 1000)
    }
    const s = summarize(times.slice(1))
    rows.push({ area: 'intake', case: 're-take one school of 400', metric: 'read + check + replace + compile (p50)', value: s.p50, unit: 'ms', goal: '≤ 200 ms' })
    rows.push({ area: 'intake', case: 're-take one school of 400', metric: 'p95', value: s.p95, unit: 'ms' })
    rows.push({ area: 'intake', case: 're-take one school of 400', metric: 'CPU time (p50, all threads)', value: summarize(cpus.slice(1)).p50, unit: 'ms', note: `load average ${loadavg()[0].toFixed(1)}` })
  } finally {
    session.close()
    stopIntakeWorker()
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
