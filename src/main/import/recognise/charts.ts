import type { ChartSpec, ChartType } from '@shared/charts/model'
import { chartKindName } from '@shared/charts/model'
import type { CellFormat } from '@shared/model/table'
import { cellAt, parseRange, type XlsxWorkbook } from '../../xlsx'
import type { PlotKind, WordChart, WordPlot } from '../docx/charts'

/**
 * A Word chart as a report chart: the nearest type the report draws
 * (clustered, stacked and horizontal bars, lines with or without markers,
 * pies and doughnuts, bars with lines on a second axis), its categories,
 * series names and values (from the part's cache, completed from its
 * embedded workbook), axis titles and number format. What had to change on
 * the way in (a 3-D chart drawn flat, an area chart as lines, points beyond
 * what a chart sheet holds) is said in Chinese. A kind the report cannot
 * draw at all is named, so that its fallback picture can stand in for it.
 */
export interface ChartSeriesContent {
  name: string
  values: (number | null)[]
  /** How the numbers read in the chart's data sheet (percent for a "0.00%" series). */
  format: CellFormat
}

export interface ChartContent {
  /** Everything but the source: the caller binds it to a matching table range or to the chart's own sheet. */
  spec: Omit<ChartSpec, 'source'>
  categories: string[]
  series: ChartSeriesContent[]
  /** What changed on the way in, in Chinese (“三维柱形图按平面柱形图导入”). */
  notes: string[]
}

export type ChartReading = { ok: true; content: ChartContent } | { ok: false; kind: string }

/** What a chart's data sheet holds at most: the rows and columns of a report table, less the label row and column. */
export const MAX_CATEGORIES = 499
export const MAX_SERIES = 39

const OTHER_NAMES: Record<Exclude<PlotKind, 'bar' | 'line' | 'pie' | 'doughnut' | 'ofPie' | 'area'>, string> = {
  scatter: '散点图',
  radar: '雷达图',
  bubble: '气泡图',
  stock: '股价图',
  surface: '曲面图'
}

const CHARTEX_NAMES: Record<string, string> = {
  waterfall: '瀑布图',
  funnel: '漏斗图',
  treemap: '树状图',
  sunburst: '旭日图',
  clusteredColumn: '直方图',
  paretoLine: '排列图',
  boxWhisker: '箱形图',
  regionMap: '地图'
}

/** The Chinese name of a newer (cx:chart) kind, from its series' layout. */
export function chartexName(layoutId: string | undefined): string {
  return (layoutId && CHARTEX_NAMES[layoutId]) || '新式图表'
}

/** Percent and decimals of an Excel number format ("0.00%" → percent, 2; "General" → neither). */
export function readFormat(code: string | null | undefined): { percent: boolean; decimals?: number } {
  if (!code || /^general$/i.test(code.trim())) return { percent: false }
  const first = code.split(';')[0].replace(/"[^"]*"|\\./g, '')
  const percent = first.includes('%')
  const m = /[0#](?:\.([0#]+))?/.exec(first)
  if (!m) return { percent }
  return { percent, decimals: (m[1] ?? '').length }
}

/** The kind a Word chart cannot become, or null when the report can draw it (perhaps in its nearest form). */
export function unsupportedKind(chart: WordChart, hasPicture: boolean): string | null {
  const plots = chart.plots.filter((p) => p.series.length > 0)
  if (plots.length === 0) return null
  const other = plots.find((p) => p.kind in OTHER_NAMES)
  // With its own picture in the document, a scatter or radar chart keeps its look; without one it becomes lines.
  if (other && hasPicture) return OTHER_NAMES[other.kind as keyof typeof OTHER_NAMES]
  return null
}

/** A workbook reference ("Sheet1!$B$2:$B$4", "'数据 表'!$A$2") → its sheet and cells, in reading order. */
export function refCells(ref: string): { sheet: string; cells: { row: number; col: number }[] } | null {
  const parts = ref.replace(/^\(|\)$/g, '').split(',')
  let sheet = ''
  const cells: { row: number; col: number }[] = []
  for (const p of parts) {
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(p.trim())
    if (!m) return null
    sheet = (m[1] ?? m[2]).replace(/''/g, "'")
    const r = parseRange(m[3].replace(/\$/g, ''))
    if (!r) return null
    if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > 100_000) return null
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) cells.push({ row, col })
  }
  return sheet ? { sheet, cells } : null
}

/** Does the cache leave anything the workbook could fill (a reference without cached points)? */
export function needsWorkbook(chart: WordChart): boolean {
  for (const s of chart.plots.flatMap((p) => p.series)) {
    if (s.refs.val && (!s.values || s.values.length < Math.min(s.valCount, 1) || s.values.some((v) => v === null))) return true
    if (s.refs.cat && (!s.categories || s.categories.some((c) => c === null))) return true
    if (s.refs.name && s.name === null) return true
  }
  return false
}

/** Fill what the cache lacks from the embedded workbook (the cache wins where both have a value). */
export function fillFromWorkbook(chart: WordChart, book: XlsxWorkbook): number {
  let filled = 0
  const read = (ref: string | undefined): (string | number | null)[] | null => {
    if (!ref) return null
    const at = refCells(ref)
    if (!at) return null
    const sheet = book.sheets.find((s) => s.name === at.sheet) ?? (book.sheets.length === 1 ? book.sheets[0] : undefined)
    if (!sheet) return null
    return at.cells.map((c) => {
      const v = cellAt(sheet, c.row, c.col)?.value
      return typeof v === 'number' || typeof v === 'string' ? v : null
    })
  }
  for (const s of chart.plots.flatMap((p) => p.series)) {
    const vals = s.refs.val && (!s.values || s.values.some((v) => v === null)) ? read(s.refs.val) : null
    if (vals) {
      const out = Array.from({ length: Math.max(s.values?.length ?? 0, Math.min(vals.length, 5000)) }, (_, i) => s.values?.[i] ?? null)
      vals.forEach((v, i) => {
        if (i < out.length && out[i] === null && typeof v === 'number' && Number.isFinite(v)) {
          out[i] = v
          filled++
        }
      })
      s.values = out
      s.valCount = Math.max(s.valCount, vals.length)
    }
    const cats = s.refs.cat && (!s.categories || s.categories.some((c) => c === null)) ? read(s.refs.cat) : null
    if (cats) {
      const out = Array.from({ length: Math.max(s.categories?.length ?? 0, Math.min(cats.length, 5000)) }, (_, i) => s.categories?.[i] ?? null)
      cats.forEach((v, i) => {
        if (i < out.length && out[i] === null && v !== null) {
          out[i] = String(v)
          filled++
        }
      })
      s.categories = out
      s.catCount = Math.max(s.catCount, cats.length)
    }
    if (s.refs.name && s.name === null) {
      const n = read(s.refs.name)
      const v = n?.find((x) => x !== null)
      if (v !== undefined && v !== null) {
        s.name = String(v)
        filled++
      }
    }
  }
  return filled
}

function typeOf(plots: WordPlot[], notes: string[]): Pick<ChartSpec, 'type' | 'horizontal' | 'markers'> {
  const kinds = new Set(plots.map((p) => p.kind))
  const first = plots[0]
  const threeD = plots.some((p) => p.threeD)
  const anyMarkers = plots.flatMap((p) => p.series).some((s) => s.markers)
  let out: Pick<ChartSpec, 'type' | 'horizontal' | 'markers'>
  const other = plots.find((p) => p.kind in OTHER_NAMES)
  if (other) {
    out = { type: 'line', markers: true }
    notes.push(`Word ${OTHER_NAMES[other.kind as keyof typeof OTHER_NAMES]}不能作为年报的图表，已按带数据标记的折线图导入（数据不变），请核对`)
  } else if (plots.length > 1 && [...kinds].every((k) => k === 'bar' || k === 'line' || k === 'area')) {
    out = { type: 'combo', markers: kinds.has('line') ? anyMarkers : true }
    if (plots.some((p) => p.kind === 'bar' && p.barDir === 'bar')) notes.push('条形与折线的组合图按柱线组合图导入')
    if (plots.some((p) => p.kind === 'bar' && /stacked/i.test(p.grouping))) notes.push('组合图中的堆积柱形按并列的柱形导入')
    if (kinds.has('area')) notes.push('组合图中的面积图按折线导入')
  } else {
    if (plots.length > 1) notes.push(`原图由几种图组合而成，年报按其中的${kindLabel(first.kind)}导入`)
    switch (first.kind) {
      case 'bar': {
        const stacked = /stacked/i.test(first.grouping)
        if (/percent/i.test(first.grouping)) notes.push('百分比堆积图按堆积图导入（显示数值而不是百分比）')
        const many = first.series.length > 1
        out = { type: stacked ? 'stackedBar' : many ? 'groupedBar' : 'bar', horizontal: first.barDir === 'bar' }
        break
      }
      case 'line':
        out = { type: 'line', markers: anyMarkers }
        if (/stacked/i.test(first.grouping)) notes.push('堆积折线图按折线图导入')
        break
      case 'area':
        out = { type: 'line', markers: false }
        notes.push('面积图按折线图导入')
        break
      case 'doughnut':
        out = { type: 'doughnut' }
        break
      default:
        out = { type: 'pie' }
        if (first.kind === 'ofPie') notes.push('复合饼图按饼图导入')
    }
  }
  if (threeD) notes.push(`三维图按平面的${chartKindName(out)}导入`)
  return out
}

function kindLabel(kind: PlotKind): string {
  return ({ bar: '柱形图', line: '折线图', pie: '饼图', doughnut: '圆环图', ofPie: '饼图', area: '面积图' } as Record<string, string>)[kind] ?? '图'
}

/** A Word chart's content as a report chart; its series ordered as Word orders them (c:order). */
export function chartContent(chart: WordChart): ChartContent {
  const notes: string[] = []
  const plots = chart.plots.filter((p) => p.series.length > 0)
  if (plots.length === 0) {
    return { spec: { type: 'groupedBar', showLabels: false }, categories: [], series: [], notes: ['原图表没有数据系列'] }
  }
  const kind = typeOf(plots, notes)
  const round = kind.type === 'pie' || kind.type === 'doughnut'
  const tagged = plots.flatMap((p) => p.series.map((s) => ({ s, plot: p }))).sort((a, b) => a.s.order - b.s.order)
  let used = tagged
  if (round && tagged.length > 1) {
    notes.push(`${kind.type === 'pie' ? '饼图' : '圆环图'}只显示一个系列，导入了第一个系列“${tagged[0].s.name ?? '系列 1'}”`)
    used = tagged.slice(0, 1)
  } else if (kind.type !== 'combo' && plots.length > 1) {
    used = tagged.filter((t) => t.plot === plots[0])
  }

  // Categories: the first series that has them; otherwise 1, 2, 3… as Word numbers them.
  const length = Math.max(0, ...used.map(({ s }) => Math.max(s.values?.length ?? 0, s.categories?.length ?? 0)))
  const catSource = used.find(({ s }) => s.categories && s.categories.some((c) => c !== null))?.s.categories
  let categories = Array.from({ length }, (_, i) => (catSource?.[i] ?? String(i + 1)).trim())
  const declared = Math.max(0, ...used.map(({ s }) => Math.max(s.catCount, s.valCount)))
  const formats = used.map(({ s }) => readFormat(s.formatCode ?? chart.labelFormat ?? chart.valueFormat))
  let series: ChartSeriesContent[] = used.map(({ s }, i) => {
    const f = formats[i]
    // Excel's percent format shows 0.9787 as 97.87%; the report keeps percent figures as 97.87.
    const values = Array.from({ length }, (_, k) => {
      const v = s.values?.[k] ?? null
      return v === null ? null : f.percent ? Number((v * 100).toPrecision(12)) : v
    })
    const format: CellFormat = f.percent ? { kind: 'percent', decimals: f.decimals ?? 0 } : f.decimals !== undefined ? { kind: 'fixed', decimals: f.decimals } : { kind: 'general' }
    return { name: (s.name ?? `系列 ${i + 1}`).trim(), values, format }
  })
  if (declared > MAX_CATEGORIES || categories.length > MAX_CATEGORIES || chart.cut) {
    notes.push(`原图有 ${declared} 个类别（数据点），超过图表数据表最多 ${MAX_CATEGORIES} 个的上限，只导入了前 ${MAX_CATEGORIES} 个`)
    categories = categories.slice(0, MAX_CATEGORIES)
    series = series.map((s) => ({ ...s, values: s.values.slice(0, MAX_CATEGORIES) }))
  }
  if (series.length > MAX_SERIES) {
    notes.push(`原图有 ${series.length} 个系列，只导入了前 ${MAX_SERIES} 个`)
    series = series.slice(0, MAX_SERIES)
  }

  const labelFormat = readFormat(chart.labelFormat)
  const allPercent = formats.length > 0 && formats.slice(0, series.length).every((f) => f.percent)
  const decimals = labelFormat.decimals ?? (formats.every((f) => f.decimals === formats[0]?.decimals) ? formats[0]?.decimals : undefined)
  const showLabels = plots.some((p) => p.showValues === true) || used.some(({ s }) => s.showValues === true)
  const spec: Omit<ChartSpec, 'source'> = { type: kind.type as ChartType, showLabels }
  if (kind.horizontal) spec.horizontal = true
  if (kind.type === 'line' || kind.type === 'combo') spec.markers = kind.markers ?? true
  if (allPercent || labelFormat.percent) spec.percent = true
  if (decimals !== undefined) spec.decimals = decimals
  if (chart.title) spec.title = clip(chart.title, 100)
  if (!round) {
    if (chart.categoryTitle) spec.categoryTitle = clip(chart.categoryTitle, 60)
    if (chart.valueTitle) spec.valueTitle = clip(chart.valueTitle, 60)
  }
  if (kind.type === 'combo') {
    const kept = used.slice(0, series.length)
    spec.lineSeries = kept.flatMap((t, i) => (t.plot.kind === 'line' || t.plot.kind === 'area' ? [i] : []))
    spec.secondarySeries = kept.flatMap((t, i) => (t.plot.secondary ? [i] : []))
    if (chart.secondaryTitle && spec.secondarySeries.length) spec.secondaryTitle = clip(chart.secondaryTitle, 60)
  }
  return { spec, categories, series, notes }
}

function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}
