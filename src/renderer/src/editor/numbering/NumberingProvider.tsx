import { createContext, useContext, useRef, useSyncExternalStore, type ReactNode } from 'react'
import type { NumberedCase, NumberedHeading, NumberedItem, ReportNumbering } from '@shared/model/numbering'
import { NumberingStore } from './store'

const NumberingStoreContext = createContext<NumberingStore | null>(null)

/** Gives every panel and node view below it the report's live numbering. */
export function NumberingProvider({ store, children }: { store: NumberingStore; children: ReactNode }) {
  return <NumberingStoreContext.Provider value={store}>{children}</NumberingStoreContext.Provider>
}

export function useNumberingStore(): NumberingStore {
  const store = useContext(NumberingStoreContext)
  if (!store) throw new Error('useNumberingStore outside NumberingProvider')
  return store
}

/** The whole report's numbering (chapters, headings, cases, tables, figures), live. */
export function useReportNumbering(): ReportNumbering {
  const store = useNumberingStore()
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}

/**
 * One value derived from the numbering; the component re-renders only when
 * it changes (compare with ===, so return strings, numbers or null).
 */
export function useNumberingValue<T>(select: (n: ReportNumbering) => T): T {
  const store = useNumberingStore()
  const selectRef = useRef(select)
  selectRef.current = select
  return useSyncExternalStore(store.subscribe, () => selectRef.current(store.getSnapshot()))
}

/** "1-2" for a table in chapter 1, null in an appendix or when unknown. For reportTable node views. */
export function useTableNumber(id: string | null | undefined): string | null {
  return useNumberingValue((n) => n.tables.find((t: NumberedItem) => t.id === id)?.number ?? null)
}

/** "2-3" for a figure. For figure node views. */
export function useFigureNumber(id: string | null | undefined): string | null {
  return useNumberingValue((n) => n.figures.find((f: NumberedItem) => f.id === id)?.number ?? null)
}

/** The case's number through the whole report, null when unknown. */
export function useCaseNumber(id: string | null | undefined): number | null {
  return useNumberingValue((n) => n.cases.find((c: NumberedCase) => c.id === id)?.number ?? null)
}

/** A heading's number ("3.2.1"), null when unknown. */
export function useHeadingNumber(id: string | null | undefined): string | null {
  return useNumberingValue((n) => n.headings.find((h: NumberedHeading) => h.id === id)?.number ?? null)
}
