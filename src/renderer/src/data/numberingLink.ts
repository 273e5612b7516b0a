import type { ReportNumbering } from '@shared/model/numbering'
import type { NumberingStore } from '../editor/numbering/store'

/**
 * The report's live numbering for the plain (non-React) node views of
 * cross-references: the report screen's NumberingStore, linked here by the
 * live-data components that live inside the NumberingProvider.
 */
let store: NumberingStore | null = null
let links = 0
let off: () => void = () => undefined
const listeners = new Set<() => void>()
const EMPTY: ReportNumbering = { chapters: [], headings: [], cases: [], tables: [], figures: [] }

export function linkNumberingStore(s: NumberingStore): () => void {
  if (store !== s) {
    off()
    store = s
    links = 0
    off = s.subscribe(() => listeners.forEach((l) => l()))
    listeners.forEach((l) => l())
  }
  links++
  return () => {
    if (store !== s) return
    if (--links > 0) return
    off()
    off = () => undefined
    store = null
  }
}

export function numberingNow(): ReportNumbering {
  return store?.getSnapshot() ?? EMPTY
}

export function onNumbering(l: () => void): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}
