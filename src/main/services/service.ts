import { existsSync } from 'node:fs'
import type { Handlers } from '@shared/api'
import type { ReportState } from '@shared/model/report'
import type { AppState } from './appState'
import { createContext, type ServiceContext } from './context'
import type { HostPorts } from './ports'
import { ReportSession } from './reportSession'
import { appHandlers } from './handlers/app'
import { reportHandlers } from './handlers/report'
import { chapterHandlers } from './handlers/chapter'
import { assetHandlers } from './handlers/asset'
import { revisionHandlers } from './handlers/revision'
import { dataHandlers } from './handlers/data'
import { searchHandlers } from './handlers/search'
import { exportHandlers } from './handlers/export'
import { importHandlers } from './handlers/import'
import { rolloverHandlers } from './handlers/rollover'

export interface ServiceDeps {
  ports: HostPorts
  appState: AppState
  session?: ReportSession
}

export interface Service {
  handlers: Handlers
  session: ReportSession
  context: ServiceContext
  /** Open the last report, if it still exists and opens; null otherwise. */
  reopenLast(): ReportState | null
}

/**
 * The service layer: one handler per contract call (each domain in
 * handlers/<domain>.ts) over one report session. The Electron IPC binding,
 * the browser host and the CLI all use it.
 */
export function createService(deps: ServiceDeps): Service {
  const now = deps.ports.now ?? (() => new Date())
  const session = deps.session ?? new ReportSession({ nativeBinding: deps.ports.nativeBinding, now })
  const ctx = createContext(session, deps.appState, deps.ports)

  const handlers: Handlers = {
    app: appHandlers(ctx),
    report: reportHandlers(ctx),
    chapter: chapterHandlers(ctx),
    asset: assetHandlers(ctx),
    revision: revisionHandlers(ctx),
    data: dataHandlers(ctx),
    search: searchHandlers(ctx),
    export: exportHandlers(ctx),
    import: importHandlers(ctx),
    rollover: rolloverHandlers(ctx)
  }

  return {
    handlers,
    session,
    context: ctx,
    reopenLast: () => {
      const last = deps.appState.lastOpened()
      if (!last || !existsSync(last)) return null
      try {
        session.open(last)
        return ctx.opened()
      } catch {
        return null
      }
    }
  }
}
