import type { ReportStore } from './reportStore'

/**
 * One T per open report file, made on first use: keyed by the report's store,
 * so it goes away with the connection when the report is closed, and a
 * reopened file starts from what the file holds.
 */
export function perStore<T extends object>(make: (store: ReportStore) => T): (open: { store: ReportStore }) => T {
  const byStore = new WeakMap<ReportStore, T>()
  return (open) => {
    let made = byStore.get(open.store)
    if (!made) {
      made = make(open.store)
      byStore.set(open.store, made)
    }
    return made
  }
}
