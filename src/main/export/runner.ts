import type { Worker } from 'node:worker_threads'
import { EXPORT_STAGE_LABELS, type ExportProgress, type ExportSummary } from '@shared/contract/export'
import { UserError } from '@shared/errors'
import { startWorker } from '../workers'
import { chartKey, rememberChart } from '../charts/cache'
import { chartPool } from '../charts/pool'
import { CHART_PIXELS } from './geometry'
import { exportReport } from './index'
import { chartsToDraw, snapshotSource, takeSnapshot } from './snapshot'
import { drawCharts, drawHere } from './storeSource'
import type { ExportSource } from './source'
import type { ExportMessage, ExportRequest } from './worker'

/**
 * Runs an export in a worker thread, so the app's main process keeps
 * answering (autosave, progress) while charts are drawn and the document is
 * packed. The report is read here first (takeSnapshot). The built app ships
 * the worker as exportWorker.js next to the main bundle; run from source
 * (tests) the same worker.ts is loaded through tsx.
 */
function createWorker(): Worker {
  const worker = startWorker('exportWorker.js', 'src/main/export/worker.ts')
  if (!worker) throw new UserError('EXPORT_FAILED', '找不到导出组件（exportWorker.js），程序安装可能不完整。')
  return worker
}

export async function runExport(source: ExportSource, path: string, options: { onProgress?: (p: ExportProgress) => void } = {}): Promise<ExportSummary> {
  const req: ExportRequest = { snapshot: takeSnapshot(source), path }
  // Should the worker not start at all (a damaged installation), export here instead: slower to answer, but done.
  const inProcess = () => exportReport(snapshotSource(req.snapshot, drawHere, rememberChart), path, options)
  let worker: Worker
  try {
    worker = createWorker()
  } catch (e) {
    if (e instanceof UserError) return inProcess()
    throw e
  }
  // While the export worker starts, the chart pool (running since the report was opened) draws what changed, in parallel.
  // Without a running pool (the CLI, a report opened a moment ago) the export worker draws them itself.
  const todo = chartPool.running ? chartsToDraw(req.snapshot) : []
  if (todo.length) {
    options.onProgress?.({ stage: 'charts', fraction: 0.05, label: `${EXPORT_STAGE_LABELS.charts}（${todo.length} 幅）` })
    try {
      const pngs = await drawCharts(todo, CHART_PIXELS)
      todo.forEach((f, i) => req.snapshot.charts.push([chartKey(f, CHART_PIXELS), pngs[i]]))
    } catch {
      // The worker draws them one by one and names the figures it could not draw.
    }
  }
  return new Promise<ExportSummary>((resolve, reject) => {
    let settled = false
    let heard = false
    const done = (err: Error | null, value?: ExportSummary) => {
      if (settled) return
      settled = true
      void worker.terminate()
      if (err) reject(err)
      else resolve(value!)
    }
    worker.on('message', (m: ExportMessage) => {
      heard = true
      if (m.type === 'progress') options.onProgress?.(m.progress)
      else if (m.type === 'chart') rememberChart(m.key, m.png)
      else if (m.type === 'done') done(null, m.summary)
      else {
        if (m.detail) console.error(m.detail)
        done(new UserError(m.code, m.message))
      }
    })
    worker.on('error', (e) => {
      if (!heard && !settled) {
        settled = true
        void worker.terminate()
        inProcess().then(resolve, reject)
        return
      }
      if (process.env.NIANBAO_DEBUG) console.error(e)
      done(new UserError('EXPORT_FAILED', '导出 Word 时出错，原有文件没有改动。请重试；如果问题持续，请联系技术支持。'))
    })
    worker.on('exit', (code) => {
      if (!settled) done(new UserError('EXPORT_FAILED', `导出组件意外退出（代码 ${code}），原有文件没有改动。`))
    })
    worker.postMessage(req)
  })
}
