import { z } from 'zod'
import type { RecentFile, ReportState, TemplateInfo } from '../model/report'
import { call, Empty } from './define'

export interface AppInfo {
  version: string
  /** Where the service layer runs: the Electron app, the browser host, or a `nianbao` command (no window). */
  transport: 'electron' | 'browser' | 'cli'
  /** Native open/save dialogs exist (Electron); the browser host lists its workspace instead. */
  nativeDialogs: boolean
  workspaceDir: string | null
  templates: TemplateInfo[]
}

export interface StartState {
  recent: RecentFile[]
  workspaceFiles: RecentFile[]
  current: ReportState | null
}

export const appCalls = {
  info: call<AppInfo>()(Empty),
  startState: call<StartState>()(Empty),
  /**
   * Renderer → main: the flush main asked for is over; main may now close the
   * database. `saved` is false when some text could not be stored (a full
   * disk, a moved file): it is still only in the window.
   */
  flushed: call<{ ok: true }>()(z.object({ requestId: z.number().int().nonnegative(), saved: z.boolean().default(true) }).strict())
}
