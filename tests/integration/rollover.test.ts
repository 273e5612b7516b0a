import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { reportData } from '../../src/main/data'
import { sampleValues, templateReport } from '../../src/main/templates/report'
import { importToFile } from '../../src/main/import/service'
import { rolloverDocx, rolloverReport } from '../../src/main/rollover/rollover'
import { ReportSession } from '../../src/main/services/reportSession'
import { buildReportState } from '../../src/main/services/reportState'
import { DataStore } from '../../src/main/store/dataStore'
import { latestImportReport } from '../../src/main/store/importReportStore'
import { templateMeta } from '../../src/main/templates/outline'
import { walk, textOf, type DocNode } from '../../src/shared/model/doc'
import { UserError } from '../../src/shared/errors'
import { QINGYUAN_DOCX } from '../helpers/docx'
import { sha256, tempDir } from '../helpers/reports'

/**
 * 从上一年报告新建: this year's report from last year's. Same outline, last
 * year's text as draft, year columns moved on (last year's 本年 is 上年, the
 * new 本年 empty and waiting for input), formulas still right once this
 * year's figures are typed, fields and charts following, title and dates
 * updated, last year's file untouched.
 */
const squash = (s: string) => s.replace(/\s+/g, '')

function open(path: string) {
  const session = new ReportSession({ now: () => new Date() })
  const r = session.open(path)
  const state = buildReportState(r)
  return { session, r, state, data: reportData(r) }
}

function table(o: ReturnType<typeof open>, number: string) {
  return o.data.resolveTables(o.state.numbering).find((t) => t.number === number)!
}

function paragraphs(doc: DocNode): DocNode[] {
  const out: DocNode[] = []
  walk(doc, (n) => {
    if (n.type === 'paragraph' && textOf(n).trim()) out.push(n)
  })
  return out
}

describe('rolling the imported Qingyuan 2021 report over into 2022', () => {
  let dir: string
  let last: string
  let next: string
  let before: string
  let o: ReturnType<typeof open>
  let old: ReturnType<typeof open>

  beforeAll(async () => {
    dir = tempDir('nianbao-rollover-')
    last = join(dir, '清远市2021年度质量报告.nianbao')
    next = join(dir, '清远市2022年度质量报告.nianbao')
    await importToFile({ bytes: readFileSync(QINGYUAN_DOCX), fileName: 'report.docx' }, last)
    before = sha256(last)
    await rolloverReport({ path: last }, next, { year: 2022 })
    o = open(next)
    old = open(last)
  })

  afterAll(() => {
    o.session.close()
    old.session.close()
  })

  it('leaves last year’s file as it was', () => {
    old.session.close()
    expect(sha256(last)).toBe(before)
    old = open(last)
    // No temporary copy is left next to the new report (the open report's own -wal/-shm aside).
    expect(readdirSync(dir).filter((f) => f.endsWith('.nianbao') || f.startsWith('.')).sort()).toEqual(['清远市2021年度质量报告.nianbao', '清远市2022年度质量报告.nianbao'].sort())
  })

  it('updates the year, the title and the date', () => {
    expect(o.state.meta).toMatchObject({ year: 2022, title: '2023年清远市中等职业教育质量年度报告', region: '清远市', issuer: '清远市教育局', issueDate: '2022-11-01' })
  })

  it('keeps the outline and keeps last year’s text as draft', () => {
    const outline = (x: ReturnType<typeof open>) => [
      ...x.state.numbering.chapters.map((c) => `${c.number} ${c.title}`),
      ...x.state.numbering.headings.map((h) => `${h.number} ${h.text}`),
      ...x.state.numbering.cases.map((c) => `案例 ${c.number} ${c.title}`)
    ]
    expect(outline(o)).toEqual(outline(old))
    for (const c of o.state.chapters) {
      const paras = paragraphs(o.r.store.getChapter(c.id).doc)
      for (const p of paras) expect(p.attrs?.draft, textOf(p).slice(0, 20)).toBe(true)
    }
    for (const c of old.state.chapters) for (const p of paragraphs(old.r.store.getChapter(c.id).doc)) expect(p.attrs?.draft ?? false).toBe(false)
  })

  it('moves every year column on: last year’s figures are 上年, this year’s column waits for input', () => {
    const t = table(o, '1-2')
    expect(t.caption).toBe('2021 和 2022 年清远市中等职业学校教师队伍建设情况对比')
    expect(t.rows[0].map((c) => squash(c.text))).toEqual(['基本检测指标', '2021年', '2022年', '变化情况'])
    const prev = table(old, '1-2')
    // Last year's 2021 column is this year's 上年 column.
    expect(t.rows.slice(1).map((r) => r[1].text)).toEqual(prev.rows.slice(1).map((r) => r[2].text))
    for (const r of t.rows.slice(1)) {
      expect(r[2].text).toBe('')
      expect(r[2].missing).toBe(true)
    }
    // Printed 34.1 and 35.07 last year: 35.07 keeps its two decimals in the 上年 column.
    const t11 = table(o, '1-1')
    expect(t11.rows.find((r) => r[0].text.startsWith('生均纸质图书'))![1].text).toBe('35.07')
    // A table of one year (表 3-1) is this year's table now, empty until filled in.
    const t31 = table(o, '3-1')
    expect(t31.caption).toBe('2022 年清远市中职学校专业数量分布')
    expect(t31.rows[1][2].missing).toBe(true)
  })

  it('computes the derived cells right once this year’s figures are typed', () => {
    const ind = (name: string) => o.data.requireIndicator(name).name
    o.data.setValues([
      { indicator: ind('专任教师'), year: 2022, value: 1700 },
      { indicator: ind('专业教师'), year: 2022, value: 1100 },
      { indicator: ind('双师型教师'), year: 2022, value: 935 },
      { indicator: ind('兼职教师'), year: 2022, value: 136 },
      { indicator: ind('教职工数'), year: 2022, value: 1950 },
      { indicator: ind('生师比'), year: 2022, value: 18.5 }
    ])
    const t = table(o, '1-2')
    const row = (label: string) => t.rows.find((r) => r[0].text.startsWith(label))!.map((c) => c.text)
    expect(row('专任教师')).toEqual(['专任教师（人）', '1649', '1700', '+51'])
    expect(row('双师型教师/专业教师')).toEqual(['双师型教师/专业教师（%）', '83.89', '85.00', '+1.11'])
    expect(row('兼职教师/专任教师')).toEqual(['兼职教师/专任教师（%）', '7.40', '8.00', '+0.60'])
    for (const r of t.rows) for (const c of r) expect(c.error).toBeUndefined()
  })

  it('says what still needs this year’s attention, and only that: not last year’s import findings, not codes, captions with their years', () => {
    const report = latestImportReport(o.r.store.db)!
    expect(report.rollover).toMatchObject({ fromYear: 2021, toYear: 2022 })
    expect(report.warnings.filter((w) => w.code === 'FIGURE_IS_IMAGE')).toHaveLength(12)
    // Each table or figure it names can be gone to: its chapter and its id.
    const figures = new Map(new DataStore(o.r.store.db).listFigures().map((f) => [f.spec.id, f.chapterId]))
    for (const w of report.warnings.filter((x) => x.code === 'FIGURE_IS_IMAGE')) expect(figures.get(w.target!.id!)).toBe(w.target!.chapterId)
    const tables = new Map(new DataStore(o.r.store.db).listTables().map((t) => [t.spec.id, t.chapterId]))
    for (const w of report.warnings.filter((x) => x.code === 'TABLE_LAST_YEAR_NUMBERS')) expect(tables.get(w.target!.id!)).toBe(w.target!.chapterId)
    expect(report.warnings.find((w) => w.code === 'ROLLOVER_DRAFTS')?.message).toMatch(/\d+ 个段落保留为草稿/)
    expect(report.inconsistencies).toEqual([])
    expect(report.dropped).toEqual([])
    expect(report.warnings.map((w) => w.code).filter((c) => c !== 'ROLLOVER_DRAFTS' && c !== 'FIGURE_IS_IMAGE' && c !== 'TABLE_LAST_YEAR_NUMBERS')).toEqual([])
    for (const w of report.warnings) expect(w.message).not.toMatch(/\{(本年|上年|前年)\}/)
    expect(report.warnings.some((w) => /代码/.test(w.message))).toBe(false)
    // Group titles taken from last year's captions moved on with the years.
    const groups = reportData(o.r).indicators().map((i) => i.group)
    expect(groups.some((g) => g.startsWith('2020 和 2021 年'))).toBe(false)
    expect(groups.some((g) => g.startsWith('2021 和 2022 年'))).toBe(true)
    // Last year's kept printed values follow their formula again in the new year.
    for (const t of reportData(o.r).resolveTables(buildReportState(o.r).numbering)) for (const r of t.rows) for (const c of r) expect(c.finding).toBeUndefined()
  })
})

describe('rolling over a report made with the template: fields and charts follow', () => {
  it('inline fields, indicator charts, absolute years and typed year columns all move to the new year', async () => {
    const dir = tempDir('nianbao-rollover-tpl-')
    const last = join(dir, 'last.nianbao')
    const next = join(dir, 'next.nianbao')
    const session = new ReportSession({ now: () => new Date() })
    const meta = templateMeta('city', { region: '清远市', year: 2021, issuer: '清远市教育局' })
    const t = templateReport('city', meta, sampleValues())
    const created = session.create(last, meta, t.chapters, (db) => {
      t.seed(db)
      const data = new DataStore(db)
      // A table typed by hand: literal figures under literal year labels, and a formula with an absolute year.
      data.putTable(
        {
          id: 'tbl_typed',
          caption: '2020 和 2021 年手工表',
          note: '',
          headerRows: 1,
          columnWidths: [2, 1, 1, 1],
          rows: [
            [{ input: '指标' }, { input: '2020 年' }, { input: '2021 年' }, { input: '变化' }],
            [{ input: '手工指标（人）' }, { input: '10' }, { input: '12' }, { input: '=ROUND(C2,0)-ROUND(B2,0)' }],
            [{ input: '专任教师（2021）' }, { input: '' }, { input: '=指标("专任教师",2021)' }, { input: '' }]
          ],
          merges: []
        },
        null
      )
    })
    const firstChapter = created.store.listChapters()[0].id
    const doc = created.store.getChapter(firstChapter).doc
    doc.content!.push({ type: 'reportTable', attrs: { id: 'tbl_typed' } })
    const { summarizeChapter } = await import('../../src/shared/model/summary')
    created.store.saveChapter(firstChapter, doc, summarizeChapter(doc))
    const before = reportData(created)
    const fieldRefs: string[] = []
    for (const c of created.store.listChapters())
      walk(created.store.getChapter(c.id).doc, (n) => {
        if (n.type === 'dataField') fieldRefs.push(String(n.attrs?.ref))
      })
    expect(fieldRefs.length).toBeGreaterThan(0)
    const beforeFields = before.fields(fieldRefs)
    const beforeCharts = before.resolveFigures(buildReportState(created).numbering).filter((f) => f.kind === 'chart')
    session.close()

    await rolloverReport({ path: last }, next, { year: 2022 })
    const o = open(next)
    try {
      // Fields read this year's values: none yet, so they wait for input.
      const after = o.data.fields(fieldRefs)
      expect(after.some((f) => f.missing)).toBe(true)
      expect(beforeFields.filter((f) => f.value !== null && !f.error).length).toBeGreaterThan(0)
      // Once typed, a field quoting 专任教师 shows the new figure.
      o.data.setValues([{ indicator: '专任教师', year: 2022, value: 1700 }])
      const quoted = o.data.fields(fieldRefs.filter((r) => r.includes('teachers.fulltime') && !r.includes('上年') && !r.includes('-')))
      expect(quoted.some((f) => f.value === 1700)).toBe(true)

      // Charts over indicators move to 2021/2022.
      const charts = o.data.resolveFigures(o.state.numbering).filter((f) => f.kind === 'chart')
      expect(charts.length).toBe(beforeCharts.length)
      const yearsOf = (f: (typeof charts)[number]) => JSON.stringify(f.data)
      expect(charts.map(yearsOf).join('')).toContain('2022')
      expect(beforeCharts.map(yearsOf).join('')).not.toContain('2022')

      // The hand-typed table: its 2021 figures are 上年 now, its absolute year moved on.
      const typed = o.data.resolveTables(o.state.numbering).find((x) => x.id === 'tbl_typed')!
      expect(typed.caption).toBe('2021 和 2022 年手工表')
      expect(typed.rows[0].map((c) => squash(c.text))).toEqual(['指标', '2021年', '2022年', '变化'])
      expect(typed.rows[1][1].text).toBe('12')
      expect(typed.rows[1][2].missing).toBe(true)
      const spec = o.data.tableView('tbl_typed').spec
      expect(spec.rows[2][2].input).toBe('=指标("专任教师",2022)')
      expect(o.data.indicators().find((i) => i.name === '手工指标')?.values).toEqual({ '2020': 10, '2021': 12 })
    } finally {
      o.session.close()
    }
  })
})

describe('rolling over from a .docx and refusing what cannot be rolled over', () => {
  it('from last year’s .docx directly, leaving no temporary file', async () => {
    const dir = tempDir('nianbao-rollover-docx-')
    const next = join(dir, '2022.nianbao')
    const { report } = await rolloverDocx({ bytes: readFileSync(QINGYUAN_DOCX), fileName: 'report.docx' }, next, { year: 2022 })
    expect(report.rollover).toMatchObject({ fromYear: 2021, toYear: 2022 })
    expect(readdirSync(dir)).toEqual(['2022.nianbao'])
    const o = open(next)
    try {
      expect(o.state.meta.year).toBe(2022)
      expect(o.state.numbering.cases).toHaveLength(25)
    } finally {
      o.session.close()
    }
  })

  it('a year that is not after last year’s is refused with nothing created', async () => {
    const dir = tempDir('nianbao-rollover-bad-')
    const last = join(dir, 'last.nianbao')
    await importToFile({ bytes: readFileSync(QINGYUAN_DOCX), fileName: 'report.docx' }, last)
    const next = join(dir, 'next.nianbao')
    await expect(rolloverReport({ path: last }, next, { year: 2021 })).rejects.toThrow(UserError)
    await expect(rolloverReport({ path: last }, next, { year: 2020 })).rejects.toThrow(/应晚于上一年报告的数据年度（2021）/)
    expect(existsSync(next)).toBe(false)
    expect(readdirSync(dir)).toEqual(['last.nianbao'])
  })
})
