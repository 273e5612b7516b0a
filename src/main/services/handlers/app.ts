import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Handlers } from '@shared/api'
import type { RecentFile } from '@shared/model/report'
import { APP_VERSION } from '../../version'
import { TEMPLATE_IDS, templateInfo } from '../../templates/outline'
import type { ServiceContext } from '../context'
import { REPORT_EXT } from '../files'

export function appHandlers(ctx: ServiceContext): Handlers['app'] {
  const { ports, appState, session } = ctx

  /** The browser host lists the reports in its workspace folder (it has no file dialogs). */
  const workspaceFiles = (): RecentFile[] => {
    const dir = ports.workspaceDir
    if (ports.transport !== 'browser' || !existsSync(dir)) return []
    const recent = new Map(appState.recent().map((r) => [resolve(r.path), r]))
    return readdirSync(dir)
      .filter((f) => f.toLowerCase().endsWith(REPORT_EXT) && !f.startsWith('.'))
      .map((f) => {
        const path = join(dir, f)
        const r = recent.get(resolve(path))
        return {
          path,
          fileName: f,
          title: r?.title ?? f.slice(0, -REPORT_EXT.length),
          openedAt: r?.openedAt ?? statSync(path).mtime.toISOString(),
          exists: true
        }
      })
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt))
  }

  return {
    info: () => ({
      version: APP_VERSION,
      transport: ports.transport,
      nativeDialogs: Boolean(ports.dialogs),
      workspaceDir: ports.transport === 'browser' ? ports.workspaceDir : null,
      templates: TEMPLATE_IDS.map(templateInfo)
    }),
    startState: () => ({
      recent: appState.recent(),
      workspaceFiles: workspaceFiles(),
      current: session.report ? ctx.state() : null
    }),
    flushed: ({ requestId, saved }) => {
      ports.onFlushed?.(requestId, saved)
      return { ok: true as const }
    }
  }
}
