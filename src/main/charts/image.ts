import { existsSync } from 'node:fs'
import { join } from 'node:path'
import * as echarts from 'echarts'
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js'
import { fontSubset } from './fontSubset'
import { UserError } from '@shared/errors'
import type { ChartData, ChartSpec } from '@shared/charts/model'
import { buildChartOption } from '@shared/charts/option'

/**
 * Charts for Word: the editor's ECharts option, rendered server-side to SVG
 * and rasterised with resvg using a CJK font found on this machine.
 */
export interface ChartFont {
  path: string
  family: string
}

const WIN = process.env.WINDIR ?? 'C:\\Windows'
const CANDIDATES: ChartFont[] = [
  // Linux (Debian/Ubuntu fonts-noto-cjk, Fedora google-noto-cjk, wqy)
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'Noto Serif CJK SC' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
  { path: '/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf', family: 'Source Han Sans SC' },
  // Windows
  { path: join(WIN, 'Fonts', 'msyh.ttc'), family: 'Microsoft YaHei' },
  { path: join(WIN, 'Fonts', 'simhei.ttf'), family: 'SimHei' },
  { path: join(WIN, 'Fonts', 'simsun.ttc'), family: 'SimSun' },
  { path: join(WIN, 'Fonts', 'Deng.ttf'), family: 'DengXian' },
  // macOS
  { path: '/System/Library/Fonts/PingFang.ttc', family: 'PingFang SC' },
  { path: '/System/Library/Fonts/STHeiti Light.ttc', family: 'Heiti SC' },
  { path: '/Library/Fonts/Arial Unicode.ttf', family: 'Arial Unicode MS' }
]

let found: ChartFont | null | undefined

/** The CJK font charts are drawn with; NIANBAO_CHART_FONT=path[:family] overrides the search. */
export function findChartFont(): ChartFont | null {
  if (found !== undefined) return found
  const override = process.env.NIANBAO_CHART_FONT
  if (override) {
    const [path, family] = override.split(/:(?=[^\\/]+$)/)
    if (existsSync(path)) return (found = { path, family: family || 'Noto Sans CJK SC' })
  }
  found = CANDIDATES.find((c) => existsSync(c.path)) ?? null
  return found
}

export interface ChartImageSize {
  /** In CSS pixels (the chart's layout size). */
  width?: number
  height?: number
  /** Device-pixel ratio of the PNG: 2 gives print quality at 15 cm. */
  scale?: number
}

export function renderChartSvg(spec: ChartSpec, data: ChartData, size: ChartImageSize = {}, font: ChartFont | null = findChartFont()): string {
  const width = Math.round(size.width ?? 640)
  const height = Math.round(size.height ?? 360)
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    const family = font ? `'${font.family}', sans-serif` : 'sans-serif'
    chart.setOption(buildChartOption(spec, data, { print: true, fontFamily: family, width }))
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/** A PNG of the chart, as Word shows it. */
export function renderChartPng(spec: ChartSpec, data: ChartData, size: ChartImageSize = {}): Buffer {
  return renderChartPngs([{ spec, data, size }])[0]
}

export interface ChartJob {
  spec: ChartSpec
  data: ChartData
  size: ChartImageSize
}

function requireFont(): ChartFont {
  const font = findChartFont()
  if (!font) {
    throw new UserError(
      'EXPORT_FAILED',
      '找不到可用于绘制图表的中文字体。请安装中文字体（如 Windows 的“微软雅黑”“黑体”，或 Linux 的 fonts-noto-cjk 软件包）后重试。'
    )
  }
  return font
}

/**
 * Several charts at once: their SVGs first, then one font subset holding
 * every character they show (cutting a subset out of a CJK font is the
 * costly part, once per set of characters), then each rasterised with it.
 * `chars` may name more characters to put in the subset (a batch shared
 * between workers cuts one subset for all).
 */
export function renderChartPngs(jobs: ChartJob[], chars = ''): Buffer[] {
  if (!jobs.length) return []
  const font = requireFont()
  const svgs = jobs.map((j) => renderChartSvg(j.spec, j.data, j.size, font))
  const subset = fontSubset(font.path, font.family, chars + svgs.map(svgText).join(''))
  return svgs.map((svg, i) => rasterize(svg, jobs[i].size.scale, subset ?? font.path, font))
}

/**
 * Several charts at once in this process, for a process without the chart
 * pool (the CLI, the export worker): their SVGs and one font subset here,
 * then every picture rasterised at the same time on libuv's threads (resvg's
 * renderAsync), so all cores draw while this thread stays free.
 */
export async function renderChartPngsAsync(jobs: ChartJob[], chars = ''): Promise<Buffer[]> {
  if (!jobs.length) return []
  const font = requireFont()
  const svgs = jobs.map((j) => renderChartSvg(j.spec, j.data, j.size, font))
  const subset = fontSubset(font.path, font.family, chars + svgs.map(svgText).join(''))
  const images = await Promise.all(svgs.map((svg, i) => renderAsync(svg, resvgOptions(jobs[i].size.scale, subset ?? font.path, font))))
  return images.map((image) => image.asPng())
}

/** The SVG of a chart as a PNG: resvg with only the given font file (a subset holding the chart's characters). */
export function rasterize(svg: string, scale: number | undefined, fontFile: string, font: ChartFont = requireFont()): Buffer {
  return new Resvg(svg, resvgOptions(scale, fontFile, font)).render().asPng()
}

function resvgOptions(scale: number | undefined, fontFile: string, font: ChartFont): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: Math.max(1, Math.min(4, scale ?? 2)) },
    background: '#ffffff',
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: font.family, sansSerifFamily: font.family }
  }
}

/** The characters a chart can show, known before it is drawn: its words and numbers, the digits and signs of its axes. */
export function chartChars(spec: ChartSpec, data: ChartData): string {
  const words = [spec.title, spec.unit, spec.valueTitle, spec.categoryTitle, spec.secondaryTitle, data.error, ...data.categories, ...data.series.map((s) => s.name)]
  return `${words.filter(Boolean).join('')}单位：图表的数据还没有填写0123456789.,:%-+ `
}

/** The characters an SVG shows (its text elements, entities decoded). */
export function svgText(svg: string): string {
  let out = ''
  for (const m of svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)) out += m[1]
  return out
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

/** The PNG of a stored figure's chart (Word export). */
export function chartPng(data: { figureSpec(id: string): { chart?: ChartSpec } | null; chartData(spec: ChartSpec): ChartData }, figureId: string, size: ChartImageSize = {}): Buffer {
  const spec = data.figureSpec(figureId)
  if (!spec?.chart) throw new UserError('NOT_FOUND', '找不到这幅图表。')
  return renderChartPng(spec.chart, data.chartData(spec.chart), size)
}
