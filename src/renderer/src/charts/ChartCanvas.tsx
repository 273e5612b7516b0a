import { useEffect, useRef, useState } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { ChartData, ChartSpec } from '@shared/charts/model'
import { buildChartOption } from '@shared/charts/option'
import './figure.css'

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer])

/**
 * A report chart drawn by ECharts in the editor, from the same option
 * builder that renders it for Word. It redraws when its data changes, and
 * lays its category labels out again when its width changes (a side panel
 * opened, the chart dialog's narrow preview), so they never overlap.
 */
export function ChartCanvas({ spec, data, height = 300 }: { spec: ChartSpec; data: ChartData; height?: number }) {
  const host = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const [width, setWidth] = useState(0)
  const drawn = useRef<{ spec: ChartSpec; data: ChartData } | null>(null)

  useEffect(() => {
    const el = host.current
    if (!el) return
    const c = echarts.init(el, undefined, { renderer: 'canvas' })
    chart.current = c
    setWidth(el.clientWidth)
    const ro = new ResizeObserver(() => {
      c.resize()
      setWidth(el.clientWidth)
    })
    ro.observe(el)
    return () => {
      ro.disconnect()
      c.dispose()
      chart.current = null
      drawn.current = null
    }
  }, [])

  useEffect(() => {
    const c = chart.current
    if (!c) return
    // New numbers or spec replace the option; a new width only merges the new label layout in.
    const fresh = drawn.current?.spec !== spec || drawn.current?.data !== data
    drawn.current = { spec, data }
    c.setOption(buildChartOption(spec, data, width > 0 ? { width } : {}), { notMerge: fresh, lazyUpdate: true })
  }, [spec, data, width])

  return <div ref={host} className="chart-canvas" style={{ height }} data-testid="chart-canvas" data-series={JSON.stringify(data.series.map((s) => s.values))} />
}
