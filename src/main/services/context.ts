import type { ReportState } from '@shared/model/report'
import type { AppState } from './appState'
import type { HostPorts } from './ports'
import type { ReportSession } from './reportSession'
import { buildReportState } from './reportState'
import { prepareCharts } from '../export/storeSource'
import { CHART_PIXELS } from '../export/geometry'

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
      // A report with charts will be exported: its charts are drawn meanwhile, so its first export does not wait for them.
      // Not for a command line run (one command, then the process ends): it draws what it exports.
      if (s.numbering.figures.length && ports.transport !== 'cli') prepareChartsSoon(session, s.path)
      return s
    }
  }
}

let preparing: NodeJS.Timeout | null = null

/** Draw the open report's charts a moment after it opens (the window draws first), in the chart workers. */
function prepareChartsSoon(session: ReportSession, path: string): void {
  if (preparing) clearTimeout(preparing)
  preparing = setTimeout(() => {
    preparing = null
    const open = session.report
    if (!open || open.path !== path) return
    const ids = buildReportState(open).numbering.figures.map((f) => f.id)
    void prepareCharts(open, ids, CHART_PIXELS).catch(() => undefined)
  }, 2000)
  preparing.unref()
}
