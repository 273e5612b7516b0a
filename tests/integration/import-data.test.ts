import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { reportData } from '../../src/main/data'
import { importToFile } from '../../src/main/import/service'
import { ReportSession } from '../../src/main/services/reportSession'
import { buildReportState } from '../../src/main/services/reportState'
import { latestImportReport } from '../../src/main/store/importReportStore'
import type { ImportReport } from '../../src/shared/contract/import'
import type { ResolvedTable } from '../../src/shared/model/table'
import { QINGYUAN_DOCX, readQingyuanTxt } from '../helpers/docx'
import { tempDir } from '../helpers/reports'

/**
 * The imported Qingyuan report as a file: its tables computed by the live
 * data engine read exactly as the published tables — the cells whose printed
 * value contradicts its own table included: they keep the printed value
 * (nothing changes without asking), are marked with what their formula gives
 * and are listed in the import report for the user to choose.
 */
const squash = (s: string) => s.replace(/\s+/g, '')

/** The published tables from the extracted text: caption → rows of cell texts. */
function publishedTables(): Map<string, string[][]> {
  const lines = readQingyuanTxt().split('\n')
  const start = lines.indexOf('1 基本情况')
  const out = new Map<string, string[][]>()
  for (let i = start; i < lines.length; i++) {
    const m = /^表 (\d+-\d+) /.exec(lines[i])
    if (!m) continue
    let j = i + 1
    while (!lines[j].startsWith('|')) j++
    const rows: string[][] = []
    for (; lines[j]?.startsWith('|'); j++) {
      if (/^\|[-| ]+\|$/.test(lines[j])) continue
      // (The .docx lost the backslash of "年份 \\ 级别" that the extracted text kept.)
      rows.push(lines[j].slice(1, -1).split('|').map((c) => squash(c).replace(/\\/g, '')))
    }
    out.set(m[1], rows)
  }
  return out
}

let dir: string
let path: string
let report: ImportReport
let tables: ResolvedTable[]
const session = new ReportSession({ now: () => new Date() })

beforeAll(async () => {
  dir = tempDir('nianbao-import-data-')
  path = join(dir, '清远市2021年度质量报告.nianbao')
  ;({ report } = await importToFile({ bytes: readFileSync(QINGYUAN_DOCX), fileName: 'report.docx' }, path))
  const open = session.open(path)
  tables = reportData(open).resolveTables(buildReportState(open).numbering)
})

afterAll(() => session.close())

describe('the numbers of the imported tables are data', () => {
  it('every numbered table reads as published; the printed values its own numbers contradict are kept and marked', () => {
    const published = publishedTables()
    expect(published.size).toBe(13)
    // Typed numbers in the old document: its 表 4-1 is 表 3-5 now.
    const typedToNow: Record<string, string> = { '4-1': '3-5' }
    // Printed → what the formula gives.
    const contradicted = new Map([
      ['3-3 E2', '42'],
      ['3-4 F2', '24'],
      ['7-1 E4', '↑ 15'],
      ['1-4 I3', '7.46']
    ])
    for (const [typed, rows] of published) {
      const now = typedToNow[typed] ?? typed
      const t = tables.find((x) => x.number === now)!
      expect(t, `表 ${now}`).toBeDefined()
      const shown = t.rows.map((r) => r.map((c) => squash(c.text)))
      expect(shown, `表 ${now} ${t.caption}`).toEqual(rows)
      t.rows.forEach((r, ri) =>
        r.forEach((c, ci) => {
          const computed = contradicted.get(`${typed} ${String.fromCharCode(65 + ci)}${ri + 1}`)
          if (computed) expect(c.finding, `表 ${now} ${String.fromCharCode(65 + ci)}${ri + 1}`).toContain(`计算是 ${computed}`)
          else expect(c.finding).toBeUndefined()
        })
      )
      for (const r of t.rows) for (const c of r) expect(c.error, `表 ${now}: ${c.error}`).toBeUndefined()
    }
  })

  it('captions read with their years, which now follow the data year', () => {
    expect(tables.find((t) => t.number === '1-1')?.caption).toBe('2020 和 2021 年清远市中等职业学校办学条件对比')
    const data = reportData(session.require())
    const spec = data.tableView(tables.find((t) => t.number === '1-1')!.id).spec
    expect(spec.caption).toBe('{上年} 和 {本年} 年清远市中等职业学校办学条件对比')
    expect(spec.rows[0].map((c) => c.input)).toEqual(['基本检测指标', '=上年&" 年"', '=本年&" 年"', '变化情况'])
    expect(spec.rows[2][1].input).toBe('=指标("专任教师",上年)'.replace('专任教师', spec.rows[2][0].input.replace(/（.*$/, '')))
  })

  it('year columns became indicator values for those years', () => {
    const data = reportData(session.require())
    const byName = new Map(data.indicators().map((i) => [i.name, i]))
    expect(byName.get('专任教师')?.values).toEqual({ '2020': 1622, '2021': 1649 })
    expect(byName.get('专任教师')?.unit).toBe('人')
    expect(byName.get('双师型教师')?.values).toEqual({ '2020': 874, '2021': 880 })
    expect(byName.get('文化课合格率')?.values).toEqual({ '2020': 95.56, '2021': 96.25 })
    // 表 3-1 names one year in its caption: its column is that year's values.
    expect(byName.get('装备制造大类专业布点数')?.values).toEqual({ '2021': 30 })
    // The same figure under another label (表 1-3 "专任教师总数") is the same indicator.
    expect(byName.has('专任教师总数')).toBe(false)
    // Derived rows and columns are formulas, not indicators.
    expect(byName.has('双师型教师/专业教师')).toBe(false)
    expect(byName.has('合计')).toBe(false)
  })

  it('keeps the import report in the file', () => {
    const open = session.require()
    const stored = latestImportReport(open.store.db)
    expect(stored).toEqual(report)
    expect(stored?.source.fileName).toBe('report.docx')
  })
})
