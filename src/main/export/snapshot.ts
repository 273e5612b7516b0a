/**
 * Everything an export reads, as plain data: taken in main (where the report
 * file and the formula engine live) and handed to the export worker, which
 * lays out, draws the charts and writes the file without holding up main.
 */
import type { DocNode } from '@shared/model/doc'
import { walk } from '@shared/model/doc'
import type { ResolvedFigure } from '@shared/model/figure'
import type { ReportMeta } from '@shared/model/report'
import type { ResolvedTable } from '@shared/model/table'
import { CHART_PIXELS } from './geometry'
import { cachedChart, chartKey } from '../charts/cache'
import type { ExportAsset, ExportChapter, ExportSource } from './source'

export interface ExportSnapshot {
  meta: ReportMeta
  chapters: ExportChapter[]
  assets: [string, ExportAsset][]
  tables: [string, ResolvedTable | null][]
  figures: [string, ResolvedFigure | null][]
  fields: [string, string | null][]
  /** Chart pictures main already has, by chartKey. */
  charts: [string, Uint8Array][]
}

export const fieldKey = (ref: string, format: string | null) => `${ref}\u0000${format ?? ''}`

export function takeSnapshot(source: ExportSource): ExportSnapshot {
  const tables = new Map<string, ResolvedTable | null>()
  const figures = new Map<string, ResolvedFigure | null>()
  const fields = new Map<string, string | null>()
  const assets = new Map<string, ExportAsset>()
  const charts = new Map<string, Uint8Array>()
  const asset = (hash: unknown) => {
    if (typeof hash !== 'string' || assets.has(hash)) return
    const a = source.asset(hash)
    if (a) assets.set(hash, a)
  }
  for (const chapter of source.chapters) {
    walk(chapter.doc, (n: DocNode) => {
      const id = typeof n.attrs?.id === 'string' ? n.attrs.id : ''
      if (n.type === 'reportTable' && id && !tables.has(id)) tables.set(id, source.data.table(id))
      else if (n.type === 'figure' && id && !figures.has(id)) {
        const f = source.data.figure(id)
        figures.set(id, f)
        if (f?.asset) asset(f.asset)
        const key = f?.kind === 'chart' ? chartKey(f, CHART_PIXELS) : ''
        const png = key ? cachedChart(key) : undefined
        if (png) charts.set(key, png)
      } else if (n.type === 'photo') asset(n.attrs?.asset)
      else if (n.type === 'dataField') {
        const ref = String(n.attrs?.ref ?? '')
        const format = typeof n.attrs?.format === 'string' ? n.attrs.format : null
        const key = fieldKey(ref, format)
        if (ref && !fields.has(key)) fields.set(key, source.data.fieldText(ref, format))
      }
    })
  }
  return { meta: source.meta, chapters: source.chapters, assets: [...assets], tables: [...tables], figures: [...figures], fields: [...fields], charts: [...charts] }
}

/** The charts of a snapshot whose pictures it does not carry yet (not drawn in this process, or changed since). */
export function chartsToDraw(s: ExportSnapshot): ResolvedFigure[] {
  const have = new Set(s.charts.map(([k]) => k))
  return s.figures.flatMap(([, f]) => (f?.kind === 'chart' && f.chart && f.data && !have.has(chartKey(f, CHART_PIXELS)) ? [f] : []))
}

/** How a process draws the charts an export still needs: all at once (in parallel, one font subset), or one by one. */
export interface ChartDrawer {
  many(figures: ResolvedFigure[], size: { width: number; height: number }): Promise<Uint8Array[]>
  one(figure: ResolvedFigure, size: { width: number; height: number }): Uint8Array
}

/** The snapshot as an export source; charts not drawn yet are drawn by `draw` and reported to `drawn`. */
export function snapshotSource(s: ExportSnapshot, draw: ChartDrawer, drawn: (key: string, png: Uint8Array) => void): ExportSource {
  const assets = new Map(s.assets)
  const tables = new Map(s.tables)
  const figures = new Map(s.figures)
  const fields = new Map(s.fields)
  const charts = new Map(s.charts)
  return {
    meta: s.meta,
    chapters: s.chapters,
    asset: (hash) => assets.get(hash) ?? null,
    data: {
      table: (id) => tables.get(id) ?? null,
      figure: (id) => figures.get(id) ?? null,
      fieldText: (ref, format) => fields.get(fieldKey(ref, format)) ?? null,
      chartPng: async (figure, size) => {
        const key = chartKey(figure, size)
        const hit = charts.get(key)
        if (hit) return hit
        const png = draw.one(figure, size)
        charts.set(key, png)
        drawn(key, png)
        return png
      },
      chartPngs: async (wanted, size) => {
        const keys = wanted.map((f) => chartKey(f, size))
        const todo = new Map<string, ResolvedFigure>()
        wanted.forEach((f, i) => {
          if (!charts.has(keys[i])) todo.set(keys[i], f)
        })
        const pngs = todo.size ? await draw.many([...todo.values()], size) : []
        ;[...todo.keys()].forEach((key, i) => {
          charts.set(key, pngs[i])
          drawn(key, pngs[i])
        })
        return keys.map((key) => charts.get(key)!)
      }
    }
  }
}
