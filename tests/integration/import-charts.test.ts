import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { reportData } from '../../src/main/data'
import { importToFile } from '../../src/main/import/service'
import { rolloverReport } from '../../src/main/rollover/rollover'
import { ReportSession } from '../../src/main/services/reportSession'
import { buildReportState } from '../../src/main/services/reportState'
import type { ChartData } from '../../src/shared/charts/model'
import type { ImportReport } from '../../src/shared/contract/import'
import type { ResolvedFigure } from '../../src/shared/model/figure'
import { nianbao } from '../helpers/cli'
import { makeReport, tempDir } from '../helpers/reports'
import { QINGYUAN_CHARTS, qingyuanWithCharts, type WordChartDef } from '../helpers/wordCharts'

/**
 * The Qingyuan 2021 report with its twelve figures as real Word charts
 * (tests/helpers/wordCharts.ts) comes in as twelve live charts: each with
 * its type, categories, series names and exact values, its data in a
 * numbered table that prints the same figures or in its own data sheet,
 * where the years are relative to the data year, so that a rollover moves
 * them on and leaves the new year to fill.
 */

/** What a Word chart shows, as the report keeps it: percent values as 97.87, years as text. */
function expected(def: WordChartDef): ChartData {
  return {
    categories: def.categories.map(String),
    series: def.series.map((s) => ({ name: s.name, values: s.values.map((v) => (v === null ? null : s.format?.includes('%') ? Number((v * 100).toPrecision(12)) : v)) }))
  }
}

/** The report's own type for each of the twelve (as tests/helpers/wordCharts.ts draws them in Word). */
const TYPES: { type: string; horizontal?: boolean; markers?: boolean; percent?: boolean }[] = [
  { type: 'groupedBar' },
  { type: 'bar', percent: true },
  { type: 'line', markers: true },
  { type: 'line', markers: false },
  { type: 'stackedBar', horizontal: true },
  { type: 'pie' },
  { type: 'doughnut' },
  { type: 'groupedBar', horizontal: true },
  { type: 'combo', markers: true },
  { type: 'bar', percent: true },
  { type: 'groupedBar' },
  { type: 'bar', horizontal: true }
]

let dir: string
let docx: string
let path: string
let report: ImportReport
let figures: ResolvedFigure[]

/** Open a report file for the time of `fn` (a report file is held by one session at a time). */
function withReport<T>(file: string, fn: (open: ReturnType<ReportSession['open']>) => T): T {
  const s = new ReportSession({ now: () => new Date() })
  try {
    return fn(s.open(file))
  } finally {
    s.close()
  }
}

beforeAll(async () => {
  dir = tempDir('nianbao-import-charts-')
  docx = join(dir, '清远市2021年度质量报告（图表）.docx')
  writeFileSync(docx, qingyuanWithCharts())
  path = join(dir, '清远市2021.nianbao')
  ;({ report } = await importToFile({ bytes: qingyuanWithCharts(), fileName: 'report.docx' }, path))
  figures = withReport(path, (open) => reportData(open).resolveFigures(buildReportState(open).numbering))
})

describe('Word charts become live charts', () => {
  it('counts twelve live charts apart from the pictures, and says what was drawn in its nearest form', () => {
    expect(report.counts.figures).toBe(12)
    expect(report.counts.charts).toBe(12)
    expect(figures.map((f) => f.kind)).toEqual(new Array(12).fill('chart'))
    expect(report.warnings.some((w) => w.code === 'IMAGE_MISSING')).toBe(false)
    const converted = report.warnings.filter((w) => w.code === 'CHART_CONVERTED')
    expect(converted.map((w) => w.message)).toEqual(['图 6-1“清远市中等职业学校生均经费”：三维图按平面的簇状柱形图（对比）导入。'])
  })

  it('every chart has its caption, type, categories, series names and exact values (caches completed from the embedded workbook)', () => {
    QINGYUAN_CHARTS.forEach((c, i) => {
      const f = figures[i]
      expect(f.caption).toBe(c.caption)
      expect(f.data?.error).toBeUndefined()
      // (A chart reading a table shows that table's labels: “体质测评 合格率” as 表 2-1 prints it.)
      const squash = (d: ChartData) => ({ categories: d.categories, series: d.series.map((x) => ({ ...x, name: x.name.replace(/\s+/g, '') })) })
      expect(squash(f.data!), c.caption).toEqual(squash(expected(c.def)))
      const t = TYPES[i]
      expect(f.chart!.type, c.caption).toBe(t.type)
      expect(!!f.chart!.horizontal, c.caption).toBe(!!t.horizontal)
      if (t.markers !== undefined) expect(f.chart!.markers, c.caption).toBe(t.markers)
      expect(!!f.chart!.percent, c.caption).toBe(!!t.percent)
    })
  })

  it('keeps axis titles, the second axis of the bar-and-line chart, and the decimals of the number format', () => {
    const [students, fitness, , , pay, , , , further] = figures
    expect(students.chart!.valueTitle).toBe('人数（人）')
    expect(fitness.chart!.decimals).toBe(2)
    expect(pay.chart!.decimals).toBe(2)
    expect(further.chart!.lineSeries).toEqual([1])
    expect(further.chart!.secondarySeries).toEqual([1])
    expect(further.chart!.secondaryTitle).toBe('占就业比例（%）')
    expect(further.chart!.valueTitle).toBe('人数（人）')
  })

  it('reads a numbered table that prints the same figures (图 2-1 → 表 2-1), and otherwise its own data sheet with years relative to the data year', () => {
    const numbering = withReport(path, (open) => buildReportState(open).numbering)
    const fitness = figures[1]
    const t21 = numbering.tables.find((t) => t.number === '2-1')!
    expect(fitness.chart!.source).toEqual({ kind: 'table', tableId: t21.id, range: 'A1:A3,E1:E3', seriesIn: 'columns' })
    const students = figures[0].chart!.source
    expect(students.kind).toBe('sheet')
    const sheet = withReport(path, (open) => reportData(open).tableView(students.kind === 'sheet' ? students.tableId : '').spec)
    expect(sheet.rows.map((r) => r.map((c) => c.input))).toEqual([
      ['', '=上年&"年"', '=本年&"年"'],
      ['招生数', '=指标("招生数",上年)', '=指标("招生数",本年)'],
      ['在校生数', '=指标("在校生数",上年)', '=指标("在校生数",本年)']
    ])
    // The sheets are shown by no chapter: the report's numbered tables are the thirteen it printed.
    expect(numbering.tables.filter((t) => t.number).length).toBe(13)
  })

  it('a chart’s data sheet is a table of the engine: a figure typed into it changes the chart at once', () => {
    const copy = makeReport(join(tempDir('nianbao-chart-sheet-'), 'sheet.nianbao'))
    const s = new ReportSession({ now: () => new Date() })
    try {
      const data = reportData(s.open(copy))
      const { id: sheet } = data.createChartSheet()
      data.putFigure({ id: 'fig_a', caption: '学生规模', note: '', kind: 'chart', chart: { type: 'groupedBar', source: { kind: 'sheet', tableId: sheet, seriesIn: 'columns' } } })
      // A new sheet: two years relative to the data year over three categories, waiting for figures.
      expect(data.figureView('fig_a').data).toEqual({ categories: ['类别一', '类别二', '类别三'], series: [{ name: '2020年', values: [null, null, null] }, { name: '2021年', values: [null, null, null] }] })
      const delta = data.setCells(sheet, [
        { row: 1, col: 0, input: '招生数' },
        { row: 1, col: 1, input: '11731' },
        { row: 1, col: 2, input: '=B2+2199' }
      ])
      const shown = delta.figures.find((f) => f.id === 'fig_a')!.data!
      expect(shown.categories[0]).toBe('招生数')
      expect(shown.series.map((x) => x.values[0])).toEqual([11731, 13930])
    } finally {
      s.close()
    }
  })
})

describe('rolled over into 2022', () => {
  it('the year categories and series move on, last year’s figures stay under their years and the new year waits for its own', async () => {
    const next = join(dir, '清远市2022.nianbao')
    await rolloverReport({ path }, next, { year: 2022 })
    {
      const rolled = withReport(next, (open) => reportData(open).resolveFigures(buildReportState(open).numbering))
      const [students, fitness, rates, graduates, , industries] = rolled.map((f) => f.data!)
      expect(students.series.map((x) => x.name)).toEqual(['2021年', '2022年'])
      expect(students.series.map((x) => x.values)).toEqual([
        [13930, 30150],
        [null, null]
      ])
      expect(fitness.categories.map((c) => c.replace(/\s+/g, ''))).toEqual(['2021学年', '2022学年'])
      expect(fitness.series[0].values).toEqual([97.87, null])
      expect(rates.categories).toEqual(['2020年', '2021年', '2022年'])
      expect(rates.series.map((x) => x.values)).toEqual([
        [99.01, 97.96, null],
        [89.79, 87.63, null]
      ])
      expect(graduates.categories).toEqual(['2020', '2021', '2022'])
      expect(industries.series.map((x) => x.name)).toEqual(['2022年'])
      expect(industries.series[0].values).toEqual([null, null, null])
    }
  })
})

describe('the command line', () => {
  beforeAll(() => {
    // The CLI runs the built app (node scripts/build-if-stale.mjs before the tests).
    expect(existsSync(join(__dirname, '..', '..', 'bin', 'nianbao.js'))).toBe(true)
  })

  it('nianbao import --json counts the live charts; tables --json shows their data sheets; data --json every chart’s numbers', () => {
    const out = join(dir, 'cli.nianbao')
    const imp = nianbao(['import', docx, '--out', out, '--json'])
    expect(imp.stderr).toBe('')
    expect(imp.code).toBe(0)
    expect(JSON.parse(imp.stdout).counts).toMatchObject({ figures: 12, charts: 12 })

    const tables = JSON.parse(nianbao(['tables', out, '--json']).stdout) as { number: string | null; figure?: string | null; rows: string[][] }[]
    const sheets = tables.filter((t) => 'figure' in t)
    expect(sheets.map((t) => t.figure)).toEqual(['1-1', '2-2', '2-3', '2-4', '2-5', '2-6', '2-7', '2-8', '5-1', '6-1', '6-2'])
    expect(sheets[0].rows).toEqual([
      ['', '2020年', '2021年'],
      ['招生数', '11731', '13930'],
      ['在校生数', '28771', '30150']
    ])

    const data = JSON.parse(nianbao(['data', out, '--json']).stdout) as { charts: { number: string; source: string; table?: string; categories: string[]; series: { name: string; values: (number | null)[] }[] }[] }
    expect(data.charts).toHaveLength(12)
    expect(data.charts[1]).toMatchObject({ number: '2-1', source: 'table', table: '2-1', categories: ['2020 学年', '2021 学年'], series: [{ name: '体质测评合格率', values: [93.58, 97.87] }] })
    expect(data.charts[11]).toMatchObject({ number: '6-2', source: 'sheet', categories: QINGYUAN_CHARTS[11].def.categories, series: [{ name: '金额（万元）', values: [22, 90, 80, 29.87, 49.5, 44.45, 20.1, 10] }] })
  })
})
