import { dirname, resolve } from 'node:path'
import type { CallInput, CallResult, Group, MethodOf } from '@shared/api'
import type { ExportJob, ExportSummary } from '@shared/contract/export'
import { UserError } from '@shared/errors'
import { AppState } from '../services/appState'
import { dispatch } from '../services/dispatch'
import type { Dialogs } from '../services/ports'
import { createService } from '../services/service'

/**
 * The files a command names on its command line: what the app would ask
 * for in its file dialogs (the report or document to read, the file to write).
 */
export interface CommandFiles {
  input?: string
  output?: string
  /** The files to read for 汇总学校数据 (the workbooks and reports schools sent). */
  intakeFiles?: string[]
  /** The folder 生成填报表 writes its workbooks to. */
  folder?: string
}

/** The service layer as a command uses it: every call goes through dispatch and its validation, as the app's do. */
export interface CommandService {
  call<G extends Group, M extends MethodOf<G>>(group: G, method: M, input?: CallInput<G, M>): Promise<CallResult<G, M>>
  /** export.start, then wait for the export to end, hearing its progress meanwhile: its summary, or its failure thrown. */
  exportWord(input: CallInput<'export', 'start'>, onProgress?: (job: ExportJob) => void): Promise<ExportSummary>
  close(): Promise<void>
}

/**
 * A service for one command: its file dialogs answer with the files the
 * command names, and it remembers no recent files. A failure that is the
 * user's becomes a UserError (exit code 1, its Chinese message); anything
 * else is thrown as it happened (exit code 2).
 */
export function commandService(files: CommandFiles): CommandService {
  const input = files.input ? resolve(files.input) : null
  const output = files.output ? resolve(files.output) : null
  const dialogs: Dialogs = {
    openReport: async () => input,
    saveReport: async () => output,
    saveDocx: async () => output,
    openDocx: async () => input,
    openLastYear: async () => input,
    openIntakeFiles: async () => (files.intakeFiles?.length ? files.intakeFiles.map((f) => resolve(f)) : null),
    chooseFolder: async () => (files.folder ? resolve(files.folder) : null)
  }
  // One export at a time (export.start refuses a second): what it says goes to the command running it.
  let hearExport: ((job: ExportJob) => void) | null = null
  let internal: unknown = null
  const log = (e: unknown) => {
    internal ??= e
  }
  const service = createService({
    appState: new AppState(null),
    ports: {
      transport: 'cli',
      dialogs,
      workspaceDir: dirname(output ?? input ?? resolve('.')),
      log,
      exportInProcess: true,
      onExportProgress: (job) => hearExport?.(job)
    }
  })

  const failure = (error: { code: UserError['code']; message: string }) => {
    const cause = internal
    internal = null
    return cause ?? new UserError(error.code, error.message)
  }

  async function call<G extends Group, M extends MethodOf<G>>(group: G, method: M, args?: CallInput<G, M>): Promise<CallResult<G, M>> {
    const env = await dispatch(service.handlers, `${group}.${method}`, args, log)
    if (env.ok) return env.result as CallResult<G, M>
    throw failure(env.error)
  }

  return {
    call,
    exportWord: async (args, onProgress) => {
      let end!: (job: ExportJob) => void
      const ended = new Promise<ExportJob>((r) => (end = r))
      // Listening before the call: the export may report its first stage before the call returns.
      hearExport = (j) => (j.state === 'running' ? onProgress?.(j) : end(j))
      try {
        const started = await call('export', 'start', args)
        if (!started) throw new UserError('CANCELLED', '没有选择导出的位置。')
        const job = await ended
        if (job.state === 'done' && job.result) return job.result
        throw failure(job.error ?? { code: 'EXPORT_FAILED', message: '导出 Word 时出错，原有文件没有改动。' })
      } finally {
        hearExport = null
      }
    },
    close: async () => {
      if (service.session.report) await dispatch(service.handlers, 'report.close', undefined, log)
    }
  }
}
