import { parentPort } from 'node:worker_threads'
import type { ExportProgress, ExportSummary } from '@shared/contract/export'
import { isUserError, type ErrorCode } from '@shared/errors'
import { mapStoreError } from '../store/storeErrors'
import { exportReport } from './index'
import { snapshotSource, type ExportSnapshot } from './snapshot'
import { drawHere } from './storeSource'

/**
 * The export worker: gets the report as plain data (snapshot.ts) and the
 * target path, draws the charts main has not drawn yet, lays out, packs and
 * writes the .docx (atomically), and reports progress, each new chart
 * picture (for main's cache) and the result.
 */
export interface ExportRequest {
  snapshot: ExportSnapshot
  path: string
}

export type ExportMessage =
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'chart'; key: string; png: Uint8Array }
  | { type: 'done'; summary: ExportSummary }
  | { type: 'error'; code: ErrorCode; message: string; detail?: string }

export async function handle(req: ExportRequest, post: (m: ExportMessage) => void): Promise<void> {
  try {
    const source = snapshotSource(req.snapshot, drawHere, (key, png) => post({ type: 'chart', key, png }))
    const summary = await exportReport(source, req.path, { onProgress: (progress) => post({ type: 'progress', progress }) })
    post({ type: 'done', summary })
  } catch (e) {
    const mapped = mapStoreError(e)
    if (isUserError(mapped)) post({ type: 'error', code: mapped.code, message: mapped.message })
    else post({ type: 'error', code: 'EXPORT_FAILED', message: '导出 Word 时出错，原有文件没有改动。', detail: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e) })
  }
}

parentPort?.once('message', (req: ExportRequest) => {
  void handle(req, (m) => parentPort!.postMessage(m))
})
