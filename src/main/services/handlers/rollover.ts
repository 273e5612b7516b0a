import { basename } from 'node:path'
import { createHash } from 'node:crypto'
import type { Handlers } from '@shared/api'
import { UserError } from '@shared/errors'
import { analyse, checkTarget, readDocxFile, type ImportSource } from '../../import/service'
import { prewarmImport } from '../../import/runner'
import type { ImportedReport } from '../../import/model'
import { lastYearOf, rolloverDocx, rolloverReport } from '../../rollover/rollover'
import type { ServiceContext } from '../context'
import { allowedReportPath, chooseSavePath, REPORT_EXT, withExt } from '../files'
import { uploadedDocx } from '../uploads'

/**
 * 从上一年报告新建: last year's report is the open one, a listed .nianbao,
 * an uploaded .docx or a file chosen in the native dialog; the new report is
 * saved where the user says (Electron) or in the workspace (browser) and
 * opened, and its import report is returned to be shown at once.
 */
export function rolloverHandlers(ctx: ServiceContext): Handlers['rollover'] {
  const { ports, session, appState } = ctx
  const write = { nativeBinding: ports.nativeBinding, now: ctx.now }

  // What was shown before 新建: the file chosen in the native dialog, and the
  // last .docx analysed for its year (not analysed twice).
  let chosenLastYear: string | null = null
  let analysed: { key: string; imported: ImportedReport } | null = null
  const analyseOnce = async (src: ImportSource) => {
    const key = `${src.fileName}\0${createHash('sha256').update(src.bytes).digest('hex')}`
    if (analysed?.key !== key) analysed = { key, imported: await analyse(src, { now: ctx.now }) }
    return analysed.imported
  }
  const yearOfReport = (path: string) => {
    const open = session.report
    if (open && open.path === path) {
      const m = open.store.meta()
      return { year: m.year, title: m.title }
    }
    return lastYearOf(path, ports.nativeBinding)
  }

  return {
    create: async ({ year, source, path, upload, fileName }) => {
      if (source === 'upload' || source === 'dialog') prewarmImport()
      const suggestedFor = (region: string) => withExt(fileName || `${region}${year}年度质量报告`)
      const target = async (region: string) => {
        const p = await chooseSavePath(ports, suggestedFor(region), REPORT_EXT, Boolean(fileName))
        if (p) checkTarget(p)
        return p
      }
      let result
      if (source === 'current') {
        const r = session.require()
        const out = await target(r.store.meta().region)
        if (!out) return null
        result = await rolloverReport({ path: r.path, copy: (to) => r.store.backupTo(to) }, out, { year, ...write })
      } else if (source === 'path') {
        if (!path) throw new UserError('BAD_INPUT', '请选择上一年的报告。')
        const from = allowedReportPath(path, ports, appState)
        const open = session.report
        const out = await target(basename(from, REPORT_EXT).replace(/\d{4}.*$/, '') || '新')
        if (!out) return null
        const copy = open && open.path === from ? (to: string) => open.store.backupTo(to) : undefined
        result = await rolloverReport({ path: from, copy }, out, { year, ...write })
      } else if (source === 'upload') {
        if (!upload) throw new UserError('BAD_INPUT', '请选择要上传的上一年报告（.docx）。')
        const out = await target('')
        if (!out) return null
        const src = uploadedDocx(upload)
        result = await rolloverDocx(src, out, { year, ...write }, await analyseOnce(src))
      } else {
        if (!ports.dialogs?.openLastYear) throw new UserError('UNSUPPORTED', '浏览器模式下请从工作文件夹中选择上一年的报告，或上传 Word 文档。')
        const chosen = chosenLastYear ?? (await ports.dialogs.openLastYear())
        if (!chosen) return null
        chosenLastYear = null
        const out = await target(basename(chosen).replace(/\d{4}.*$/, '').replace(/\.(nianbao|docx)$/i, ''))
        if (!out) return null
        if (/\.docx$/i.test(chosen)) {
          const src = readDocxFile(chosen)
          result = await rolloverDocx(src, out, { year, ...write }, await analyseOnce(src))
        } else result = await rolloverReport({ path: chosen }, out, { year, ...write })
      }
      session.open(result.path)
      return { state: ctx.opened(), report: result.report }
    },

    lastYear: async ({ source, path, upload }) => {
      if (source === 'path') {
        if (!path) throw new UserError('BAD_INPUT', '请选择上一年的报告。')
        const from = allowedReportPath(path, ports, appState)
        return { fileName: basename(from), ...yearOfReport(from) }
      }
      prewarmImport()
      if (source === 'upload') {
        if (!upload) throw new UserError('BAD_INPUT', '请选择要上传的上一年报告（.docx）。')
        const src = uploadedDocx(upload)
        const { meta } = await analyseOnce(src)
        return { fileName: src.fileName, year: meta.year, title: meta.title }
      }
      if (!ports.dialogs?.openLastYear) throw new UserError('UNSUPPORTED', '浏览器模式下请从工作文件夹中选择上一年的报告，或上传 Word 文档。')
      const chosen = await ports.dialogs.openLastYear()
      if (!chosen) return null
      const read = /\.docx$/i.test(chosen) ? (await analyseOnce(readDocxFile(chosen))).meta : yearOfReport(chosen)
      chosenLastYear = chosen
      return { fileName: basename(chosen), year: read.year, title: read.title }
    }
  }
}
