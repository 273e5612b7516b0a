/**
 * The report as the Word document will show it, independent of the docx
 * library: chapter documents are turned into these blocks once (layout.ts),
 * then the page estimator (pagination.ts) and the writer (writer/*) read the
 * same blocks, so the page numbers in the lists describe what is written.
 */
import type { ChartData, ChartSpec } from '@shared/charts/model'
import type { CellAlign, TableMerge } from '@shared/model/table'
import type { ExportCounts } from '@shared/contract/export'

export interface TextInline {
  kind: 'text'
  text: string
  bold?: boolean
  italic?: boolean
  underline?: boolean
  superscript?: boolean
  subscript?: boolean
  /** An https or mailto link. */
  link?: string
}

/** A live reference to a caption's "表 1-2" / "图 2-3" / "案例 5" (a REF field). */
export interface RefInline {
  kind: 'ref'
  bookmark: string
  text: string
}

export type Inline = TextInline | RefInline | { kind: 'break' }

/** A numbered label: "表 1-" + SEQ, "图 2-" + SEQ, "案例 " + SEQ. */
export interface CaptionLabel {
  seq: '表' | '图' | '案例'
  /** Text before the number: "表 1-", "案例 ". */
  prefix: string
  /** The number the SEQ field shows. */
  value: number
  /** First of its kind in its chapter: the SEQ field restarts at 1 (\r 1). */
  restart: boolean
  /** Bookmark around label and number, for cross references (REF). */
  refBookmark: string
}

export interface HeadingBlock {
  kind: 'heading'
  /** 1 = chapter title, 2–4 = sections (after clamping skipped levels). */
  level: number
  number: string | null
  text: string
  bookmark: string
  /** Appendix titles: centred under their 附件 label, or (a title that is only "附件") set as that label. */
  appendix?: 'title' | 'label'
}

export interface ParagraphBlock {
  kind: 'paragraph'
  role: 'body' | 'quote' | 'listItem' | 'tableCell' | 'photoCaption' | 'note' | 'appendixLabel'
  inlines: Inline[]
  /** List items: "1." or "•", and how deep the list is. */
  marker?: string
  depth?: number
  align?: CellAlign
  draft?: boolean
}

export interface CaptionBlock {
  kind: 'caption'
  /** Style: table caption above, figure caption below; unnumbered appendix items have no label. */
  target: 'table' | 'figure'
  label: CaptionLabel | null
  /** "附表 " etc. for unnumbered items. */
  plainPrefix: string
  title: string
  bookmark: string
}

export interface TableCellBlock {
  blocks: ParagraphBlock[]
  align: CellAlign
  header: boolean
  rowSpan: number
  colSpan: number
}

export interface TableBlock {
  kind: 'table'
  /** Rows of cells; cells covered by a merge are absent. */
  rows: { cells: (TableCellBlock & { col: number })[] }[]
  headerRows: number
  /** Column widths in twips, summing to the table's width. */
  widths: number[]
  merges: TableMerge[]
}

export interface ImageBlock {
  kind: 'image'
  data: Uint8Array
  type: 'png' | 'jpg' | 'gif' | 'bmp'
  /** A chart's picture: the chart and its numbers travel with it as a Word chart (writer/wordCharts.ts); `key` numbers it in the document. */
  chart?: { key: number; spec: ChartSpec; data: ChartData }
  /** Size on the page, in twips. */
  width: number
  height: number
  /** Alternative text for readers that cannot see the picture. */
  alt: string
}

/** Photos side by side (two in a row, as reports set them), each with its caption line. */
export interface PhotoRowBlock {
  kind: 'photoRow'
  photos: { image: ImageBlock; caption: string }[]
  /** Width of each column, in twips. */
  columnWidth: number
}

export interface CaseBlock {
  kind: 'case'
  label: CaptionLabel
  title: string
  bookmark: string
  school: string
  blocks: Block[]
}

export interface PageBreakBlock {
  kind: 'pageBreak'
}

export type Block = HeadingBlock | ParagraphBlock | CaptionBlock | TableBlock | ImageBlock | PhotoRowBlock | CaseBlock | PageBreakBlock

/** One entry of 目录, 案例目录 or 图表目录: its text, where it points, and its estimated page. */
export interface ListEntry {
  text: string
  level: number
  bookmark: string
  page?: number
}

export interface ReportLists {
  toc: ListEntry[]
  cases: ListEntry[]
  tablesAndFigures: ListEntry[]
}

export type { ExportCounts }

/** Everything the writer needs: cover facts, the lists and the body. */
export interface ReportLayout {
  title: string
  issuer: string
  /** "2021年11月" */
  date: string
  lists: ReportLists
  body: Block[]
  counts: ExportCounts
  warnings: string[]
}
