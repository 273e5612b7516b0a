import type { Handlers } from '@shared/api'
import { UserError } from '@shared/errors'
import { analyse, checkTarget, readDocxFile, type ImportSource } from '../../import/service'
import { prewarmImport } from '../../import/runner'
import { defaultReportName, writeImportedReport } from '../../import/write'
import { latestImportReport } from '../../store/importReportStore'
import { chooseImportedValue } from '../../import/valueChoice'
import { reportData } from '../../data'
import type { ServiceContext } from '../context'
import { chooseSavePath, REPORT_EXT, withExt } from '../files'
import { uploadedDocx } from '../uploads'

/**
 * 导入上一年报告. A .docx comes from the native dialog (Electron) or as an
 * upload (browser host, drag and drop); the new report is saved where the
 * user says (Electron) or in the workspace (browser) and opened, and the
 * import report is returned to be shown at once.
 */
export function importHandlers(ctx: ServiceContext): Handlers['import'] {
  const { ports, session } = ctx
  const write = { nativeBinding: ports.nativeBinding, now: ctx.now }

  return {
    docx: async ({ upload, fileName }) => {
      // The worker starts while the user picks the file (or while the upload is decoded).
      prewarmImport()
      let src: ImportSource
      if (upload) src = uploadedDocx(upload)
      else {
        if (!ports.dialogs?.openDocx) throw new UserError('UNSUPPORTED', '浏览器模式下请选择要上传的 Word 文档（.docx）。')
        const chosen = await ports.dialogs.openDocx()
        if (!chosen) return null
        src = readDocxFile(chosen)
      }
      const imported = await analyse(src, { now: ctx.now })
      const suggested = withExt(fileName || defaultReportName(imported, src.fileName))
      const path = await chooseSavePath(ports, suggested, REPORT_EXT, Boolean(fileName))
      if (!path) return null
      checkTarget(path)
      writeImportedReport(path, imported, write)
      session.open(path)
      return { state: ctx.opened(), report: imported.report }
    },

    chooseValue: (input) => {
      session.store()
      const r = session.require()
      const data = reportData(r)
      data.syncYear()
      return chooseImportedValue(r.store.db, data, input)
    },

    prepare: () => {
      prewarmImport()
      return { ok: true as const }
    },

    report: () => {
      const r = session.report
      return r ? latestImportReport(r.store.db) : null
    }
  }
}
