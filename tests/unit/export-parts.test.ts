/**
 * The pieces of the Word export on their own: column widths, line counting,
 * cover texts, the 数据来源 line, atomic writing, and how unusual reports
 * (no cases, skipped heading levels, deleted tables, unreadable pictures,
 * appendix tables) come out.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DocNode } from '@shared/model/doc'
import type { ResolvedTable } from '@shared/model/table'
import { UserError } from '@shared/errors'
import { renderReport } from '../../src/main/export'
import { coverDate, coverIssuer, noteText } from '../../src/main/export/layout'
import { columnWidths } from '../../src/main/export/tableLayout'
import { CELL_MARGIN_X } from '../../src/main/export/geometry'
import { exportSummaryText } from '@shared/contract/export'
import { countLines, textWidth } from '../../src/main/export/textMetrics'
import { splitTitle } from '../../src/main/export/writer/frontMatter'
import { writeError, writeFileAtomic } from '../../src/main/export/atomicWrite'
import { docxFileName } from '../../src/main/services/handlers/export'
import type { ExportSource } from '../../src/main/export/source'
import { QINGYUAN_META, photoPng } from '../helpers/exportFixture'
import { instructions, openDocx, paragraphs } from '../helpers/exportDocx'

const t = (text: string): DocNode => ({ type: 'text', text })
const p = (text: string, attrs?: Record<string, unknown>): DocNode => ({ type: 'paragraph', attrs, content: [t(text)] })
const h = (level: number, text: string): DocNode => ({ type: 'heading', attrs: { id: `h_${text}`, level }, content: [t(text)] })

function source(chapters: { title: string; kind?: 'chapter' | 'appendix'; content: DocNode[] }[], tables: Record<string, ResolvedTable> = {}): ExportSource {
  const png = photoPng(3, 40, 30)
  return {
    meta: QINGYUAN_META,
    chapters: chapters.map((c, i) => ({ id: `ch${i}`, title: c.title, kind: c.kind ?? 'chapter', doc: { type: 'doc', content: c.content } })),
    asset: (hash) => (hash === 'a'.repeat(64) ? { mime: 'image/png', width: 40, height: 30, bytes: png } : hash === 'b'.repeat(64) ? { mime: 'image/webp', width: 40, height: 30, bytes: png } : null),
    data: { table: (id) => tables[id] ?? null, figure: () => null, fieldText: () => null, chartPng: async () => png }
  }
}

describe('column widths for Chinese tables', () => {
  it('gives a column of short numbers little room and long names more, filling the width exactly', () => {
    const rows = [
      [{ text: '序号', col: 0, colSpan: 1 }, { text: '学校名称', col: 1, colSpan: 1 }, { text: '发布网址', col: 2, colSpan: 1 }],
      [{ text: '1', col: 0, colSpan: 1 }, { text: '清远市职业技术学校', col: 1, colSpan: 1 }, { text: 'http://www.qyszz.cn/a/zhuanlantiantiandi/2021/1119/1297.html', col: 2, colSpan: 1 }]
    ]
    const w = columnWidths(rows, 3, 8845, 12)
    expect(w.reduce((a, b) => a + b, 0)).toBe(8845)
    expect(w[0]).toBeLessThan(w[1])
    expect(w[1]).toBeLessThan(w[2])
    // 序号 still fits its two characters.
    expect(w[0]).toBeGreaterThanOrEqual(2 * 240)
  })

  it('keeps the proportions an editor gave, and ignores widths that are all alike', () => {
    const rows = [[{ text: '甲', col: 0, colSpan: 1 }, { text: '乙乙乙乙乙乙', col: 1, colSpan: 1 }]]
    expect(columnWidths(rows, 2, 9000, 12, [1, 2])).toEqual([3000, 6000])
    const auto = columnWidths(rows, 2, 9000, 12, [1, 1])
    expect(auto[1]).toBeGreaterThan(auto[0])
  })

  it('widens a column given too little room, so "2020 年" and "占比/%" never break', () => {
    const rows = [[{ text: '2020 年', col: 0, colSpan: 1 }, { text: '占比/%', col: 1, colSpan: 1 }, { text: '说明文字说明文字说明文字', col: 2, colSpan: 1 }]]
    const w = columnWidths(rows, 3, 8845, 12, [1, 1, 20])
    expect(w.reduce((a, b) => a + b, 0)).toBe(8845)
    expect(w[0]).toBeGreaterThanOrEqual(textWidth('2020 年', 12) + 160)
    expect(w[1]).toBeGreaterThanOrEqual(textWidth('占比/%', 12) + 160)
    expect(w[2]).toBeGreaterThan(w[0] + w[1])
  })

  it('never breaks a number: 表 1-4 with the widths its Word file gave still has room for +0.97 and 6.35 in a wide Latin font', () => {
    // Advance widths (em) of DejaVu Serif, which draws Times New Roman where it is missing (LibreOffice, WPS on Linux).
    const dejaVu: Record<string, number> = { '+': 0.838, '-': 0.338, '.': 0.318, '%': 0.95 }
    const em = (n: string) => [...n].reduce((w, ch) => w + (dejaVu[ch] ?? 0.636), 0)
    const cells = [
      ['年份', '思想政治课专任教师', '', '德育管理人员', '', '体育课专任教师', '', '美育课专任教师', ''],
      ['', '人数', '占比%', '人数', '占比%', '人数', '占比', '人数', '占比%'],
      ['2020 年', '122', '7.52', '241', '14.86', '103', '6.35', '121', '7.50'],
      ['2021 年', '140', '8.49', '274', '16.62', '103', '6.25', '122', '7.40'],
      ['变化情况', '+18', '+0.97', '+33', '+1.76', '0', '-0.1', '+1', '-0.1']
    ]
    const rows = cells.map((row, r) => row.flatMap((text, col) => (r === 0 && col > 0 && col % 2 === 0 ? [] : [{ text, col, colSpan: r === 0 && col > 0 ? 2 : 1 }])))
    const imported = [9.2, 17.24, 8.05, 13.79, 8.05, 14.94, 6.9, 14.94, 6.9]
    const w = columnWidths(rows, 9, 8845, 12, imported)
    expect(w.reduce((a, b) => a + b, 0)).toBe(8845)
    for (let col = 1; col < 9; col++) {
      const widest = Math.max(...cells.slice(2).map((row) => em(row[col])))
      expect(w[col] - 2 * CELL_MARGIN_X, `column ${col}`).toBeGreaterThanOrEqual(widest * 12 * 20)
    }
    // The labels over two columns each on one line: the table has the room (not "思想政治课专任教" above a lone "师").
    for (const col of [1, 3, 5, 7]) expect(w[col] + w[col + 1] - 2 * CELL_MARGIN_X, cells[0][col]).toBeGreaterThanOrEqual(cells[0][col].length * 12 * 20)
  })

  it('counts a cell under a vertical merge in its own column', () => {
    const rows = [
      [{ text: '1', col: 0, colSpan: 1 }, { text: '短', col: 1, colSpan: 1 }],
      [{ text: '一个很长很长很长很长的证书名称', col: 1, colSpan: 1 }]
    ]
    const w = columnWidths(rows, 2, 8000, 12)
    expect(w[1]).toBeGreaterThan(w[0] * 3)
  })
})

describe('the export summary', () => {
  it('counts figures and photos apart, and leaves out what the report has none of', () => {
    const base = { pages: 71, bodyPages: 62, chapters: 9, appendices: 1, headings: 67, cases: 25, tables: 14, figures: 11, images: 12, photos: 1, ms: 2040 }
    expect(exportSummaryText(base)).toBe('约 71 页（正文 62 页）：9 章，1 个附件，67 个小节，25 个案例，14 张表，11 幅图，1 张照片；用时 2.0 秒')
    expect(exportSummaryText({ ...base, appendices: 0, images: 11, photos: 0 })).toBe('约 71 页（正文 62 页）：9 章，67 个小节，25 个案例，14 张表，11 幅图；用时 2.0 秒')
  })
})

describe('lines of body text', () => {
  const line = 11906 - 1587 - 1474
  it('holds 28 characters a line, 26 on the first line after the two-character indent', () => {
    const cjk = (n: number) => '国'.repeat(n)
    expect(countLines(cjk(26), line, 16, -5, 630)).toBe(1)
    expect(countLines(cjk(27), line, 16, -5, 630)).toBe(2)
    expect(countLines(cjk(26 + 28), line, 16, -5, 630)).toBe(2)
    expect(countLines(cjk(26 + 29), line, 16, -5, 630)).toBe(3)
  })
  it('never starts a line with closing punctuation, and keeps numbers whole', () => {
    expect(countLines(`${'国'.repeat(26)}。`, line, 16, -5, 630)).toBe(1)
    expect(countLines(`${'国'.repeat(24)}123456`, line, 16, -5, 630)).toBe(2)
  })
})

describe('cover and notes', () => {
  it('writes the date as 2021年11月, the issuer with 编, and breaks the title before 质量年度报告', () => {
    expect(coverDate('2021-11-30')).toBe('2021年11月')
    expect(coverDate('2022-01-05')).toBe('2022年1月')
    expect(coverIssuer('清远市教育局')).toBe('清远市教育局编')
    expect(coverIssuer('清远市教育局编')).toBe('清远市教育局编')
    expect(splitTitle('2022年清远市中等职业教育质量年度报告')).toEqual(['2022年清远市中等职业教育', '质量年度报告'])
    expect(splitTitle('学校质量年度报告')).toEqual(['学校质量年度报告'])
  })
  it('leads the note with 数据来源 unless it has a lead-in already', () => {
    expect(noteText('广东省招生平台')).toBe('数据来源：广东省招生平台')
    expect(noteText('数据来源：教育局')).toBe('数据来源：教育局')
    expect(noteText('注：含技工学校')).toBe('注：含技工学校')
    expect(noteText('  ')).toBe('')
  })
  it('names the file after the report, without characters Windows refuses', () => {
    expect(docxFileName('2022年清远市中等职业教育质量年度报告')).toBe('2022年清远市中等职业教育质量年度报告.docx')
    expect(docxFileName('a/b:c*?')).toBe('a_b_c__.docx')
    expect(docxFileName('   ')).toBe('年度质量报告.docx')
  })
})

describe('writing the file', () => {
  it('replaces the previous file only with a complete one, leaving no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-atomic-'))
    const path = join(dir, '报告.docx')
    writeFileSync(path, 'old')
    await writeFileAtomic(path, new Uint8Array(3 << 20).fill(7))
    expect(readFileSync(path).length).toBe(3 << 20)
    expect(readdirSync(dir)).toEqual(['报告.docx'])
  })
  it('fails with a Chinese message when the folder is missing, touching nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-atomic-'))
    await expect(writeFileAtomic(join(dir, 'no', 'x.docx'), new Uint8Array(10))).rejects.toThrow(/找不到要保存/)
    expect(readdirSync(dir)).toEqual([])
  })
  it('explains a full disk, a file open in Word and a read-only folder', () => {
    const err = (code: string) => writeError(Object.assign(new Error(code), { code }), '/x/年报.docx')
    expect(err('ENOSPC')).toBeInstanceOf(UserError)
    expect(err('ENOSPC').message).toContain('磁盘空间不足')
    expect(err('ENOSPC').message).toContain('原有文件没有改动')
    expect(err('EBUSY').message).toContain('正被 Word 或其他程序打开')
    expect(err('EROFS').message).toContain('没有权限')
  })
})

describe('unusual reports', () => {
  it('exports a report without chapters as a cover with an empty body, and a chapter without text', async () => {
    for (const chapters of [[], [{ title: '基本情况', content: [] }]]) {
      const r = await renderReport(source(chapters))
      const doc = openDocx(r.buffer).document
      expect(doc).toContain('</w:body>')
      expect(paragraphs(doc)[0].text).toBe('2022年清远市中等职业教育质量年度报告')
    }
  })

  it('names the tables still waiting for data in one warning', async () => {
    const table = (id: string): ResolvedTable => ({
      id,
      number: null,
      caption: '表',
      note: '',
      headerRows: 1,
      columnWidths: [1],
      rows: [[{ text: '指标', align: 'center' }], [{ text: '', align: 'center', missing: true }]],
      merges: []
    })
    const r = await renderReport(source([{ title: '基本情况', content: [{ type: 'reportTable', attrs: { id: 'a' } }, { type: 'reportTable', attrs: { id: 'b' } }] }], { a: table('a'), b: table('b') }))
    expect(r.layout.warnings.filter((w) => w.includes('尚未填写'))).toEqual(['表 1-1、表 1-2 中有单元格的数据尚未填写，导出时为空，请在“数据”面板中填写后重新导出。'])
  })

  it('leaves out 案例目录 and 图表目录 when there is nothing to list', async () => {
    const r = await renderReport(source([{ title: '基本情况', content: [p('正文。')] }]))
    const instr = instructions(openDocx(r.buffer).document)
    expect(instr.some((i) => i.startsWith('TOC \\o'))).toBe(true)
    expect(instr.some((i) => i.includes('\\t "案例标题'))).toBe(false)
    expect(instr.some((i) => i.includes('\\t "表题'))).toBe(false)
  })

  it('numbers a heading that skips a level as the editor does, and counts draft paragraphs', async () => {
    const r = await renderReport(source([{ title: '基本情况', content: [h(2, '甲'), h(4, '乙'), h(3, '丙'), p('去年的话。', { draft: true })] }]))
    const heads = paragraphs(openDocx(r.buffer).document).filter((x) => /^Heading/.test(x.style ?? ''))
    expect(heads.map((x) => `${x.style} ${x.text}`)).toEqual(['Heading1 1 基本情况', 'Heading2 1.1 甲', 'Heading3 1.1.1 乙', 'Heading3 1.1.2 丙'])
    expect(r.layout.counts.drafts).toBe(1)
  })

  it('tells about a deleted table, a missing picture, a picture Word cannot show and a reference to nothing', async () => {
    const r = await renderReport(
      source([
        {
          title: '基本情况',
          content: [
            { type: 'reportTable', attrs: { id: 'gone' } },
            { type: 'photo', attrs: { asset: 'c'.repeat(64) }, content: [t('丢失的照片')] },
            { type: 'photo', attrs: { asset: 'b'.repeat(64) }, content: [t('WebP 照片')] },
            { type: 'photo', attrs: { asset: 'a'.repeat(64) }, content: [t('好的照片')] },
            { type: 'paragraph', content: [t('见'), { type: 'crossRef', attrs: { target: 'figure', id: 'nope' } }, t('。')] }
          ]
        }
      ])
    )
    const texts = paragraphs(openDocx(r.buffer).document).map((x) => x.text)
    expect(texts).toContain('（此表格的数据已无法读取，请在年报中检查这张表。）')
    expect(texts).toContain('见（引用的图已删除）。')
    expect(texts).toContain('丢失的照片')
    expect(r.layout.counts.images).toBe(1)
    expect(r.layout.counts.photos).toBe(1)
    expect(r.layout.warnings.join('\n')).toMatch(/表 1-1 的数据已无法读取/)
    expect(r.layout.warnings.join('\n')).toMatch(/找不到/)
    expect(r.layout.warnings.join('\n')).toMatch(/image\/webp/)
  })

  it('gives appendix tables their caption without a number and keeps them out of 图表目录', async () => {
    const table: ResolvedTable = {
      id: 't1',
      number: null,
      caption: '学校发布情况汇总表',
      note: '',
      headerRows: 1,
      columnWidths: [1, 1],
      rows: [
        [{ text: '序号', align: 'center' }, { text: '学校', align: 'center' }],
        [{ text: '1', align: 'center' }, { text: '清远市职业技术学校', align: 'left' }]
      ],
      merges: []
    }
    const r = await renderReport(source([{ title: '基本情况', content: [p('正文。')] }, { title: '汇总表', kind: 'appendix', content: [{ type: 'reportTable', attrs: { id: 't1' } }] }], { t1: table }))
    const doc = openDocx(r.buffer).document
    const caption = paragraphs(doc).find((x) => x.style === 'PlainCaption')!
    expect(caption.text).toBe('学校发布情况汇总表')
    expect(instructions(doc).some((i) => i.startsWith('SEQ 表'))).toBe(false)
    expect(r.layout.lists.tablesAndFigures).toEqual([])
    expect(r.layout.lists.toc.map((e) => e.text)).toEqual(['1 基本情况', '汇总表'])
  })
})
