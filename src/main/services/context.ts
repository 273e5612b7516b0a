import type { ReportState } from '@shared/model/report'
import type { AppState } from './appState'
import type { HostPorts } from './ports'
import type { ReportSession } from './reportSession'
import { buildReportState } from './reportState'

/** What every domain's handlers receive: the open report, per-user state, the host's ports and the clock. */
export interface ServiceContext {
  session: ReportSession
  appState: AppState
  ports: HostPorts
  now: () => Date
  /** The open report's state (outline, numbering, counts). */
  state(): ReportState
  /** Same, and remembered as the last opened file. */
  opened(): ReportState
}

export function createContext(session: ReportSession, appState: AppState, ports: HostPorts): ServiceContext {
  const now = ports.now ?? (() => new Date())
  const state = () => buildReportState(session.require())
  return {
    session,
    appState,
    ports,
    now,
    state,
    opened: () => {
      const s = state()
      appState.noteOpened(s.path, s.meta.title, now())
      return s
    }
  }
}
