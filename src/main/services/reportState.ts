import { basename } from 'node:path'
import type { ReportState } from '@shared/model/report'
import { reportStateOf } from '@shared/model/reportState'
import type { OpenReport } from './reportSession'

/** The open report as the main window shows it: properties, chapters and the computed outline. */
export function buildReportState(r: OpenReport): ReportState {
  return reportStateOf({ path: r.path, fileName: basename(r.path), meta: r.store.meta() }, r.store.listChapters())
}
