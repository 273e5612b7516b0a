/**
 * The paragraph formats of the document (GB/T 9704 practice), in one table
 * read by both the Word styles (writer/styles.ts) and the page estimator
 * (pagination.ts), so the two never disagree.
 */
import { BODY_CHAR_SPACING, CAPTION_FONT, INDENT_2_CHARS, LINE, NOTE_FONT, NOTE_LINE, SIZE, TABLE_FONT, TABLE_LINE, TEXT_WIDTH } from './geometry'

export interface ParagraphFormat {
  /** Word style id and its name as Word shows it. */
  styleId: string
  styleName: string
  /** East Asian font (by its Chinese name) and the font for Latin letters and digits. */
  font: string
  latinFont: string
  size: number
  bold?: boolean
  /** Exact line pitch in twips. */
  line: number
  /** Extra space per character (twips). */
  charSpacing: number
  firstIndent: number
  leftIndent: number
  rightIndent?: number
  /** List entries: the page number at a right tab on the margin, dots before it. */
  pageTab?: boolean
  /** Hanging indent (list items). */
  hanging?: number
  before: number
  after: number
  align: 'both' | 'left' | 'center' | 'right'
  /** Outline level 0–3 for headings (what tables of contents read). */
  outlineLevel?: number
  keepNext?: boolean
}

const BODY: ParagraphFormat = {
  styleId: 'ReportBody',
  styleName: '报告正文',
  font: '仿宋_GB2312',
  latinFont: 'Times New Roman',
  size: SIZE.三号,
  line: LINE,
  charSpacing: BODY_CHAR_SPACING,
  firstIndent: INDENT_2_CHARS,
  leftIndent: 0,
  before: 0,
  after: 0,
  align: 'both'
}

/** Entries of the lists. No right indent: LibreOffice would push the page numbers past it, out of the page. */
const LIST_ENTRY: ParagraphFormat = { ...BODY, firstIndent: 0, pageTab: true, align: 'left' }

export const FORMATS = {
  body: BODY,
  heading1: { ...BODY, styleId: 'Heading1', styleName: 'heading 1', font: '黑体', before: LINE / 2, after: LINE / 2, outlineLevel: 0, keepNext: true, align: 'left' },
  heading2: { ...BODY, styleId: 'Heading2', styleName: 'heading 2', font: '楷体_GB2312', outlineLevel: 1, keepNext: true, align: 'left' },
  heading3: { ...BODY, styleId: 'Heading3', styleName: 'heading 3', bold: true, outlineLevel: 2, keepNext: true, align: 'left' },
  heading4: { ...BODY, styleId: 'Heading4', styleName: 'heading 4', bold: true, outlineLevel: 3, keepNext: true, align: 'left' },
  quote: { ...BODY, styleId: 'ReportQuote', styleName: '引文', font: '楷体_GB2312', leftIndent: INDENT_2_CHARS },
  listItem: { ...BODY, styleId: 'ReportListItem', styleName: '列表项', firstIndent: 0, leftIndent: INDENT_2_CHARS + 2 * (SIZE.三号 * 10), hanging: 2 * (SIZE.三号 * 10) },
  tableCaption: {
    ...BODY,
    styleId: 'TableCaption',
    styleName: '表题',
    font: '黑体',
    size: CAPTION_FONT,
    charSpacing: 0,
    firstIndent: 0,
    align: 'center',
    before: 120,
    keepNext: true
  },
  figureCaption: { ...BODY, styleId: 'FigureCaption', styleName: '图题', font: '黑体', size: CAPTION_FONT, charSpacing: 0, firstIndent: 0, align: 'center' },
  /** Captions of unnumbered (appendix) tables and figures: same look, not listed in 图表目录. */
  plainCaption: { ...BODY, styleId: 'PlainCaption', styleName: '附表题', font: '黑体', size: CAPTION_FONT, charSpacing: 0, firstIndent: 0, align: 'center', keepNext: true },
  // No keep-with-next: LibreOffice would then keep the whole case box on one page.
  caseTitle: { ...BODY, styleId: 'CaseTitle', styleName: '案例标题', font: '黑体', firstIndent: 0, align: 'center' },
  tableCell: {
    ...BODY,
    styleId: 'TableText',
    styleName: '表格文字',
    size: TABLE_FONT,
    line: TABLE_LINE,
    charSpacing: 0,
    firstIndent: 0,
    align: 'center'
  },
  note: { ...BODY, styleId: 'SourceNote', styleName: '数据来源', size: NOTE_FONT, line: NOTE_LINE, charSpacing: 0, firstIndent: 0, align: 'left', after: NOTE_LINE / 2 },
  photoCaption: { ...BODY, styleId: 'PhotoCaption', styleName: '图片说明', font: '楷体_GB2312', size: NOTE_FONT, line: NOTE_LINE, charSpacing: 0, firstIndent: 0, align: 'center', after: NOTE_LINE / 2 },
  picture: { ...BODY, styleId: 'Picture', styleName: '插图', firstIndent: 0, align: 'center', keepNext: true, before: LINE / 4, after: LINE / 4 },
  appendixLabel: { ...BODY, styleId: 'AppendixLabel', styleName: '附件标注', font: '黑体', firstIndent: 0, align: 'left' },
  appendixTitle: { ...BODY, styleId: 'AppendixTitle', styleName: '附件标题', font: '方正小标宋简体', size: SIZE.二号, line: LINE + 240, charSpacing: 0, firstIndent: 0, align: 'center', after: LINE / 2 },
  listTitle: { ...BODY, styleId: 'ListTitle', styleName: '目录标题', font: '方正小标宋简体', size: SIZE.二号, line: LINE + 240, charSpacing: 0, firstIndent: 0, align: 'center', after: LINE / 2 },
  toc1: { ...LIST_ENTRY, styleId: 'TOC1', styleName: 'toc 1', font: '黑体' },
  toc2: { ...LIST_ENTRY, styleId: 'TOC2', styleName: 'toc 2', leftIndent: SIZE.三号 * 20 },
  toc3: { ...LIST_ENTRY, styleId: 'TOC3', styleName: 'toc 3', leftIndent: SIZE.三号 * 40 },
  /** Entries of 案例目录 and 图表目录 (TOC fields over 案例标题 and 表题/图题 at level 4). */
  toc4: { ...LIST_ENTRY, styleId: 'TOC4', styleName: 'toc 4' },
  coverTitle: { ...BODY, styleId: 'CoverTitle', styleName: '封面标题', font: '方正小标宋简体', size: SIZE.二号, line: 900, charSpacing: 0, firstIndent: 0, align: 'center' },
  coverLine: { ...BODY, styleId: 'CoverLine', styleName: '封面署名', font: '楷体_GB2312', charSpacing: 0, firstIndent: 0, align: 'center' }
} satisfies Record<string, ParagraphFormat>

export type FormatName = keyof typeof FORMATS

export function headingFormat(level: number): ParagraphFormat {
  return level <= 1 ? FORMATS.heading1 : level === 2 ? FORMATS.heading2 : level === 3 ? FORMATS.heading3 : FORMATS.heading4
}

/** An appendix's level-1 heading: its centred title, or the top-left 附件 label when the title is only that. */
export function appendixHeadingFormat(look: 'title' | 'label'): ParagraphFormat {
  return look === 'label' ? FORMATS.appendixLabel : FORMATS.appendixTitle
}

/** Where the page numbers of list entries stand. */
export const PAGE_TAB = TEXT_WIDTH

/** Footer: "- N -" in 宋体 四号, centred. */
export const FOOTER_FONT = '宋体'
export const FOOTER_SIZE = SIZE.四号
