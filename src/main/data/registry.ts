import type { ReportStore } from '../store/reportStore'
import { ReportData } from './reportData'

/**
 * One ReportData (and so one formula engine) per open report file: keyed by
 * the report's store, so it goes away with the connection when the report
 * is closed, and a reopened file starts from what the file holds.
 */
const byStore = new WeakMap<ReportStore, ReportData>()

export function reportData(open: { store: ReportStore }): ReportData {
  let d = byStore.get(open.store)
  if (!d) {
    d = new ReportData(open.store)
    byStore.set(open.store, d)
  }
  return d
}
