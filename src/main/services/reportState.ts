import { basename } from 'node:path'
import { numberReport } from '@shared/model/numbering'
import type { ReportState } from '@shared/model/report'
import type { OpenReport } from './reportSession'

/** The open report as the main window shows it: properties, chapters and the computed outline. */
export function buildReportState(r: OpenReport): ReportState {
  const chapters = r.store.listChapters()
  return {
    path: r.path,
    fileName: basename(r.path),
    meta: r.store.meta(),
    chapters,
    numbering: numberReport(chapters),
    words: chapters.reduce((n, c) => n + c.summary.words, 0)
  }
}
