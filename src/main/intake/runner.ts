import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { startWorker } from '../workers'
import type { ReadLimits } from './read/file'
import type { FileReading } from './read/types'
import type { IntakeReply, IntakeRequest } from './worker'

/**
 * Reads files from outside in the intake worker: a heap cap bounds what a
 * hostile file can cost, a time limit stops one that never ends (the
 * worker is then replaced for the next file), and the app stays responsive
 * meanwhile. A worker per core (at most four) reads file after file and is
 * kept for a short while afterwards, so a batch of 400 workbooks, or one
 * corrected workbook taken again, does not wait for workers to start. The built app ships it as
 * intakeWorker.js; from source (tests, bench) worker.ts is loaded through tsx.
 */
export interface IntakeRunOptions {
  limits?: ReadLimits
  /** A built intakeWorker.js to use instead of finding one (the bench times the built worker). */
  workerFile?: string
  /** Per file (default 60 s). */
  timeoutMs?: number
  now?: Date
}

export type ReadOutcome = { ok: true; reading: FileReading } | { ok: false; message: string }

const HEAP_MB = 1024
const KEEP_MS = 2 * 60 * 1000
const TIMEOUT_MS = 60_000

/** Workers kept between reads: as many as the machine has cores, at most four. */
const LANES = Math.max(1, Math.min(4, availableParallelism()))

interface Kept {
  worker: Worker
  workerFile?: string
  timer: NodeJS.Timeout | null
}
const kept: (Kept | null)[] = []
let seq = 0

function spawn(workerFile?: string): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 }
  const worker = startWorker('intakeWorker.js', 'src/main/intake/worker.ts', { resourceLimits }, workerFile)
  if (!worker) throw new Error('找不到汇总组件（intakeWorker.js），程序安装可能不完整。')
  worker.on('error', () => undefined)
  return worker
}

function take(lane: number, workerFile?: string): Worker {
  const k = kept[lane]
  if (k && k.workerFile === workerFile && k.worker.threadId >= 0) {
    if (k.timer) clearTimeout(k.timer)
    k.timer = null
    k.worker.ref()
    return k.worker
  }
  drop(lane)
  const worker = spawn(workerFile)
  kept[lane] = { worker, workerFile, timer: null }
  worker.once('exit', () => {
    if (kept[lane]?.worker === worker) kept[lane] = null
  })
  return worker
}

function release(lane: number): void {
  const k = kept[lane]
  if (!k) return
  k.worker.unref()
  k.timer = setTimeout(() => drop(lane), KEEP_MS)
  k.timer.unref()
}

function drop(lane: number): void {
  const k = kept[lane]
  if (!k) return
  if (k.timer) clearTimeout(k.timer)
  kept[lane] = null
  void k.worker.terminate()
}

/** Stop the kept workers now (the CLI, before it exits; tests). */
export function stopIntakeWorker(): void {
  for (let lane = 0; lane < kept.length; lane++) drop(lane)
}

function readOne(lane: number, worker: Worker, fileName: string, bytes: Uint8Array, options: IntakeRunOptions): Promise<ReadOutcome> {
  return new Promise((resolve) => {
    const id = ++seq
    let settled = false
    const finish = (o: ReadOutcome, broken = false) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      if (broken) drop(lane)
      resolve(o)
    }
    const timeoutMs = options.timeoutMs ?? TIMEOUT_MS
    const timer = setTimeout(
      () => finish({ ok: false, message: `读取超时：这个文件在 ${Math.round(timeoutMs / 1000)} 秒内没有读完，可能过于庞大或是恶意构造的文件，已停止读取。` }, true),
      timeoutMs
    )
    const onMessage = (reply: IntakeReply) => {
      if (reply.id !== id) return
      if (!reply.ok && reply.detail && process.env.NIANBAO_DEBUG) console.error(reply.detail)
      finish(reply.ok ? { ok: true, reading: reply.reading } : { ok: false, message: reply.message })
    }
    const onError = (e: Error & { code?: string }) => {
      finish(
        {
          ok: false,
          message:
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `读取这个文件需要的内存超过了 ${HEAP_MB} MB 的上限，文件可能过于庞大或是恶意构造的，已停止读取。`
              : '无法读取这个文件，它可能已损坏。'
        },
        true
      )
    }
    const onExit = (code: number) => finish({ ok: false, message: `汇总组件意外退出（代码 ${code}），这个文件没有读取。` }, true)
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    const req: IntakeRequest = { id, fileName, bytes, limits: options.limits ?? {}, now: (options.now ?? new Date()).toISOString() }
    worker.postMessage(req)
  })
}

/**
 * Read files, several workers side by side (each file after the other in
 * its worker); the outcomes come back in the files' order. A file that
 * fails never stops the others.
 */
export async function readFiles(files: { fileName: string; bytes: Uint8Array }[], options: IntakeRunOptions = {}, onEach?: (i: number, o: ReadOutcome) => void): Promise<ReadOutcome[]> {
  const out: ReadOutcome[] = new Array(files.length)
  // A few files are not worth a second worker's start.
  const lanes = Math.min(LANES, Math.max(1, Math.floor(files.length / 8)))
  const lane = async (n: number) => {
    try {
      for (let i = n; i < files.length; i += lanes) {
        let worker: Worker
        try {
          worker = take(n, options.workerFile)
        } catch (e) {
          out[i] = { ok: false, message: e instanceof Error ? e.message : String(e) }
          continue
        }
        out[i] = await readOne(n, worker, files[i].fileName, files[i].bytes, options)
        onEach?.(i, out[i])
      }
    } finally {
      release(n)
    }
  }
  await Promise.all(Array.from({ length: lanes }, (_, n) => lane(n)))
  return out
}
