import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { analyseDocx } from '../src/main/import/pipeline'
import { importToFile } from '../src/main/import/service'
import { prewarmImport } from '../src/main/import/runner'
import { DEFAULT_LIMITS } from '../src/main/import/limits'
import { summarize, type BenchRow } from './types'

/**
 * Import of last year's report: the Qingyuan .docx and a synthetic one 20
 * times its size (its body repeated), timed as a user meets it (`nianbao
 * import`, a whole process: read, parse in the worker, write the report) and
 * against pandoc reading the same file (`pandoc -t json`) in the same run.
 * Also the analysis alone, in-process, to show growth is linear.
 * Goal: within 1.5× pandoc, linear growth, memory bounded.
 */
const ROOT = join(__dirname, '..')
const QINGYUAN = join(ROOT, 'resources', 'samples', 'qingyuan-2021.docx')

function synthetic(times: number): Uint8Array {
  const files = unzipSync(readFileSync(QINGYUAN))
  const doc = strFromU8(files['word/document.xml'])
  const start = doc.indexOf('<w:body>') + '<w:body>'.length
  const sect = doc.lastIndexOf('<w:sectPr')
  const body = doc.slice(start, sect)
  const rebuilt = doc.slice(0, start) + body.repeat(times) + doc.slice(sect)
  return zipSync({ ...files, 'word/document.xml': strToU8(rebuilt) })
}

/** Wall time (ms) and peak memory (MB) of a command, through /usr/bin/time. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; mb: number; ok: boolean } {
  const t0 = performance.now()
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', env, maxBuffer: 512 * 1024 * 1024 })
  const ms = performance.now() - t0
  const kb = Number(/(\d+)\s*$/.exec(r.stderr.trim())?.[1] ?? NaN)
  return { ms, mb: kb / 1024, ok: r.status === 0 }
}

function median(xs: number[]): number {
  return summarize(xs).p50
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-import-'))
  const out = process.env.NIANBAO_OUT || 'out'
  const cli = join(ROOT, 'bin', 'nianbao.js')
  const cases = [
    { name: 'Qingyuan 2021', bytes: new Uint8Array(readFileSync(QINGYUAN)), runs: 5 },
    { name: 'synthetic 20×', bytes: synthetic(20), runs: 3 }
  ]
  const analyseMs: number[] = []
  try {
    for (const c of cases) {
      const file = join(dir, `${c.name.replace(/\W+/g, '_')}.docx`)
      writeFileSync(file, c.bytes)
      const kb = (c.bytes.length / 1024).toFixed(0)

      const inProcess: number[] = []
      for (let i = 0; i < c.runs; i++) {
        const t0 = performance.now()
        analyseDocx({ bytes: c.bytes, fileName: 'bench.docx', limits: DEFAULT_LIMITS, now: new Date() })
        inProcess.push(performance.now() - t0)
      }
      analyseMs.push(median(inProcess))

      // As the app does it: the built worker parses, main writes the new report.
      const worker = join(ROOT, out, 'main', 'importWorker.js')
      const inApp: number[] = []
      for (let i = 0; i < c.runs; i++) {
        const target = join(dir, `app-${i}-${Date.now()}.nianbao`)
        const t0 = performance.now()
        await importToFile({ bytes: c.bytes, fileName: 'bench.docx' }, target, { workerFile: worker })
        inApp.push(performance.now() - t0)
        rmSync(target, { force: true })
      }

      // The same with the worker started while the user was choosing the file (what the app does).
      const warmed: number[] = []
      for (let i = 0; i < c.runs; i++) {
        const target = join(dir, `warm-${i}-${Date.now()}.nianbao`)
        prewarmImport(worker)
        await new Promise((r) => setTimeout(r, 400))
        const t0 = performance.now()
        await importToFile({ bytes: c.bytes, fileName: 'bench.docx' }, target, { workerFile: worker })
        warmed.push(performance.now() - t0)
        rmSync(target, { force: true })
      }

      const ours: number[] = []
      const oursMb: number[] = []
      const theirs: number[] = []
      const theirsMb: number[] = []
      for (let i = 0; i < c.runs; i++) {
        const target = join(dir, `out-${i}-${Date.now()}.nianbao`)
        const a = timed(process.execPath, [cli, 'import', file, '--out', target], { ...process.env, NIANBAO_OUT: out })
        if (!a.ok) throw new Error(`nianbao import failed on ${c.name}`)
        ours.push(a.ms)
        oursMb.push(a.mb)
        rmSync(target, { force: true })
        const p = timed('pandoc', ['-f', 'docx', '-t', 'json', '-o', '/dev/null', file])
        if (p.ok) {
          theirs.push(p.ms)
          theirsMb.push(p.mb)
        }
      }
      const o = median(ours)
      const app = median(inApp)
      const p = theirs.length ? median(theirs) : NaN
      rows.push({ area: 'import', case: c.name, metric: 'pandoc -t json (process)', value: p, unit: 'ms', note: `${kb} KB .docx; peak ${theirsMb.length ? Math.max(...theirsMb).toFixed(0) : '—'} MB` })
      rows.push({ area: 'import', case: c.name, metric: 'import in the app (worker + write)', value: app, unit: 'ms' })
      rows.push({ area: 'import', case: c.name, metric: 'ratio to pandoc (app)', value: app / p, unit: '×', goal: '≤ 1.5×' })
      rows.push({ area: 'import', case: c.name, metric: 'import in the app, worker started during the file dialog', value: median(warmed), unit: 'ms', note: `${(median(warmed) / p).toFixed(2)}× pandoc` })
      rows.push({ area: 'import', case: c.name, metric: 'nianbao import (CLI process)', value: o, unit: 'ms', note: `peak ${Math.max(...oursMb).toFixed(0)} MB; includes CLI start-up` })
      rows.push({ area: 'import', case: c.name, metric: 'ratio to pandoc (CLI)', value: o / p, unit: '×' })
      rows.push({ area: 'import', case: c.name, metric: 'analysis in-process (p50)', value: median(inProcess), unit: 'ms' })
    }
    rows.push({ area: 'import', case: '20× / 1×', metric: 'analysis growth', value: analyseMs[1] / analyseMs[0], unit: '×', goal: '≈ 20 (linear)' })
    rows.push({ area: 'import', case: 'worker', metric: 'heap cap', value: DEFAULT_LIMITS.workerHeapMb, unit: 'MB', note: 'resourceLimits of the import worker' })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
