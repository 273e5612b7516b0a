import { gridChartData, parseAreas, sheetChartData, type GridReader } from '../../../src/shared/charts/data'

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
})
