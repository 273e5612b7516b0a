import { describe, expect, it } from 'vitest'
import { readIntakeFile } from '../../../src/main/intake/read/file'
import { IntakeRefusal, type FileReading } from '../../../src/main/intake/read/types'
import { buildCatalogue } from '../../../src/main/intake/catalogue'
import { validateSchool } from '../../../src/main/intake/validate'
import { STANDARD_INDICATORS } from '../../../src/main/templates/indicators'
import type { Indicator } from '../../../src/shared/model/indicator'
import { rawXlsx, sheetData } from '../../helpers/xlsx'

/**
 * Plain workbooks a bureau already has, in each shape the issue names:
 * names down the first column (units in brackets or not), years across the
 * first row, one school per workbook (named by the file or a 学校名称 row)
 * or one school per sheet; and what a person really sends (a title row, a
 * two-row header, a 序号 column, a 单位 column, a footer).
 */
const city: Indicator[] = STANDARD_INDICATORS.map((d, i) => ({ id: d.key, name: d.name, unit: d.unit, group: d.group, chapterId: null, source: d.source, format: { kind: 'general' }, position: i }))
const catalogue = buildCatalogue(city)

function read(fileName: string, bytes: Uint8Array): FileReading {
  return readIntakeFile(fileName, bytes)
}

function values(reading: FileReading, school = 0) {
  const v = validateSchool(reading.schools[school], { catalogue, year: 2021, stored: () => undefined })
  return { v, at: (name: string, year = 2021) => v.values.find((x) => x.name === name && x.year === year)?.value }
}

function refusal(fileName: string, bytes: Uint8Array): string {
  try {
    read(fileName, bytes)
  } catch (e) {
    if (e instanceof IntakeRefusal) return e.message
    throw e
  }
  throw new Error('read, not refused')
}

describe('plain workbooks', () => {
  it('names down the first column with units in brackets, years across the first row, the school named by the file', () => {
    const bytes = rawXlsx({
      sheets: [{ name: 'Sheet1', xml: sheetData([['指标', 2020, 2021], ['在校生数（人）', 4800, 5012], ['专任教师(人)', 240, 251], ['教学仪器设备总值（万元）', 2800.5, 3010.25]]) }]
    })
    const r = read('清远市职业技术学校.xlsx', bytes)
    expect(r.kind).toBe('workbook')
    expect(r.schools.map((s) => [s.name, s.nameFrom])).toEqual([['清远市职业技术学校', 'file']])
    const { v, at } = values(r)
    expect(at('在校生数')).toBe(5012)
    expect(at('在校生数', 2020)).toBe(4800)
    expect(at('专任教师')).toBe(251)
    expect(at('教学仪器设备总值')).toBe(3010.25)
    expect(v.errors).toBe(0)
    expect(v.values.find((x) => x.name === '在校生数' && x.year === 2021)?.place).toBe('Sheet1!C2')
  })

  it('without units, with “2021年” headings, a 学校名称 row and a title above the header', () => {
    const bytes = rawXlsx({
      sheets: [
        {
          name: '数据',
          xml: `${sheetData([['清远工贸职校质量年报数据', null, null], ['学校名称', '清远工贸职业技术学校', null], ['项目', '2020年', '2021 年度'], ['在校生数', 2900, 3050], ['“双师型”教师', 90, 95]])}<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>`
        }
      ]
    })
    const r = read('数据.xlsx', bytes)
    expect(r.schools.map((s) => [s.name, s.nameFrom])).toEqual([['清远工贸职业技术学校', 'cell']])
    const { at } = values(r)
    expect(at('在校生数')).toBe(3050)
    expect(at('双师型教师')).toBe(95)
    expect(at('双师型教师', 2020)).toBe(90)
  })

  it('one school per sheet, named by the sheets', () => {
    const sheet = (n: number) => sheetData([['指标', 2021], ['在校生数', n], ['专任教师', n / 20]])
    const bytes = rawXlsx({ sheets: [{ name: '连州市职业技术学校', xml: sheet(2000) }, { name: '阳山县职业技术学校', xml: sheet(1600) }, { name: '说明', xml: sheetData([['本表由教育局汇总']]) }] })
    const r = read('2021年各校数据.xlsx', bytes)
    expect(r.schools.map((s) => [s.name, s.nameFrom])).toEqual([
      ['连州市职业技术学校', 'sheet'],
      ['阳山县职业技术学校', 'sheet']
    ])
    expect(values(r, 1).at('在校生数')).toBe(1600)
    expect(values(r, 1).at('专任教师')).toBe(80)
  })

  it('one school whose rows are spread over sheets (基本情况, 就业情况) stays one school', () => {
    const bytes = rawXlsx({
      sheets: [
        { name: '基本情况', xml: sheetData([['指标', 2021], ['在校生数', 2000]]) },
        { name: '就业情况', xml: sheetData([['指标', 2021], ['直接就业人数', 600], ['对口就业人数', 480]]) }
      ]
    })
    const r = read('英德市职业技术学校.xlsx', bytes)
    expect(r.schools).toHaveLength(1)
    const { at } = values(r)
    expect([at('在校生数'), at('直接就业人数'), at('对口就业人数')]).toEqual([2000, 600, 480])
  })

  it('a 序号 column first, a 单位 column, a 数据来源 column, a two-row header and a footer', () => {
    const bytes = rawXlsx({
      sheets: [
        {
          name: 'Sheet1',
          xml:
            `${sheetData([
              ['序号', '指标', '单位', '年份', null, '数据来源'],
              [null, null, null, '2020', '2021', null],
              [1, '在校生数', '人', 1200, 1250, '教育事业统计'],
              [2, '教学仪器设备总值', '元', 5_000_000, 5_200_000, '学校统计'],
              [3, '专任教师', '个', 60, 62, null],
              ['填表人：张三', null, null, null, null, null],
              [null, '校舍建筑面积', '平方米', 1, 2, null]
            ])}` + '<mergeCells count="4"><mergeCell ref="A1:A2"/><mergeCell ref="B1:B2"/><mergeCell ref="C1:C2"/><mergeCell ref="D1:E1"/></mergeCells>'
        }
      ]
    })
    const r = read('佛冈县职业技术学校.xlsx', bytes)
    const { v, at } = values(r)
    expect(at('在校生数')).toBe(1250)
    // 元 for a figure asked in 万元: converted, and said.
    expect(at('教学仪器设备总值')).toBe(520)
    expect(v.values.find((x) => x.name === '教学仪器设备总值' && x.year === 2021)?.note).toBe('由元换算为万元')
    // 个 for 专任教师 (人): refused, cell by cell.
    expect(at('专任教师')).toBeUndefined()
    expect(v.issues.filter((i) => i.severity === 'error').map((i) => i.place)).toEqual(['Sheet1!D5', 'Sheet1!E5'])
    expect(v.issues.find((i) => i.place === 'Sheet1!E5')?.message).toBe('专任教师：单位不符：填写的单位是“个”，本指标的单位是“人”，这一格没有读取。请按“人”填写。')
    // Nothing after the footer is read.
    expect(at('校舍建筑面积')).toBeUndefined()
  })
})

describe('a value far from last year’s is pointed out, and still read', () => {
  it('against the workbook’s own 上年 column, and against what the report already holds', () => {
    const bytes = rawXlsx({
      sheets: [{ name: 'Sheet1', xml: sheetData([['指标', 2020, 2021], ['在校生数（人）', 1000, 1040], ['专任教师（人）', 60, 600], ['教学仪器设备总值（万元）', null, 3000]]) }]
    })
    const r = read('连州市职业技术学校.xlsx', bytes)
    // Last year's 教学仪器设备总值 is not in the workbook: the report's stored value (300 万元) is the comparison.
    const v = validateSchool(r.schools[0], { catalogue, year: 2021, stored: (key, year) => (year === 2020 && catalogue.figure(key)?.name === '教学仪器设备总值' ? 300 : undefined) })
    const warnings = v.issues.filter((i) => i.severity === 'warning').map((i) => `${i.place} ${i.message}`)
    expect(warnings).toEqual([
      'Sheet1!C3 专任教师 600人，比上年（60）增加 900%，可能多填或少填了位数，请核实。',
      'Sheet1!C4 教学仪器设备总值 3000万元，比上年（300）增加 900%，可能是单位填错了，请核实。'
    ])
    // A 4 % change says nothing; the values pointed out are read all the same (the editor decides).
    expect(v.issues.some((i) => i.figure === '在校生数')).toBe(false)
    expect(Object.fromEntries(v.values.filter((x) => x.year === 2021).map((x) => [x.name, x.value]))).toEqual({ 在校生数: 1040, 专任教师: 600, 教学仪器设备总值: 3000 })
    expect(v.errors).toBe(0)
    expect(v.warnings).toBe(2)
  })
})

describe('workbooks that cannot be read say why, in Chinese', () => {
  it('a year heading merged over two columns (merged header rows)', () => {
    const bytes = rawXlsx({
      sheets: [{ name: '表1', xml: `${sheetData([['指标', '2021年', null], [null, '上半年', '下半年'], ['在校生数', 100, 120]])}<mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>` }]
    })
    expect(refusal('a.xlsx', bytes)).toBe('工作表“表1”的表头“2021年”合并了 2 列（B1:C1），无法确定 2021 年的数值在哪一列。请取消合并单元格，让每一年只占一列后再提交。')
  })

  it('no year heading at all', () => {
    const bytes = rawXlsx({ sheets: [{ name: 'Sheet1', xml: sheetData([['学校', '在校生数'], ['甲校', 100]]) }] })
    expect(refusal('a.xlsx', bytes)).toBe('工作簿中没有找到可以读取的数据：需要一列指标名称和一行年份表头（如“2021”或“2021 年”）。')
  })

  it('not a workbook, a Word document under an .xlsx name, an old .xls', () => {
    expect(refusal('a.xlsx', new TextEncoder().encode('hello'))).toMatch(/不是 Excel 工作簿/)
    expect(refusal('b.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]))).toMatch(/旧版 Excel 工作簿（\.xls）/)
    expect(refusal('c.txt', new TextEncoder().encode('x'))).toBe('“c.txt”不是 Excel 工作簿（.xlsx）、年报报告（.nianbao）或 Word 文档（.docx），无法读取。')
  })
})
