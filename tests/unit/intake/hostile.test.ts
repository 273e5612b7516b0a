import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Intake, stopIntakeWorker } from '../../../src/main/intake'
import { reportData } from '../../../src/main/data'
import { ReportSession, type OpenReport } from '../../../src/main/services/reportSession'
import { rawXlsx, sheetData } from '../../helpers/xlsx'
import { newReport, scratch } from '../../helpers/intake'

/**
 * Hostile and broken files sent for 汇总: each is refused (or its bad cells
 * are) with a clear Chinese sentence, and the city report is unchanged —
 * every row of every table as it was.
 */
function dump(db: Database.Database): string {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]))
}

function millionRows(): Uint8Array {
  // Numbers that do not repeat compress about as well as a real sheet: no ratio to refuse it on, the rows themselves are counted.
  let x = 12345
  const rows: string[] = []
  for (let i = 1; i <= 1_000_000; i++) {
    x = (x * 1103515245 + 12345) % 2147483648
    rows.push(`<row r="${i}"><c r="A${i}"><v>${x}</v></c></row>`)
  }
  return rawXlsx({ sheets: [{ name: '大表', xml: `<sheetData>${rows.join('')}</sheetData>` }], level: 6 })
}

describe('hostile and broken workbooks change nothing', () => {
  const dir = scratch()
  let session: ReportSession
  let open: OpenReport
  const intake = new Intake({ now: () => new Date('2022-04-01T08:00:00Z') })

  beforeAll(() => {
    session = new ReportSession({ now: () => new Date() })
    open = session.open(newReport(dir, 'city', '清远市'))
    reportData(open).setValues([
      { indicator: 'students.total', year: 2021, value: 40000 },
      { indicator: 'teachers.fulltime', year: 2021, value: 1649 }
    ])
  })
  afterAll(() => {
    session.close()
    stopIntakeWorker()
  })

  it('each is refused with a Chinese sentence, or its bad cells are; discarding leaves the report as it was', async () => {
    const before = dump(open.store.db)
    const bomb = rawXlsx({ sheets: [{ name: 'a', xml: `<sheetData>${'<row><c><v>0</v></c></row>'.repeat(300_000)}</sheetData>` }], level: 9 })
    const doctype = rawXlsx({
      sheets: [{ name: 'a', xml: sheetData([['指标', 2021], ['在校生数', 1]]) }],
      extraParts: { 'xl/sharedStrings.xml': '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><sst><si><t>&e;</t></si></sst>' }
    })
    const external = rawXlsx({
      sheets: [{ name: 'a', xml: sheetData([['指标', 2021], ['在校生数', 1]]) }],
      extraWorkbookRels: '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="file:///C:/各校/汇总.xlsx" TargetMode="External"/>'
    })
    const macro = rawXlsx({ sheets: [{ name: 'a', xml: sheetData([['指标', 2021]]) }], extraParts: { 'xl/vbaProject.bin': new Uint8Array([1, 2, 3]) } })
    const merged = rawXlsx({
      sheets: [{ name: '基本数据', xml: `${sheetData([['指标', '2021年', null], [null, '春季', '秋季'], ['在校生数', 100, 120]])}<mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>` }]
    })
    const text = rawXlsx({ sheets: [{ name: 'Sheet1', xml: sheetData([['指标', '2021'], ['在校生数', '约5000'], ['专任教师', '250人'], ['教职工数', -3]]) }] })
    const notAReport = new Uint8Array(readFileSync(newReport(dir, 'city', '另一个', 2021, 'x.nianbao')).subarray(0, 50))

    const preview = await intake.read(open, [
      { fileName: '压缩炸弹.xlsx', bytes: bomb },
      { fileName: '实体.xlsx', bytes: doctype },
      { fileName: '外部链接.xlsx', bytes: external },
      { fileName: '宏.xlsx', bytes: macro },
      { fileName: '一百万行.xlsx', bytes: millionRows() },
      { fileName: '合并表头.xlsx', bytes: merged },
      { fileName: '阳山县职业技术学校.xlsx', bytes: text },
      { fileName: '坏报告.nianbao', bytes: notAReport }
    ])
    const refused = Object.fromEntries(preview.files.map((f) => [f.fileName, f.refused ?? null]))
    expect(refused['压缩炸弹.xlsx']).toMatch(/可能是“压缩炸弹”，已拒绝。$/)
    expect(refused['实体.xlsx']).toBe('工作簿部件“xl/sharedStrings.xml”含有 DOCTYPE 声明（可用于引用外部实体），可能是恶意构造的文件，已拒绝。')
    expect(refused['外部链接.xlsx']).toBe('工作簿含有指向其他文件的外部链接，数值可能来自本文件以外，已拒绝。请在 Excel 中“编辑链接 → 断开链接”后再提交。')
    expect(refused['宏.xlsx']).toBe('工作簿含有宏（VBA 代码，.xlsm），为安全起见已拒绝。请在 Excel 或 WPS 中“另存为”不含宏的 Excel 工作簿（.xlsx）后再提交。')
    expect(refused['一百万行.xlsx']).toBe('工作表“大表”超过 100000 行，不像是一份填报表，已拒绝。')
    expect(refused['合并表头.xlsx']).toBe('工作表“基本数据”的表头“2021年”合并了 2 列（B1:C1），无法确定 2021 年的数值在哪一列。请取消合并单元格，让每一年只占一列后再提交。')
    expect(refused['坏报告.nianbao']).toBe('“坏报告.nianbao”不是年报报告文件（.nianbao）。')
    // Text in number cells: the file is read, each bad cell refused with its place.
    expect(refused['阳山县职业技术学校.xlsx']).toBeNull()
    const school = preview.files.find((f) => f.fileName === '阳山县职业技术学校.xlsx')!.schools[0]
    expect(school.values).toEqual([])
    expect(school.issues.filter((i) => i.severity === 'error').map((i) => `${i.place} ${i.message}`)).toEqual([
      'Sheet1!B2 在校生数（2021 年）：“约5000”不是数字，没有读取。请只填写数字（不要带单位、文字或“约”）。',
      'Sheet1!B3 专任教师（2021 年）：“250人”不是数字，没有读取。请只填写数字（不要带单位、文字或“约”）。',
      'Sheet1!B4 教职工数（2021 年）：填写的是负数（-3），没有读取。请核实后填写不小于 0 的数字。'
    ])
    intake.discard()
    expect(dump(open.store.db)).toBe(before)
  }, 180_000)

  it('accepting only refused files is refused and stores nothing; a file of bad cells stores no figure', async () => {
    const before = dump(open.store.db)
    await intake.read(open, [{ fileName: 'x.xlsx', bytes: new TextEncoder().encode('not a workbook') }])
    expect(() => intake.accept(open)).toThrow('没有可以接收的文件：所选文件都没能读取。')
    expect(dump(open.store.db)).toBe(before)
    intake.discard()

    const text = rawXlsx({ sheets: [{ name: 'Sheet1', xml: sheetData([['指标', '2021'], ['在校生数', '五千'], ['专任教师', '#N/A']]) }] })
    await intake.read(open, [{ fileName: '阳山县职业技术学校.xlsx', bytes: text }])
    const r = intake.accept(open)
    expect(r.taken.values).toBe(0)
    expect(reportData(open).data.valuesOf('students.total')['2021']).toBe(40000)
    expect(reportData(open).data.valuesOf('teachers.fulltime')['2021']).toBe(1649)
    const status = r.overview.contributors.find((c) => c.name === '阳山县职业技术学校')!
    expect(status.status).toBe('errors')
    expect(status.errors).toBe(2)
  }, 60_000)

  it('a report file whose tables are views (a crafted .nianbao) is refused', async () => {
    const path = newReport(dir, 'school', '某校', 2021, 'crafted.nianbao')
    const db = new Database(path)
    db.exec("DROP TABLE indicator_value; CREATE VIEW indicator_value AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT 'students.total' AS indicator_id, 2021 AS year, x AS value FROM n")
    db.close()
    writeFileSync(join(dir, 'copy.nianbao'), readFileSync(path))
    const preview = await intake.read(open, [{ fileName: '某校.nianbao', bytes: readFileSync(join(dir, 'copy.nianbao')) }])
    expect(preview.files[0].refused).toBe('“某校.nianbao”已损坏，无法打开。文件未做任何改动；请使用这份报告的备份副本。')
    intake.discard()
  }, 60_000)
})
