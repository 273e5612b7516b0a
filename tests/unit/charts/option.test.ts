import { buildChartOption } from '../../../src/shared/charts/option'
import type { ChartData, ChartSpec } from '../../../src/shared/charts/model'

/**
 * The one option builder draws every kind a Word chart comes in as: bars
 * run sideways, stacked columns, lines without markers, doughnuts, columns
 * with a line on a second axis, percent values and axis titles.
 */
type Opt = {
  xAxis: { type: string; data?: string[]; name?: string } | { type: string; name?: string }[]
  yAxis: { type: string; data?: string[]; name?: string } | { type: string; name?: string }[]
  series: { type: string; stack?: string; yAxisIndex?: number; symbolSize?: number; radius?: string[]; label: { formatter: (p: { value: number }) => string; position?: string } }[]
  title?: { text: string }
}
const src = { kind: 'sheet' as const, tableId: 't', seriesIn: 'columns' as const }
const data: ChartData = {
  categories: ['2019年', '2020年', '2021年'],
  series: [
    { name: '升学人数', values: [1320, 1584, 2561] },
    { name: '占就业比例', values: [15.86, 18.24, 31.43] }
  ]
}
const option = (spec: Omit<ChartSpec, 'source'>, d: ChartData = data) => buildChartOption({ ...spec, source: src }, d, { print: true }) as unknown as Opt

describe('chart kinds in the option builder', () => {
  it('a bar chart (条形图) puts the categories on the vertical axis and writes the values beside the bars', () => {
    const o = option({ type: 'groupedBar', horizontal: true, valueTitle: '人数（人）' })
    expect(o.yAxis).toMatchObject({ type: 'category', data: data.categories })
    expect(o.xAxis).toMatchObject({ type: 'value', name: '人数（人）' })
    expect(o.series[0].label.position).toBe('right')
  })

  it('stacked columns share one stack and carry their values inside', () => {
    const o = option({ type: 'stackedBar' })
    expect(o.series.map((s) => s.stack)).toEqual(['total', 'total'])
    expect(o.series[0].label.position).toBe('inside')
  })

  it('a line without markers keeps its points (at no size) for the values written on it', () => {
    expect(option({ type: 'line', markers: false }).series.map((s) => s.symbolSize)).toEqual([0, 0])
    expect(option({ type: 'line' }).series.map((s) => s.symbolSize)).toEqual([7, 7])
  })

  it('a doughnut is a pie with a hole', () => {
    const d = { categories: ['第一产业', '第二产业'], series: [{ name: '2021年', values: [52, 706] }] }
    expect(option({ type: 'doughnut' }, d).series[0].radius).toEqual(['36%', '62%'])
    expect(option({ type: 'pie' }, d).series[0].radius).toEqual(['0%', '62%'])
  })

  it('columns with a line on the second axis: two value axes, the line measured on the right one', () => {
    const o = option({ type: 'combo', lineSeries: [1], secondarySeries: [1], valueTitle: '人数（人）', secondaryTitle: '占就业比例（%）' })
    expect(o.series.map((s) => [s.type, s.yAxisIndex ?? 0])).toEqual([
      ['bar', 0],
      ['line', 1]
    ])
    expect((o.yAxis as { name?: string }[]).map((a) => a.name)).toEqual(['人数（人）', '占就业比例（%）'])
  })

  it('percent charts write their values with a percent sign and the chosen decimals', () => {
    const o = option({ type: 'bar', percent: true, decimals: 2 })
    expect(o.series[0].label.formatter({ value: 93.58 })).toBe('93.58%')
    expect(option({ type: 'bar' }).series[0].label.formatter({ value: 93.58 })).toBe('93.58')
  })

  it('a chart whose figures all wait for input (this year after a rollover) says so instead of drawing zeros', () => {
    const o = option({ type: 'pie' }, { categories: ['第一产业'], series: [{ name: '2022年', values: [null] }] })
    expect(o.title?.text).toBe('图表的数据还没有填写')
  })
})
