import { parentPort, workerData } from 'node:worker_threads'
import { ImportFailure } from './errors'
import type { ImportLimits } from './limits'
import { analyseDocx } from './pipeline'
import { warmUp } from './warmup'

/**
 * The import worker: receives the file's bytes (never a path — it reads and
 * writes nothing), analyses them under the heap cap its parent set, and
 * answers with the imported report or the reason it was refused.
 */
export interface WorkerRequest {
  bytes: Uint8Array
  fileName: string
  limits: ImportLimits
  now: string
}

export type WorkerReply =
  | { ok: true; result: import('./model').ImportedReport }
  | { ok: false; kind: string; message: string; detail?: string }

export function handle(req: WorkerRequest): { reply: WorkerReply; transfer: ArrayBuffer[] } {
  try {
    const result = analyseDocx({ bytes: req.bytes, fileName: req.fileName, limits: req.limits, now: new Date(req.now) })
    const transfer = [...new Set(result.assets.map((a) => a.bytes.buffer as ArrayBuffer))]
    return { reply: { ok: true, result }, transfer }
  } catch (e) {
    if (e instanceof ImportFailure) return { reply: { ok: false, kind: e.kind, message: e.message }, transfer: [] }
    const stack = e instanceof RangeError && /call stack/i.test(e.message)
    return {
      reply: {
        ok: false,
        kind: stack ? 'unsafe-xml' : 'damaged',
        message: stack ? '文档结构嵌套过深，可能是恶意构造的文件，已拒绝导入。' : '无法读取这份 Word 文档，文件可能已损坏或格式不受支持。',
        detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e)
      },
      transfer: []
    }
  }
}

// A worker started ahead of time compiles the analysis on a small report while it waits.
if ((workerData as { warmup?: boolean } | undefined)?.warmup) warmUp()

parentPort?.once('message', (req: WorkerRequest) => {
  const { reply, transfer } = handle(req)
  parentPort!.postMessage(reply, transfer)
})
