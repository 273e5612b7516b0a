/**
 * How an appendix (附件) opens in the Word export: the 附件 label once. A
 * title that already starts with 附件 (the city/province template's "附件",
 * "附件：质量年报数据表", "附件1 …") gets no second label.
 */
import { describe, expect, it } from 'vitest'
import { renderReport } from '../../src/main/export'
import { fixtureSource, qingyuanReport, type FixtureReport } from '../helpers/exportFixture'
import { openDocx, paragraphs, type DocxParagraph } from '../helpers/exportDocx'

const base = qingyuanReport()
const lastChapter = base.chapters.filter((c) => c.kind === 'chapter').at(-1)!
const appendix = base.chapters.find((c) => c.kind === 'appendix')!

/** The report's last chapter and appendices with these titles (each holding the Qingyuan appendix table). */
async function exported(titles: string[]): Promise<{ body: DocxParagraph[]; toc: string[] }> {
  const report: FixtureReport = {
    ...base,
    chapters: [lastChapter, ...titles.map((title, i) => ({ ...appendix, id: `${appendix.id}_${i}`, title }))]
  }
  const paras = paragraphs(openDocx((await renderReport(fixtureSource(report))).buffer).document)
  const start = paras.findIndex((p) => p.style === 'Heading1')
  return {
    body: paras.slice(start),
    toc: paras.slice(0, start).filter((p) => p.style === 'TOC1').map((p) => p.text.split('\t')[0])
  }
}

/** Paragraphs on the first lines of each appendix page: label and title, up to the table's caption. */
function openings(body: DocxParagraph[]): string[][] {
  const out: string[][] = []
  body.forEach((p, i) => {
    if (i === 0 || !p.xml.includes('<w:pageBreakBefore/>')) return
    const lines: string[] = []
    for (let j = i; j < body.length && (body[j].style === 'AppendixLabel' || body[j].style === 'Heading1'); j++) lines.push(body[j].text)
    out.push(lines)
  })
  return out
}

describe('appendix heading in Word', () => {
  it('prints a title that is only 附件 once, as the label at the top left, and lists it in the 目录', async () => {
    const { body, toc } = await exported(['附件'])
    expect(openings(body)).toEqual([['附件']])
    expect(body.filter((p) => p.text === '附件')).toHaveLength(1)
    const heading = body.find((p) => p.text === '附件')!
    expect(heading.style).toBe('Heading1')
    expect(heading.xml).toContain('<w:jc w:val="left"/>')
    expect(toc).toContain('附件')
  })

  it('adds no label to a title that already says 附件', async () => {
    const { body } = await exported(['附件：质量年报数据表'])
    expect(openings(body)).toEqual([['附件：质量年报数据表']])
    expect(body.find((p) => p.text === '附件：质量年报数据表')!.xml).toContain('<w:jc w:val="center"/>')
  })

  it('adds no labels to numbered titles 附件1 …, 附件2 …', async () => {
    const { body } = await exported(['附件1 编制发布情况汇总表', '附件2 学校名单'])
    expect(openings(body)).toEqual([['附件1 编制发布情况汇总表'], ['附件2 学校名单']])
  })

  it('keeps the label above a title that does not say 附件, numbered when there are several', async () => {
    expect(openings((await exported(['编制发布情况汇总表'])).body)).toEqual([['附件', '编制发布情况汇总表']])
    expect(openings((await exported(['编制发布情况汇总表', '学校名单'])).body)).toEqual([
      ['附件1', '编制发布情况汇总表'],
      ['附件2', '学校名单']
    ])
  })
})
