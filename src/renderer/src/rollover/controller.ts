import type { LastYearReport } from '@shared/contract/rollover'
import { api } from '../api/client'
import { importController } from '../import/controller'

/**
 * 从上一年报告新建, on top of the import flows (importController): which
 * report is last year's, its data year as main reads it, and the new report
 * made from it, opened with its import report like an import.
 */
export type RolloverRequest =
  | { source: 'current'; year: number }
  | { source: 'path'; path: string; year: number }
  | { source: 'upload'; file: File; year: number }
  | { source: 'dialog'; year: number }

export type LastYearRequest = { source: 'path'; path: string } | { source: 'upload'; file: File } | { source: 'dialog' }

/** The data year of the report chosen as last year's (read by main from the file), null when a dialog was cancelled. */
export async function readLastYear(req: LastYearRequest): Promise<LastYearReport | null> {
  if (req.source === 'path') return api.rollover.lastYear({ source: 'path', path: req.path })
  if (req.source === 'upload') return api.rollover.lastYear({ source: 'upload', upload: await importController.upload(req.file) })
  return api.rollover.lastYear({ source: 'dialog' })
}

/** Make and open this year's report; the dialog closes once it is open. */
export async function rollover(req: RolloverRequest): Promise<boolean> {
  const ok = await importController.run(`正在新建 ${req.year} 年度报告…`, async () => {
    switch (req.source) {
      case 'current':
        return api.rollover.create({ source: 'current', year: req.year })
      case 'path':
        return api.rollover.create({ source: 'path', path: req.path, year: req.year })
      case 'upload':
        return api.rollover.create({ source: 'upload', upload: await importController.upload(req.file), year: req.year })
      case 'dialog':
        return api.rollover.create({ source: 'dialog', year: req.year })
    }
  })
  if (ok) importController.closeRollover()
  return ok
}
