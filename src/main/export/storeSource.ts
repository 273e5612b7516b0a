/**
 * An open report file as an export source: its properties, chapters and
 * images from the store, the live data from the data layer (src/main/data).
 */
import { createHash } from 'node:crypto'
import { parseFormat } from '@shared/model/format'
import type { ResolvedFigure } from '@shared/model/figure'
import { isUserError } from '@shared/errors'
import { renderChartPng, reportData } from '../data'
import type { ReportStore } from '../store/reportStore'
import type { ExportData, ExportSource } from './source'

/** ECharts lays a chart out at this width (CSS pixels) for Word; the PNG is scaled up for print. */
const CHART_LAYOUT_WIDTH = 640

/**
 * Chart pictures already drawn in this process, by what they show: drawing
 * one takes about half a second (resvg lays out every label), and an editor
 * exports again and again while polishing the text.
 */
const chartCache = new Map<string, Uint8Array>()
const CHART_CACHE_BYTES = 64 * 1024 * 1024
let chartCacheBytes = 0

function cached(key: string, draw: () => Uint8Array): Uint8Array {
  const hit = chartCache.get(key)
  if (hit) {
    chartCache.delete(key)
    chartCache.set(key, hit)
    return hit
  }
  const png = draw()
  chartCache.set(key, png)
  chartCacheBytes += png.length
  for (const [k, v] of chartCache) {
    if (chartCacheBytes <= CHART_CACHE_BYTES) break
    chartCache.delete(k)
    chartCacheBytes -= v.length
  }
  return png
}

export function liveExportData(open: { store: ReportStore }): ExportData {
  const data = reportData(open)
  const orNull = <T>(f: () => T): T | null => {
    try {
      return f()
    } catch (e) {
      if (isUserError(e)) return null
      throw e
    }
  }
  return {
    table: (id) => orNull(() => data.resolveTable(id)),
    figure: (id) =>
      orNull(() => {
        const spec = data.figureSpec(id)
        return spec ? data.resolveFigure(spec, null) : null
      }),
    fieldText: (ref, format) => orNull(() => data.fieldText(ref, parseFormat(format))),
    chartPng: async (figure: ResolvedFigure, size) => {
      if (!figure.chart) throw new Error('not a chart')
      const chart = figure.chart
      const scale = size.width / CHART_LAYOUT_WIDTH
      const values = figure.data ?? data.chartData(chart)
      const key = createHash('sha256').update(JSON.stringify([chart, values, size])).digest('hex')
      return cached(key, () => renderChartPng(chart, values, { width: CHART_LAYOUT_WIDTH, height: Math.round(size.height / scale), scale }))
    }
  }
}

/** Read the whole report once, at the start of the export, so later edits do not mix in. */
export function storeExportSource(open: { store: ReportStore }): ExportSource {
  const store = open.store
  const meta = store.meta()
  const chapters = store.listChapters().map((c) => {
    const r = store.getChapter(c.id)
    return { id: r.id, title: r.title, kind: r.kind, doc: r.doc }
  })
  return { meta, chapters, asset: (hash) => store.getAsset(hash), data: liveExportData(open) }
}
