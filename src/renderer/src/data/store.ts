import { useCallback, useEffect, useSyncExternalStore } from 'react'
import type { DataDelta, FigureView, TableView } from '@shared/contract/data'
import type { ResolvedField } from '@shared/model/fields'
import { indicatorRefLabel, type Indicator, type IndicatorWithValues } from '@shared/model/indicator'
import { api, errorMessage } from '../api/client'
import { KeyedListeners } from '../components/keyedListeners'

/**
 * The renderer's copy of the open report's live data: indicators, the
 * tables, figures and fields the editor shows. Node views and the 数据 panel
 * subscribe to single keys, so a change redraws exactly the cells, fields
 * and charts it touched. Every change goes through main, which answers with
 * a DataDelta that is applied here: nothing is reloaded.
 */
type Listener = () => void

export interface FieldRename {
  from: string
  to: string
}

class LiveData {
  private year = 0
  private indicators: IndicatorWithValues[] = []
  private indicatorIndex = new Map<string, IndicatorWithValues>()
  private overviewState: 'none' | 'loading' | 'loaded' = 'none'
  private readonly tables = new Map<string, TableView>()
  private readonly figures = new Map<string, FigureView>()
  private readonly fields = new Map<string, ResolvedField>()
  private readonly missing = new Set<string>()
  private readonly listeners = new KeyedListeners()
  private pending = { tables: new Set<string>(), figures: new Set<string>(), fields: new Set<string>() }
  private scheduled = false
  private errorHandler: (message: string) => void = () => undefined
  private renameHandlers = new Set<(renames: FieldRename[]) => void>()
  /** Bumped on every change of the report or its year: answers to older requests are dropped. */
  private generation = 0

  // ---- subscriptions ---------------------------------------------------------------------

  subscribe(key: string, l: Listener): () => void {
    return this.listeners.subscribe(key, l)
  }

  private notify(key: string): void {
    this.listeners.notify(key)
  }

  onError(handler: (message: string) => void): void {
    this.errorHandler = handler
  }

  /** Show a message through the report screen's notices. */
  warn(message: string): void {
    this.errorHandler(message)
  }

  /** Editors holding a chapter rename their dataField refs when main moved the cells they quote. */
  onFieldRenames(handler: (renames: FieldRename[]) => void): () => void {
    this.renameHandlers.add(handler)
    return () => this.renameHandlers.delete(handler)
  }

  // ---- reading ---------------------------------------------------------------------------------

  getYear = (): number => this.year
  getIndicators = (): IndicatorWithValues[] => this.indicators
  indicator(refOrName: string): IndicatorWithValues | undefined {
    return this.indicatorIndex.get(refOrName)
  }
  /**
   * An indicator by key or name, for showing it to people: asks main for the
   * report's indicators the first time (views that show labels redraw on
   * 'indicators'); while they load, every indicator reads "…", never its key.
   */
  lookup = (refOrName: string): Pick<Indicator, 'name' | 'unit'> | undefined => {
    this.loadOverview()
    return this.overviewState === 'loaded' ? this.indicatorIndex.get(refOrName) : { name: '…', unit: '' }
  }
  /** How an indicator reads wherever a user sees it: "专任教师（人）" (indicatorRefLabel). */
  label = (refOrName: string): string => indicatorRefLabel(refOrName, this.lookup)
  getTable(id: string): TableView | undefined {
    return this.tables.get(id)
  }
  getFigure(id: string): FigureView | undefined {
    return this.figures.get(id)
  }
  getField(ref: string): ResolvedField | undefined {
    return this.fields.get(ref)
  }
  isMissing(id: string): boolean {
    return this.missing.has(id)
  }

  // ---- loading -----------------------------------------------------------------------------------

  loadOverview(force = false): void {
    if (this.overviewState !== 'none' && !force) return
    this.overviewState = 'loading'
    const gen = this.generation
    api.data.overview().then(
      (o) => {
        if (gen !== this.generation) return
        this.overviewState = 'loaded'
        this.year = o.year
        this.setIndicators(o.indicators)
        this.notify('year')
      },
      (e) => {
        this.overviewState = 'none'
        this.errorHandler(errorMessage(e))
      }
    )
  }

  private setIndicators(list: IndicatorWithValues[]): void {
    this.indicators = [...list].sort((a, b) => a.position - b.position)
    this.indicatorIndex = new Map()
    for (const i of this.indicators) {
      this.indicatorIndex.set(i.id, i)
      this.indicatorIndex.set(i.name, i)
    }
    this.notify('indicators')
  }

  requestTable(id: string): void {
    if (!this.tables.has(id) && !this.missing.has(id)) this.queue('tables', id)
  }
  requestFigure(id: string): void {
    if (!this.figures.has(id) && !this.missing.has(id)) this.queue('figures', id)
  }
  requestField(ref: string): void {
    if (!this.fields.has(ref)) this.queue('fields', ref)
  }

  private queue(kind: 'tables' | 'figures' | 'fields', key: string): void {
    this.pending[kind].add(key)
    if (this.scheduled) return
    this.scheduled = true
    // Everything a chapter asks for while it opens goes in one call.
    queueMicrotask(() => void this.fetchPending())
  }

  private async fetchPending(): Promise<void> {
    this.scheduled = false
    const p = this.pending
    this.pending = { tables: new Set(), figures: new Set(), fields: new Set() }
    if (!p.tables.size && !p.figures.size && !p.fields.size) return
    const gen = this.generation
    try {
      const v = await api.data.views({ tables: [...p.tables], figures: [...p.figures], fields: [...p.fields] })
      if (gen !== this.generation) return
      for (const t of v.tables) this.putTable(t)
      for (const f of v.figures) this.putFigure(f)
      for (const f of v.fields) this.putField(f)
      for (const id of [...v.missingTables, ...v.missingFigures]) {
        this.missing.add(id)
        this.notify(`t:${id}`)
        this.notify(`f:${id}`)
      }
    } catch (e) {
      this.errorHandler(errorMessage(e))
    }
  }

  private putTable(t: TableView): void {
    this.missing.delete(t.id)
    this.tables.set(t.id, t)
    this.notify(`t:${t.id}`)
  }
  private putFigure(f: FigureView): void {
    this.missing.delete(f.id)
    this.figures.set(f.id, f)
    this.notify(`f:${f.id}`)
  }
  private putField(f: ResolvedField): void {
    this.fields.set(f.ref, f)
    this.notify(`d:${f.ref}`)
  }

  // ---- changes -------------------------------------------------------------------------------------

  /** Apply what main says changed. */
  apply(d: DataDelta): void {
    for (const t of d.tables) this.putTable(t)
    const byTable = new Map<string, DataDelta['cells']>()
    for (const c of d.cells) {
      const list = byTable.get(c.tableId) ?? []
      list.push(c)
      byTable.set(c.tableId, list)
    }
    for (const [id, cells] of byTable) {
      const view = this.tables.get(id)
      if (!view) continue
      const rows = view.resolved.rows.map((r) => r)
      for (const c of cells) {
        if (!rows[c.row]) continue
        if (rows[c.row] === view.resolved.rows[c.row]) rows[c.row] = [...rows[c.row]]
        rows[c.row][c.col] = c.cell
      }
      this.putTable({ ...view, resolved: { ...view.resolved, rows } })
    }
    for (const f of d.fields) this.putField(f)
    for (const f of d.figures) this.putFigure(f)
    if (d.indicators.length || d.removedIndicators.length) {
      const next = new Map(this.indicators.map((i) => [i.id, i]))
      for (const i of d.indicators) next.set(i.id, i)
      for (const id of d.removedIndicators) next.delete(id)
      this.setIndicators([...next.values()])
    }
    if (d.fieldRenames?.length) {
      // The old formulas now mean other cells: their cached values are dropped (and fetched again if still shown).
      const moved = d.fieldRenames.flatMap((r) => {
        const f = this.fields.get(r.from)
        return f ? [{ ...f, ref: r.to }] : []
      })
      const targets = new Set(d.fieldRenames.map((r) => r.to))
      for (const r of d.fieldRenames) if (!targets.has(r.from)) this.fields.delete(r.from)
      for (const f of moved) this.fields.set(f.ref, f)
      for (const h of this.renameHandlers) h(d.fieldRenames)
      for (const r of d.fieldRenames) if (!this.fields.has(r.from) && this.listeners.has(`d:${r.from}`)) this.queue('fields', r.from)
    }
    // Anything that depends on the data as a whole (体检) listens to this.
    if (d.tables.length || d.cells.length || d.indicators.length || d.removedIndicators.length) this.notify('changed')
  }

  private queueTail: Promise<unknown> = Promise.resolve()

  /**
   * Run a change through main and apply its delta; a refusal is shown, never
   * thrown at the caller. Changes run one after another, so their deltas
   * arrive in the order they were made (a quick typist's cells never swap).
   */
  run<T extends DataDelta | { delta: DataDelta }>(call: () => Promise<T>): Promise<T | null> {
    const next = this.queueTail.then(async () => {
      try {
        const r = await call()
        this.apply('delta' in r ? r.delta : r)
        return r
      } catch (e) {
        this.errorHandler(errorMessage(e))
        return null
      }
    })
    this.queueTail = next
    return next
  }

  private seenReport: { path: string; year: number } | null = null

  /** The report on screen; another file or a new data year starts over. */
  noteReport(path: string, year: number): void {
    const was = this.seenReport
    this.seenReport = { path, year }
    if (was && (was.path !== path || was.year !== year)) this.reset()
  }

  /** Another report, or a new data year: everything on screen is fetched again. */
  reset(): void {
    this.generation++
    const watched = this.listeners.keys()
    this.tables.clear()
    this.figures.clear()
    this.fields.clear()
    this.missing.clear()
    this.overviewState = 'none'
    if (this.listeners.has('indicators') || this.listeners.has('year')) this.loadOverview()
    for (const k of watched) {
      const [kind, ...rest] = k.split(':')
      const id = rest.join(':')
      if (kind === 't') this.queue('tables', id)
      else if (kind === 'f') this.queue('figures', id)
      else if (kind === 'd') this.queue('fields', id)
    }
  }
}

export const liveData = new LiveData()

// ---- hooks ---------------------------------------------------------------------------------------------

export function useIndicators(): IndicatorWithValues[] {
  useEffect(() => liveData.loadOverview(), [])
  return useSyncExternalStore((l) => liveData.subscribe('indicators', l), liveData.getIndicators)
}

export function useDataYear(): number {
  useEffect(() => liveData.loadOverview(), [])
  return useSyncExternalStore((l) => liveData.subscribe('year', l), liveData.getYear)
}

/** A table or a figure as main last sent it, asked for on first use; `missing` once main says it is gone. */
function useLiveItem<V>(key: string, id: string, request: (id: string) => void, get: (id: string) => V | undefined): { view: V | undefined; missing: boolean } {
  useEffect(() => request(id), [id, request])
  // No id yet (a chart dialog without a sheet, a chart not reading one): nothing to watch or fetch again.
  const subscribe = useCallback((l: () => void) => (id ? liveData.subscribe(key, l) : () => undefined), [key, id])
  const view = useSyncExternalStore(subscribe, () => get(id))
  const missing = useSyncExternalStore(subscribe, () => liveData.isMissing(id))
  return { view, missing }
}

const requestTable = (id: string) => {
  if (id) liveData.requestTable(id)
}
const getTable = (id: string) => liveData.getTable(id)
const requestFigure = (id: string) => liveData.requestFigure(id)
const getFigure = (id: string) => liveData.getFigure(id)

/** A table's view as the editor shows it; an empty id (no table yet) reads as nothing. */
export function useTableView(id: string): { view: TableView | undefined; missing: boolean } {
  return useLiveItem(`t:${id}`, id, requestTable, getTable)
}

export function useFigureView(id: string): { view: FigureView | undefined; missing: boolean } {
  return useLiveItem(`f:${id}`, id, requestFigure, getFigure)
}
