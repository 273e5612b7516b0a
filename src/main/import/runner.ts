import type { Worker } from 'node:worker_threads'
import { startWorker } from '../workers'
import { fail, ImportFailure } from './errors'
import { DEFAULT_LIMITS, type ImportLimits } from './limits'
import type { ImportedReport } from './model'
import type { WorkerReply, WorkerRequest } from './worker'

/**
 * Runs the analysis of a .docx in a worker thread: a heap cap
 * (resourceLimits) and a wall-clock limit bound what a hostile file can
 * cost, and the app (or CLI, or browser host) stays responsive meanwhile.
 * The built app ships the worker as importWorker.js next to the main
 * bundle; run from source (tests, bench) the same worker.ts is loaded
 * through tsx.
 */
export interface RunOptions {
  limits?: Partial<ImportLimits>
  now?: Date
  /** A built importWorker.js to use instead of finding one (the bench times the built worker). */
  workerFile?: string
}

function createWorker(limits: ImportLimits, workerFile?: string, warmup = false): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: Math.max(16, Math.round(limits.workerHeapMb / 8)), stackSizeMb: 4 }
  const worker = startWorker('importWorker.js', 'src/main/import/worker.ts', { resourceLimits, workerData: { warmup } }, workerFile)
  if (!worker) fail('damaged', '找不到导入组件（importWorker.js），程序安装可能不完整。')
  return worker
}

/**
 * A worker started ahead of time (while the user picks the file in a
 * dialog), so its start-up does not add to the wait. Used by the next
 * import with the default limits; dropped if unused for a while.
 */
let warm: { worker: Worker; timer: NodeJS.Timeout; workerFile?: string } | null = null
const WARM_FOR_MS = 5 * 60 * 1000

export function prewarmImport(workerFile?: string): void {
  if (warm) return
  try {
    const worker = createWorker(DEFAULT_LIMITS, workerFile, true)
    worker.unref()
    worker.on('error', () => undefined)
    const timer = setTimeout(() => {
      if (warm?.worker === worker) warm = null
      void worker.terminate()
    }, WARM_FOR_MS)
    timer.unref()
    warm = { worker, timer, workerFile }
  } catch {
    warm = null
  }
}

function takeWarm(limits: ImportLimits, workerFile?: string): Worker | null {
  if (!warm || warm.workerFile !== workerFile || limits.workerHeapMb !== DEFAULT_LIMITS.workerHeapMb) return null
  const w = warm
  warm = null
  clearTimeout(w.timer)
  w.worker.removeAllListeners('error')
  w.worker.ref()
  return w.worker
}

export function runImport(bytes: Uint8Array, fileName: string, options: RunOptions = {}): Promise<ImportedReport> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  if (bytes.length > limits.maxFileBytes) {
    return Promise.reject(new ImportFailure('too-large', `文件太大（${(bytes.length / 1048576).toFixed(0)} MB），导入的 Word 文档不能超过 ${limits.maxFileBytes / 1048576} MB。`))
  }
  return new Promise<ImportedReport>((resolve, reject) => {
    let settled = false
    let worker: Worker
    try {
      worker = takeWarm(limits, options.workerFile) ?? createWorker(limits, options.workerFile)
    } catch (e) {
      reject(e)
      return
    }
    const done = (err: Error | null, value?: ImportedReport) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate()
      if (err) reject(err)
      else resolve(value!)
    }
    const timer = setTimeout(() => {
      done(new ImportFailure('timeout', `导入超时：这份文档在 ${Math.round(limits.timeoutMs / 1000)} 秒内没有读完，可能过于庞大或是恶意构造的文件，已停止导入。`))
    }, limits.timeoutMs)
    worker.on('message', (reply: WorkerReply) => {
      if (reply.ok) done(null, reply.result)
      else {
        if (reply.detail && process.env.NIANBAO_DEBUG) console.error(reply.detail)
        done(new ImportFailure(reply.kind as ImportFailure['kind'], reply.message))
      }
    })
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') done(new ImportFailure('memory', `读取这份文档需要的内存超过了 ${limits.workerHeapMb} MB 的上限，文件可能过于庞大或是恶意构造的，已停止导入。`))
      else {
        if (process.env.NIANBAO_DEBUG) console.error(e)
        done(new ImportFailure('damaged', '无法读取这份 Word 文档，文件可能已损坏。'))
      }
    })
    worker.on('exit', (code) => {
      if (!settled) done(new ImportFailure('damaged', `导入组件意外退出（代码 ${code}），文档没有导入。`))
    })
    const req: WorkerRequest = { bytes, fileName, limits, now: (options.now ?? new Date()).toISOString() }
    worker.postMessage(req)
  })
}

