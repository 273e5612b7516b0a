import { fail } from '../errors'
import type { ImportLimits } from '../limits'
import { child, children, isEl, parseXml, type XmlElement } from '../xml'
import type { DocxZip } from '../zip'
import { readRels } from './package'

/**
 * A Word chart part (word/charts/chartN.xml, DrawingML c:chartSpace) read
 * as it is written: its plot groups (bar, line, pie… each on its pair of
 * axes), every series with its name, categories and values as cached in the
 * part (c:strCache, c:numCache), the cell references behind them (c:f), the
 * titles, data labels and number formats, and where its embedded workbook
 * is. Nothing is interpreted here (recognise/charts.ts turns this into a
 * report chart), and nothing outside the package is ever followed.
 */
export interface WordSeries {
  /** Position in the chart (c:order), for the order of the legend. */
  order: number
  name: string | null
  categories: (string | null)[] | null
  values: (number | null)[] | null
  /** Declared point counts (c:ptCount) of the categories and the values. */
  catCount: number
  valCount: number
  /** Workbook references (c:f) of the name, categories and values. */
  refs: { name?: string; cat?: string; val?: string }
  /** The number format of the cached values ("0.00%"). */
  formatCode: string | null
  /** Lines: the series draws its points (c:marker/c:symbol is not "none"). */
  markers: boolean
  /** Data labels show the values. */
  showValues: boolean | null
}

export type PlotKind = 'bar' | 'line' | 'pie' | 'doughnut' | 'ofPie' | 'area' | 'scatter' | 'radar' | 'bubble' | 'stock' | 'surface'

export interface WordPlot {
  kind: PlotKind
  threeD: boolean
  /** Bars: 'col' (columns) or 'bar' (horizontal). */
  barDir: 'col' | 'bar'
  /** clustered, stacked, percentStacked, standard. */
  grouping: string
  /** On the secondary value axis. */
  secondary: boolean
  /** Data labels of the group show the values. */
  showValues: boolean | null
  series: WordSeries[]
}

export interface WordChart {
  part: string
  plots: WordPlot[]
  title: string | null
  categoryTitle: string | null
  valueTitle: string | null
  secondaryTitle: string | null
  /** The value axis' number format, when it is not taken from the data. */
  valueFormat: string | null
  /** The data labels' own number format. */
  labelFormat: string | null
  /** The embedded workbook (a package part), or the address of an external one (never read). */
  workbook: { part: string } | { external: string } | null
  /** Points beyond what is read (a chart of 100,000 points keeps the first MAX_POINTS). */
  cut: boolean
}

/** Points read per series: more than a report chart shows by far; the rest is counted, not kept. */
export const MAX_POINTS = 5000

const TEXT_IN = new Set(['v', 'f', 't', 'formatCode'])
const PLOTS: Record<string, { kind: PlotKind; threeD: boolean }> = {
  'c:barChart': { kind: 'bar', threeD: false },
  'c:bar3DChart': { kind: 'bar', threeD: true },
  'c:lineChart': { kind: 'line', threeD: false },
  'c:line3DChart': { kind: 'line', threeD: true },
  'c:pieChart': { kind: 'pie', threeD: false },
  'c:pie3DChart': { kind: 'pie', threeD: true },
  'c:doughnutChart': { kind: 'doughnut', threeD: false },
  'c:ofPieChart': { kind: 'ofPie', threeD: false },
  'c:areaChart': { kind: 'area', threeD: false },
  'c:area3DChart': { kind: 'area', threeD: true },
  'c:scatterChart': { kind: 'scatter', threeD: false },
  'c:radarChart': { kind: 'radar', threeD: false },
  'c:bubbleChart': { kind: 'bubble', threeD: false },
  'c:stockChart': { kind: 'stock', threeD: false },
  'c:surfaceChart': { kind: 'surface', threeD: false },
  'c:surface3DChart': { kind: 'surface', threeD: true }
}

const attr = (el: XmlElement | undefined, name = 'val'): string | undefined => el?.attrs[name]
const on = (el: XmlElement | undefined): boolean | null => {
  if (!el) return null
  const v = el.attrs.val
  return v === undefined || v === '1' || v === 'true'
}

/** Data labels that write the values (or, on a pie, the percentages); null when the labels say nothing. */
function shown(dLbls: XmlElement | undefined): boolean | null {
  const v = on(child(dLbls, 'c:showVal'))
  const p = on(child(dLbls, 'c:showPercent'))
  if (v || p) return true
  return v === null && p === null ? null : false
}

function text(el: XmlElement | undefined): string {
  if (!el) return ''
  let s = ''
  for (const c of el.children) s += typeof c === 'string' ? c : text(c)
  return s
}

/** Rich text of a title: its runs, paragraphs joined without a break (the report shows titles on one line). */
function richText(tx: XmlElement | undefined): string | null {
  if (!tx) return null
  const rich = child(tx, 'c:rich')
  if (rich) {
    const paras = children(rich, 'a:p').map((p) => collect(p, 'a:t').map(text).join(''))
    return paras.join('').trim() || null
  }
  const ref = child(tx, 'c:strRef')
  const cached = ref ? strPoints(child(ref, 'c:strCache')) : null
  if (cached?.values.length) return (cached.values.filter(Boolean).join(' ') || '').trim() || null
  const v = child(tx, 'c:v')
  return v ? text(v).trim() || null : null
}

function collect(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (!isEl(c)) continue
    if (c.name === name) out.push(c)
    else collect(c, name, out)
  }
  return out
}

interface Points<T> {
  values: T[]
  count: number
  cut: boolean
  formatCode: string | null
}

function points<T>(cache: XmlElement | undefined, parse: (v: string) => T, empty: T): Points<T> | null {
  if (!cache) return null
  const declared = Number(attr(child(cache, 'c:ptCount')) ?? NaN)
  const pts = children(cache, 'c:pt')
  let top = -1
  for (const p of pts) top = Math.max(top, Number(p.attrs.idx ?? -1))
  const count = Number.isInteger(declared) && declared >= 0 ? declared : top + 1
  const length = Math.min(Math.max(0, count), MAX_POINTS)
  const values: T[] = Array.from({ length }, () => empty)
  for (const p of pts) {
    const i = Number(p.attrs.idx ?? -1)
    if (!Number.isInteger(i) || i < 0 || i >= length) continue
    values[i] = parse(text(child(p, 'c:v')))
  }
  const formatCode = text(child(cache, 'c:formatCode')).trim() || null
  return { values, count, cut: count > MAX_POINTS, formatCode }
}

const num = (v: string): number | null => {
  const t = v.trim()
  if (t === '') return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}
const str = (v: string): string | null => v

function strPoints(cache: XmlElement | undefined): Points<string | null> | null {
  return points(cache, str, null)
}

/** Categories: text, numbers (years as 2019), or several levels (the innermost names each point). */
function categoriesOf(cat: XmlElement | undefined): { pts: Points<string | null> | null; ref?: string } {
  if (!cat) return { pts: null }
  const strRef = child(cat, 'c:strRef')
  const numRef = child(cat, 'c:numRef')
  const multi = child(cat, 'c:multiLvlStrRef')
  const ref = text(child(strRef ?? numRef ?? multi, 'c:f')).trim() || undefined
  if (strRef) return { pts: strPoints(child(strRef, 'c:strCache')), ref }
  if (numRef) return { pts: numAsText(points(child(numRef, 'c:numCache'), num, null)), ref }
  if (multi) {
    const lvl = child(child(multi, 'c:multiLvlStrCache'), 'c:lvl')
    const cache = child(multi, 'c:multiLvlStrCache')
    if (!cache || !lvl) return { pts: null, ref }
    // The first level is the innermost: it names each point.
    const pts = points({ name: 'c:strCache', attrs: {}, children: [child(cache, 'c:ptCount') ?? { name: 'x', attrs: {}, children: [] }, ...children(lvl, 'c:pt')] }, str, null)
    return { pts, ref }
  }
  const lit = child(cat, 'c:strLit') ?? child(cat, 'c:numLit')
  if (lit) return { pts: lit.name === 'c:numLit' ? numAsText(points(lit, num, null)) : strPoints(lit) }
  return { pts: null }
}

function numAsText(p: Points<number | null> | null): Points<string | null> | null {
  if (!p) return null
  return { ...p, values: p.values.map((v) => (v === null ? null : String(v))) }
}

function valuesOf(val: XmlElement | undefined): { pts: Points<number | null> | null; ref?: string } {
  if (!val) return { pts: null }
  const numRef = child(val, 'c:numRef')
  if (numRef) return { pts: points(child(numRef, 'c:numCache'), num, null), ref: text(child(numRef, 'c:f')).trim() || undefined }
  const lit = child(val, 'c:numLit')
  if (lit) return { pts: points(lit, num, null) }
  return { pts: null }
}

function series(ser: XmlElement, kind: PlotKind, index: number): WordSeries & { cut: boolean } {
  const tx = child(ser, 'c:tx')
  const txRef = child(tx, 'c:strRef')
  const name = richText(tx)
  // Scatter and bubble charts name their categories x and their values y.
  const cat = categoriesOf(child(ser, 'c:cat') ?? child(ser, 'c:xVal'))
  const val = valuesOf(child(ser, 'c:val') ?? child(ser, 'c:yVal'))
  const symbol = attr(child(child(ser, 'c:marker'), 'c:symbol'))
  const order = Number(attr(child(ser, 'c:order')) ?? NaN)
  return {
    order: Number.isInteger(order) ? order : index,
    name,
    categories: cat.pts?.values ?? null,
    values: val.pts?.values ?? null,
    catCount: cat.pts?.count ?? 0,
    valCount: val.pts?.count ?? 0,
    refs: { name: text(child(txRef, 'c:f')).trim() || undefined, cat: cat.ref, val: val.ref },
    formatCode: val.pts?.formatCode ?? null,
    markers: kind === 'line' || kind === 'scatter' || kind === 'radar' ? symbol !== 'none' : false,
    showValues: shown(child(ser, 'c:dLbls')),
    cut: !!(cat.pts?.cut || val.pts?.cut)
  }
}

/** Parse one chart part (its XML is bounded like every part of the document: no DOCTYPE, depth and element caps). */
export function parseChartPart(bytes: Uint8Array, part: string, zip: DocxZip, limits: ImportLimits): WordChart {
  const root = parseXml(bytes, part, { maxDepth: limits.maxXmlDepth, maxElements: limits.maxXmlElements, textIn: TEXT_IN })
  if (root.name !== 'c:chartSpace') fail('damaged', `图表部件“${part}”的格式不对，文件可能已损坏。`)
  const chart = child(root, 'c:chart')
  const plotArea = child(chart, 'c:plotArea')
  // Axes by id: which is secondary (a value axis on the right or top), their titles and number formats.
  const axes = new Map<string, XmlElement>()
  for (const c of plotArea?.children ?? []) {
    if (isEl(c) && /^c:(valAx|catAx|dateAx|serAx)$/.test(c.name)) {
      const id = attr(child(c, 'c:axId'))
      if (id) axes.set(id, c)
    }
  }
  const plots: WordPlot[] = []
  let firstValAx: string | null = null
  let cut = false
  let index = 0
  for (const c of plotArea?.children ?? []) {
    if (!isEl(c) || !PLOTS[c.name]) continue
    const { kind, threeD } = PLOTS[c.name]
    const axIds = children(c, 'c:axId').map((a) => attr(a) ?? '')
    const valAx = axIds.find((id) => axes.get(id)?.name === 'c:valAx') ?? null
    if (firstValAx === null && valAx) firstValAx = valAx
    const list = children(c, 'c:ser').map((s) => series(s, kind, index++))
    cut ||= list.some((s) => s.cut)
    plots.push({
      kind,
      threeD,
      barDir: attr(child(c, 'c:barDir')) === 'bar' ? 'bar' : 'col',
      grouping: attr(child(c, 'c:grouping')) ?? (kind === 'bar' ? 'clustered' : 'standard'),
      secondary: valAx !== null && firstValAx !== null && valAx !== firstValAx,
      showValues: shown(child(c, 'c:dLbls')),
      series: list.map(({ cut: _cut, ...s }) => s)
    })
  }
  const firstPlot = plotArea ? [...plotArea.children].find((c) => isEl(c) && PLOTS[c.name]) : undefined
  const axisOfFirst = (kindName: string) => {
    const ids = isEl(firstPlot) ? children(firstPlot, 'c:axId').map((a) => attr(a) ?? '') : []
    return ids.map((id) => axes.get(id)).find((a) => a?.name === kindName || (kindName === 'c:catAx' && a?.name === 'c:dateAx'))
  }
  const axisTitle = (ax: XmlElement | undefined) => (ax && on(child(ax, 'c:delete')) !== true ? richText(child(child(ax, 'c:title'), 'c:tx')) : null)
  const secondaryAx = [...axes.entries()].find(([id, a]) => a.name === 'c:valAx' && id !== firstValAx)?.[1]
  const valAx = axisOfFirst('c:valAx')
  const numFmt = child(valAx, 'c:numFmt')
  const labelFmt = collect(plotArea ?? root, 'c:dLbls')
    .map((d) => child(d, 'c:numFmt'))
    .find((f) => f && f.attrs.sourceLinked !== '1')

  const autoDeleted = on(child(chart, 'c:autoTitleDeleted')) === true
  const title = autoDeleted ? null : richText(child(child(chart, 'c:title'), 'c:tx'))

  const ext = child(root, 'c:externalData')
  let workbook: WordChart['workbook'] = null
  const rid = ext?.attrs['r:id']
  if (rid) {
    const relsPart = `${part.slice(0, part.lastIndexOf('/') + 1)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`
    const relBytes = zip.read([relsPart], () => limits.maxXmlBytes).get(relsPart)
    const rels = readRels(relBytes ? parseXml(relBytes, relsPart, { maxDepth: limits.maxXmlDepth, maxElements: 10_000 }) : null, part)
    const rel = rels.get(rid)
    if (rel) workbook = rel.external ? { external: rel.target } : { part: rel.target }
  }
  return {
    part,
    plots,
    title,
    categoryTitle: axisTitle(axisOfFirst('c:catAx')),
    valueTitle: axisTitle(valAx),
    secondaryTitle: axisTitle(secondaryAx),
    valueFormat: numFmt && numFmt.attrs.sourceLinked !== '1' ? (numFmt.attrs.formatCode ?? null) : null,
    labelFormat: labelFmt?.attrs.formatCode ?? null,
    workbook,
    cut
  }
}
