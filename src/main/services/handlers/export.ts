import { randomBytes } from 'node:crypto'
import { basename, join } from 'node:path'
import type { Handlers } from '@shared/api'
import type { ExportJob } from '@shared/contract/export'
import { UserError, toErrorPayload } from '@shared/errors'
import { exportReport } from '../../export'
import { runExport } from '../../export/runner'
import { openErrors } from '../../check/checker'
import { storeExportSource } from '../../export/storeSource'
import { mapStoreError } from '../../store/storeErrors'
import type { ServiceContext } from '../context'
import { safeFileName } from '../files'

/** A file name from the report's title: characters Windows refuses replaced, kept short. */
export function docxFileName(name: string): string {
  return `${safeFileName(name.trim().replace(/\.docx$/i, ''), '年度质量报告')}.docx`
}

const KEEP_FINISHED = 10

/**
 * 导出 Word: runs in main while the renderer polls its progress. The report
 * is read when the export starts (the renderer saves pending edits first);
 * the file is written atomically, so a failed export leaves the previous one.
 */
export function exportHandlers(ctx: ServiceContext): Handlers['export'] {
  const jobs = new Map<string, ExportJob>()
  const snapshot = (j: ExportJob): ExportJob => ({ ...j, progress: { ...j.progress } })

  const target = async (suggested: string): Promise<string | null> => {
    const { ports } = ctx
    if (ports.dialogs?.saveDocx) {
      const chosen = await ports.dialogs.saveDocx(suggested)
      if (!chosen) return null
      return chosen.toLowerCase().endsWith('.docx') ? chosen : `${chosen}.docx`
    }
    if (ports.transport !== 'browser') throw new UserError('UNSUPPORTED', '无法打开保存对话框。')
    // The browser host writes into the workspace folder (the same name again replaces the previous export).
    return join(ports.workspaceDir, suggested)
  }

  return {
    start: async ({ fileName }) => {
      const open = ctx.session.require()
      if ([...jobs.values()].some((j) => j.state === 'running')) throw new UserError('CONFLICT', '正在导出 Word，请等这一次完成后再导出。')
      const meta = open.store.meta()
      const path = await target(docxFileName(fileName || meta.title || basename(open.path, '.nianbao')))
      if (!path) return null
      const errors = openErrors(open)
      const source = storeExportSource(open)
      const job: ExportJob = { id: `exp_${randomBytes(6).toString('hex')}`, state: 'running', progress: { stage: 'read', fraction: 0, label: '读取报告' } }
      jobs.set(job.id, job)
      for (const [id, j] of jobs) if (jobs.size > KEEP_FINISHED && j.state !== 'running') jobs.delete(id)
      const moved = () => ctx.ports.onExportProgress?.(snapshot(job))
      const options = {
        onProgress: (p: ExportJob['progress']) => {
          job.progress = p
          moved()
        }
      }
      // In a worker thread: main keeps answering (autosave, the progress polls) meanwhile.
      const run = ctx.ports.exportInProcess ? exportReport(source, path, options) : runExport(source, path, options)
      run.then(
        (result) => {
          job.state = 'done'
          job.result = errors ? { ...result, warnings: [errors, ...result.warnings] } : result
          job.progress = { stage: 'done', fraction: 1, label: '完成' }
          moved()
        },
        (e) => {
          job.state = 'failed'
          const mapped = mapStoreError(e)
          if (!(mapped instanceof UserError)) (ctx.ports.log ?? console.error)(e)
          job.error = mapped instanceof UserError ? toErrorPayload(mapped) : { code: 'EXPORT_FAILED', message: '导出 Word 时出错，原有文件没有改动。请重试；如果问题持续，请联系技术支持。' }
          moved()
        }
      )
      return snapshot(job)
    },
    progress: ({ id }) => {
      const job = jobs.get(id)
      if (!job) throw new UserError('NOT_FOUND', '找不到这次导出，请重新导出。')
      return snapshot(job)
    }
  }
}
