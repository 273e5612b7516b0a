/**
 * What differs between the Electron app and the browser host, passed into
 * the service layer so that it never imports electron itself.
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
}

export interface HostPorts {
  transport: 'electron' | 'browser'
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
}
