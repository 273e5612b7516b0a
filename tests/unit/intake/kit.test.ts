import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Intake, stopIntakeWorker } from '../../../src/main/intake'
import { reportData } from '../../../src/main/data'
import { readXlsx } from '../../../src/main/xlsx'
import { ReportSession, type OpenReport } from '../../../src/main/services/reportSession'
import { fillKit, newReport, scratch } from '../../helpers/intake'

/**
 * 生成填报表 → filled in → 汇总学校数据: the kit lists what the city report
 * needs, one column per year, with its checks; filled in, it comes back
 * as exactly what was typed; next year's kit carries this year's figures
 * in its 上年 column.
 */
describe('the data kit', () => {
  const dir = scratch()
  let session: ReportSession
  let open: OpenReport
  const intake = new Intake({ now: () => new Date('2022-04-01T08:00:00Z') })

  beforeAll(() => {
    session = new ReportSession({ now: () => new Date() })
    open = session.open(newReport(dir, 'city', '清远市'))
  })
  afterAll(() => {
    session.close()
    stopIntakeWorker()
  })

  it('one workbook per school: instructions first, the figures by name and unit, year columns, 数据来源, number checks, protection', async () => {
    const kit = await intake.kit(open, join(dir, 'kits'), ['清远市职业技术学校', '清远工贸职业技术学校', '清远市职业技术学校'])
    expect(kit.files).toEqual(['清远市职业技术学校.xlsx', '清远工贸职业技术学校.xlsx'])
    const bytes = readFileSync(join(kit.dir, kit.files[0]))
    const book = readXlsx(bytes)
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['填写说明', false],
      ['数据', false],
      ['_nianbao', true]
    ])
    const instructions = book.sheets[0].rows.map((r) => String(r?.[0]?.value ?? ''))
    expect(instructions[0]).toBe('2022年清远市中等职业教育质量年度报告——数据填报表')
    expect(instructions.some((t) => t.includes('只能填写不小于 0 的数字'))).toBe(true)
    const data = book.sheets[1]
    const row = (i: number) => Array.from(data.rows[i] ?? [], (c) => c?.value ?? null)
    expect(row(1)).toEqual(['学校名称', '清远市职业技术学校'])
    expect(row(3)).toEqual(['指标', '单位', '2020 年', '2021 年', '数据来源'])
    const labels = data.rows.map((r) => r?.[0]?.value)
    const units = new Map(data.rows.map((r) => [r?.[0]?.value, r?.[1]?.value]))
    // Totals behind the derived figures are asked for, in the school template's units; derived figures are not.
    expect(labels).toContain('在校生数')
    expect(units.get('教学仪器设备总值')).toBe('万元')
    expect(units.get('校舍建筑面积')).toBe('平方米')
    expect(labels).toContain('对口就业人数')
    expect(labels).not.toContain('生均校舍建筑面积')
    expect(labels).not.toContain('对口就业率')
    expect(labels).not.toContain('高中阶段毛入学率')
    expect(units.get('在校生数')).toBe('人')
    expect(data.rows.find((r) => r?.[0]?.value === '在校生数')?.[4]?.value).toBe('教育事业统计')

    const sheetXml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet2.xml'])
    expect(sheetXml).toMatch(/<dataValidation type="decimal" operator="greaterThanOrEqual"[^>]*errorStyle="stop"[^>]*sqref="C5:D\d+"><formula1>0<\/formula1>/)
    expect(sheetXml).toContain('error="这里只能填写不小于 0 的数字（可以有小数），不要填写文字或单位；没有的项目请留空。"')
    expect(sheetXml).toContain('<sheetProtection sheet="1"')
    expect(strFromU8(unzipSync(bytes)['xl/workbook.xml'])).toContain('state="veryHidden"')
    // The schools on the list are expected.
    expect(intake.overview(open).contributors.map((c) => [c.name, c.expected, c.status])).toEqual([
      ['清远市职业技术学校', true, 'missing'],
      ['清远工贸职业技术学校', true, 'missing']
    ])
  })

  it('filled in and taken back: exactly what was typed, named by the kit, in its places', async () => {
    const kitPath = join(dir, 'kits', '清远市职业技术学校.xlsx')
    const filled = fillKit(readFileSync(kitPath), { 在校生数: 5012, 专任教师: 251, 教学仪器设备总值: 3010.25, 校舍建筑面积: 80000.5 })
    const preview = await intake.read(open, [{ fileName: '回执.xlsx', bytes: filled }])
    const s = preview.files[0].schools[0]
    expect(preview.files[0].kind).toBe('kit')
    expect([s.name, s.nameFrom, s.errors]).toEqual(['清远市职业技术学校', 'kit', 0])
    expect(s.values.map((v) => [v.name, v.year, v.value])).toEqual([
      ['在校生数', 2021, 5012],
      ['校舍建筑面积', 2021, 80000.5],
      ['教学仪器设备总值', 2021, 3010.25],
      ['专任教师', 2021, 251]
    ])
    intake.accept(open)
    expect(reportData(open).data.valuesOf('students.total')).toEqual({ '2021': 5012 })
    expect(reportData(open).data.valuesOf('facilities.floor_area')).toEqual({ '2021': 15.96 })
  }, 60_000)

  it('a blank kit carries the school name typed into it', async () => {
    const kit = await intake.kit(open, join(dir, 'blank'), [])
    expect(kit.files).toEqual(['清远市2021年度数据填报表（空白）.xlsx'])
    const filled = fillKit(readFileSync(join(kit.dir, kit.files[0])), { 在校生数: 800 }, { school: '清新区职业技术学校' })
    const preview = await intake.read(open, [{ fileName: '清远市2021年度数据填报表（空白）.xlsx', bytes: filled }])
    expect(preview.files[0].schools.map((s) => [s.name, s.nameFrom])).toEqual([['清新区职业技术学校', 'cell']])
    intake.discard()
  }, 60_000)

  it('next year’s kit has this year’s figures in its 上年 column', async () => {
    session.close()
    const path = join(dir, '清远市.nianbao')
    const db = new ReportSession({ now: () => new Date() })
    const next = db.open(path)
    next.store.updateMeta({ year: 2022 })
    const kit = await intake.kit(next, join(dir, 'kits2022'), ['清远市职业技术学校'])
    const data = readXlsx(readFileSync(join(kit.dir, kit.files[0]))).sheets[1]
    const row = (name: string) => Array.from(data.rows.find((r) => r?.[0]?.value === name)!, (c) => c?.value ?? null)
    expect(row('在校生数')).toEqual(['在校生数', '人', 5012, null, '教育事业统计'])
    expect(data.rows[3].map((c) => c?.value)).toEqual(['指标', '单位', '2021 年', '2022 年', '数据来源'])
    db.close()
    session = new ReportSession({ now: () => new Date() })
    open = session.open(path)
  })
})
