import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { UserError } from '@shared/errors'
import { startWorker } from '../workers'
import { chartChars, renderChartPngs, type ChartJob } from './image'
import type { ChartWorkerReply, ChartWorkerRequest } from './worker'

/**
 * Chart pictures drawn in parallel by a small pool of worker threads that
 * stay loaded between exports (ECharts, resvg, the CJK font's HarfBuzz face
 * and the JIT-compiled drawing code): the app warms the pool when a report
 * opens, so its first export does not wait for any of that. A batch is
 * split between the workers; one of them cuts the font subset for every
 * chart of the batch while the others build their SVGs. Without workers
 * (a damaged installation) the charts are drawn here.
 */
const IDLE_MS = 5 * 60 * 1000
/** What cutting a font subset costs, in charts drawn (a first subset of a CJK font: some 0.3 s, a chart some 0.08 s). */
const SUBSET_COST = 4

interface Pending {
  left: number
  pngs: (Uint8Array | undefined)[]
  parts: number[][]
  resolve: (pngs: Uint8Array[]) => void
  reject: (e: Error) => void
}

export class ChartPool {
  private workers: Worker[] = []
  private ready: Promise<void>[] = []
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private idle: NodeJS.Timeout | null = null
  private broken = false

  /** Workers: one per core, two at most (the export itself needs a core too). */
  constructor(private readonly size = Math.max(1, Math.min(2, availableParallelism()))) {}

  /** Start the workers (and load what they draw with) ahead of the first batch. */
  /** Whether the workers are running (started by warm, not stopped since). */
  get running(): boolean {
    return this.workers.length > 0
  }

  warm(): Promise<void> {
    if (!this.workers.length && !this.broken) this.start()
    this.touch()
    return this.hold(Promise.all(this.ready).then(() => undefined))
  }

  /** Waits on the workers under way. */
  private waiting = 0

  /**
   * Idle workers never keep the process alive (unref: the CLI ends, a host
   * stops); while someone waits for them they do, or a process with nothing
   * else to do would end in the middle of the wait.
   */
  private hold<T>(p: Promise<T>): Promise<T> {
    if (this.waiting++ === 0) for (const w of this.workers) w.ref()
    const release = () => {
      if (--this.waiting === 0) for (const w of this.workers) w.unref()
    }
    return p.then(
      (v) => {
        release()
        return v
      },
      (e: unknown) => {
        release()
        throw e
      }
    )
  }

  private start(): void {
    for (let i = 0; i < this.size; i++) {
      const w = startWorker('chartWorker.js', 'src/main/charts/worker.ts')
      if (!w) {
        this.broken = true
        break
      }
      w.on('message', (m: ChartWorkerReply) => this.onMessage(i, m))
      w.on('error', () => this.fail(w))
      w.on('exit', () => this.fail(w))
      // Ready once loaded, or once gone (a worker that dies while loading takes the pool down; paint then draws here).
      this.ready.push(
        new Promise((resolve) => {
          const onWarm = (m: ChartWorkerReply) => {
            if (m.type === 'warm') resolve()
          }
          w.on('message', onWarm)
          w.once('exit', () => resolve())
          w.once('error', () => resolve())
        })
      )
      // After the 'message' listeners (adding the first one refs the worker's port again); held while waited on (hold).
      if (this.waiting === 0) w.unref()
      this.workers.push(w)
      w.postMessage({ type: 'warm' } satisfies ChartWorkerRequest)
    }
    if (this.broken) this.stop()
  }

  /** Stop the workers after a while without work (they hold a CJK font in memory). */
  private touch(): void {
    if (this.idle) clearTimeout(this.idle)
    this.idle = setTimeout(() => this.stop(), IDLE_MS)
    this.idle.unref()
  }

  stop(): void {
    const ws = this.workers
    this.workers = []
    this.ready = []
    for (const w of ws) {
      w.removeAllListeners('message')
      w.removeAllListeners('error')
      // 'exit' listeners stay: they settle whoever still waits for this worker to load.
      void w.terminate()
    }
    for (const p of this.pending.values()) p.reject(new Error('chart pool stopped'))
    this.pending.clear()
  }

  /** A worker that fails takes the pool down: the batch in flight is drawn here instead (paintCharts), the next batch starts new workers. */
  private fail(w: Worker): void {
    if (this.workers.includes(w)) this.stop()
  }

  private onMessage(from: number, m: ChartWorkerReply): void {
    if (m.type === 'warm') return
    const p = this.pending.get(m.id)
    if (!p) return
    if (m.type === 'subset') {
      // The subset one worker cut is everyone's.
      this.workers.forEach((w, i) => i !== from && w.postMessage({ type: 'subset', id: m.id, path: m.path, chars: m.chars } satisfies ChartWorkerRequest))
      return
    }
    if (m.type === 'error') {
      this.pending.delete(m.id)
      p.reject(m.user ? new UserError('EXPORT_FAILED', m.message) : new Error(m.message))
      return
    }
    p.parts[from].forEach((k, j) => (p.pngs[k] = m.pngs[j]))
    if (--p.left === 0) {
      this.pending.delete(m.id)
      p.resolve(p.pngs as Uint8Array[])
    }
  }

  /** The PNGs of the given charts, in order. */
  async paint(jobs: ChartJob[]): Promise<Uint8Array[]> {
    if (!jobs.length) return []
    await this.warm()
    if (!this.workers.length) return renderChartPngs(jobs)
    this.touch()
    const id = this.nextId++
    // Each chart to the least loaded worker; cutting the subset costs worker 0 about as much as four charts.
    const parts: number[][] = this.workers.map(() => [])
    const load: number[] = this.workers.map((_, i) => (i === 0 ? SUBSET_COST : 0))
    jobs.forEach((_, k) => {
      const i = load.indexOf(Math.min(...load))
      parts[i].push(k)
      load[i]++
    })
    const chars = jobs.map((j) => chartChars(j.spec, j.data)).join('')
    return this.hold(new Promise<Uint8Array[]>((resolve, reject) => {
      const used = parts.map((p, i) => ({ p, i })).filter(({ p, i }) => p.length > 0 || i === 0)
      this.pending.set(id, { left: used.length, pngs: new Array(jobs.length), parts, resolve, reject })
      for (const { p, i } of used) {
        this.workers[i].postMessage({ type: 'paint', id, jobs: p.map((k) => jobs[k]), chars, cutSubset: i === 0 } satisfies ChartWorkerRequest)
      }
    }))
  }
}

/** The pool of this process. */
export const chartPool = new ChartPool()

/** Draw charts in the pool; should the pool fail, here, so an export never fails for want of a worker. */
export async function paintCharts(jobs: ChartJob[]): Promise<Uint8Array[]> {
  try {
    return await chartPool.paint(jobs)
  } catch (e) {
    if (e instanceof UserError) throw e
    return renderChartPngs(jobs)
  }
}
