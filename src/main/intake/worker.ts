import { parentPort } from 'node:worker_threads'
import { readIntakeFile, type ReadLimits } from './read/file'
import { IntakeRefusal, type FileReading } from './read/types'

/**
 * The intake worker: receives one file's bytes at a time (never a path — it
 * reads and writes nothing), reads it under the heap cap its parent set,
 * and answers with what it found or why it was refused. It stays alive for
 * the next file, so 400 workbooks cost one start.
 */
export interface IntakeRequest {
  id: number
  fileName: string
  bytes: Uint8Array
  limits: ReadLimits
  now: string
}

export type IntakeReply = { id: number; ok: true; reading: FileReading } | { id: number; ok: false; message: string; detail?: string }

export function handleIntake(req: IntakeRequest): { reply: IntakeReply; transfer: ArrayBuffer[] } {
  try {
    const reading = readIntakeFile(req.fileName, req.bytes, req.limits, new Date(req.now))
    // Pictures travel without a copy; one that shares its buffer with other data is copied first (a transfer detaches the whole buffer).
    for (const a of reading.assets) if (a.bytes.byteOffset !== 0 || a.bytes.byteLength !== a.bytes.buffer.byteLength) a.bytes = a.bytes.slice()
    const transfer = [...new Set(reading.assets.map((a) => a.bytes.buffer as ArrayBuffer))]
    return { reply: { id: req.id, ok: true, reading }, transfer }
  } catch (e) {
    if (e instanceof IntakeRefusal) return { reply: { id: req.id, ok: false, message: e.message }, transfer: [] }
    const stack = e instanceof RangeError && /call stack/i.test(e.message)
    return {
      reply: {
        id: req.id,
        ok: false,
        message: stack ? '文件结构嵌套过深，可能是恶意构造的文件，已拒绝。' : '无法读取这个文件，它可能已损坏或格式不受支持。',
        detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e)
      },
      transfer: []
    }
  }
}

parentPort?.on('message', (req: IntakeRequest) => {
  const { reply, transfer } = handleIntake(req)
  parentPort!.postMessage(reply, transfer)
})
