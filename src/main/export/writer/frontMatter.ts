/**
 * The cover and the three lists (目录, 案例目录, 图表目录). Each list is a
 * real TOC field, already filled in with its entries and estimated page
 * numbers, so it reads correctly before anyone updates it:
 *   目录      TOC \o "1-3" \h \z \u         headings to the third level
 *   案例目录  TOC \h \z \t "案例标题,4"     the case headings (案例 N：标题, N a SEQ 案例 field)
 *   图表目录  TOC \h \z \t "表题,4,图题,4"  table and figure captions, in order
 * Each entry is a link to its bookmark with a PAGEREF for the page, as Word
 * writes its own.
 */
import { InternalHyperlink, LeaderType, Paragraph, Tab, TabStopType, TextRun, type FileChild } from 'docx'
import { FORMATS, PAGE_TAB, type ParagraphFormat } from '../formats'
import { LINE } from '../geometry'
import type { ListEntry, ReportLayout } from '../model'
import { fieldBegin, fieldEnd, pageRefField } from './fields'

export const TOC_INSTRUCTIONS = {
  toc: 'TOC \\o "1-3" \\h \\z \\u',
  // Over the case-heading style rather than `\c "案例"`: LibreOffice fills a
  // `\c` list with its own "Figure Index" style (not ours) when it updates it.
  cases: `TOC \\h \\z \\t "${FORMATS.caseTitle.styleName},4"`,
  tablesAndFigures: `TOC \\h \\z \\t "${FORMATS.tableCaption.styleName},4,${FORMATS.figureCaption.styleName},4"`
} as const

export const LIST_TITLES = { toc: '目录', cases: '案例目录', tablesAndFigures: '图表目录' } as const

function entryParagraph(e: ListEntry, format: ParagraphFormat, first: string | null, last: boolean): Paragraph {
  const children = [
    ...(first ? [fieldBegin(first)] : []),
    new InternalHyperlink({ anchor: e.bookmark, children: [new TextRun(e.text), new TextRun({ children: [new Tab()] }), ...pageRefField(e.bookmark, e.page)] }),
    ...(last ? [fieldEnd()] : [])
  ]
  // The dot leader and the page number's right tab (docx styles cannot carry tab stops).
  return new Paragraph({ style: format.styleId, tabStops: [{ type: TabStopType.RIGHT, position: PAGE_TAB, leader: LeaderType.DOT }], children })
}

function list(kind: keyof typeof TOC_INSTRUCTIONS, entries: ListEntry[], format: (e: ListEntry) => ParagraphFormat, newPage: boolean): FileChild[] {
  const title = new Paragraph({ style: FORMATS.listTitle.styleId, pageBreakBefore: newPage || undefined, children: [new TextRun(LIST_TITLES[kind])] })
  return [title, ...entries.map((e, i) => entryParagraph(e, format(e), i === 0 ? TOC_INSTRUCTIONS[kind] : null, i === entries.length - 1))]
}

const tocFormat = (e: ListEntry) => (e.level <= 1 ? FORMATS.toc1 : e.level === 2 ? FORMATS.toc2 : FORMATS.toc3)

/** The lists, each from a new page; a list with no entries (a report without cases) is left out. */
export function frontMatter(layout: ReportLayout): FileChild[] {
  const out: FileChild[] = []
  const { toc, cases, tablesAndFigures } = layout.lists
  if (toc.length) out.push(...list('toc', toc, tocFormat, out.length > 0))
  if (cases.length) out.push(...list('cases', cases, () => FORMATS.toc4, out.length > 0))
  if (tablesAndFigures.length) out.push(...list('tablesAndFigures', tablesAndFigures, () => FORMATS.toc4, out.length > 0))
  // The section break must not sit in a list's last paragraph: LibreOffice then
  // loses the page numbers of the pages the list is on.
  if (out.length) out.push(new Paragraph({ style: FORMATS.note.styleId, children: [] }))
  return out
}

/**
 * The cover: title (方正小标宋简体 二号) in the upper third, issuer and date
 * near the foot; no page number (its section has no footer).
 */
export function cover(layout: ReportLayout): FileChild[] {
  const lines = splitTitle(layout.title)
  return [
    new Paragraph({
      style: FORMATS.coverTitle.styleId,
      spacing: { before: LINE * 5 },
      children: lines.map((l, i) => new TextRun({ text: l, break: i > 0 ? 1 : undefined }))
    }),
    new Paragraph({ style: FORMATS.coverLine.styleId, spacing: { before: LINE * (13 - lines.length * 2) }, children: [new TextRun(layout.issuer)] }),
    new Paragraph({ style: FORMATS.coverLine.styleId, children: [new TextRun(layout.date)] })
  ]
}

/** "2022年清远市中等职业教育质量年度报告" → two lines, before "质量年度报告", as covers set it. */
export function splitTitle(title: string): string[] {
  const t = title.trim()
  const at = t.indexOf('质量年度报告')
  if (t.length > 18 && at > 0) return [t.slice(0, at), t.slice(at)]
  return [t]
}
