import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nianbao, STACK_TRACE } from '../helpers/cli'
import { fillKit, schoolReport, scratch } from '../helpers/intake'
import { sha256 } from '../helpers/reports'
import { rawXlsx, sheetData } from '../helpers/xlsx'
import { roundTo } from '../../src/shared/model/format'

/**
 * `nianbao kit` and `nianbao intake` as a bureau uses them: kits for the
 * schools on a list (they open in LibreOffice), filled kits, a school's own
 * report, its exported Word document and a plain workbook compiled into the
 * city report, exactly; refused files change nothing and say why.
 */
describe('nianbao kit / nianbao intake', () => {
  const dir = scratch()
  const city = join(dir, '清远市2021.nianbao')

  it('kit: one workbook per school on the list, and LibreOffice opens them', () => {
    expect(nianbao(['new', '--template', 'city', '--region', '清远市', '--year', '2021', '--out', city]).code).toBe(0)
    // A list as Windows Notepad saves it (a byte-order mark, CRLF), with a number, a blank line and a comment.
    writeFileSync(join(dir, '名单.txt'), '\uFEFF1. 清远市职业技术学校\r\n\r\n# 市直学校\r\n清远工贸职业技术学校\r\n')
    const r = nianbao(['kit', city, '--out', join(dir, '填报表'), '--schools', join(dir, '名单.txt'), '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({ files: ['清远市职业技术学校.xlsx', '清远工贸职业技术学校.xlsx'], figures: 81 })
    expect(readdirSync(join(dir, '填报表')).sort()).toEqual(['清远工贸职业技术学校.xlsx', '清远市职业技术学校.xlsx'])

    const lo = join(dir, 'lo')
    mkdirSync(lo)
    const conv = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--norestore', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', lo, join(dir, '填报表', '清远市职业技术学校.xlsx')],
      { encoding: 'utf8', timeout: 120_000 }
    )
    expect(conv.status).toBe(0)
    const csv = readFileSync(join(lo, '清远市职业技术学校-数据.csv'), 'utf8').split('\n')
    expect(csv[1]).toBe('学校名称,清远市职业技术学校,,,')
    expect(csv[3]).toBe('指标,单位,2020 年,2021 年,数据来源')
    expect(csv).toContain('在校生数,人,,,教育事业统计')
    expect(csv).toContain('教学仪器设备总值,万元,,,教育事业统计')
  }, 180_000)

  it('intake: filled kits, a school report, its Word document and a workbook compiled exactly', () => {
    const kitA = fillKit(readFileSync(join(dir, '填报表', '清远市职业技术学校.xlsx')), { 在校生数: 5012, 专任教师: 251, 校舍建筑面积: 80000, 直接就业人数: 1000, 对口就业人数: 812 })
    const kitB = fillKit(readFileSync(join(dir, '填报表', '清远工贸职业技术学校.xlsx')), { 在校生数: 3050, 专任教师: 180, 校舍建筑面积: 42000, 直接就业人数: '六百', 对口就业人数: 450 })
    writeFileSync(join(dir, 'a.xlsx'), kitA)
    writeFileSync(join(dir, 'b.xlsx'), kitB)
    const school = schoolReport(dir, '连州市职业技术学校', { 在校生数: 1800, 专任教师: 95, 校舍建筑面积: 26000, 直接就业人数: 300, 对口就业人数: 210 }, ['粤菜师傅工程'])
    // The fourth school sends its report as Word: exported by 年报, indicators read back from its tables.
    const s4 = schoolReport(dir, '英德市职业技术学校', { 在校生数: 2100, 专任教师: 110, 毕业生数: 520, 就业人数: 480 })
    const docx = join(dir, '英德市职业技术学校2021年度质量报告.docx')
    expect(nianbao(['export', s4, '--out', docx, '--quiet']).code).toBe(0)
    writeFileSync(
      join(dir, '阳山县职业技术学校.xlsx'),
      rawXlsx({ sheets: [{ name: 'Sheet1', xml: sheetData([['指标', '2021年'], ['在校生数（人）', 1600], ['专任教师（人）', 90], ['直接就业人数', 250], ['对口就业人数', 200]]) }] })
    )
    writeFileSync(join(dir, '坏文件.xlsx'), 'not a workbook')
    const before = sha256(city)

    // --check reads and says, and writes nothing.
    const check = nianbao(['intake', city, join(dir, 'a.xlsx'), '--check'])
    expect(check.code).toBe(0)
    expect(check.stdout).toContain('✔ a.xlsx（填报表）')
    expect(check.stdout).toContain('学校：清远市职业技术学校 — 读取 5 个数值')
    expect(sha256(city)).toBe(before)

    const r = nianbao(['intake', city, join(dir, 'a.xlsx'), join(dir, 'b.xlsx'), school, docx, join(dir, '阳山县职业技术学校.xlsx'), join(dir, '坏文件.xlsx'), '--json'])
    expect(r.stderr).not.toMatch(STACK_TRACE)
    // One refused file: exit code 1, the others taken.
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('1 个文件没能读取（见上），其余文件已接收。')
    const out = JSON.parse(r.stdout)
    expect(out.files.map((f: { fileName: string; kind: string | null; schools: { name: string }[] }) => [f.fileName, f.kind, f.schools.map((s) => s.name)])).toEqual([
      ['a.xlsx', 'kit', ['清远市职业技术学校']],
      ['b.xlsx', 'kit', ['清远工贸职业技术学校']],
      ['连州市职业技术学校.nianbao', 'report', ['连州市职业技术学校']],
      ['英德市职业技术学校2021年度质量报告.docx', 'docx', ['英德市职业技术学校']],
      ['阳山县职业技术学校.xlsx', 'workbook', ['阳山县职业技术学校']],
      ['坏文件.xlsx', null, []]
    ])
    expect(out.files[5].refused).toBe('这不是 Excel 工作簿（.xlsx）：文件内容不是 Excel 2007 及以后版本的格式。')
    const b = out.files[1].schools[0]
    expect(b.issues.find((i: { severity: string }) => i.severity === 'error').message).toBe('直接就业人数（2021 年）：“六百”不是数字，没有读取。请只填写数字（不要带单位、文字或“约”）。')
    const word = out.files[3].schools[0]
    expect(word.values.filter((v: { year: number }) => v.year === 2021).map((v: { name: string; value: number }) => [v.name, v.value])).toEqual(
      expect.arrayContaining([
        ['在校生数', 2100],
        ['专任教师', 110]
      ])
    )
    expect(out.taken).toMatchObject({ files: 5, schools: 5, cases: 1 })

    const data = JSON.parse(nianbao(['data', city, '--json']).stdout) as { indicators: { key: string; values: Record<string, number> }[] }
    const v = (key: string) => data.indicators.find((i) => i.key === key)?.values['2021']
    expect(v('students.total')).toBe(5012 + 3050 + 1800 + 2100 + 1600)
    expect(v('teachers.fulltime')).toBe(251 + 180 + 95 + 110 + 90)
    expect(v('facilities.floor_area')).toBe(roundTo((80000 + 42000 + 26000) / (5012 + 3050 + 1800), 2))
    // 工贸's 直接就业人数 was refused: its 对口就业人数 counts for nothing in the rate.
    expect(v('employment.matched_rate')).toBe(roundTo(((812 + 210 + 200) * 100) / (1000 + 300 + 250), 2))
    // The tables follow: 生师比 = Σ在校生数 ÷ Σ专任教师 as displayed.
    const tables = JSON.parse(nianbao(['tables', city, '--json']).stdout) as { caption: string; rows: string[][] }[]
    const teachers = tables.find((t) => t.caption.includes('教师队伍建设情况'))!
    expect(teachers.rows[8][2]).toBe(roundTo((5012 + 3050 + 1800 + 2100 + 1600) / (251 + 180 + 95 + 110 + 90), 2).toFixed(2))
  }, 240_000)

  it('for people: per school and per cell, and what the compiled figures are', () => {
    const fixed = fillKit(readFileSync(join(dir, '填报表', '清远工贸职业技术学校.xlsx')), { 在校生数: 3050, 专任教师: 180, 校舍建筑面积: 42000, 直接就业人数: 600, 对口就业人数: 450 })
    writeFileSync(join(dir, 'b2.xlsx'), fixed)
    const r = nianbao(['intake', city, join(dir, 'b2.xlsx')])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('说明 [b2.xlsx] “清远工贸职业技术学校”以前已经报送过数据，接收后以这份文件为准（原来的数据被替换，其他学校的数据不变）。')
    expect(r.stdout).toContain('已接收 1 个文件：1 个学校')
    expect(r.stdout).toMatch(/对口就业率 [\d.]+ %\u3000Σ对口就业人数 × 100 ÷ Σ直接就业人数，4 个学校/)
  }, 120_000)

  it('refusals: nothing to take, a missing file, a school report', () => {
    const before = sha256(city)
    const r = nianbao(['intake', city, join(dir, '坏文件.xlsx')])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('✘ 坏文件.xlsx：这不是 Excel 工作簿（.xlsx）：文件内容不是 Excel 2007 及以后版本的格式。\n')
    expect(r.stderr).toBe('没有可以接收的文件，报告没有改动。\n')
    expect(sha256(city)).toBe(before)
    const missing = nianbao(['intake', city, join(dir, '没有这个.xlsx')])
    expect([missing.code, missing.stderr]).toEqual([1, '错误：找不到文件“没有这个.xlsx”。\n'])
    const school = nianbao(['kit', join(dir, '连州市职业技术学校.nianbao'), '--out', join(dir, 'x')])
    expect([school.code, school.stderr]).toEqual([1, '错误：学校报告不汇总其他单位的数据；“汇总”用于地市级和省级报告。\n'])
    expect(nianbao(['intake', city]).stderr).toMatch(/^错误：请给出要汇总的文件/)
    expect(sha256(city)).toBe(before)
  }, 120_000)
})
