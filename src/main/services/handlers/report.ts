import { basename } from 'node:path'
import type { Handlers } from '@shared/api'
import { UserError } from '@shared/errors'
import { templateMeta } from '../../templates/outline'
import { templateReport } from '../../templates/report'
import type { ServiceContext } from '../context'
import { allowedReportPath, chooseSavePath, REPORT_EXT, withExt } from '../files'

export function reportHandlers(ctx: ServiceContext): Handlers['report'] {
  const { ports, appState, session } = ctx
  return {
    create: async (input) => {
      const meta = templateMeta(input.template, input)
      const suggested = withExt(input.fileName || `${input.region}${input.year}年度质量报告`)
      const path = await chooseSavePath(ports, suggested, REPORT_EXT, Boolean(input.fileName))
      if (!path) return null
      const t = templateReport(input.template, meta)
      session.create(path, meta, t.chapters, t.seed)
      return ctx.opened()
    },
    open: ({ path }) => {
      session.open(allowedReportPath(path, ports, appState))
      return ctx.opened()
    },
    openDialog: async (input) => {
      if (!ports.dialogs) throw new UserError('UNSUPPORTED', '浏览器模式下请从文件列表中选择报告。')
      const path = await ports.dialogs.openReport()
      if (!path) return null
      if (input?.readOnly) session.openReadOnly(path)
      else session.open(path)
      return ctx.opened()
    },
    state: () => (session.report ? ctx.state() : null),
    updateMeta: (patch) => {
      session.store().updateMeta(patch)
      return ctx.opened()
    },
    saveAs: async ({ fileName }) => {
      const r = session.require()
      const suggested = withExt(fileName || `${basename(r.path, REPORT_EXT)}-副本`)
      const path = await chooseSavePath(ports, suggested, REPORT_EXT, true)
      if (!path) return null
      await session.saveAs(path)
      return ctx.opened()
    },
    close: () => {
      session.close()
      appState.noteClosed()
      return { ok: true as const }
    },
    forgetRecent: ({ path }) => {
      appState.forget(path)
      return appState.recent()
    }
  }
}
