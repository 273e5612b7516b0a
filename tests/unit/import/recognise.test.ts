import { analyseDocx } from '../../../src/main/import/pipeline'
import { DEFAULT_LIMITS } from '../../../src/main/import/limits'
import type { ImportedReport } from '../../../src/main/import/model'
import { textOf } from '../../../src/shared/model/doc'
import { makeDocx, nodesOf, para, picture, table, tinyPng, type DocxParts } from '../../helpers/docx'

/**
 * How structure is recognised in documents typed in different ways: heading
 * styles by English or Chinese name, through basedOn chains or outline
 * levels; bold numbered paragraphs (decimal or Chinese numbering); cases as
 * bold lines, custom styles or one-cell tables; and the inconsistencies
 * found in typed numbers.
 */
function imp(parts: DocxParts | string): ImportedReport {
  const p = typeof parts === 'string' ? { body: parts } : parts
  return analyseDocx({ bytes: makeDocx(p), fileName: 't.docx', limits: DEFAULT_LIMITS, now: new Date('2022-03-01T00:00:00Z') })
}

const style = (id: string, name: string, extra = '') => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>${extra}</w:style>`
const headings = (r: ImportedReport) =>
  r.chapters.map((c) => [c.title, ...(c.doc.content ?? []).filter((n) => n.type === 'heading').map((n) => `${n.attrs?.level}:${textOf(n)}`)])
const codes = (r: ImportedReport) => r.report.inconsistencies.map((i) => i.code)

describe('headings', () => {
  it('by Word heading styles as Chinese Word writes them (styleId "1", name "heading 1")', () => {
    const r = imp({
      styles: style('1', 'heading 1') + style('2', 'heading 2') + style('3', 'heading 3'),
      body: para('1 基本情况', { style: '1' }) + para('1.1 规模', { style: '2' }) + para('1.1.1 学校', { style: '3' }) + para('正文。') + para('2 学生发展', { style: '1' })
    })
    expect(headings(r)).toEqual([['基本情况', '2:规模', '3:学校'], ['学生发展']])
  })

  it('by localized style names (WPS: 标题 1 …) and through basedOn chains', () => {
    const r = imp({
      styles: style('a1', '标题 1') + style('a2', '标题 2') + style('my1', '报告一级标题', '<w:basedOn w:val="a1"/>') + style('my4', '小小标题', '<w:basedOn w:val="x4"/>') + style('x4', '标题 4'),
      body: para('一、基本情况', { style: 'my1' }) + para('（一）规模和结构', { style: 'a2' }) + para('正文。') + para('细节', { style: 'my4' }) + para('二、学生发展', { style: 'a1' })
    })
    // A heading 4 right under a heading 2 is stored as level 4 and numbered one level down (numbering clamps).
    expect(headings(r)).toEqual([['基本情况', '2:规模和结构', '4:细节'], ['学生发展']])
  })

  it('by outline levels, on the paragraph or in its style', () => {
    const r = imp({
      styles: style('o2', 'Section', '<w:pPr><w:outlineLvl w:val="1"/></w:pPr>'),
      body: para('1 基本情况', { outline: 0 }) + para('1.1 规模', { style: 'o2' }) + para('正文。')
    })
    expect(headings(r)).toEqual([['基本情况', '2:规模']])
  })

  it('does not take the report title styled as Heading 1 for a chapter', () => {
    const r = imp({
      styles: style('Heading1', 'heading 1') + style('Heading2', 'heading 2'),
      body: para('2021年某市中等职业教育质量年度报告', { style: 'Heading1' }) + para('1 基本情况', { style: 'Heading2' }) + para('正文。') + para('2 学生发展', { style: 'Heading2' })
    })
    expect(r.chapters.map((c) => c.title)).toEqual(['基本情况', '学生发展'])
    expect(r.meta.title).toBe('2021年某市中等职业教育质量年度报告')
  })

  it('a document with one numbered chapter keeps it as a chapter (only an unnumbered first Heading 1 is the title)', () => {
    const r = imp({
      styles: style('Heading1', 'heading 1') + style('Heading2', 'heading 2'),
      body: para('1 基本情况', { style: 'Heading1' }) + para('1.1 规模', { style: 'Heading2' }) + para('正文。') + para('1.2 设施', { style: 'Heading2' })
    })
    expect(headings(r)).toEqual([['基本情况', '2:规模', '2:设施']])
  })

  it('by bold numbered paragraphs when there are no heading styles: decimal numbering', () => {
    const r = imp(
      para('1 基本情况', { bold: true }) +
        para('1.1 规模和结构', { bold: true }) +
        para('1 所学校被评为示范校。', { bold: true }) +
        para('3.2.1.1 不是这一章的编号但仍是四级', { bold: true }) +
        para('1.2 设施设备') +
        para('2 学生发展', { bold: true })
    )
    // A sentence is not a heading even when bold; a numbered line that is not bold is body text.
    expect(headings(r)).toEqual([['基本情况', '2:规模和结构', '4:不是这一章的编号但仍是四级'], ['学生发展']])
    const body = r.chapters[0].doc.content!.filter((n) => n.type === 'paragraph').map(textOf)
    expect(body).toEqual(['1 所学校被评为示范校。', '1.2 设施设备'])
  })

  it('by bold numbered paragraphs: Chinese numbering 一、（一）1.（1）', () => {
    const r = imp(
      para('一、基本情况', { bold: true }) +
        para('（一）规模和结构', { bold: true }) +
        para('1.学校数量', { bold: true }) +
        para('（1）民办学校', { bold: true }) +
        para('正文。') +
        para('二、学生发展', { bold: true })
    )
    expect(headings(r)).toEqual([['基本情况', '2:规模和结构', '3:学校数量', '4:民办学校'], ['学生发展']])
  })
})

describe('cases', () => {
  it('as bold "案例 N：标题" lines, a custom case style, or a one-cell framed table', () => {
    const r = imp({
      styles: style('CaseTitle', '案例标题') + style('CaseBody', '案例正文'),
      rels: { rIdP: { type: 'image', target: 'media/p.png' } },
      media: { 'p.png': tinyPng() },
      body:
        para('1 基本情况', { bold: true }) +
        para('案例 1：加粗的案例标题', { bold: true }) +
        para('清远市职业技术学校开展了活动。') +
        picture('rIdP') +
        para('学生在活动现场') +
        para('1.1 规模', { bold: true }) +
        para('案例二的标题', { style: 'CaseTitle' }) +
        para('英德市职业技术学校的做法。', { style: 'CaseBody' }) +
        para('本节的正文不属于案例。') +
        table([['']], () => `<w:tc>${para('案例 3：方框里的案例', { bold: true })}${para('连州卫生学校的经验。')}${picture('rIdP')}${para('校企签约')}</w:tc>`) +
        para('方框之后的正文。')
    })
    const cases = nodesOf(r, 'caseStudy')
    expect(cases.map((c) => textOf(c.content![0]))).toEqual(['加粗的案例标题', '案例二的标题', '方框里的案例'])
    expect(cases.map((c) => c.attrs?.school)).toEqual(['清远市职业技术学校', '英德市职业技术学校', '连州卫生学校'])
    expect(cases[0].content!.map((n) => n.type)).toEqual(['caseTitle', 'paragraph', 'photo'])
    expect(textOf(cases[0].content![2])).toBe('学生在活动现场')
    // The custom style ends where the style ends; the box ends with the box.
    expect(cases[1].content!.map(textOf)).toEqual(['案例二的标题', '英德市职业技术学校的做法。'])
    expect(cases[2].content!.map((n) => n.type)).toEqual(['caseTitle', 'paragraph', 'photo'])
    const top = r.chapters[0].doc.content!.filter((n) => n.type === 'paragraph').map(textOf)
    expect(top).toEqual(['本节的正文不属于案例。', '方框之后的正文。'])
    // Case numbers are typed only in the first and third; nothing is reported as a gap.
    expect(codes(r)).toEqual([])
  })
})

describe('tables, figures and photos', () => {
  it('takes the caption above a table and the 数据来源 line under it; a picture above 图 N-M is a figure', () => {
    const r = imp({
      rels: { rIdP: { type: 'image', target: 'media/p.png' } },
      media: { 'p.png': tinyPng() },
      body:
        para('1 基本情况', { bold: true }) +
        para('表 1-1 学校数量') +
        table([
          ['指标', '2020 年', '2021 年', '变化情况'],
          ['学校（所）', '14', '15', '+1']
        ]) +
        para('数据来源：教育事业统计') +
        picture('rIdP') +
        para('图 1-1 学生规模对比') +
        para('（数据来源：招生平台）')
    })
    const t = r.tables[0].spec
    expect(t.caption).toBe('学校数量')
    expect(t.note).toBe('数据来源：教育事业统计')
    expect(t.rows[1][3].input).toBe('=ROUND(C2,0)-ROUND(B2,0)')
    expect(t.rows[1][2].input).toBe('=指标("学校",本年)')
    expect(r.figures).toEqual([{ id: expect.any(String), caption: '学生规模对比', note: '数据来源：招生平台', kind: 'image', asset: r.assets[0].hash }])
    expect(r.chapters[0].doc.content!.map((n) => n.type)).toEqual(['reportTable', 'figure'])
  })

  it('a layout table of pictures becomes photos with their captions', () => {
    const r = imp({
      rels: { rIdP: { type: 'image', target: 'media/p.png' } },
      media: { 'p.png': tinyPng() },
      body: para('1 基本情况', { bold: true }) + table([['a', 'b']], (_t, _r, c) => `<w:tc>${picture('rIdP')}${para(c ? '右边的照片' : '左边的照片')}</w:tc>`)
    })
    expect(nodesOf(r, 'photo').map(textOf)).toEqual(['左边的照片', '右边的照片'])
    expect(r.tables).toEqual([])
  })

  it('keeps a Word chart as a figure without a picture and says so; an EMF picture is skipped with a warning', () => {
    const chart = `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdC"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
    const r = imp({
      rels: { rIdE: { type: 'image', target: 'media/x.emf' } },
      media: { 'x.emf': new Uint8Array([1, 0, 0, 0, 0x6c, 0, 0, 0, 0, 0, 0, 0]) },
      body: para('1 基本情况', { bold: true }) + chart + para('图 1-1 学生规模') + picture('rIdE') + para('旧照片')
    })
    expect(r.figures[0]).toMatchObject({ caption: '学生规模', kind: 'image' })
    expect(r.figures[0].asset).toBeUndefined()
    const w = r.report.warnings.map((x) => x.code)
    expect(w).toContain('IMAGE_MISSING')
    expect(w.some((c) => c === 'IMAGE_UNREADABLE' || c === 'IMAGE_FORMAT')).toBe(true)
  })
})

describe('text', () => {
  it('keeps formatting and safe links; other links lose the link but keep their text', () => {
    const run = (t: string, rPr: string) => `<w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${t}</w:t></w:r>`
    const body =
      para('1 基本情况', { bold: true }) +
      `<w:p>${run('粗', '<w:b/>')}${run('斜', '<w:i/>')}${run('下划线', '<w:u w:val="single"/>')}${run('2', '<w:vertAlign w:val="superscript"/>')}` +
      `<w:hyperlink r:id="rS"><w:r><w:t>安全链接</w:t></w:r></w:hyperlink><w:hyperlink r:id="rH"><w:r><w:t>普通网址</w:t></w:r></w:hyperlink><w:hyperlink r:id="rF"><w:r><w:t>本机文件</w:t></w:r></w:hyperlink></w:p>`
    const r = imp({
      body,
      rels: { rS: { type: 'hyperlink', target: 'https://www.qy.gov.cn/', external: true }, rH: { type: 'hyperlink', target: 'http://www.qy.gov.cn/', external: true }, rF: { type: 'hyperlink', target: 'file:///C:/a.doc', external: true } }
    })
    const p = r.chapters[0].doc.content![0]
    expect(p.content).toEqual([
      { type: 'text', text: '粗', marks: [{ type: 'bold' }] },
      { type: 'text', text: '斜', marks: [{ type: 'italic' }] },
      { type: 'text', text: '下划线', marks: [{ type: 'underline' }] },
      { type: 'text', text: '2', marks: [{ type: 'superscript' }] },
      { type: 'text', text: '安全链接', marks: [{ type: 'link', attrs: { href: 'https://www.qy.gov.cn/' } }] },
      { type: 'text', text: '普通网址本机文件' }
    ])
    expect(r.report.warnings.filter((w) => w.code === 'LINK_DROPPED')).toHaveLength(2)
  })

  it('a reference to a table that does not exist stays text and is listed', () => {
    const r = imp(para('1 基本情况', { bold: true }) + para('详细数据（见表 9-9）。'))
    expect(textOf(r.chapters[0].doc)).toContain('（见表 9-9）')
    expect(r.report.inconsistencies).toEqual([expect.objectContaining({ code: 'CROSS_REF_UNRESOLVED', message: expect.stringContaining('表 9-9') })])
  })
})

describe('inconsistencies of typed numbers', () => {
  it('a gap in heading, chapter, case and table numbers is listed with the missing numbers', () => {
    const r = imp(
      para('1 基本情况', { bold: true }) +
        para('1.1 规模', { bold: true }) +
        para('1.3 设施', { bold: true }) +
        para('案例 1：第一个', { bold: true }) +
        para('正文。') +
        para('案例 3：第三个', { bold: true }) +
        para('正文。') +
        para('表 1-1 甲') +
        table([['a'], ['b']]) +
        para('说明。') +
        para('表 1-1 乙') +
        table([['c'], ['d']]) +
        para('3 学生发展', { bold: true })
    )
    const find = (code: string) => r.report.inconsistencies.find((i) => i.code === code)?.message ?? ''
    expect(find('HEADING_NUMBER_GAP')).toMatch(/1\.3.*缺少 2.*1\.2/)
    expect(find('CASE_NUMBER_GAP')).toMatch(/案例 3.*缺少案例 2/)
    expect(find('TABLE_NUMBER_DUPLICATE')).toMatch(/1-1.*1-2/)
    expect(find('CHAPTER_NUMBER_GAP')).toMatch(/缺少第 2 章.*第 2 章/)
  })

  it('an old 目录 that disagrees with the body: a differing title, an entry with no section', () => {
    const r = imp(
      para('目录') +
        para('1 基本情况……1') +
        para('1.1 规模与结构……1') +
        para('1.2 不存在的一节……2') +
        para('1 基本情况', { bold: true }) +
        para('1.1 规模和结构', { bold: true }) +
        para('正文。')
    )
    const inc = r.report.inconsistencies
    expect(inc.map((i) => i.code).sort()).toEqual(['TOC_NOT_IN_BODY', 'TOC_TITLE_DIFFERS'])
    expect(inc.find((i) => i.code === 'TOC_TITLE_DIFFERS')!.message).toContain('规模与结构')
    expect(inc.find((i) => i.code === 'TOC_NOT_IN_BODY')!.message).toContain('1.2 不存在的一节')
    expect(textOf(r.chapters[0].doc)).not.toContain('……')
  })
})

describe('what Word and other writers do', () => {
  it('a field that begins, takes its instruction and shows its result within one run (SEQ captions)', () => {
    const seq = (n: number) =>
      `<w:r><w:fldChar w:fldCharType="begin"/><w:instrText xml:space="preserve"> SEQ 表 \\* ARABIC </w:instrText><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${n}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
    const caption = (n: number, title: string) => `<w:p><w:r><w:t xml:space="preserve">表 1-</w:t></w:r>${seq(n)}<w:r><w:t xml:space="preserve"> ${title}</w:t></w:r></w:p>`
    const r = imp(para('1 基本情况', { bold: true }) + caption(1, '学校数量') + table([['a'], ['b']]) + caption(2, '教师数量') + table([['c'], ['d']]))
    expect(r.tables.map((t) => [t.typed, t.spec.caption])).toEqual([
      ['1-1', '学校数量'],
      ['1-2', '教师数量']
    ])
    expect(r.report.inconsistencies).toEqual([])
  })

  it('a picture whose file is missing from the package keeps its place and is reported', () => {
    const r = imp(para('1 基本情况', { bold: true }) + picture('rIdGone') + para('活动现场'))
    const photos = nodesOf(r, 'photo')
    expect(photos.map((p) => [textOf(p), p.attrs?.asset])).toEqual([['活动现场', null]])
    expect(r.report.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['IMAGE_BROKEN', 'IMAGE_MISSING']))
  })

  it('"附件" on its own line followed by the appendix heading is one appendix', () => {
    const r = imp({
      styles: style('Heading1', 'heading 1'),
      body: para('1 基本情况', { style: 'Heading1' }) + para('正文。') + para('附件') + para('附件', { style: 'Heading1' }) + para('汇总表') + table([['序号', '学校'], ['1', '清远市职业技术学校']])
    })
    expect(r.chapters.map((c) => [c.kind, c.title])).toEqual([
      ['chapter', '基本情况'],
      ['appendix', '附件']
    ])
    expect(r.tables[0].spec.caption).toBe('汇总表')
  })

  it('reads a document whatever prefixes it gives the Word namespaces', () => {
    const ns = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
    const p = (t: string, bold = false) => `<x:p><x:r>${bold ? '<x:rPr><x:b/></x:rPr>' : ''}<x:t>${t}</x:t></x:r></x:p>`
    const xml = `<?xml version="1.0"?><x:document xmlns:x="${ns}"><x:body>${p('1 基本情况', true)}${p('正文。')}<p xmlns="${ns}"><r><t>默认命名空间的段落。</t></r></p></x:body></x:document>`
    const r = analyseDocx({ bytes: makeDocx({ body: '', extra: { 'word/document.xml': new TextEncoder().encode(xml) } }), fileName: 't.docx', limits: DEFAULT_LIMITS, now: new Date() })
    expect(r.chapters.map((c) => c.title)).toEqual(['基本情况'])
    expect(r.chapters[0].doc.content!.map(textOf)).toEqual(['正文。', '默认命名空间的段落。'])
  })

  it('a case in a text box is a case; a text box that is not a case joins the text; the Fallback copy is not read twice', () => {
    const box = (inner: string) =>
      `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="5000000" cy="2000000"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>${inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:rect><v:textbox><w:txbxContent>${inner}</w:txbxContent></v:textbox></v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`
    const r = imp(
      para('1 基本情况', { bold: true }) +
        box(para('案例 1：文本框里的案例', { bold: true }) + para('清远市职业技术学校的做法。')) +
        para('案例之后的正文。') +
        box(para('文本框里的说明文字。'))
    )
    const cases = nodesOf(r, 'caseStudy')
    expect(cases.map((c) => c.content!.map(textOf))).toEqual([['文本框里的案例', '清远市职业技术学校的做法。']])
    const top = r.chapters[0].doc.content!.filter((n) => n.type === 'paragraph').map(textOf)
    expect(top).toEqual(['案例之后的正文。', '文本框里的说明文字。'])
    expect(r.tables).toEqual([])
  })
})

