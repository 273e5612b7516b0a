import { existsSync } from 'node:fs'
import { api, type Group, type Handlers } from '@shared/api'
import type { ReportState } from '@shared/model/report'
import type { AppState } from './appState'
import { createContext, type ServiceContext } from './context'
import type { HostPorts } from './ports'
import { ReportSession } from './reportSession'
import { appHandlers } from './handlers/app'
import { reportHandlers } from './handlers/report'
import { assetHandlers } from './handlers/asset'

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
 * A domain whose code (and libraries: the formula engine, the Word writer,
 * the chart renderer, the .docx reader) is loaded when it is first called:
 * `nianbao info` or a window showing the start screen never pay for them.
 */
function loadedOnFirstCall<G extends Group>(group: G, load: () => Promise<Handlers[G]>): Handlers[G] {
  let loaded: Promise<Handlers[G]> | null = null
  const out: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const method of Object.keys(api[group])) {
    out[method] = async (input) => {
      loaded ??= load()
      const handlers = (await loaded) as unknown as Record<string, (input: unknown) => unknown>
      return handlers[method](input)
    }
  }
  return out as unknown as Handlers[G]
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
    chapter: loadedOnFirstCall('chapter', () => import('./handlers/chapter').then((m) => m.chapterHandlers(ctx))),
    asset: assetHandlers(ctx),
    revision: loadedOnFirstCall('revision', () => import('./handlers/revision').then((m) => m.revisionHandlers(ctx))),
    data: loadedOnFirstCall('data', () => import('./handlers/data').then((m) => m.dataHandlers(ctx))),
    search: loadedOnFirstCall('search', () => import('./handlers/search').then((m) => m.searchHandlers(ctx))),
    export: loadedOnFirstCall('export', () => import('./handlers/export').then((m) => m.exportHandlers(ctx))),
    import: loadedOnFirstCall('import', () => import('./handlers/import').then((m) => m.importHandlers(ctx))),
    rollover: loadedOnFirstCall('rollover', () => import('./handlers/rollover').then((m) => m.rolloverHandlers(ctx))),
    check: loadedOnFirstCall('check', () => import('./handlers/check').then((m) => m.checkHandlers(ctx))),
    intake: loadedOnFirstCall('intake', () =>
      Promise.all([import('./handlers/intake'), import('../intake')]).then(([h, m]) => h.intakeHandlers(ctx, new m.Intake({ now })))
    )
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
