import { parentPort } from 'node:worker_threads'
import { findChartFont, rasterize, renderChartPngs, renderChartSvg, svgText, type ChartJob } from './image'
import { fontSubset } from './fontSubset'

/**
 * A chart-drawing worker of the pool (pool.ts). It keeps ECharts, resvg and
 * the font's HarfBuzz face loaded between batches. A batch: the SVGs of its
 * charts, one shared font subset (cut by the worker asked to, while the
 * others build their SVGs), then the PNGs.
 */
export type ChartWorkerRequest =
  | { type: 'warm' }
  | { type: 'paint'; id: number; jobs: ChartJob[]; chars: string; cutSubset: boolean }
  | { type: 'subset'; id: number; path: string | null; chars: string }

export type ChartWorkerReply =
  | { type: 'warm' }
  | { type: 'subset'; id: number; path: string | null; chars: string }
  | { type: 'done'; id: number; pngs: Uint8Array[] }
  | { type: 'error'; id: number; message: string; user: boolean }

const subsets = new Map<number, (s: { path: string | null; chars: string }) => void>()

function post(m: ChartWorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(m, transfer)
}

async function paint(req: Extract<ChartWorkerRequest, { type: 'paint' }>): Promise<void> {
  const font = findChartFont()
  if (!font) {
    // The message the in-process renderer gives (a UserError), so the caller says the same.
    renderChartPngs(req.jobs)
    return
  }
  let shared: Promise<{ path: string | null; chars: string }>
  if (req.cutSubset) {
    const path = fontSubset(font.path, font.family, req.chars)
    post({ type: 'subset', id: req.id, path, chars: req.chars })
    shared = Promise.resolve({ path, chars: req.chars })
  } else shared = new Promise((resolve) => subsets.set(req.id, resolve))
  const svgs = req.jobs.map((j) => renderChartSvg(j.spec, j.data, j.size, font))
  const subset = await shared
  subsets.delete(req.id)
  const have = new Set(subset.chars)
  const pngs = svgs.map((svg, i) => {
    const text = svgText(svg)
    // A character the shared subset lacks (rare: the estimate names what a chart can show) gets a subset of its own.
    const file = subset.path && [...text].every((ch) => have.has(ch) || /\s/.test(ch)) ? subset.path : (fontSubset(font.path, font.family, subset.chars + text) ?? font.path)
    return rasterize(svg, req.jobs[i].size.scale, file, font)
  })
  post({ type: 'done', id: req.id, pngs }, pngs.map((p) => p.buffer as ArrayBuffer))
}

parentPort?.on('message', (req: ChartWorkerRequest) => {
  if (req.type === 'warm') {
    // Load ECharts, resvg and the font's face, and run the drawing code once, while nobody waits.
    try {
      const font = findChartFont()
      if (font) fontSubset(font.path, font.family, '0123456789')
      renderChartPngs([{ spec: { type: 'bar', source: { kind: 'sheet', tableId: 'warm', seriesIn: 'columns' } }, data: { categories: ['一'], series: [{ name: '1', values: [1] }] }, size: { width: 160, height: 90, scale: 1 } }])
    } catch {
      /* a machine without a CJK font says so when a chart is drawn */
    }
    post({ type: 'warm' })
    return
  }
  if (req.type === 'subset') {
    subsets.get(req.id)?.({ path: req.path, chars: req.chars })
    return
  }
  paint(req).catch((e: unknown) => {
    const user = e instanceof Error && e.name === 'UserError'
    post({ type: 'error', id: req.id, message: e instanceof Error ? e.message : String(e), user })
  })
})
