import type { ExportJob } from '@shared/contract/export'

/**
 * What differs between the Electron app, the browser host and the CLI,
 * passed into the service layer so that it never imports electron itself.
 *
 * Dialogs are where the user names a file: Electron's native dialogs, or the
 * files a `nianbao` command names on its command line. The browser host has
 * none (it lists and writes its workspace folder).
 */
export interface Dialogs {
  /** Ask for a report to open; null when cancelled. */
  openReport(): Promise<string | null>
  /** Ask where to save a report; null when cancelled. */
  saveReport(suggestedName: string): Promise<string | null>
  /** Ask where to save the Word export; null when cancelled. */
  saveDocx?(suggestedName: string): Promise<string | null>
  /** Ask for last year's Word report to import; null when cancelled. */
  openDocx?(): Promise<string | null>
  /** Ask for last year's report (.nianbao or .docx) to start this year's from; null when cancelled. */
  openLastYear?(): Promise<string | null>
  /** 汇总学校数据: ask for the files schools sent (workbooks, reports), several at once; null when cancelled. */
  openIntakeFiles?(): Promise<string[] | null>
  /** 生成填报表: ask for the folder the workbooks go to; null when cancelled. */
  chooseFolder?(title: string, suggestedName: string): Promise<string | null>
}

export interface HostPorts {
  transport: 'electron' | 'browser' | 'cli'
  dialogs?: Dialogs
  /** Folder for new reports and the file list of the browser host. */
  workspaceDir: string
  /** better-sqlite3 binary built for Electron, when running inside Electron from a dev checkout. */
  nativeBinding?: string
  /** Called when the renderer reports that pending edits are saved (see app.flushed). */
  onFlushed?: (requestId: number, saved: boolean) => void
  now?: () => Date
  /** Who is working (已核实 in 体检 records it); the computer's user name when absent. */
  userName?: string
  /**
   * Export in this thread rather than in the export worker: a command has
   * nothing else to answer meanwhile, and spares the worker's start-up.
   */
  exportInProcess?: boolean
  /** An export job moved on or ended (the CLI prints its progress; the app polls export.progress instead). */
  onExportProgress?: (job: ExportJob) => void
  /** Where failures that are not the user's go (default: the console). */
  log?: (e: unknown) => void
}
