import { readFileSync } from 'node:fs'
import { unzipSync } from 'fflate'
import { textOf } from '../../src/shared/model/doc'
import { fillYears } from '../../src/shared/model/formula'
import { numberReport } from '../../src/shared/model/numbering'
import { summarizeChapter } from '../../src/shared/model/summary'
import type { ImportedReport } from '../../src/main/import/model'
import { runImport } from '../../src/main/import/runner'
import { nodesOf, QINGYUAN_DOCX, readQingyuanTxt } from '../helpers/docx'

/**
 * The Qingyuan 2021 report imported from its .docx (through the worker, as
 * the app does). What it must contain is read independently from the text
 * extracted from the published report (tests/fixtures/qingyuan-2021/report.txt).
 */
const squash = (s: string) => s.replace(/\s+/g, '')

function expected() {
  const lines = readQingyuanTxt()
    .split('\n')
    .map((l) => l.trim())
  const start = lines.indexOf('1 基本情况')
  const body = lines.slice(start).filter((l) => l && !l.startsWith('|'))
  const headings: { level: number; typed: string; title: string }[] = []
  const cases: { n: number; title: string }[] = []
  const tables: { typed: string; title: string }[] = []
  const figures: { typed: string; title: string }[] = []
  for (const l of body) {
    let m = /^(\d{1,2}(?:\.\d{1,2}){0,3}) (\S.{0,60})$/.exec(l)
    if (m) headings.push({ level: m[1].split('.').length, typed: m[1], title: m[2] })
    m = /^案例 (\d+)：(.+)$/.exec(l)
    if (m) cases.push({ n: Number(m[1]), title: m[2] })
    m = /^表 (\d+-\d+) (.+)$/.exec(l)
    if (m) tables.push({ typed: m[1], title: m[2] })
    m = /^图 (\d+-\d+) (.+)$/.exec(l)
    if (m) figures.push({ typed: m[1], title: m[2] })
  }
  return { headings, cases, tables, figures }
}

let r: ImportedReport
const want = expected()

beforeAll(async () => {
  r = await runImport(readFileSync(QINGYUAN_DOCX), 'report.docx')
})

function numbering() {
  return numberReport(r.chapters.map((c) => ({ id: c.id, kind: c.kind, title: c.title, summary: summarizeChapter(c.doc) })))
}

describe('importing the Qingyuan 2021 report', () => {
  it('reads the cover into the report properties', () => {
    expect(r.meta.title).toBe('2022年清远市中等职业教育质量年度报告')
    expect(r.meta.region).toBe('清远市')
    expect(r.meta.level).toBe('city')
    expect(r.meta.issuer).toBe('清远市教育局')
    // The figures describe 2021: the latest year in its tables.
    expect(r.meta.year).toBe(2021)
  })

  it('has the nine chapters in order, then the appendix', () => {
    const chapters = want.headings.filter((h) => h.level === 1)
    expect(chapters).toHaveLength(9)
    expect(r.chapters.filter((c) => c.kind === 'chapter').map((c) => c.title)).toEqual(chapters.map((c) => c.title))
    expect(r.chapters.map((c) => c.kind)).toEqual([...Array(9).fill('chapter'), 'appendix'])
    expect(r.chapters[9].title).toBe('附件')
    expect(r.report.counts.chapters).toBe(9)
    expect(r.report.counts.appendices).toBe(1)
  })

  it('has every heading down to the fourth level, in order, without its typed number', () => {
    const sections = want.headings.filter((h) => h.level > 1)
    const got = r.chapters.flatMap((c) => (c.doc.content ?? []).filter((n) => n.type === 'heading').map((n) => ({ level: Number(n.attrs?.level), title: textOf(n) })))
    expect(got.map((h) => `${h.level} ${squash(h.title)}`)).toEqual(sections.map((h) => `${h.level} ${squash(h.title)}`))
    expect(sections.filter((h) => h.level === 4).length).toBeGreaterThan(0)
    expect(r.report.counts.headings).toBe(sections.length)
    // Numbers are computed: the second "3.2.2.2" becomes 3.2.2.3.
    const n = numbering()
    const modern = n.headings.find((h) => h.text === '持续推进现代学徒制工作')
    expect(modern?.number).toBe('3.2.2.3')
  })

  it('has the 25 cases with their titles, each with its body and photos', () => {
    expect(want.cases.map((c) => c.n)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    const cases = nodesOf(r, 'caseStudy')
    expect(cases.map((c) => squash(textOf(c.content![0])))).toEqual(want.cases.map((c) => squash(c.title)))
    for (const c of cases) {
      expect(c.content!.slice(1).some((n) => n.type === 'paragraph' && textOf(n).length > 20)).toBe(true)
      expect(c.content!.some((n) => n.type === 'photo')).toBe(true)
    }
    expect(cases[0].attrs?.school).toBe('清远工贸职业技术学校')
    expect(r.report.counts.cases).toBe(25)
  })

  it('has the 13 tables with their captions and the 12 figures as images with theirs', () => {
    expect(want.tables).toHaveLength(13)
    expect(want.figures).toHaveLength(12)
    const n = numbering()
    const byId = new Map(r.tables.map((t) => [t.spec.id, t.spec]))
    const numbered = n.tables.filter((t) => t.number)
    // Years in captions follow the data year ({上年} 和 {本年} 年…) and read as printed for 2021.
    expect(numbered.map((t) => squash(fillYears(byId.get(t.id)!.caption, r.meta.year)))).toEqual(want.tables.map((t) => squash(t.title)))
    const figs = new Map(r.figures.map((f) => [f.id, f]))
    expect(n.figures.map((f) => squash(figs.get(f.id)!.caption))).toEqual(want.figures.map((f) => squash(f.title)))
    for (const f of r.figures) {
      expect(f.kind).toBe('image')
      expect(r.assets.some((a) => a.hash === f.asset)).toBe(true)
    }
    // Numbered by place: the "表 4-1" typed in chapter 3 is 表 3-5, the second "图 6-1" is 图 6-2.
    expect(numbered.map((t) => t.number)).toContain('3-5')
    expect(n.figures.map((f) => f.number)).toEqual(['1-1', '2-1', '2-2', '2-3', '2-4', '2-5', '2-6', '2-7', '2-8', '5-1', '6-1', '6-2'])
    expect(r.report.counts).toMatchObject({ tables: 13, figures: 12, appendixTables: 1 })
  })

  it('keeps table cells, merged header cells and derived cells as formulas', () => {
    const t13 = r.tables.find((t) => t.spec.caption.includes('全市中等职业学校教师学历职称'))!.spec
    expect(t13.headerRows).toBe(2)
    expect(t13.merges).toEqual(
      expect.arrayContaining([
        { row: 0, col: 0, rowSpan: 2, colSpan: 1 },
        { row: 0, col: 2, rowSpan: 1, colSpan: 2 }
      ])
    )
    // 占比 = 人数 / 专任教师总数, computed; the change row is the difference of the two years.
    expect(t13.rows[2][3].input).toBe('=ROUND(C3/B3*100,2)')
    // A change is of the values as displayed.
    expect(t13.rows[4][1].input).toBe('=ROUND(B4,0)-ROUND(B3,0)')
    expect(t13.rows[2][1].input).toBe('=指标("专任教师",上年)')
    const t12 = r.tables.find((t) => t.spec.caption.includes('教师队伍建设情况'))!.spec
    const ratio = t12.rows.find((row) => row[0].input.startsWith('双师型教师/专业教师'))!
    expect(ratio[1].input).toBe('=ROUND(B5/B4*100,2)')
    expect(ratio[3].format).toEqual({ kind: 'change', decimals: 2 })
    const t31 = r.tables.find((t) => t.spec.caption.includes('专业数量分布'))!.spec
    expect(t31.rows[t31.rows.length - 1][2].input).toBe('=SUM(C2:C14)')
  })

  it('keeps the photos with their captions, joining captions the old layout broke over lines', () => {
    const doc = Buffer.from(unzipSync(readFileSync(QINGYUAN_DOCX), { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']).toString('utf8')
    const drawings = doc.match(/<w:drawing>/g)!.length
    const photos = nodesOf(r, 'photo')
    expect(photos).toHaveLength(drawings - want.figures.length)
    for (const p of photos) {
      expect(typeof p.attrs?.asset).toBe('string')
      expect(textOf(p).length).toBeGreaterThan(1)
    }
    const captions = photos.map((p) => textOf(p))
    expect(captions).toContain('学校领导班子组织召开就业工作会议')
    expect(captions).toContain('承办南粤家政、清远管家职业技能大赛')
    expect(r.report.counts.photos).toBe(photos.length)
  })

  it('imports the appendix table whole, across its page breaks', () => {
    const app = r.chapters[9]
    const node = app.doc.content!.find((n) => n.type === 'reportTable')!
    const t = r.tables.find((x) => x.spec.id === node.attrs?.id)!.spec
    expect(t.caption).toBe('2021 年度清远市中等职业学校编制发布年度质量报告情况汇总表')
    expect(t.rows).toHaveLength(15)
    expect(t.rows.slice(1).map((row) => row[0].input)).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1)))
    expect(t.rows[5][3].input).toBe('http://www.lianzhou.gov.cn/lzszdlyxxgkzl/gxxx/zxxxxxgkndbg/content/post_1472006.html')
    expect(t.rows[11][1].input).toBe('连山壮族瑶族自治县职业技术学校')
  })

  it('turns "见表 1-1", "见图 2-2、2-3" into live references to the imported table or figure', () => {
    const n = numbering()
    const label = new Map([...n.tables.map((t) => [t.id, `表 ${t.number}`] as const), ...n.figures.map((f) => [f.id, `图 ${f.number}`] as const)])
    const refs = nodesOf(r, 'crossRef').map((x) => label.get(String(x.attrs?.id)))
    expect(refs).toEqual(['表 1-1', '表 1-2', '表 1-3', '表 1-4', '表 2-1', '图 2-2', '图 2-3', '图 2-4', '图 2-5', '图 2-6', '图 2-7', '表 3-5', '图 5-1'])
    expect(r.report.inconsistencies.filter((i) => i.code === 'CROSS_REF_UNRESOLVED')).toEqual([])
  })

  it('does not import the old 目录, 案例目录 and 图表目录 as content', () => {
    const all = r.chapters.map((c) => textOf(c.doc)).join('')
    expect(all).not.toContain('目录')
    expect(all).not.toMatch(/- \d+ -/)
    expect(r.report.dropped.filter((d) => d.code === 'OLD_LIST').map((d) => d.place.split('（')[0])).toEqual(['目录', '案例目录', '图表目录'])
  })

  it('reports every inconsistency of the old numbering, lists and printed values, with its place', () => {
    const inc = r.report.inconsistencies
    const codes = inc.map((i) => i.code).sort()
    expect(codes).toEqual(
      [
        'HEADING_NUMBER_DUPLICATE',
        'TABLE_NUMBER_OTHER_CHAPTER',
        'FIGURE_NUMBER_OTHER_CHAPTER',
        'FIGURE_NUMBER_DUPLICATE',
        'CASE_LIST_MISSING',
        'CASE_LIST_MISSING',
        'FIGURE_LIST_MISSING',
        'FIGURE_LIST_MISSING',
        'FIGURE_LIST_TITLE_DIFFERS',
        'TABLE_VALUE_MISMATCH',
        'TABLE_VALUE_MISMATCH',
        'TABLE_VALUE_MISMATCH',
        'TABLE_VALUE_MISMATCH'
      ].sort()
    )
    const one = (code: string, ...words: string[]) => {
      const hits = inc.filter((i) => i.code === code && words.every((w) => i.message.includes(w)))
      expect(hits, `${code} ${words.join(' ')}`).toHaveLength(1)
      expect(hits[0].place).toMatch(/原文第 \d+ 段/)
      return hits[0]
    }
    expect(one('HEADING_NUMBER_DUPLICATE', '3.2.2.2', '3.2.2.3', '持续推进现代学徒制工作').place).toContain('第 3 章')
    expect(one('TABLE_NUMBER_OTHER_CHAPTER', '表 4-1', '第 3 章', '3-5').place).toContain('3.3.2')
    expect(one('FIGURE_NUMBER_OTHER_CHAPTER', '图 4-1', '第 5 章', '5-1').place).toContain('5.1.1')
    one('FIGURE_NUMBER_DUPLICATE', '6-1', '6-2', '强师工程资金安排')
    one('CASE_LIST_MISSING', '案例 21')
    one('CASE_LIST_MISSING', '案例 22')
    one('FIGURE_LIST_MISSING', '图 4-1')
    one('FIGURE_LIST_MISSING', '图 6-1', '强师工程资金安排')
    one('FIGURE_LIST_TITLE_DIFFERS', '图 2-5', '毕业就业分布', '毕业生就业分布')
    one('TABLE_VALUE_MISMATCH', '表 3-3', 'E2', '44', '42')
    one('TABLE_VALUE_MISMATCH', '表 3-4', 'F2', '27', '24')
    one('TABLE_VALUE_MISMATCH', '表 7-1', 'E4', '16', '15')
    // 表 1-4's 占比 is over 专任教师 (表 1-2): 121 / 1622 is 7.46, printed 7.50.
    one('TABLE_VALUE_MISMATCH', '表 1-4', 'I3', '7.50', '7.46', '指标("专任教师",上年)')
  })

  it('gives every place in the chapters its target: the table, heading or figure there, to go to with a click', () => {
    const nodeText = new Map<string, { chapterId: string; type: string; text: string }>()
    for (const c of r.chapters)
      for (const n of c.doc.content ?? [])
        for (const x of [n, ...(n.type === 'caseStudy' ? (n.content ?? []) : [])])
          if (typeof x.attrs?.id === 'string') nodeText.set(x.attrs.id, { chapterId: c.id, type: x.type, text: textOf(x) })
    const issues = [...r.report.inconsistencies, ...r.report.warnings]
    const targeted = issues.filter((i) => i.target)
    expect(targeted.length).toBeGreaterThanOrEqual(9)
    for (const i of targeted) {
      expect(r.chapters.map((c) => c.id)).toContain(i.target!.chapterId)
      if (i.target!.id) expect(nodeText.get(i.target!.id)?.chapterId).toBe(i.target!.chapterId)
    }
    for (const i of issues.filter((x) => x.code === 'TABLE_VALUE_MISMATCH')) expect(i.target?.id).toBe(i.cell!.tableId)
    const dup = issues.find((i) => i.code === 'HEADING_NUMBER_DUPLICATE')!
    expect(nodeText.get(dup.target!.id!)).toMatchObject({ type: 'heading', text: '持续推进现代学徒制工作' })
    const moved = issues.find((i) => i.code === 'FIGURE_NUMBER_OTHER_CHAPTER')!
    expect(nodeText.get(moved.target!.id!)?.type).toBe('figure')
    // A case or figure the old lists left out: its place in the body. An entry of an old list: the lists are not in the new report, nothing to go to.
    for (const i of issues.filter((x) => x.code.endsWith('_LIST_MISSING'))) expect(['caseStudy', 'figure']).toContain(nodeText.get(i.target!.id!)?.type)
    const listed = issues.filter((x) => x.code === 'FIGURE_LIST_TITLE_DIFFERS')
    expect(listed).toHaveLength(1)
    for (const i of listed) expect(i.target).toBeUndefined()
  })

  it('leaves nothing in the text that the old layout put there', () => {
    const text = r.chapters.map((c) => textOf(c.doc)).join('\n')
    // Captions and typed numbers are gone from the text (they are computed now).
    expect(text).not.toMatch(/^表 \d+-\d+/m)
    expect(text).not.toContain('案例 1：')
    expect(text).not.toContain('3.2.1.1')
  })
})
