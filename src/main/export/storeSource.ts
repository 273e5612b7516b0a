/**
 * An open report file as an export source: its properties, chapters and
 * images from the store, the live data from the data layer (src/main/data).
 */
import { parseFormat } from '@shared/model/format'
import type { ResolvedFigure } from '@shared/model/figure'
import { isUserError } from '@shared/errors'
import { reportData } from '../data'
import { renderChartPng } from '../charts/image'
import type { ReportStore } from '../store/reportStore'
import { cachedChart, chartKey, rememberChart } from '../charts/cache'
import type { ExportData, ExportSource } from './source'

/** ECharts lays a chart out at this width (CSS pixels) for Word; the PNG is scaled up for print. */
const CHART_LAYOUT_WIDTH = 640

/** Draw a chart for Word with the data layer's renderer (the editor's ECharts option). */
export function drawChart(figure: ResolvedFigure, size: { width: number; height: number }): Uint8Array {
  if (!figure.chart || !figure.data) throw new Error('not a chart with data')
  const scale = size.width / CHART_LAYOUT_WIDTH
  return renderChartPng(figure.chart, figure.data, { width: CHART_LAYOUT_WIDTH, height: Math.round(size.height / scale), scale })
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
        if (!spec) return null
        const figure = data.resolveFigure(spec, null)
        if (figure.chart && !figure.data) figure.data = data.chartData(figure.chart)
        return figure
      }),
    fieldText: (ref, format) => orNull(() => data.fieldText(ref, parseFormat(format))),
    chartPng: async (figure, size) => {
      const key = chartKey(figure, size)
      const hit = cachedChart(key)
      if (hit) return hit
      const png = drawChart(figure, size)
      rememberChart(key, png)
      return png
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
