import { api } from '../../api/client'
import { liveData } from '../store'
import type { TableData } from './tableChanges'

/** A table's changes through the live data: one after another, each answered with its delta (applied at once). */
export const liveTableData: TableData = {
  setCells: async (id, cells) => !!(await liveData.run(() => api.data.setCells({ id, cells }))),
  setValues: async (values) => !!(await liveData.run(() => (values.length === 1 ? api.data.setValue(values[0]) : api.data.setValues({ values })))),
  updateTable: async (id, patch) => !!(await liveData.run(() => api.data.updateTable({ id, ...patch }))),
  reshape: async (id, kind, at, count, openChapterId) => !!(await liveData.run(() => api.data[kind]({ id, at, count, openChapterId }))),
  storedValue: (indicator, year) => liveData.indicator(indicator)?.values[String(year)],
  warn: (message) => liveData.warn(message)
}
