import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { ChartData, ChartSpec } from '@shared/model/chart'
import { buildChartOption } from '@shared/charts/option'

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer])

/**
 * A report chart drawn by ECharts in the editor, from the same option
 * builder that renders it for Word. It redraws when its data changes.
 */
export function ChartCanvas({ spec, data, height = 300 }: { spec: ChartSpec; data: ChartData; height?: number }) {
  const host = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    const el = host.current
    if (!el) return
    const c = echarts.init(el, undefined, { renderer: 'canvas' })
    chart.current = c
    const ro = new ResizeObserver(() => c.resize())
    ro.observe(el)
    return () => {
      ro.disconnect()
      c.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(buildChartOption(spec, data), { notMerge: true, lazyUpdate: true })
  }, [spec, data])

  return <div ref={host} className="chart-canvas" style={{ height }} data-testid="chart-canvas" data-series={JSON.stringify(data.series.map((s) => s.values))} />
}
