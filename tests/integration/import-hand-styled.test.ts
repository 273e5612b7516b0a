import { readFileSync } from 'node:fs'
import type { ImportedReport } from '../../src/main/import/model'
import { runImport } from '../../src/main/import/runner'
import { outline, QINGYUAN_DOCX, readEntry } from '../helpers/docx'
import { handStyledDocx } from '../helpers/handStyled'

/**
 * The same report typed without heading styles (bold numbered paragraphs),
 * with each case in a one-cell framed table, the 目录 as a TOC field and real
 * merged header cells, imports to the same structure as the styled original.
 */
let styled: ImportedReport
let hand: ImportedReport
let handBytes: Uint8Array

beforeAll(async () => {
  handBytes = handStyledDocx()
  ;[styled, hand] = await Promise.all([runImport(readFileSync(QINGYUAN_DOCX), 'report.docx'), runImport(handBytes, 'hand.docx')])
})

describe('a hand-styled variant of the Qingyuan report', () => {
  it('really is hand-styled: no heading styles, cases in one-cell tables, a TOC field, merged cells', () => {
    const doc = readEntry(handBytes, 'word/document.xml')
    expect(doc).not.toMatch(/w:val="Heading\d"/)
    expect(readEntry(handBytes, 'word/styles.xml')).not.toMatch(/styleId="Heading\d"/)
    expect(doc.match(/<w:gridCol w:w="9000"\/>/g)?.length).toBe(25)
    expect(doc).toContain('TOC \\o "1-3"')
    expect(doc).toContain('<w:gridSpan w:val="2"/>')
    expect(doc).toContain('<w:vMerge w:val="restart"/>')
  })

  it('imports to the same chapters, headings, cases, photos, tables, figures and text', () => {
    expect(outline(hand)).toEqual(outline(styled))
    expect(hand.report.counts).toEqual(styled.report.counts)
    expect(hand.meta).toEqual(styled.meta)
  })

  it('keeps the merged header cells Word had', () => {
    const t = (r: ImportedReport) => r.tables.find((x) => x.spec.caption.includes('全市中等职业学校教师学历职称'))!.spec
    expect(t(hand).merges).toEqual([
      { row: 0, col: 0, rowSpan: 2, colSpan: 1 },
      { row: 0, col: 1, rowSpan: 2, colSpan: 1 },
      { row: 0, col: 2, rowSpan: 1, colSpan: 2 },
      { row: 0, col: 4, rowSpan: 1, colSpan: 2 },
      { row: 0, col: 6, rowSpan: 1, colSpan: 2 }
    ])
    expect(t(hand).rows).toEqual(t(styled).rows)
  })

  it('finds the same inconsistencies, the old 目录 read from its TOC field', () => {
    const key = (r: ImportedReport) => r.report.inconsistencies.map((i) => `${i.code} ${i.message}`)
    expect(key(hand)).toEqual(key(styled))
    expect(hand.report.dropped.find((d) => d.code === 'OLD_LIST' && d.place.startsWith('目录'))?.message).toContain('67 条')
  })
})
