/**
 * The exported report as a reader sees it: rendered by LibreOffice to PDF,
 * once as the file opens (no field updated: the cached lists must already
 * be complete) and once after updating every field and list the way a user
 * would (scripts/render/docx-to-pdf.py). pdftotext gives the order and the
 * lists; pdftoppm keeps a few pages to look at in test-artifacts/.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderReport, type RenderedReport } from '../../src/main/export'
import { reportNumbering } from '../../src/main/export/layout'
import type { ReportNumbering } from '@shared/model/numbering'
import { fixtureSource, qingyuanReport, type FixtureReport } from '../helpers/exportFixture'
import { ARTIFACTS } from '../helpers/browser'

/** The project's own render script and its font map (official-document fonts → Noto CJK). */
const RENDER = join(__dirname, '..', '..', 'scripts', 'render', 'docx-to-pdf.py')
const env = { ...process.env, FONTCONFIG_FILE: join(__dirname, '..', '..', 'scripts', 'render', 'fonts.conf') }

let dir: string
let fixture: FixtureReport
let numbering: ReportNumbering
let rendered: RenderedReport
/** Pages of the PDF after the fields were updated, and as the file opens. */
let updated: string[]
let asOpened: string[]

function pdfPages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f')
}

const firstLine = (page: string) => page.split('\n').map((l) => l.trim()).find(Boolean) ?? ''
/** "案例 3：标题.......... 12" → ["案例 3：标题", 12]; wrapped entries joined. */
function listEntries(pages: string[]): Map<string, number> {
  const out = new Map<string, number>()
  let pending = ''
  for (const page of pages) {
    for (const raw of page.split('\n')) {
      const line = raw.trim()
      if (!line || /^- .* -$/.test(line) || /^-\s*-$/.test(line)) continue
      // An entry that fills its line has no dots left before its page number.
      const m = /^(.*?)(?:\s*\.[.\s]*|\s+|(?<=[\u4e00-\u9fff）)”]))(\d+)$/.exec(line)
      if (m) {
        out.set((pending + m[1]).replace(/\s+/g, ' ').trim(), Number(m[2]))
        pending = ''
      } else if (/^(\d|案例|表|图)/.test(line) && !/^(目录|案例目录|图表目录)$/.test(line)) pending = `${line}`
      else if (pending) pending += line
    }
  }
  return out
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-render-'))
  fixture = qingyuanReport()
  numbering = reportNumbering(fixtureSource(fixture))
  rendered = await renderReport(fixtureSource(fixture))
  const docx = join(dir, 'qingyuan.docx')
  writeFileSync(docx, rendered.buffer)
  execFileSync('/usr/bin/python3', [RENDER, docx, join(dir, 'updated.pdf')], { env, stdio: 'ignore', timeout: 180_000 })
  updated = pdfPages(join(dir, 'updated.pdf'))
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', join(dir, 'plain'), docx], {
    env,
    stdio: 'ignore',
    timeout: 180_000
  })
  asOpened = pdfPages(join(dir, 'plain', 'qingyuan.pdf'))
  // Pages to look at: cover, 目录, 案例目录, 图表目录, the first body pages, a case, the appendix.
  mkdirSync(ARTIFACTS, { recursive: true })
  const pick = (title: string) => updated.findIndex((p) => firstLine(p) === title) + 1
  const body = updated.findIndex((p) => firstLine(p) === '1 基本情况') + 1
  const caseBox = updated.findIndex((p, i) => i >= body && p.includes('案例 1：')) + 1
  const appendix = updated.findIndex((p) => firstLine(p) === '附件') + 1
  for (const [name, page] of [
    ['cover', 1],
    ['toc', pick('目录')],
    ['cases', pick('案例目录')],
    ['figures', pick('图表目录')],
    ['body-1', body],
    ['body-2', body + 1],
    ['case', caseBox],
    ['appendix', appendix]
  ] as const) {
    if (page > 0) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', join(dir, 'updated.pdf'), join(ARTIFACTS, `export-${name}`)])
  }
}, 400_000)

describe.each([
  ['as the file opens (cached lists)', () => asOpened],
  ['after updating every field and list', () => updated]
])('rendered by LibreOffice %s', (_name, pages) => {
  it('reads in order: cover, 目录, 案例目录, 图表目录, chapter 1 … chapter 9, 附件', () => {
    const p = pages()
    expect(p[0]).toContain('2022 年清远市中等职业教育')
    expect(p[0]).toContain('清远市教育局编')
    expect(p[0]).toContain('2021 年 11 月')
    const start = (title: string) => p.findIndex((page) => firstLine(page) === title)
    const order = ['目录', '案例目录', '图表目录', '1 基本情况'].map(start)
    expect(order.every((i) => i > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    const text = p.join('\f')
    const chapters = numbering.chapters.filter((c) => c.number).map((c) => text.lastIndexOf(`${c.number} ${c.title}`))
    expect([...chapters].sort((a, b) => a - b)).toEqual(chapters)
    expect(text.lastIndexOf('附件')).toBeGreaterThan(chapters[chapters.length - 1])
  })

  it('lists every case in 案例目录 and every table and figure in 图表目录 with its number and a page', () => {
    const p = pages()
    const at = (t: string) => p.findIndex((page) => firstLine(page) === t)
    const caseList = listEntries(p.slice(at('案例目录'), at('图表目录')))
    const figureList = listEntries(p.slice(at('图表目录'), at('1 基本情况')))
    for (const c of numbering.cases) expect(caseList.get(`案例 ${c.number}：${c.title}`.replace(/\s+/g, ' ')) ?? 0, `案例 ${c.number}`).toBeGreaterThan(0)
    expect(caseList.size).toBe(numbering.cases.length)
    const captions = [
      ...numbering.tables.filter((t) => t.number).map((t) => `表 ${t.number} ${fixture.tables.get(t.id)!.caption}`),
      ...numbering.figures.filter((f) => f.number).map((f) => `图 ${f.number} ${fixture.figures.get(f.id)!.caption}`)
    ]
    for (const c of captions) expect(figureList.get(c.replace(/\s+/g, ' ')) ?? 0, `${c} in ${[...figureList.keys()].join(' | ')}`).toBeGreaterThan(0)
    expect(figureList.size).toBe(captions.length)
    // And in the body, with the same numbers.
    const body = p.slice(at('1 基本情况')).join('\n').replace(/[ \t]+/g, ' ')
    for (const c of numbering.cases) expect(body).toContain(`案例 ${c.number}：`)
    for (const c of captions) expect(body).toContain(c.slice(0, 12))
  })

  it('numbers the body pages "- 1 -", "- 2 -" … from the first chapter', () => {
    const p = pages()
    const first = p.findIndex((page) => firstLine(page) === '1 基本情况')
    const numbers = p
      .slice(first)
      .map((page) => /^\s*-\s*(\d+)\s*-\s*$/m.exec(page)?.[1])
      .filter(Boolean)
      .map(Number)
    expect(numbers.slice(0, 5)).toEqual([1, 2, 3, 4, 5])
    expect(numbers.length).toBeGreaterThan(50)
  })
})

describe('page numbers written into the lists', () => {
  it('are those LibreOffice finds for most entries, and never far off', () => {
    const at = (t: string) => updated.findIndex((page) => firstLine(page) === t)
    const lo = listEntries(updated.slice(at('目录'), at('1 基本情况')))
    const all = [...rendered.layout.lists.toc, ...rendered.layout.lists.cases, ...rendered.layout.lists.tablesAndFigures]
    const diffs = all.flatMap((e) => {
      const page = lo.get(e.text.replace(/\s+/g, ' '))
      return page === undefined ? [] : [Math.abs(page - (e.page ?? 0))]
    })
    expect(diffs.length).toBeGreaterThan(all.length * 0.8)
    const exact = diffs.filter((d) => d === 0).length
    console.log(`page estimate: ${exact}/${diffs.length} entries exact, worst ${Math.max(...diffs)} page(s) off (LibreOffice with Noto CJK in place of the official fonts)`)
    expect(exact / diffs.length).toBeGreaterThan(0.75)
    expect(Math.max(...diffs)).toBeLessThanOrEqual(2)
  })
})
