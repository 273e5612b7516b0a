/**
 * The published Qingyuan report, imported (nianbao import) and exported
 * again (nianbao export): everything comes through, and the numbers the
 * publication got wrong come out in order; printed (LibreOffice, the
 * project's render script), no number in a table breaks across lines.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ARTIFACTS } from '../helpers/browser'
import { BIN } from '../helpers/host'
import { instructions, openDocx, paragraphs, tables } from '../helpers/exportDocx'

const QINGYUAN_DOCX = join(__dirname, '..', 'fixtures', 'qingyuan-2021', 'report.docx')

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: process.env, timeout: 180_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('import, then export', () => {
  it('gives back the whole report in the official layout, numbered from order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-imported-'))
    const report = join(dir, '清远市2021.nianbao')
    expect(cli(['import', QINGYUAN_DOCX, '--out', report]).code).toBe(0)
    const r = cli(['export', report, '--out', join(dir, '年报.docx'), '--json', '--quiet'])
    expect(r.code).toBe(0)
    const s = JSON.parse(r.out)
    expect(s).toMatchObject({ chapters: 9, appendices: 1, headings: 67, cases: 25, figures: 12 })
    expect(s.tables).toBeGreaterThanOrEqual(13)

    const docx = openDocx(readFileSync(join(dir, '年报.docx')))
    const texts = paragraphs(docx.document).map((p) => p.text)
    // The publication numbered two sections 3.2.2.2, and put 表 4-1 in chapter 3 and 图 4-1 in chapter 5.
    expect(texts).toContain('3.2.2.3 持续推进现代学徒制工作')
    expect(texts.some((t) => /^表 3-5 2020 和 2021 年清远市中等职业学校教师参加培训情况/.test(t))).toBe(true)
    expect(texts.some((t) => /^图 5-1 2021 年清远市中职学校毕业生前五类专业大类/.test(t))).toBe(true)
    expect(instructions(docx.document).filter((i) => i === 'SEQ 案例 \\* ARABIC').length).toBe(25)
    expect(texts).toContain('附件')
  })
})

/** The project's own render script and its font map (official-document fonts → Noto CJK). */
const RENDER = join(__dirname, '..', '..', 'scripts', 'render', 'docx-to-pdf.py')
const FONTS = join(__dirname, '..', '..', 'scripts', 'render', 'fonts.conf')
/** A number as a table prints it: 7.50, +0.97, -0.1, 58.52:41.48, 18.75%, ↑16. */
const NUMBER = /[+\-−↑↓]?\d[\d.,:%]*/g

/** The text of each cell of a table in document.xml (its paragraphs joined). */
function cellTexts(table: string): string[] {
  return [...table.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => [...m[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
}

describe('import, then export, then print', () => {
  it('prints every number in a table cell whole, on one line (表 1-4: 6.35, +0.97, +1.76, never 6.3 / 5)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-print-'))
    const report = join(dir, '清远市2021.nianbao')
    expect(cli(['import', QINGYUAN_DOCX, '--out', report]).code).toBe(0)
    const docx = join(dir, '年报.docx')
    expect(cli(['export', report, '--out', docx, '--quiet']).code).toBe(0)
    const pdf = join(dir, '年报.pdf')
    execFileSync('/usr/bin/python3', [RENDER, docx, pdf], { env: { ...process.env, FONTCONFIG_FILE: FONTS }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 })
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f')

    // Every number of every table, as the words pdftotext reads on the pages.
    const words = new Set(pages.join('\n').split(/[\s|]+/))
    const xml = openDocx(readFileSync(docx)).document
    const numbers = new Set(tables(xml).flatMap((t) => cellTexts(t).flatMap((c) => (/^[\s+\-−↑↓\d.,:%]+$/.test(c) ? c.match(NUMBER) ?? [] : []))))
    expect(numbers.size).toBeGreaterThan(100)
    const broken = [...numbers].filter((n) => n.length > 1 && !words.has(n))
    expect(broken).toEqual([])

    // 表 1-4 as the issue saw it, and a page of it to look at.
    const page = pages.findIndex((p) => /表 1-4 2020 和 2021 年清远市中等职业学校教师学历职称情况对比/.test(p) && p.includes('变化情况'))
    expect(page).toBeGreaterThan(0)
    const lines = pages[page].split('\n')
    lines.splice(0, lines.findIndex((l) => l.includes('表 1-4 2020')))
    const row = (label: string) => lines.find((l) => l.trim().startsWith(label))?.trim().slice(label.length).trim().split(/\s+/)
    expect(row('2020 年')).toEqual(['122', '7.52', '241', '14.86', '103', '6.35', '121', '7.50'])
    expect(row('变化情况')).toEqual(['+18', '+0.97', '+33', '+1.76', '0', '-0.1', '+1', '-0.1'])
    mkdirSync(ARTIFACTS, { recursive: true })
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page + 1), '-l', String(page + 1), '-singlefile', pdf, join(ARTIFACTS, 'export-imported-table-1-4')])
  }, 500_000)
})
