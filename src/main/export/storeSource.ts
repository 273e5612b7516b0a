/**
 * An open report file as an export source: its properties, chapters and
 * images from the store, the live data from the data layer (src/main/data).
 */
import { parseFormat } from '@shared/model/format'
import type { ResolvedFigure } from '@shared/model/figure'
import { isUserError } from '@shared/errors'
import { reportData } from '../data'
import { renderChartPng, renderChartPngsAsync, type ChartJob } from '../charts/image'
import { chartPool, paintCharts } from '../charts/pool'
import type { ReportStore } from '../store/reportStore'
import { cachedChart, chartKey, rememberChart } from '../charts/cache'
import type { ChartDrawer } from './snapshot'
import type { ExportData, ExportSource } from './source'

/** ECharts lays a chart out at this width (CSS pixels) for Word; the PNG is scaled up for print. */
const CHART_LAYOUT_WIDTH = 640

/** What drawing a figure's chart at `size` (pixels of the PNG) asks of the renderer: laid out at 640 px, scaled up for print. */
export function chartJob(figure: ResolvedFigure, size: { width: number; height: number }): ChartJob {
  if (!figure.chart || !figure.data) throw new Error('not a chart with data')
  const scale = size.width / CHART_LAYOUT_WIDTH
  return { spec: figure.chart, data: figure.data, size: { width: CHART_LAYOUT_WIDTH, height: Math.round(size.height / scale), scale } }
}

/** Draw a chart for Word with the data layer's renderer (the editor's ECharts option). */
export function drawChart(figure: ResolvedFigure, size: { width: number; height: number }): Uint8Array {
  const job = chartJob(figure, size)
  return renderChartPng(job.spec, job.data, job.size)
}

/** Charts drawn in this process, without the chart pool: all at once, rasterised in parallel (the CLI, the export worker). */
export const drawHere: ChartDrawer = {
  many: (figures, size) => renderChartPngsAsync(figures.map((f) => chartJob(f, size))),
  one: drawChart
}

/** Drawings under way in the pool, by picture key: an export that starts meanwhile waits for them instead of drawing again. */
const drawing = new Map<string, Promise<Uint8Array>>()

/**
 * Charts not drawn yet in this process, drawn by the chart pool (in
 * parallel, one font subset for all) or, where no pool runs, here
 * (`drawHere`), remembered for the next export.
 */
export async function drawCharts(
  figures: ResolvedFigure[],
  size: { width: number; height: number },
  paint: (jobs: ChartJob[]) => Promise<Uint8Array[]> = chartPool.running ? paintCharts : (jobs) => renderChartPngsAsync(jobs)
): Promise<Uint8Array[]> {
  const keys = figures.map((f) => chartKey(f, size))
  // Each picture once: figures that show the same chart (a report repeating one) share it.
  const todo = new Map<string, ResolvedFigure>()
  figures.forEach((f, i) => {
    if (!cachedChart(keys[i]) && !drawing.has(keys[i]) && !todo.has(keys[i])) todo.set(keys[i], f)
  })
  const missing = [...todo].map(([key, f]) => ({ f, key }))
  const batch = missing.length ? paint(missing.map(({ f }) => chartJob(f, size))) : null
  missing.forEach(({ key }, k) => {
    const one = batch!.then((pngs) => {
      rememberChart(key, pngs[k])
      return pngs[k]
    })
    drawing.set(key, one)
    void one.then(
      () => drawing.delete(key),
      () => drawing.delete(key)
    )
  })
  return Promise.all(keys.map((k) => cachedChart(k) ?? drawing.get(k)!))
}

/**
 * The charts of an open report drawn ahead, while its editor works: the
 * app calls this when a report with charts opens, so the first export finds
 * the pictures of unchanged charts ready (a chart edited later is drawn by
 * the export). Only where the chart pool runs: a process without one draws
 * at export time.
 */
export async function prepareCharts(open: { store: ReportStore }, figureIds: string[], size: { width: number; height: number }): Promise<void> {
  // Read now: the report may be closed by the time the workers have loaded.
  const data = liveExportData(open)
  const figures = figureIds.map((id) => data.figure(id)).filter((f): f is ResolvedFigure => !!f?.chart && !!f.data)
  await chartPool.warm()
  if (chartPool.running && figures.length) await drawCharts(figures, size)
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
    },
    // All at once: in the chart workers where they run (the app, once a report is open), else here in parallel.
    chartPngs: drawCharts
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
