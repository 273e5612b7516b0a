import type { EChartsOption, SeriesOption } from 'echarts'
import type { ChartData, ChartSpec } from './model'
import { BAR_TYPES, ROUND_TYPES } from './model'
import { formatNumber } from '../model/format'

/**
 * The ECharts option of a report chart, built from its spec and its data.
 * The editor (renderer, canvas) and Word (main, server-side SVG → PNG) draw
 * from this one function, so the chart a bureau editor sees is the chart
 * that is printed.
 */
export interface ChartLook {
  /** CSS font-family list; main passes the CJK font it found on the machine. */
  fontFamily: string
  /** Base font size in px at the chart's own size. */
  fontSize: number
  /** Static rendering (no animation, no tooltips): Word. */
  print: boolean
  /** The chart's width in px: category labels are laid out for it. Word draws at 640. */
  width: number
}

/** Office-like colours, readable in print and in grey. */
export const CHART_COLORS = ['#4472C4', '#ED7D31', '#A5A5A5', '#FFC000', '#5B9BD5', '#70AD47', '#264478', '#9E480E']

export const DEFAULT_LOOK: ChartLook = {
  // Single quotes: the family list also ends up inside SVG attributes.
  fontFamily: "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', SimHei, sans-serif",
  fontSize: 13,
  print: false,
  width: 640
}

/** What a bar or line chart's width leaves for its categories: grid margins and the value axis (560 px of Word's 640). */
const AXIS_ROOM = 80

/** Width of a label in px, roughly: a Chinese character is as wide as the font is high, digits and Latin letters about half. */
function labelWidth(text: string, fontSize: number): number {
  let w = 0
  for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? fontSize : fontSize * 0.6
  return w
}

export interface CategoryLabelLayout {
  interval: number | 'auto'
  fontSize: number
  /** Wrapping (overflow 'break') or cutting ('truncate', rotated labels) width in px. */
  width: number
  overflow: 'break' | 'truncate'
  rotate: number
  /** Each category's slot is too narrow for the values written on the bars: hide those that would overlap. */
  crowded: boolean
}

/**
 * How the category axis labels fit the chart's width: each label wrapped in
 * its own slot while a line there holds enough characters (how Word's
 * 640 px charts have always looked), smaller and on up to three lines when
 * narrower, slanted when even that does not fit, upright and every few
 * categories only when the chart is very narrow (the editor with a side panel
 * open). Never overlapping.
 */
export function categoryLabelLayout(categories: string[], chartWidth: number, fontSize: number): CategoryLabelLayout {
  const n = Math.max(1, categories.length)
  const slot = Math.floor(Math.max(120, chartWidth - AXIS_ROOM) / n)
  if (slot >= 48) return { interval: 0, fontSize, width: slot, overflow: 'break', rotate: 0, crowded: false }
  const small = fontSize - 1
  const longest = Math.max(small, ...categories.map((c) => labelWidth(c, small)))
  const perLine = Math.floor((slot - 4) / small)
  if (perLine >= 2 && Math.ceil(longest / small / perLine) <= 3) return { interval: 0, fontSize: small, width: slot - 4, overflow: 'break', rotate: 0, crowded: true }
  // Rotated labels stand one line height apart (45°: √2 of it); long names are cut with "…" (the tooltip shows them whole).
  const line = small * 1.4
  const width = Math.ceil(Math.min(longest + 2, 10 * small))
  if (slot >= line * 1.5) return { interval: 0, fontSize: small, width, overflow: 'truncate', rotate: 45, crowded: true }
  return { interval: slot >= line ? 0 : 'auto', fontSize: small, width, overflow: 'truncate', rotate: 90, crowded: true }
}

/**
 * How the values written on a bar or line chart stay apart. Bars: level above
 * each bar while the widest value fits the distance between two bars, else
 * upright (turned 90°), one character high. Lines: where several lines pass
 * a category, the lowest value is written under its point and the others
 * above. What would still collide is left out (hideOverlap): whole-table
 * ranges (eight series of two categories) ran their figures together.
 */
export function valueLabelLayout(values: readonly (readonly (number | null)[])[], categories: number, chartWidth: number, fontSize: number, decimals: number | undefined, isLine: boolean, barWidthPct: number): { upright: boolean; below: boolean[][] } {
  const below = values.map((s) => s.map(() => false))
  if (isLine) {
    const all = values.flat().filter((v): v is number => typeof v === 'number')
    const floor = Math.min(...all)
    const span = Math.max(...all) - floor
    if (values.length > 1 && span > 0)
      for (let i = 0; i < categories; i++) {
        const here = values.map((s) => s[i]).filter((v): v is number => typeof v === 'number')
        if (here.length < 2) continue
        const low = Math.min(...here)
        // Under a point near the axis a value would sit on the category names: it stays above.
        if (low === Math.max(...here) || (low - floor) / span < 0.15) continue
        const lowest = values.findIndex((s) => s[i] === low)
        below[lowest][i] = true
      }
    return { upright: false, below }
  }
  const category = Math.max(120, chartWidth - AXIS_ROOM) / Math.max(1, categories)
  const spacing = values.length > 1 ? category * (barWidthPct / 100) * 1.1 : category
  const widest = Math.max(0, ...values.flatMap((s) => s.map((v) => labelWidth(valueText(v, { decimals }), fontSize))))
  return { upright: widest + 2 > spacing, below }
}

/** Lines the legend takes at the chart's foot (a whole table's columns as series wrap it onto several). */
function legendRows(names: string[], chartWidth: number, fontSize: number): number {
  let rows = 1
  let x = 0
  for (const n of names) {
    const w = 14 + 5 + labelWidth(n, fontSize) + 10
    if (x > 0 && x + w > chartWidth - 20) {
      rows++
      x = 0
    }
    x += w
  }
  return rows
}

/** How the chart's numbers read: its percent sign and decimals (labels), or whole ticks (the value axis). */
function valueText(v: unknown, spec: Pick<ChartSpec, 'decimals' | 'percent'>): string {
  if (typeof v !== 'number') return ''
  const text = spec.decimals === undefined ? formatNumber(v, { kind: 'general' }) : formatNumber(v, { kind: 'fixed', decimals: spec.decimals })
  return spec.percent ? `${text}%` : text
}

function axisText(v: number, spec: Pick<ChartSpec, 'percent'>): string {
  const text = formatNumber(v, { kind: 'general' })
  return spec.percent ? `${text}%` : text
}

/** Light colours take dark text inside them, dark ones white (stacked columns carry their values inside). */
function insideTextColor(hex: string): string {
  const n = parseInt(hex.slice(1), 16)
  const lum = (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255
  return lum > 0.6 ? '#222' : '#fff'
}

export function buildChartOption(spec: ChartSpec, data: ChartData, look: Partial<ChartLook> = {}): EChartsOption {
  const l = { ...DEFAULT_LOOK, ...look }
  const text = { fontFamily: l.fontFamily, fontSize: l.fontSize, color: '#222' }
  const base: EChartsOption = {
    animation: !l.print,
    color: CHART_COLORS,
    backgroundColor: '#ffffff',
    textStyle: text,
    ...(spec.title ? { title: { text: spec.title, left: 'center', top: 4, textStyle: { ...text, fontSize: l.fontSize + 2, fontWeight: 'bold' } } } : {})
  }
  const top = spec.title ? 40 : 24
  const showLabels = spec.showLabels ?? true
  const fmt = (p: { value?: unknown; data?: unknown }) => valueText(Array.isArray(p.value) ? p.value[p.value.length - 1] : (p.value ?? p.data), spec)

  const empty = data.series.length === 0 || data.categories.length === 0
  // After a rollover this year's column waits for its figures: the chart says so rather than drawing zeros.
  const waiting = !empty && data.series.every((s) => s.values.every((v) => v === null))
  if (data.error || empty || waiting) {
    return {
      ...base,
      title: {
        text: data.error ?? (waiting ? '图表的数据还没有填写' : '图表还没有数据'),
        left: 'center',
        top: 'middle',
        textStyle: { ...text, color: '#888', fontWeight: 'normal' }
      }
    }
  }

  if (ROUND_TYPES.has(spec.type)) {
    const s = data.series[0]
    const doughnut = spec.type === 'doughnut'
    return {
      ...base,
      legend: { bottom: 0, textStyle: text, icon: 'rect', itemWidth: 12, itemHeight: 12 },
      ...(l.print ? {} : { tooltip: { trigger: 'item' } }),
      series: [
        {
          type: 'pie',
          radius: doughnut ? ['36%', '62%'] : ['0%', '62%'],
          center: ['50%', spec.title ? '52%' : '46%'],
          data: data.categories.map((name, i) => ({ name, value: s.values[i] ?? 0 })),
          label: {
            show: showLabels,
            fontFamily: l.fontFamily,
            fontSize: l.fontSize,
            formatter: (p: { name?: string; percent?: number }) => `${p.name ?? ''}\n${formatNumber(p.percent ?? 0, { kind: 'fixed', decimals: spec.decimals ?? 2 })}%`
          },
          labelLine: { show: showLabels },
          animation: !l.print
        }
      ]
    }
  }

  const combo = spec.type === 'combo'
  const isLine = (i: number) => spec.type === 'line' || (combo && (spec.lineSeries ?? []).includes(i))
  const onSecondary = (i: number) => combo && (spec.secondarySeries ?? []).includes(i) && data.series.length > 1
  const secondary = data.series.some((_, i) => onSecondary(i))
  const horizontal = !!spec.horizontal && BAR_TYPES.has(spec.type)
  const stacked = spec.type === 'stackedBar'
  const allLines = data.series.every((_, i) => isLine(i))
  const legend = data.series.length > 1 || spec.type === 'groupedBar' || stacked || combo
  const { crowded, ...axisLabel } = horizontal
    ? { ...sideLabelLayout(l.width, l.fontSize - 1), crowded: false }
    : categoryLabelLayout(data.categories, l.width, l.fontSize - 1)
  const bars = data.series.filter((_, i) => !isLine(i)).length
  const barWidthPct = stacked ? 40 : Math.min(28, Math.floor(60 / Math.max(1, bars)))
  // Values above plain columns turn upright when they do not fit level; where lines alone cross, the lowest value goes under its point.
  const plainColumns = !stacked && !combo && !horizontal && !allLines
  const placed = valueLabelLayout(
    data.series.map((s) => s.values),
    data.categories.length,
    l.width,
    l.fontSize - 1,
    spec.decimals,
    allLines,
    barWidthPct
  )
  const upright = plainColumns && placed.upright
  // Always set (also when false), so that the editor can merge a new width's layout into the chart.
  const labelLayout = { labelLayout: { hideOverlap: crowded || stacked || upright || allLines } }
  const uprightLabel = upright ? { rotate: 90, align: 'left' as const, verticalAlign: 'middle' as const, distance: 4 } : { rotate: 0, align: 'center' as const, verticalAlign: 'bottom' as const, distance: 5 }
  const markers = spec.markers ?? true
  const series: SeriesOption[] = data.series.map((s, i) => {
    const axis = onSecondary(i) ? { yAxisIndex: 1 } : {}
    if (isLine(i)) {
      return {
        type: 'line',
        name: s.name,
        data: allLines ? s.values.map((v, k) => (placed.below[i][k] ? { value: v, label: { position: 'bottom' as const } } : v)) : s.values,
        // Without markers the points stay (at no size): the values written on the line hang on them.
        symbol: 'circle',
        symbolSize: markers ? 7 : 0,
        connectNulls: false,
        lineStyle: { width: 2.5 },
        label: { show: showLabels, position: 'top', fontFamily: l.fontFamily, fontSize: l.fontSize - 1, formatter: fmt },
        ...labelLayout,
        ...axis,
        animation: !l.print
      }
    }
    const colour = CHART_COLORS[i % CHART_COLORS.length]
    return {
      type: 'bar',
      name: s.name,
      data: s.values,
      barMaxWidth: horizontal ? 28 : 48,
      barWidth: `${barWidthPct}%`,
      barGap: stacked ? '0%' : '10%',
      ...(stacked ? { stack: 'total' } : {}),
      // Stacked columns carry their values inside; so do a combo's, whose lines carry theirs above.
      label: stacked || combo
        ? { show: showLabels, position: stacked ? 'inside' : 'insideTop', fontFamily: l.fontFamily, fontSize: l.fontSize - 2, color: insideTextColor(colour), formatter: fmt }
        : { show: showLabels, position: horizontal ? 'right' : 'top', fontFamily: l.fontFamily, fontSize: l.fontSize - 1, formatter: fmt, ...(horizontal ? {} : uprightLabel) },
      ...labelLayout,
      ...axis,
      animation: !l.print
    }
  })
  const valueName = spec.valueTitle || (spec.unit ? `单位：${spec.unit}` : undefined)
  const axisFont = { fontFamily: l.fontFamily, fontSize: l.fontSize - 1, color: '#555' }
  const valueAxis = (name: string | undefined, splitLine: boolean) => ({
    type: 'value' as const,
    name,
    // Across the bottom of a bar chart (条形图) the axis title sits centred under the numbers; up a column chart, at its top.
    ...(horizontal ? { nameLocation: 'middle' as const, nameGap: 26 } : {}),
    nameTextStyle: { ...axisFont, align: horizontal ? ('center' as const) : ('left' as const) },
    axisLabel: { ...axisFont, formatter: (v: number) => axisText(v, spec) },
    splitLine: { show: splitLine, lineStyle: { color: '#e3e3e3' } },
    // Upright values stand above the tallest column: room for them at the top.
    boundaryGap: (upright ? [0, '15%'] : [0, 0]) as [number, string | number],
    scale: allLines && !combo
  })
  const categoryAxis = {
    type: 'category' as const,
    data: data.categories,
    axisTick: { alignWithLabel: true },
    axisLine: { lineStyle: { color: '#888' } },
    axisLabel: { ...axisLabel, fontFamily: l.fontFamily, color: '#333' },
    ...(spec.categoryTitle
      ? horizontal
        ? { name: spec.categoryTitle, nameLocation: 'end' as const, nameTextStyle: { ...axisFont, align: 'right' as const } }
        : { name: spec.categoryTitle, nameLocation: 'middle' as const, nameGap: 28, nameTextStyle: axisFont }
      : {}),
    // Word draws a bar chart's first category at the bottom; so does ECharts' y axis.
    inverse: false
  }
  const right = { ...valueAxis(spec.secondaryTitle || undefined, false), nameTextStyle: { ...axisFont, align: 'right' as const } }
  const values = secondary ? [valueAxis(valueName, true), right] : valueAxis(valueName, true)
  const named = !!(valueName || (secondary && spec.secondaryTitle))
  return {
    ...base,
    ...(legend ? { legend: { bottom: 0, textStyle: text, itemWidth: 14, ...(allLines ? { itemHeight: 4 } : { icon: 'rect', itemHeight: 12 }) } } : {}),
    ...(l.print ? {} : { tooltip: { trigger: 'axis' } }),
    grid: {
      left: 16,
      right: horizontal ? 36 : 24,
      top: top + ((horizontal ? spec.categoryTitle : named) ? 18 : 4),
      bottom: (legend ? 12 + 24 * legendRows(data.series.map((s) => s.name), l.width, l.fontSize) : 12) + ((horizontal ? named : spec.categoryTitle) ? 20 : 0),
      containLabel: true
    },
    xAxis: horizontal ? values : categoryAxis,
    yAxis: horizontal ? categoryAxis : values,
    series
  }
}

/** Category labels at the side of a bar chart (条形图): wrapped within about a quarter of the chart's width. */
function sideLabelLayout(chartWidth: number, fontSize: number): Omit<CategoryLabelLayout, 'crowded'> {
  return { interval: 0, fontSize, width: Math.max(60, Math.round(chartWidth * 0.24)), overflow: 'break', rotate: 0 }
}
