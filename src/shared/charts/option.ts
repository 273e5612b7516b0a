import type { EChartsOption, SeriesOption } from 'echarts'
import type { ChartData, ChartSpec } from '../model/chart'
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
}

/** Office-like colours, readable in print and in grey. */
export const CHART_COLORS = ['#4472C4', '#ED7D31', '#A5A5A5', '#FFC000', '#5B9BD5', '#70AD47', '#264478', '#9E480E']

export const DEFAULT_LOOK: ChartLook = {
  // Single quotes: the family list also ends up inside SVG attributes.
  fontFamily: "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', SimHei, sans-serif",
  fontSize: 13,
  print: false
}

function labelText(v: unknown, decimals: number | undefined): string {
  if (typeof v !== 'number') return ''
  return decimals === undefined ? formatNumber(v, { kind: 'general' }) : formatNumber(v, { kind: 'fixed', decimals })
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
  const fmt = (p: { value?: unknown; data?: unknown }) => labelText(Array.isArray(p.value) ? p.value[1] : (p.value ?? p.data), spec.decimals)

  if (data.error || data.series.length === 0 || data.categories.length === 0) {
    return {
      ...base,
      title: {
        text: data.error ?? '图表还没有数据',
        left: 'center',
        top: 'middle',
        textStyle: { ...text, color: '#888', fontWeight: 'normal' }
      }
    }
  }

  if (spec.type === 'pie') {
    const s = data.series[0]
    return {
      ...base,
      legend: { bottom: 0, textStyle: text, icon: 'rect', itemWidth: 12, itemHeight: 12 },
      ...(l.print ? {} : { tooltip: { trigger: 'item' } }),
      series: [
        {
          type: 'pie',
          radius: ['0%', '62%'],
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

  const isLine = spec.type === 'line'
  const legend = data.series.length > 1 || spec.type === 'groupedBar'
  const n = data.categories.length
  const barWidthPct = Math.min(28, Math.floor(60 / Math.max(1, data.series.length)))
  const series: SeriesOption[] = data.series.map((s) =>
    isLine
      ? {
          type: 'line',
          name: s.name,
          data: s.values,
          symbol: 'circle',
          symbolSize: 7,
          connectNulls: false,
          lineStyle: { width: 2.5 },
          label: { show: showLabels, position: 'top', fontFamily: l.fontFamily, fontSize: l.fontSize - 1, formatter: fmt },
          animation: !l.print
        }
      : {
          type: 'bar',
          name: s.name,
          data: s.values,
          barMaxWidth: 48,
          barWidth: `${barWidthPct}%`,
          barGap: '10%',
          label: { show: showLabels, position: 'top', fontFamily: l.fontFamily, fontSize: l.fontSize - 1, formatter: fmt },
          animation: !l.print
        }
  )
  return {
    ...base,
    ...(legend ? { legend: { bottom: 0, textStyle: text, icon: isLine ? undefined : 'rect', itemWidth: 14, itemHeight: isLine ? 4 : 12 } } : {}),
    ...(l.print ? {} : { tooltip: { trigger: 'axis' } }),
    grid: { left: 16, right: 24, top: top + (spec.unit ? 18 : 4), bottom: legend ? 36 : 12, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.categories,
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: '#888' } },
      axisLabel: { interval: 0, fontFamily: l.fontFamily, fontSize: l.fontSize - 1, color: '#333', width: Math.max(48, Math.floor(560 / Math.max(1, n))), overflow: 'break' }
    },
    yAxis: {
      type: 'value',
      name: spec.unit ? `单位：${spec.unit}` : undefined,
      nameTextStyle: { fontFamily: l.fontFamily, fontSize: l.fontSize - 1, color: '#555', align: 'left' },
      axisLabel: { fontFamily: l.fontFamily, fontSize: l.fontSize - 1, color: '#555', formatter: (v: number) => formatNumber(v, { kind: 'general' }) },
      splitLine: { lineStyle: { color: '#e3e3e3' } },
      scale: isLine
    },
    series
  }
}
