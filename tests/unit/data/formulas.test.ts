import { join } from 'node:path'
import { ReportSession } from '../../../src/main/services/reportSession'
import { templateChapters, templateMeta } from '../../../src/main/templates/outline'
import { reportData, type ReportData } from '../../../src/main/data'
import type { ReportTableSpec, TableCell } from '../../../src/shared/model/table'
import { tempDir } from '../../helpers/reports'

/**
 * Formulas over cells, other tables and indicators; every error kind stays
 * in its cell with a Chinese explanation and never spoils the rest.
 */
let session: ReportSession
let data: ReportData
let file: string

const c = (input: string, format?: TableCell['format']): TableCell => (format ? { input, format } : { input })
function spec(id: string, rows: TableCell[][]): ReportTableSpec {
  return { id, caption: id, note: '', headerRows: 1, columnWidths: rows[0].map(() => 1), rows, merges: [] }
}
const cell = (t: string, row: number, col: number) => data.resolveTable(t).rows[row][col]
const texts = (t: string) => data.resolveTable(t).rows.map((r) => r.map((x) => x.text))

beforeEach(() => {
  file = join(tempDir('nianbao-formulas-'), 'f.nianbao')
  session = new ReportSession({ now: () => new Date() })
  // The school template carries no standard data: every table here is built by the test.
  session.create(file, templateMeta('school', { region: '某校', year: 2021 }), templateChapters('school'))
  data = reportData(session.require())
  data.createIndicator({ id: 'teachers.fulltime', name: '专任教师', unit: '人' })
  data.createIndicator({ id: 'students.total', name: '在校生数', unit: '人' })
  data.setValues([
    { indicator: '专任教师', year: 2020, value: 1622 },
    { indicator: '专任教师', year: 2021, value: 1649 },
    { indicator: 'students.total', year: 2020, value: 28771 },
    { indicator: 'students.total', year: 2021, value: 30150 }
  ])
})

afterEach(() => session.close())

describe('formulas', () => {
  it('compute over cells (=C3-B3, ROUND, SUM) with formats', () => {
    data.putTable(
      spec('tbl_a', [
        [c('项目'), c('=上年&" 年"'), c('=本年&" 年"'), c('变化')],
        [c('甲'), c('10'), c('12.5'), c('=C2-B2', { kind: 'change', decimals: 1 })],
        [c('乙'), c('4'), c('3'), c('=C3-B3', { kind: 'change', decimals: 0 })],
        [c('比'), c('=ROUND(B2/B3*100,2)', { kind: 'percent', decimals: 2 }), c('=ROUND(C2/C3,2)', { kind: 'ratio', decimals: 2 }), c('=ROUND(C4,2)-ROUND(B4,2)', { kind: 'arrow', decimals: 2 })],
        [c('合计'), c('=SUM(B2:B3)'), c('=SUM(C2:C3)'), c('=C5-B5', { kind: 'trend', decimals: 1 })]
      ])
    )
    expect(texts('tbl_a')).toEqual([
      ['项目', '2020 年', '2021 年', '变化'],
      ['甲', '10', '12.5', '+2.5'],
      ['乙', '4', '3', '-1'],
      ['比', '250.00%', '4.17:1', '↓ 245.83'],
      ['合计', '14', '15.5', '增加 1.5']
    ])
  })

  it('read indicators by name or key for relative and absolute years, and follow their changes', () => {
    data.putTable(spec('tbl_i', [[c('专任教师'), c('=指标("专任教师",上年)'), c('=指标("teachers.fulltime")'), c('=指标("专任教师",2020)'), c('=ROUND(指标("在校生数",本年)/C1,2)')]]))
    expect(texts('tbl_i')[0]).toEqual(['专任教师', '1622', '1649', '1622', '18.28'])
    expect(cell('tbl_i', 0, 2).binding).toEqual({ indicator: 'teachers.fulltime', year: 2021 })
    const d = data.setValue('专任教师', 2021, 1650)
    expect(d.cells.map((x) => [x.tableId, x.row, x.col, x.cell.text])).toEqual(
      expect.arrayContaining([
        ['tbl_i', 0, 2, '1650'],
        ['tbl_i', 0, 4, '18.27']
      ])
    )
    expect(d.indicators.map((i) => [i.name, i.values])).toEqual([['专任教师', { '2020': 1622, '2021': 1650 }]])
  })

  it('reach across tables, and a Chinese keyboard’s full-width punctuation works', () => {
    data.putTable(spec('tbl_src', [[c('x'), c('=指标("专任教师",本年)')]]))
    data.putTable(spec('tbl_dst', [[c('y'), c("='tbl_src'!B1*2"), c('＝ROUND（B1／3，1）')]]))
    expect(texts('tbl_dst')[0]).toEqual(['y', '3298', '1099.3'])
    expect(data.engine.tableSpec('tbl_dst')!.rows[0][2].input).toBe('=ROUND(B1/3,1)')
    const d = data.setValue('专任教师', 2021, 1000)
    expect(d.cells.find((x) => x.tableId === 'tbl_dst' && x.col === 1)?.cell.text).toBe('2000')
  })

  it('explain each error in Chinese in its own cell; the rest of the table still computes', () => {
    data.putTable(
      spec('tbl_e', [
        [c('ok'), c('5'), c('=B1*2')],
        [c('div'), c('=B1/0'), c('=B2+1')],
        [c('ref'), c("='tbl_gone'!A1"), c('=#REF!+1')],
        [c('name'), c('=FOO(1)'), c('=SUMM(B1)')],
        [c('value'), c('=A1*2'), c('')],
        [c('parse'), c('=ROUND(B1,'), c('=1+')],
        [c('indicator'), c('=指标("没有这个指标",本年)'), c('=指标(专任教师)')]
      ])
    )
    const rows = data.resolveTable('tbl_e').rows
    expect(rows[0][2]).toMatchObject({ text: '10', value: 10 })
    expect(rows[1][1]).toMatchObject({ text: '#DIV/0!' })
    expect(rows[1][1].error).toMatch(/除数为零/)
    expect(rows[1][2].error).toMatch(/除数为零/)
    expect(rows[2][1].error).toMatch(/表格已被删除/)
    expect(rows[2][2].error).toMatch(/引用无效/)
    expect(rows[3][1].error).toMatch(/未知的函数“FOO”/)
    expect(rows[3][2].error).toMatch(/未知的函数“SUMM”/)
    expect(rows[4][1].error).toMatch(/文字参与了计算/)
    expect(rows[5][1].error).toMatch(/公式写法有误/)
    expect(rows[5][2].error).toMatch(/公式写法有误/)
    expect(rows[6][1].error).toMatch(/指标“没有这个指标”不存在/)
    expect(rows[6][2].error).toMatch(/写法不对/)
    // An error never stops a save: the table is stored as typed and reads back the same after reopening.
    session.close()
    session = new ReportSession({ now: () => new Date() })
    data = reportData(session.open(file))
    expect(data.resolveTable('tbl_e').rows.map((r) => r.map((x) => x.text))).toEqual(rows.map((r) => r.map((x) => x.text)))
  })

  it('a cycle is reported in every cell of it, and only there', () => {
    data.putTable(spec('tbl_c', [[c('=B1+1'), c('=C1+1'), c('=A1+1'), c('7'), c('=D1*2')]]))
    const r = data.resolveTable('tbl_c').rows[0]
    for (const x of r.slice(0, 3)) expect(x.error).toMatch(/循环引用/)
    expect(r[4]).toMatchObject({ text: '14' })
    // Breaking the cycle heals every cell of it.
    data.setCells('tbl_c', [{ row: 0, col: 2, input: '1' }])
    expect(data.resolveTable('tbl_c').rows[0].map((x) => x.text)).toEqual(['3', '2', '1', '7', '14'])
  })

  it('deleting an indicator turns the cells that used it into explained errors; re-creating it heals them', () => {
    data.putTable(spec('tbl_d', [[c('=指标("在校生数")'), c('=A1/2')]]))
    expect(data.resolveTable('tbl_d').rows[0][1].text).toBe('15075')
    data.deleteIndicator('在校生数')
    const r = data.resolveTable('tbl_d').rows[0]
    expect(r[0].error).toMatch(/指标“在校生数”不存在/)
    expect(r[1].error).toBeTruthy()
    data.createIndicator({ name: '在校生数' })
    expect(data.resolveTable('tbl_d').rows[0].map((x) => x.text)).toEqual(['', ''])
    expect(data.resolveTable('tbl_d').rows[0][0].missing).toBe(true)
    data.setValue('在校生数', 2021, 100)
    expect(data.resolveTable('tbl_d').rows[0].map((x) => x.text)).toEqual(['100', '50'])
  })

  it('renaming an indicator rewrites the formulas that name it', () => {
    data.putTable(spec('tbl_r', [[c('=指标("专任教师",上年)+1')]]))
    data.updateIndicator('teachers.fulltime', { name: '专任教师数' })
    expect(data.engine.tableSpec('tbl_r')!.rows[0][0].input).toBe('=指标("专任教师数",上年)+1')
    expect(data.resolveTable('tbl_r').rows[0][0].text).toBe('1623')
  })

  it('inserting and removing rows moves the references to the cells that moved, in this and other tables and in fields', () => {
    data.putTable(spec('tbl_m', [[c('a'), c('1')], [c('b'), c('2')], [c('sum'), c('=SUM(B1:B2)')]]))
    data.putTable(spec('tbl_o', [[c("='tbl_m'!B3*10")]]))
    const field = "='tbl_m'!B3"
    expect(data.fields([field])[0].value).toBe(3)
    const d = data.reshape('tbl_m', { kind: 'insertRows', at: 1, count: 1 })
    expect(data.engine.tableSpec('tbl_m')!.rows.map((r) => r[1].input)).toEqual(['1', '', '2', '=SUM(B1:B3)'])
    expect(data.engine.tableSpec('tbl_o')!.rows[0][0].input).toBe("='tbl_m'!B4*10")
    expect(d.fieldRenames).toEqual([{ from: field, to: "='tbl_m'!B4" }])
    data.setCells('tbl_m', [{ row: 1, col: 1, input: '4' }])
    expect(texts('tbl_o')[0][0]).toBe('70')
    data.reshape('tbl_m', { kind: 'removeRows', at: 0, count: 1 })
    expect(data.engine.tableSpec('tbl_m')!.rows.map((r) => r[1].input)).toEqual(['4', '2', '=SUM(B1:B2)'])
    expect(texts('tbl_o')[0][0]).toBe('60')
  })

  it('a new data year (rollover) shifts every relative reference: last year’s 本年 becomes 上年', () => {
    data.putTable(spec('tbl_y', [[c('=上年&" 年"'), c('=本年&" 年"'), c('变化')], [c('=指标("专任教师",上年)'), c('=指标("专任教师",本年)'), c('=B2-A2', { kind: 'change', decimals: 0 })]]))
    expect(texts('tbl_y')).toEqual([
      ['2020 年', '2021 年', '变化'],
      ['1622', '1649', '+27']
    ])
    session.require().store.updateMeta({ year: 2022 })
    data.syncYear()
    const rows = data.resolveTable('tbl_y').rows
    expect(rows.map((r) => r.map((x) => x.text))).toEqual([
      ['2021 年', '2022 年', '变化'],
      ['1649', '', '']
    ])
    expect(rows[1][1].missing).toBe(true)
    data.setValue('专任教师', 2022, 1700)
    expect(texts('tbl_y')[1]).toEqual(['1649', '1700', '+51'])
  })

  it('refuses malformed changes with Chinese messages and leaves the table as it was', () => {
    data.putTable(spec('tbl_x', [[c('1'), c('2')]]))
    expect(() => data.setCells('tbl_x', [{ row: 5, col: 0, input: '1' }])).toThrow(/超出了表格范围/)
    expect(() => data.updateTable('tbl_x', { merges: [{ row: 0, col: 0, rowSpan: 1, colSpan: 3 }] })).toThrow(/超出了表格范围/)
    expect(() => data.setValue('nobody', 2021, 1)).toThrow(/找不到指标/)
    expect(() => data.createIndicator({ name: '专任教师' })).toThrow(/已有名为“专任教师”的指标/)
    expect(() => data.createIndicator({ name: 'abc' })).toThrow(/应使用中文/)
    expect(texts('tbl_x')).toEqual([['1', '2']])
  })
})

describe('table ids', () => {
  it('a new table cannot take the id of another (whatever the case) or of the engine’s own sheets', () => {
    const f = join(tempDir('nianbao-ids-'), 'i.nianbao')
    const s = new ReportSession({ now: () => new Date() })
    s.create(f, templateMeta('school', { region: '某校', year: 2021 }), templateChapters('school'))
    try {
      const d = reportData(s.require())
      d.putTable(spec('tbl_abc', [[c('1')]]))
      expect(() => d.putTable(spec('TBL_ABC', [[c('2')]]))).toThrow(/已被使用/)
      expect(() => d.putTable(spec('__ind', [[c('2')]]))).toThrow(/不可用/)
      // Replacing the table itself is fine.
      d.putTable(spec('tbl_abc', [[c('3')]]))
      expect(d.resolveTable('tbl_abc').rows[0][0].text).toBe('3')
    } finally {
      s.close()
    }
  })
})
