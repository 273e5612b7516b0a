import { join } from 'node:path'
import { copyFileSync, writeFileSync } from 'node:fs'
import { nianbao, STACK_TRACE } from '../helpers/cli'
import { sha256, tempDir } from '../helpers/reports'
import { databaseAt, insertChaptersAt } from '../helpers/migrations'
import { ReportStore } from '../../src/main/store/reportStore'
import { templateChapters, templateMeta } from '../../src/main/templates/outline'

/** `nianbao tables`, `set` and `data`: the live data from scripts, over the built CLI. */
interface CliTable {
  number: string | null
  caption: string
  rows: string[][]
  errors?: { row: number; col: number; message: string }[]
}

function expectUserError(r: { code: number | null; stderr: string }, message: RegExp) {
  expect(r.code).toBe(1)
  expect(r.stderr).toMatch(/^错误：/)
  expect(r.stderr).toMatch(message)
  expect(r.stderr).not.toMatch(STACK_TRACE)
}

describe('nianbao tables / set / data', () => {
  const dir = tempDir('nianbao-datacli-')
  const file = join(dir, '清远市2021.nianbao')

  beforeAll(() => {
    const r = nianbao(['new', '--template', 'city', '--region', '清远市', '--year', '2021', '--out', file])
    expect(r.code, r.stderr).toBe(0)
  })

  it('set by Chinese name or key updates the derived cells in the file; tables --json lists them as displayed', () => {
    const inputs: [string, string, string][] = [
      ['教职工数', '2020', '1879'],
      ['教职工数', '2021', '1894'],
      ['teachers.fulltime', '2020', '1622'],
      ['专任教师', '2021', '1,649'],
      ['专业教师', '2020', '1103'],
      ['专业教师', '2021', '1049'],
      ['双师型教师', '2020', '874'],
      ['双师型教师', '2021', '880'],
      ['兼职教师', '2020', '69'],
      ['兼职教师', '2021', '122'],
      ['在校生数', '2020', '28771'],
      ['在校生数', '2021', '30150']
    ]
    for (const [name, year, value] of inputs) {
      const r = nianbao(['set', file, name, year, value])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toMatch(/^已设置 /)
    }
    const r = nianbao(['tables', file, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const tables = JSON.parse(r.stdout) as CliTable[]
    expect(tables.map((t) => t.number)).toEqual(['1-1', '1-2', '1-3', '1-4', '2-1', '3-1', '3-2', '3-3', '3-4', '7-1', null])
    const t = tables.find((x) => x.number === '1-2')!
    expect(t.caption).toBe('2020 和 2021 年清远市中等职业学校教师队伍建设情况对比')
    expect(t.rows.slice(5)).toEqual([
      ['双师型教师/专业教师（%）', '79.24', '83.89', '+4.65'],
      ['兼职教师（人）', '69', '122', '+53'],
      ['兼职教师/专任教师（%）', '4.25', '7.40', '+3.15'],
      ['生师比', '17.74', '18.28', '+0.54']
    ])
  })

  it('data --json lists every indicator with its values', () => {
    const r = nianbao(['data', file, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const d = JSON.parse(r.stdout) as { year: number; indicators: { key: string; name: string; unit: string; chapter: string | null; values: Record<string, number> }[] }
    expect(d.year).toBe(2021)
    const ft = d.indicators.find((i) => i.name === '专任教师')!
    expect(ft).toMatchObject({ key: 'teachers.fulltime', unit: '人', chapter: '1 基本情况', values: { '2020': 1622, '2021': 1649 } })
    expect(d.indicators.find((i) => i.name === '招生数')!.values).toEqual({})
    expect(d.indicators.length).toBeGreaterThan(90)
  })

  it('set says, as --json does, how many table cells, quoted figures (数据字段) and charts followed', () => {
    const textCopy = join(dir, '文字.nianbao')
    const jsonCopy = join(dir, 'json.nianbao')
    copyFileSync(file, textCopy)
    copyFileSync(file, jsonCopy)
    const r = nianbao(['set', textCopy, '在校生数', '2021', '31000'])
    expect(r.code, r.stderr).toBe(0)
    const said = /^已设置 在校生数 2021 年 = 31000 人；更新了 (\d+) 个表格单元格、(\d+) 个数据字段（正文中引用的数据）、(\d+) 幅图。$/.exec(r.stderr.trim())
    expect(said, r.stderr).not.toBeNull()
    const j = nianbao(['set', jsonCopy, '在校生数', '2021', '31000', '--json'])
    const updated = (JSON.parse(j.stdout) as { updated: { cells: number; fields: number; figures: number } }).updated
    expect(said!.slice(1).map(Number)).toEqual([updated.cells, updated.fields, updated.figures])
    // The sentences of 1.1 quote 在校生数, its change and its growth; 图 1-1 draws it; 表 1-2's 生师比 uses it.
    expect(updated.fields).toBeGreaterThanOrEqual(3)
    expect(updated.figures).toBe(1)
    expect(updated.cells).toBeGreaterThan(0)
    const cleared = nianbao(['set', textCopy, '在校生数', '2021', '空'])
    expect(cleared.stderr.trim()).toMatch(/^已清除 在校生数 2021 年的数值；更新了 \d+ 个表格单元格、[1-9]\d* 个数据字段（正文中引用的数据）、1 幅图。$/)
  })

  it('set 空 clears a value: the cells that use it wait for data again', () => {
    expect(nianbao(['set', file, '兼职教师', '2021', '空']).code).toBe(0)
    const t = (JSON.parse(nianbao(['tables', file, '--json']).stdout) as CliTable[]).find((x) => x.number === '1-2')!
    expect(t.rows[6]).toEqual(['兼职教师（人）', '69', '', ''])
    expect(t.rows[7]).toEqual(['兼职教师/专任教师（%）', '4.25', '', ''])
    expect(nianbao(['set', file, '兼职教师', '2021', '122']).code).toBe(0)
  })

  it('takes a negative value (a change indicator may be below zero)', () => {
    const r = nianbao(['set', file, '招生数', '2019', '-5', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ name: '招生数', year: 2019, value: -5 })
    expect(nianbao(['set', file, '招生数', '2019', '空']).code).toBe(0)
  })

  it('refuses what it cannot do, in Chinese, and leaves the file untouched', () => {
    const before = sha256(file)
    expectUserError(nianbao(['set', file, '不存在的指标', '2021', '1']), /找不到指标“不存在的指标”/)
    expectUserError(nianbao(['set', file, '专任教师', '21', '1']), /年份“21”无效/)
    expectUserError(nianbao(['set', file, '专任教师', '2021', '一千']), /数值“一千”不是有效的数字/)
    expectUserError(nianbao(['set', file, '专任教师', '2021']), /缺少数值/)
    expect(sha256(file)).toBe(before)
    const notReport = join(dir, 'x.nianbao')
    writeFileSync(notReport, 'hello')
    expectUserError(nianbao(['tables', notReport, '--json']), /不是年报报告文件/)
    expectUserError(nianbao(['data', join(dir, 'missing.nianbao')]), /找不到文件/)
  })

  it('tables and data only read: a report from an older version is listed without being upgraded on disk', () => {
    const old = join(dir, '旧版.nianbao')
    const db = databaseAt(1, old)
    ReportStore.insertMeta(db, templateMeta('city', { region: '清远市', year: 2020 }), '2021-01-01T00:00:00.000Z')
    insertChaptersAt(db, templateChapters('city'))
    db.close()
    const before = sha256(old)
    const tables = nianbao(['tables', old, '--json'])
    expect(tables.code, tables.stderr).toBe(0)
    expect(JSON.parse(tables.stdout)).toEqual([])
    const data = nianbao(['data', old, '--json'])
    expect(data.code, data.stderr).toBe(0)
    expect(JSON.parse(data.stdout)).toMatchObject({ year: 2020, indicators: [] })
    expect(sha256(old)).toBe(before)
  })
})
