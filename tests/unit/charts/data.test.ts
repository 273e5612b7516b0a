import { gridChartData, parseAreas, sheetChartData, tableCellLabel, type GridReader } from '../../../src/shared/charts/data'
import { chartRangeOf } from '../../../src/renderer/src/data/table/grid'

/** A chart's numbers read from a grid: a range (several areas as Excel writes them), or a chart's own sheet read whole. */
function grid(rows: (string | number | null)[][]): GridReader {
  return {
    rows: rows.length,
    cols: Math.max(...rows.map((r) => r.length)),
    label: (r, c) => String(rows[r]?.[c] ?? '').trim(),
    value: (r, c) => (typeof rows[r]?.[c] === 'number' ? (rows[r][c] as number) : null)
  }
}

const t21 = grid([
  ['项目 学年', '文化课合格率', '专业技能课合格率', '资格证书考取率', '体质测评合格率'],
  ['2020 学年', 95.56, 93.68, 60.16, 93.58],
  ['2021 学年', 96.25, 95.13, 61.22, 97.87]
])

describe('chart data from a grid', () => {
  it('several areas of the same rows read as one: the labels, then one column further right', () => {
    expect(gridChartData(t21, parseAreas('A1:A3,E1:E3')!, 'columns')).toEqual({ categories: ['2020 学年', '2021 学年'], series: [{ name: '体质测评合格率', values: [93.58, 97.87] }] })
  })

  it('areas of different heights are refused with a Chinese sentence', () => {
    expect(gridChartData(t21, parseAreas('A1:A3,E1:E2')!, 'columns', 'A1:A3,E1:E2').error).toBe('区域“A1:A3,E1:E2”的几部分行数不一致，无法组成一幅图。')
  })

  it('a chart’s own sheet is read whole, without the rows and columns left empty at its end', () => {
    const sheet = grid([
      ['', '2020年', '2021年', ''],
      ['招生数', 11731, 13930, ''],
      ['', '', '', '']
    ])
    expect(sheetChartData(sheet, 'columns')).toEqual({ categories: ['招生数'], series: [{ name: '2020年', values: [11731] }, { name: '2021年', values: [13930] }] })
  })

  it('a table with two header rows and merged names: series named from the last header row with the group above it', () => {
    // 表 1-3's shape: 年份 and 专任教师总数 written once over both header rows, each group over 人数 and 占比.
    const text = [
      ['年份', '专任教师总数(人)', '硕士以上学历(人)', '', '高级职称(人)', ''],
      ['', '', '人数', '占比/%', '人数', '占比/%'],
      ['2020 年', '1622', '50', '3.08', '215', '13.26'],
      ['2021 年', '1649', '55', '3.34', '201', '12.19']
    ]
    const merges = [
      { row: 0, col: 0, rowSpan: 2, colSpan: 1 },
      { row: 0, col: 1, rowSpan: 2, colSpan: 1 },
      { row: 0, col: 2, rowSpan: 1, colSpan: 2 },
      { row: 0, col: 4, rowSpan: 1, colSpan: 2 }
    ]
    const rows = text.map((r) => r.map((t) => (/^[\d.]+$/.test(t) ? Number(t) : t)))
    const table: GridReader = { ...grid(rows), label: (r, c) => tableCellLabel((row, col) => text[row][col], merges, 2, r, c) }
    expect([0, 1, 2, 3, 4, 5].map((c) => table.label(1, c))).toEqual(['年份', '专任教师总数(人)', '硕士以上学历(人) 人数', '硕士以上学历(人) 占比/%', '高级职称(人) 人数', '高级职称(人) 占比/%'])
    // The top row reads its own names; the body is untouched.
    expect(table.label(0, 3)).toBe('硕士以上学历(人)')
    expect(table.label(2, 0)).toBe('2020 年')
    // 生成图表 on the whole table starts from the last header row.
    const range = chartRangeOf(null, { headerRows: 2, rows: 4, cols: 6 })
    expect(range).toBe('A2:C4')
    expect(gridChartData(table, parseAreas(range)!, 'columns')).toEqual({
      categories: ['2020 年', '2021 年'],
      series: [
        { name: '专任教师总数(人)', values: [1622, 1649] },
        { name: '硕士以上学历(人) 人数', values: [50, 55] }
      ]
    })
    // Years over a row of units, without merges: each series keeps its year.
    const units = [
      ['指标', '2020 年', '2021 年'],
      ['', '人', '人']
    ]
    expect([0, 1, 2].map((c) => tableCellLabel((row, col) => units[row][col], [], 2, 1, c))).toEqual(['指标', '2020 年 人', '2021 年 人'])
    // A one-row header as before.
    expect(chartRangeOf(null, { headerRows: 1, rows: 3, cols: 5 })).toBe('A1:C3')
  })
})
