/**
 * The chart workers (src/main/charts/pool.ts): the app draws an open
 * report's charts there ahead of its first export, in parallel with one
 * font subset for the batch. Their pictures are the in-process renderer's,
 * the export that follows finds them ready, and a pool that cannot work
 * never costs an export.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportProgress } from '@shared/contract/export'
import { ChartPool, chartPool } from '../../src/main/charts/pool'
import { renderChartPngs, renderChartPngsAsync } from '../../src/main/charts/image'
import { cachedChart, chartKey, clearChartCache } from '../../src/main/charts/cache'
import { runExport } from '../../src/main/export/runner'
import { chartJob, drawCharts, drawHere, prepareCharts, storeExportSource } from '../../src/main/export/storeSource'
import { snapshotSource, takeSnapshot } from '../../src/main/export/snapshot'
import { CHART_PIXELS } from '../../src/main/export/geometry'
import { buildReportState } from '../../src/main/services/reportState'
import { ReportSession } from '../../src/main/services/reportSession'
import type { ResolvedFigure } from '@shared/model/figure'
import { AppState } from '../../src/main/services/appState'
import { dispatch } from '../../src/main/services/dispatch'
import { createService } from '../../src/main/services/service'
import { writeFixtureReport } from '../helpers/exportFixture'
import { openDocx } from '../helpers/exportDocx'

let dir: string
let session: ReportSession

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-chart-pool-'))
  writeFixtureReport(join(dir, 'r.nianbao'))
  session = new ReportSession({ now: () => new Date() })
  session.open(join(dir, 'r.nianbao'))
})
afterAll(() => {
  chartPool.stop()
  session.close()
})

const figureIds = () => buildReportState(session.require()).numbering.figures.map((f) => f.id)
const charts = (): ResolvedFigure[] => {
  const data = storeExportSource(session.require()).data
  return figureIds()
    .map((id) => data.figure(id))
    .filter((f): f is ResolvedFigure => !!f?.chart && !!f.data)
}
const PNG = [0x89, 0x50, 0x4e, 0x47]
/** Width and height from a PNG's IHDR. */
const size = (png: Uint8Array) => {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength)
  return { width: v.getUint32(16), height: v.getUint32(20) }
}

describe('the chart workers', () => {
  it('the app draws the charts of a report it opens ahead; a command-line run does not start them', async () => {
    clearChartCache()
    const openIn = async (transport: 'cli' | 'browser') => {
      const base = mkdtempSync(join(tmpdir(), `nianbao-chart-pool-${transport}-`))
      const report = join(base, 'r.nianbao')
      writeFixtureReport(report)
      const svc = createService({ appState: new AppState(join(base, 'config')), ports: { transport, workspaceDir: base, dialogs: { openReport: async () => report } as never } })
      const r = (await dispatch(svc.handlers, 'report.openDialog', {}, () => {})) as { ok: boolean }
      expect(r.ok).toBe(true)
      return svc
    }
    const cli = await openIn('cli')
    await new Promise((done) => setTimeout(done, 3000))
    expect(chartPool.running).toBe(false)
    cli.session.close()

    const app = await openIn('browser')
    const figures = (() => {
      const data = storeExportSource(app.session.require()).data
      return buildReportState(app.session.require())
        .numbering.figures.map((f) => data.figure(f.id))
        .filter((f): f is ResolvedFigure => !!f?.chart && !!f.data)
    })()
    expect(figures.length).toBe(12)
    await expect.poll(() => figures.every((f) => !!cachedChart(chartKey(f, CHART_PIXELS))), { timeout: 120_000, interval: 250 }).toBe(true)
    expect(chartPool.running).toBe(true)
    app.session.close()
    chartPool.stop()
  }, 240_000)

  it('draw a batch in order, each picture the one the export would draw in process', async () => {
    const pool = new ChartPool(2)
    try {
      await pool.warm()
      expect(pool.running).toBe(true)
      const jobs = charts()
        .slice(0, 5)
        .map((f) => chartJob(f, CHART_PIXELS))
      expect(jobs.length).toBe(5)
      const pngs = await pool.paint(jobs)
      const here = renderChartPngs(jobs)
      expect(pngs.length).toBe(5)
      pngs.forEach((png, i) => {
        expect([...png.slice(0, 4)]).toEqual(PNG)
        expect(size(png)).toEqual(size(here[i]))
        // Same chart, same pixels: the bytes differ by no more than the font subset's glyph order could make them.
        expect(Math.abs(png.length - here[i].length) / here[i].length).toBeLessThan(0.02)
      })
      // Different charts, different pictures, in the order asked.
      expect(new Set(pngs.map((p) => Buffer.from(p).toString('base64'))).size).toBe(5)
    } finally {
      pool.stop()
    }
    expect(pool.running).toBe(false)
  })

  it('without the pool (the CLI, the export worker) a batch is drawn here at once: the same pictures, each chart once', async () => {
    const jobs = charts()
      .slice(0, 4)
      .map((f) => chartJob(f, CHART_PIXELS))
    const together = await renderChartPngsAsync(jobs)
    const one = renderChartPngs(jobs)
    expect(together.length).toBe(4)
    together.forEach((png, i) => {
      expect([...png.slice(0, 4)]).toEqual(PNG)
      expect(size(png)).toEqual(size(one[i]))
      expect(Math.abs(png.length - one[i].length) / one[i].length).toBeLessThan(0.02)
    })

    // The export worker's source: charts it carries are kept, the others drawn in one batch and each told to main once.
    clearChartCache()
    const snapshot = takeSnapshot(storeExportSource(session.require()))
    const figures = charts()
    const carried = await drawHere.many([figures[0]], CHART_PIXELS)
    snapshot.charts.push([chartKey(figures[0], CHART_PIXELS), carried[0]])
    const told: string[] = []
    const batches: number[] = []
    const source = snapshotSource(snapshot, { ...drawHere, many: (f, s) => (batches.push(f.length), drawHere.many(f, s)) }, (key) => told.push(key))
    const pngs = await source.data.chartPngs!(figures, CHART_PIXELS)
    const distinct = new Set(figures.map((f) => chartKey(f, CHART_PIXELS)))
    expect(pngs.length).toBe(figures.length)
    expect(pngs[0]).toBe(carried[0])
    expect(batches).toEqual([distinct.size - 1])
    expect(new Set(told)).toEqual(new Set([...distinct].filter((k) => k !== chartKey(figures[0], CHART_PIXELS))))
    expect(told.length).toBe(distinct.size - 1)
    // Asked again, nothing is drawn.
    await source.data.chartPngs!(figures, CHART_PIXELS)
    expect(batches).toEqual([distinct.size - 1])
  })

  it('figures that show the same chart share one picture: each distinct chart is drawn once, also within one batch', async () => {
    clearChartCache()
    const figures = charts().slice(0, 3)
    // A report repeating its charts (the 20× bench report): the same three charts three times over.
    const repeated = [...figures, ...figures.map((f) => ({ ...f, id: `${f.id}_r1` })), ...figures.map((f) => ({ ...f, id: `${f.id}_r2` }))]
    const painted: number[] = []
    const paint = (jobs: ReturnType<typeof chartJob>[]) => (painted.push(jobs.length), renderChartPngsAsync(jobs))
    const distinct = new Set(figures.map((f) => chartKey(f, CHART_PIXELS))).size
    const pngs = await drawCharts(repeated, CHART_PIXELS, paint)
    expect(painted).toEqual([distinct])
    expect(pngs.length).toBe(9)
    expect(pngs[3]).toBe(pngs[0])
    expect(pngs[8]).toBe(pngs[2])
    // Drawn already: nothing is painted again.
    await drawCharts(repeated, CHART_PIXELS, paint)
    expect(painted).toEqual([distinct])
  })

  it('a pool stopped in the middle of a batch hands it back to the caller, and starts again for the next one', async () => {
    const pool = new ChartPool(2)
    try {
      const jobs = charts()
        .slice(0, 2)
        .map((f) => chartJob(f, CHART_PIXELS))
      const pending = pool.paint(jobs)
      // Stopped while loading: the batch is refused, not left waiting.
      await pool.warm()
      pool.stop()
      await expect(pending).rejects.toThrow()
      const again = await pool.paint(jobs)
      expect(again.length).toBe(2)
      expect(pool.running).toBe(true)
    } finally {
      pool.stop()
    }
  })

  it('an open report has its charts drawn ahead, and its first export takes the pictures from there', async () => {
    clearChartCache()
    const open = session.require()
    await prepareCharts(open, figureIds(), CHART_PIXELS)
    expect(chartPool.running).toBe(true)
    const figures = charts()
    expect(figures.length).toBe(12)
    for (const f of figures) expect(cachedChart(chartKey(f, CHART_PIXELS))).toBeDefined()
    // The export's snapshot carries every picture: its worker draws none.
    const snapshot = takeSnapshot(storeExportSource(open))
    expect(snapshot.charts.length).toBe(new Set(figures.map((f) => chartKey(f, CHART_PIXELS))).size)
    const progress: ExportProgress[] = []
    const summary = await runExport(storeExportSource(open), join(dir, 'prepared.docx'), { onProgress: (p) => progress.push(p) })
    expect(summary).toMatchObject({ chapters: 9, figures: 12 })
    const doc = openDocx(readFileSync(join(dir, 'prepared.docx')))
    const pictures = doc.media.map((m) => Buffer.from(doc.files[m]).toString('base64'))
    for (const f of figures) expect(pictures).toContain(Buffer.from(cachedChart(chartKey(f, CHART_PIXELS))!).toString('base64'))
  })
})
