/**
 * Word export: a report → a .docx in the official layout (GB/T 9704
 * practice), written atomically. Steps: draw the charts, turn the chapters
 * into blocks, estimate the pages for the lists, build the document with the
 * docx library, pack it, write it.
 */
import { basename } from 'node:path'
import { setImmediate as nextTick } from 'node:timers/promises'
import { EXPORT_STAGE_LABELS, type ExportProgress, type ExportStage, type ExportSummary } from '@shared/contract/export'
import { UserError } from '@shared/errors'
import { writeFileAtomic } from './atomicWrite'
import { buildLayout, reportNumbering, type ChartPictures, type ChartProblems } from './layout'
import { CHART_PIXELS } from './geometry'
import type { ReportLayout } from './model'
import type { ResolvedFigure } from '@shared/model/figure'
import { applyPages, estimatePages, type PageEstimate } from './pagination'
import type { ExportSource } from './source'
import { buildDocument, layoutCharts, packDocument } from './writer/document'

export type { ExportSource, ExportData, ExportChapter, ExportAsset } from './source'

export interface ExportOptions {
  onProgress?: (p: ExportProgress) => void
}

/** Where each stage starts on the progress bar. */
const SPAN: Record<ExportStage, [number, number]> = {
  read: [0, 0.05],
  charts: [0.05, 0.5],
  layout: [0.5, 0.58],
  build: [0.58, 0.7],
  pack: [0.7, 0.9],
  write: [0.9, 1],
  done: [1, 1]
}

function reporter(onProgress?: (p: ExportProgress) => void) {
  return (stage: ExportStage, done = 0, total = 1) => {
    if (!onProgress) return
    const [a, b] = SPAN[stage]
    const part = total > 0 ? Math.min(1, done / total) : 1
    const counter = stage === 'charts' && total > 1 ? `（${Math.min(done + 1, total)}/${total}）` : ''
    onProgress({ stage, fraction: a + (b - a) * part, label: `${EXPORT_STAGE_LABELS[stage]}${counter}` })
  }
}

export interface RenderedReport {
  buffer: Buffer
  layout: ReportLayout
  estimate: PageEstimate
}


/** Build the .docx in memory. */
export async function renderReport(source: ExportSource, options: ExportOptions = {}): Promise<RenderedReport> {
  const progress = reporter(options.onProgress)
  progress('read', 1)
  const numbering = reportNumbering(source)

  const charts: ChartPictures = new Map()
  const chartProblems: ChartProblems = new Map()
  const figures = numbering.figures.map((f) => source.data.figure(f.id)).filter((f): f is ResolvedFigure => f?.kind === 'chart')
  progress('charts', 0, figures.length)
  // All at once where the source can (in parallel, one font subset); chart by chart otherwise, or when the batch failed.
  const batch = source.data.chartPngs && figures.length ? await source.data.chartPngs(figures, CHART_PIXELS).catch(() => null) : null
  for (let i = 0; i < figures.length; i++) {
    const figure = figures[i]
    if (batch?.[i]) {
      charts.set(figure.id, batch[i])
      continue
    }
    progress('charts', i, figures.length)
    try {
      charts.set(figure.id, await source.data.chartPng(figure, CHART_PIXELS))
    } catch (e) {
      // Named in the layout's warnings as every other figure is (图 2-1, 附图“…”), grouped by reason.
      chartProblems.set(figure.id, e instanceof UserError ? e.message : '绘图出错')
    }
    await nextTick()
  }

  progress('layout')
  const layout = buildLayout(source, numbering, charts, chartProblems)
  const estimate = estimatePages(layout)
  applyPages(layout, estimate)
  await nextTick()

  progress('build')
  const doc = buildDocument(layout)
  await nextTick()
  progress('pack')
  const buffer = await packDocument(doc, layoutCharts(layout))
  return { buffer, layout, estimate }
}

/** Export to `path`: the previous file there stays intact until the new one is complete. */
export async function exportReport(source: ExportSource, path: string, options: ExportOptions = {}): Promise<ExportSummary> {
  const started = performance.now()
  const progress = reporter(options.onProgress)
  const { buffer, layout, estimate } = await renderReport(source, options)
  progress('write', 0)
  await writeFileAtomic(path, buffer, { onProgress: (done, total) => progress('write', done, total) })
  progress('done', 1)
  const frontPages = estimate.frontPages
  return {
    path,
    fileName: basename(path),
    bytes: buffer.length,
    pages: 1 + frontPages + estimate.bodyPages,
    bodyPages: estimate.bodyPages,
    ...layout.counts,
    warnings: layout.warnings,
    ms: Math.round(performance.now() - started)
  }
}
