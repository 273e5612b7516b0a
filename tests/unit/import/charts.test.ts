import { analyseDocx } from '../../../src/main/import/pipeline'
import { DEFAULT_LIMITS } from '../../../src/main/import/limits'
import { readFormat, refCells } from '../../../src/main/import/recognise/charts'
import type { ChartSpec } from '../../../src/shared/charts/model'
import { chartsDocx, type TestChart, type WordChartDef } from '../../helpers/wordCharts'

/**
 * Word chart kinds as report charts: each kind the report draws comes in as
 * itself; the others in their nearest form, with the change said.
 */
function importCharts(charts: TestChart[]) {
  const r = analyseDocx({ bytes: chartsDocx(charts), fileName: 't.docx', limits: DEFAULT_LIMITS, now: new Date('2022-01-01') })
  const tables = new Map(r.tables.map((t) => [t.spec.id, t.spec]))
  return {
    charts: r.figures.map((f) => f.chart as ChartSpec),
    sheet: (i: number) => {
      const src = r.figures[i].chart!.source
      return src.kind === 'sheet' ? tables.get(src.tableId)! : null
    },
    notes: r.report.warnings.filter((w) => w.code === 'CHART_CONVERTED').map((w) => w.message),
    counts: r.report.counts
  }
}

const two = { categories: ['本地就业', '异地就业'], series: [{ name: '2020年', values: [4100, 1500] }, { name: '2021年', values: [4603, 983] }] }

describe('Word chart kinds', () => {
  it('stacked and percent-stacked columns, area and a many-series doughnut come in their nearest forms, each change said', () => {
    const defs: WordChartDef[] = [
      { kind: { plot: 'bar', dir: 'col', grouping: 'stacked' }, ...two },
      { kind: { plot: 'bar', dir: 'col', grouping: 'percentStacked' }, ...two },
      { kind: { plot: 'area' }, ...two },
      { kind: { plot: 'doughnut' }, ...two },
      { kind: { plot: 'line', markers: true }, ...two }
    ]
    const { charts, notes } = importCharts(defs.map((def, i) => ({ caption: `图表${i + 1}`, def })))
    expect(charts.map((c) => [c.type, !!c.horizontal, c.markers])).toEqual([
      ['stackedBar', false, undefined],
      ['stackedBar', false, undefined],
      ['line', false, false],
      ['doughnut', false, undefined],
      ['line', false, true]
    ])
    expect(notes).toEqual([
      '图 1-2“图表2”：百分比堆积图按堆积图导入（显示数值而不是百分比）。',
      '图 1-3“图表3”：面积图按折线图导入。',
      '图 1-4“图表4”：圆环图只显示一个系列，导入了第一个系列“2020年”。'
    ])
  })

  it('a chart without a caption above or below it is still a chart (a figure with the text under it as its caption)', () => {
    const r = analyseDocx({ bytes: chartsDocx([{ caption: '', def: { kind: { plot: 'pie' }, ...two } }]), fileName: 't.docx', limits: DEFAULT_LIMITS, now: new Date('2022-01-01') })
    expect(r.report.counts.charts).toBe(1)
    expect(r.figures.map((f) => [f.kind, f.caption, f.chart?.type])).toEqual([['chart', '全市毕业生就业流向', 'pie']])
  })

  it('years as series names become years relative to the data year; their figures indicator values', () => {
    const { sheet } = importCharts([{ caption: '就业流向', def: { kind: { plot: 'bar', dir: 'bar', grouping: 'clustered' }, ...two } }])
    expect(sheet(0)!.rows.map((r) => r.map((c) => c.input))).toEqual([
      ['', '=上年&"年"', '=本年&"年"'],
      ['本地就业', '=指标("本地就业",上年)', '=指标("本地就业",本年)'],
      ['异地就业', '=指标("异地就业",上年)', '=指标("异地就业",本年)']
    ])
  })

  it('reads Excel number formats and workbook references as Word writes them', () => {
    expect(readFormat('0.00%')).toEqual({ percent: true, decimals: 2 })
    expect(readFormat('#,##0')).toEqual({ percent: false, decimals: 0 })
    expect(readFormat('0.0_);[Red]\\(0.0\\)')).toEqual({ percent: false, decimals: 1 })
    expect(readFormat('General')).toEqual({ percent: false })
    expect(refCells("'数据 表'!$B$2:$B$4")).toEqual({ sheet: '数据 表', cells: [{ row: 1, col: 1 }, { row: 2, col: 1 }, { row: 3, col: 1 }] })
    expect(refCells('(Sheet1!$A$2,Sheet1!$A$4)')).toEqual({ sheet: 'Sheet1', cells: [{ row: 1, col: 0 }, { row: 3, col: 0 }] })
    expect(refCells('Sheet1!$A$1:$Z$99999')).toBeNull()
  })
})
