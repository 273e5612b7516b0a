/**
 * The exported .docx, read back from its XML: the official layout (page,
 * margins, fonts, line pitch), numbers as the editor computes them, caption
 * and TOC fields already filled in, footers, tables, pictures and case boxes.
 */
import { strFromU8 } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderReport, type RenderedReport } from '../../src/main/export'
import { reportNumbering } from '../../src/main/export/layout'
import { fixtureSource, qingyuanReport, type FixtureReport } from '../helpers/exportFixture'
import { instructions, openDocx, paragraphs, styleXml, tables, type DocxParagraph, type DocxParts } from '../helpers/exportDocx'

let fixture: FixtureReport
let rendered: RenderedReport
let docx: DocxParts
let paras: DocxParagraph[]

beforeAll(async () => {
  fixture = qingyuanReport()
  rendered = await renderReport(fixtureSource(fixture))
  docx = openDocx(rendered.buffer)
  paras = paragraphs(docx.document)
})

const byStyle = (style: string) => paras.filter((p) => p.style === style)

describe('page and fonts', () => {
  it('lays the body out on A4 with margins 37/35/28/26 mm', () => {
    const sections = [...docx.document.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0])
    expect(sections.length).toBe(3)
    for (const s of sections) {
      expect(s).toContain('<w:pgSz w:w="11906" w:h="16838"')
      expect(s).toMatch(/w:top="2098"/)
      expect(s).toMatch(/w:bottom="1984"/)
      expect(s).toMatch(/w:left="1587"/)
      expect(s).toMatch(/w:right="1474"/)
    }
  })

  it('sets body text in 仿宋_GB2312 三号 on exact 28.95 pt lines, condensed to 28 characters a line, indented two characters', () => {
    const body = styleXml(docx.styles, 'ReportBody')
    expect(body).toContain('w:eastAsia="仿宋_GB2312"')
    expect(body).toContain('<w:sz w:val="32"/>')
    expect(body).toMatch(/w:line="579" w:lineRule="exact"|w:lineRule="exact"[^>]*w:line="579"/)
    expect(body).toContain('<w:spacing w:val="-5"/>')
    expect(body).toMatch(/w:firstLine="630"/)
    // 28 characters of 16 pt condensed by 0.25 pt fit the 156 mm line; 29 do not.
    const width = 11906 - 1587 - 1474
    expect(28 * (320 - 5)).toBeLessThanOrEqual(width)
    expect(29 * (320 - 5)).toBeGreaterThan(width)
    // 22 lines fit the 225 mm type area; 23 do not.
    expect(22 * 579).toBeLessThanOrEqual(16838 - 2098 - 1984)
    expect(23 * 579).toBeGreaterThan(16838 - 2098 - 1984)
  })

  it('names fonts in the East Asian slot: 黑体 / 楷体_GB2312 / 仿宋_GB2312 bold headings, 方正小标宋简体 二号 title', () => {
    expect(styleXml(docx.styles, 'Heading1')).toContain('w:eastAsia="黑体"')
    expect(styleXml(docx.styles, 'Heading2')).toContain('w:eastAsia="楷体_GB2312"')
    for (const h of ['Heading3', 'Heading4']) {
      expect(styleXml(docx.styles, h)).toContain('w:eastAsia="仿宋_GB2312"')
      expect(styleXml(docx.styles, h)).toMatch(/<w:b\/>|<w:b w:val="true"\/>/)
    }
    for (const h of ['Heading1', 'Heading2', 'Heading3', 'Heading4']) expect(styleXml(docx.styles, h)).toContain('<w:sz w:val="32"/>')
    const cover = styleXml(docx.styles, 'CoverTitle')
    expect(cover).toContain('w:eastAsia="方正小标宋简体"')
    expect(cover).toContain('<w:sz w:val="44"/>')
    expect(styleXml(docx.styles, 'TableCaption')).toContain('w:eastAsia="黑体"')
    expect(styleXml(docx.styles, 'Footer')).toContain('w:eastAsia="宋体"')
    expect(styleXml(docx.styles, 'Footer')).toContain('<w:sz w:val="28"/>')
  })

  it('gives headings outline levels, so Word, WPS and LibreOffice list them in the 目录', () => {
    ;['0', '1', '2', '3'].forEach((level, i) => expect(styleXml(docx.styles, `Heading${i + 1}`)).toContain(`<w:outlineLvl w:val="${level}"/>`))
  })
})

describe('cover and lists', () => {
  it('opens with the cover: title, issuer and the date as 2021年11月, without a page number', () => {
    const texts = paras.slice(0, 3).map((p) => p.text)
    expect(texts[0]).toBe('2022年清远市中等职业教育质量年度报告')
    expect(texts[1]).toBe('清远市教育局编')
    expect(texts[2]).toBe('2021年11月')
    const firstSection = /<w:sectPr[\s\S]*?<\/w:sectPr>/.exec(docx.document)![0]
    expect(firstSection).not.toContain('footerReference')
  })

  it('asks Word to update the fields when it opens the file', () => {
    expect(docx.settings).toMatch(/<w:updateFields(\/>| w:val="true"\/>)/)
  })

  it('writes the three lists as TOC fields, already filled in with every entry and a page number', () => {
    const instr = instructions(docx.document)
    expect(instr).toContain('TOC \\o "1-3" \\h \\z \\u')
    expect(instr).toContain('TOC \\h \\z \\t "案例标题,4"')
    expect(instr).toContain('TOC \\h \\z \\t "表题,4,图题,4"')

    const n = reportNumbering(fixtureSource(fixture))
    const toc = paras.filter((p) => /^TOC[123]$/.test(p.style ?? ''))
    // Chapters, appendix and headings to the third level.
    expect(toc.length).toBe(n.chapters.length + n.headings.filter((h) => h.depth <= 3).length)
    expect(byStyle('TOC1').map((p) => p.text.split('\t')[0])).toContain('9 主要问题和改进措施')
    expect(toc.some((p) => p.text.startsWith('3.2.1.1'))).toBe(false)

    // 案例目录 and 图表目录 share the level-4 list style; cases read "案例 N：…".
    const cases = byStyle('TOC4').filter((p) => p.text.startsWith('案例 '))
    expect(cases.map((p) => p.text.split('\t')[0])).toEqual(n.cases.map((c) => `案例 ${c.number}：${c.title}`))

    const figureList = byStyle('TOC4')
      .filter((p) => !p.text.startsWith('案例 '))
      .map((p) => p.text.split('\t')[0])
    expect(figureList.length).toBe(n.tables.filter((t) => t.number).length + n.figures.filter((f) => f.number).length)
    expect(figureList[0]).toMatch(/^图 1-1 近两年清远市中等职业学校学生规模对比$/)
    expect(figureList).toContain('表 3-2 2021 年清远市中职学校 1+X 证书制度试点分布情况')

    // Every entry links to its bookmark and carries a page number (PAGEREF with a result).
    for (const p of [...toc, ...byStyle('TOC4')]) {
      expect(p.xml).toMatch(/<w:hyperlink [^>]*w:anchor="_Toc\d+"/)
      expect(p.xml).toMatch(/PAGEREF _Toc\d+ \\h/)
      expect(p.text).toMatch(/\t\d+$/)
    }
    // Pages grow through the report.
    const pages = toc.map((p) => Number(p.text.split('\t').pop()))
    expect(pages[0]).toBe(1)
    expect([...pages].sort((a, b) => a - b)).toEqual(pages)
  })

  it('bookmarks every listed heading and caption, so the entries point somewhere', () => {
    const anchors = [...docx.document.matchAll(/w:anchor="(_Toc\d+)"/g)].map((m) => m[1])
    const bookmarks = new Set([...docx.document.matchAll(/<w:bookmarkStart [^>]*w:name="([^"]+)"/g)].map((m) => m[1]))
    expect(anchors.length).toBeGreaterThan(100)
    for (const a of anchors) expect(bookmarks.has(a)).toBe(true)
  })
})

describe('body', () => {
  it('numbers chapters and headings exactly as the editor does', () => {
    const n = reportNumbering(fixtureSource(fixture))
    const headings = paras.filter((p) => /^Heading[1-4]$/.test(p.style ?? ''))
    const expected = n.chapters.flatMap((c) => [
      { style: 'Heading1', text: c.number ? `${c.number} ${c.title}` : c.title },
      ...n.headings.filter((h) => h.chapterId === c.id).map((h) => ({ style: `Heading${h.depth}`, text: `${h.number} ${h.text}` }))
    ])
    expect(headings.map((h) => ({ style: h.style, text: h.text }))).toEqual(expected)
    // The published text numbered two sections 3.2.2.2; numbers come from order.
    expect(headings.map((h) => h.text)).toContain('3.2.2.3 持续推进现代学徒制工作')
  })

  it('writes captions as SEQ fields: 表/图 restart in each chapter (\\r 1), 案例 run through the report', () => {
    const instr = instructions(docx.document)
    const n = reportNumbering(fixtureSource(fixture))
    const numberedTables = n.tables.filter((t) => t.number)
    const seqTable = instr.filter((i) => i.startsWith('SEQ 表'))
    expect(seqTable.length).toBe(numberedTables.length)
    expect(seqTable.filter((i) => i.endsWith('\\r 1')).length).toBe(new Set(numberedTables.map((t) => t.chapterId)).size)
    expect(instr.filter((i) => i.startsWith('SEQ 图')).length).toBe(n.figures.filter((f) => f.number).length)
    expect(instr.filter((i) => i === 'SEQ 案例 \\* ARABIC').length).toBe(n.cases.length)

    const captions = byStyle('TableCaption').map((p) => p.text)
    expect(captions).toEqual(numberedTables.map((t) => `表 ${t.number} ${fixture.tables.get(t.id)!.caption}`))
    expect(byStyle('FigureCaption').map((p) => p.text.split(' ')[0] + ' ' + p.text.split(' ')[1])).toEqual(n.figures.map((f) => `图 ${f.number}`))
  })

  it('keeps the header row repeated and merged cells merged', () => {
    const all = tables(docx.document)
    const t13 = all.find((t) => t.includes('硕士以上学历(人)'))!
    expect(t13).toContain('<w:tblHeader/>')
    expect((t13.match(/<w:tblHeader\/>/g) ?? []).length).toBe(2)
    expect(t13).toContain('<w:gridSpan w:val="2"/>')
    expect(t13).toContain('<w:vMerge w:val="restart"/>')
    const t32 = all.find((t) => t.includes('英德市职业技术学校') && t.includes('考核站点及专业'))!
    expect((t32.match(/<w:vMerge w:val="continue"\/>/g) ?? []).length).toBeGreaterThan(10)
    // Columns sized for their contents: 序号 narrow, the certificate names wide.
    const grid = [...t32.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
    expect(grid[0]).toBeLessThan(1200)
    expect(grid[2]).toBeGreaterThan(grid[1])
    expect(grid.reduce((a, b) => a + b, 0)).toBe(11906 - 1587 - 1474)
  })

  it('aligns numbers in table cells and puts the 数据来源 note under the table', () => {
    const t11 = tables(docx.document).find((t) => t.includes('生均校舍建筑面积'))!
    const cell = /<w:tc>(?:(?!<\/w:tc>)[\s\S])*?>18\.49<\/w:t>[\s\S]*?<\/w:tc>/.exec(t11)![0]
    expect(cell).toMatch(/<w:jc w:val="(center|right)"\/>/)
    const afterTable = docx.document.slice(docx.document.indexOf(t11) + t11.length)
    expect(paragraphs(afterTable)[0].text).toBe('数据来源：清远市中等职业学校质量年度报告数据')
  })

  it('puts every chart and photo into the file as a picture', () => {
    const drawings = (docx.document.match(/<w:drawing>/g) ?? []).length
    expect(drawings).toBe(rendered.layout.counts.images)
    expect(rendered.layout.counts.images).toBe(fixture.figures.size + [...fixture.chapters].reduce((n, c) => n + JSON.stringify(c.doc).split('"photo"').length - 1, 0))
    expect(docx.media.length).toBeGreaterThan(10)
    // Every picture points at a relationship, and that at a picture in the file with the right bytes.
    const rels = new Map([...strFromU8(docx.files['word/_rels/document.xml.rels']).matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]))
    const embeds = [...docx.document.matchAll(/r:embed="([^"]+)"/g)].map((m) => m[1])
    expect(embeds.length).toBe(drawings)
    for (const id of embeds) {
      const target = rels.get(id)
      expect(target, id).toMatch(/^media\//)
      expect(docx.files[`word/${target}`]).toBeDefined()
    }
    const pictures = Object.entries(docx.files).filter(([name]) => name.startsWith('word/media/')).map(([, bytes]) => Buffer.from(bytes))
    expect(pictures.every((b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))).toBe(true)
    // Figure captions come below their picture.
    const i = paras.findIndex((p) => p.style === 'FigureCaption')
    expect(paras[i - 1].xml).toContain('<w:drawing>')
  })

  it('frames each case in a shaded box headed 案例 N：标题 in 黑体', () => {
    const boxes = tables(docx.document).filter((t) => t.includes('w:val="CaseTitle"'))
    expect(boxes.length).toBe(25)
    expect(boxes[0]).toContain('w:fill="F2F2F2"')
    expect(boxes[0]).toMatch(/<w:top w:val="single"/)
    expect(paragraphs(boxes[0]).find((p) => p.style === 'CaseTitle')!.text).toBe('案例 1：学生管理强服务，自我教育抓落实')
    expect(styleXml(docx.styles, 'CaseTitle')).toContain('w:eastAsia="黑体"')
  })

  it('writes quoted figures as plain text with their values, and cross references as REF fields reading 表 1-1', () => {
    expect(paras.some((p) => p.text.includes('清远市现有中等职业学校 14 所'))).toBe(true)
    expect(paras.some((p) => p.text.includes('专任教师数 1649 人'))).toBe(true)
    const ref = paras.find((p) => p.xml.includes('REF _RefT1 \\h'))!
    expect(ref.text).toContain('（见表 1-1）')
    expect(docx.document).toMatch(/<w:bookmarkStart [^>]*w:name="_RefT1"/)
  })

  it('places the appendix after chapter 9, on a page of its own, under the label 附件', () => {
    const i = paras.findIndex((p) => p.style === 'AppendixLabel')
    expect(paras[i].text).toBe('附件')
    expect(paras[i].xml).toContain('<w:pageBreakBefore/>')
    expect(paras[i + 1].text).toBe('2021 年度清远市中等职业学校编制发布年度质量报告情况汇总表')
    const chapter9 = paras.findIndex((p) => p.text === '9 主要问题和改进措施' && p.style === 'Heading1')
    expect(chapter9).toBeGreaterThan(0)
    expect(chapter9).toBeLessThan(i)
  })

  it('numbers pages "- N -" in the footer, from 1 on the first body page', () => {
    const body = docx.footers.find((f) => /PAGE\s*</.test(f.replace(/<\/w:instrText>/g, '<')))!
    expect(paragraphs(body)[0].text).toBe('- 1 -')
    const sections = [...docx.document.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0])
    expect(sections[2]).toContain('<w:pgNumType w:start="1" w:fmt="decimal"/>')
  })
})
