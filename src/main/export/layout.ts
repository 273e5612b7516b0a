/**
 * Chapter documents → the blocks of the Word document (model.ts). Numbers
 * come from numberReport, the function the editor and the lists use; the
 * live data (tables, figures, quoted figures) from the data layer.
 */
import type { DocNode } from '@shared/model/doc'
import { textOf } from '@shared/model/doc'
import type { ResolvedFigure } from '@shared/model/figure'
import { numberReport, type ReportNumbering } from '@shared/model/numbering'
import { summarizeChapter } from '@shared/model/summary'
import type { CellAlign, ResolvedTable } from '@shared/model/table'
import { isAllowedHref } from '@shared/editor/schema'
import {
  CASE_MARGIN_X,
  CHART_HEIGHT,
  CHART_WIDTH,
  IMAGE_MAX_HEIGHT,
  IMAGE_MAX_WIDTH,
  PHOTO_GAP,
  PHOTO_MAX_HEIGHT,
  PHOTO_MAX_WIDTH,
  PHOTO_PAIR_HEIGHT,
  TABLE_FONT,
  TEXT_WIDTH
} from './geometry'
import type {
  Block,
  CaptionLabel,
  CaseBlock,
  ExportCounts,
  ImageBlock,
  Inline,
  ListEntry,
  ParagraphBlock,
  ReportLayout,
  TableBlock,
  TableCellBlock
} from './model'
import type { ExportSource } from './source'
import { columnWidths, validMerges } from './tableLayout'

/** Chart pictures rendered beforehand (async), by figure id. */
export type ChartPictures = Map<string, Uint8Array>
/** Why a chart could not be drawn (a Chinese sentence), by figure id. */
export type ChartProblems = Map<string, string>

interface LabelRef {
  text: string
  bookmark: string
  /** The number the SEQ field shows: M of 表 N-M, N of 案例 N (from numberReport, never counted here). */
  value: number
}

/** "3-2" → 2. */
function seqValue(number: string | null): number {
  return number ? Number(number.split('-')[1]) : 0
}

const IMAGE_TYPES: Record<string, ImageBlock['type']> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/bmp': 'bmp' }

export function reportNumbering(source: ExportSource): ReportNumbering {
  return numberReport(source.chapters.map((c) => ({ id: c.id, kind: c.kind, title: c.title, summary: summarizeChapter(c.doc) })))
}

/**
 * How an appendix opens: the 附件 label at the top left, then its title
 * centred. A title that already starts with 附件 ("附件：质量年报数据表",
 * "附件1 …") gets no second label, and one that is only the label ("附件",
 * "附件2") is set as the label itself.
 */
export function appendixHeading(title: string, appendixNo: number, appendices: number): { label: string | null; look: 'title' | 'label' } {
  const t = title.trim()
  if (!t.startsWith('附件')) return { label: appendices > 1 ? `附件${appendixNo}` : '附件', look: 'title' }
  return { label: null, look: /^附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:、.．]?$/.test(t) ? 'label' : 'title' }
}

/** "2021-11-30" → "2021年11月" */
export function coverDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso)
  return m ? `${m[1]}年${Number(m[2])}月` : iso
}

/** "清远市教育局" → "清远市教育局编" (as the cover reads), unless it already says so. */
export function coverIssuer(issuer: string): string {
  const s = issuer.trim()
  if (!s) return ''
  return /编(制|印)?$/.test(s) ? s : `${s}编`
}

export function buildLayout(source: ExportSource, numbering: ReportNumbering, charts: ChartPictures, chartProblems: ChartProblems = new Map()): ReportLayout {
  return new LayoutBuilder(source, numbering, charts, chartProblems).build()
}

/**
 * How a warning names a table or figure: by its number ("表 1-2"), or, for an
 * unnumbered appendix one, by its caption (附表“2021 年度清远市…”), so that
 * several of them can be told apart.
 */
export function itemName(kind: 'table' | 'figure', label: CaptionLabel | null, caption: string): string {
  if (label) return `${label.prefix}${label.value}`
  const c = caption.replace(/\s+/g, ' ').trim()
  if (!c) return kind === 'table' ? '附件中一张没有标题的表格' : '附件中一幅没有标题的图'
  return `${kind === 'table' ? '附表' : '附图'}“${c.length > 24 ? `${c.slice(0, 24)}…` : c}”`
}

/** Where a chapter is, as warnings name it: "第 3 章", or an appendix by its title ("附件", "附件“汇总表”"). */
function chapterPlace(number: string | null, title: string): string {
  if (number) return `第 ${number} 章`
  const t = title.trim()
  return t.startsWith('附件') ? t : t ? `附件“${t}”` : '附件'
}

/** "表 1-2" + "中有…" reads "表 1-2 中有…"; after Chinese text ("附表“…”", "第 3 章") no space. */
function spaced(names: string, rest: string): string {
  return /[0-9A-Za-z]$/.test(names) ? `${names} ${rest}` : `${names}${rest}`
}

/** A Chinese sentence ending in its full stop (messages from elsewhere may or may not have one). */
function sentence(text: string): string {
  const t = text.trim()
  return /[。！？]$/.test(t) ? t : `${t}。`
}

class LayoutBuilder {
  private readonly warnings: string[] = []
  /** Charts numbered in document order, for the Word chart behind each picture. */
  private chartKeys = 0
  private readonly counts: ExportCounts = { chapters: 0, appendices: 0, headings: 0, cases: 0, tables: 0, figures: 0, images: 0, photos: 0, drafts: 0 }
  private readonly toc: ListEntry[] = []
  private readonly caseList: ListEntry[] = []
  private readonly figureList: ListEntry[] = []
  private readonly refs = new Map<string, LabelRef>()
  /** Warnings naming several tables, figures or chapters at once: the rest of the sentence → the names, in order. */
  private readonly grouped = new Map<string, string[]>()
  private bookmarkNo = 0
  // Per chapter while walking it.
  private chapterNumber: string | null = null
  /** Where the chapter being walked is, as warnings name it: "第 3 章", "附件". */
  private chapterPlace = ''
  private headingQueue: ReportNumbering['headings'] = []

  constructor(
    private readonly source: ExportSource,
    private readonly numbering: ReportNumbering,
    private readonly charts: ChartPictures,
    private readonly chartProblems: ChartProblems
  ) {
    numbering.tables.forEach((t, i) => this.refs.set(`table:${t.id}`, { text: t.number ? `表 ${t.number}` : '附表', bookmark: `_RefT${i + 1}`, value: seqValue(t.number) }))
    numbering.figures.forEach((f, i) => this.refs.set(`figure:${f.id}`, { text: f.number ? `图 ${f.number}` : '附图', bookmark: `_RefF${i + 1}`, value: seqValue(f.number) }))
    numbering.cases.forEach((c, i) => this.refs.set(`case:${c.id}`, { text: `案例 ${c.number}`, bookmark: `_RefC${i + 1}`, value: c.number }))
  }

  build(): ReportLayout {
    const body: Block[] = []
    const appendices = this.source.chapters.filter((c) => c.kind === 'appendix').length
    let appendixNo = 0
    this.source.chapters.forEach((chapter, index) => {
      const numbered = this.numbering.chapters[index]
      this.chapterNumber = numbered?.number ?? null
      this.chapterPlace = chapterPlace(this.chapterNumber, chapter.title)
      this.headingQueue = this.numbering.headings.filter((h) => h.chapterId === chapter.id)
      const bookmark = this.nextBookmark('_Toc')
      if (chapter.kind === 'appendix') {
        this.counts.appendices++
        appendixNo++
        // 附件 start on a page of their own, labelled at the top left (GB/T 9704).
        const heading = appendixHeading(chapter.title, appendixNo, appendices)
        body.push({ kind: 'pageBreak' })
        if (heading.label) body.push({ kind: 'paragraph', role: 'appendixLabel', inlines: [{ kind: 'text', text: heading.label }] })
        body.push({ kind: 'heading', level: 1, number: null, text: chapter.title, bookmark, appendix: heading.look })
        this.toc.push({ text: chapter.title, level: 1, bookmark })
      } else {
        this.counts.chapters++
        const text = this.chapterNumber ? `${this.chapterNumber} ${chapter.title}` : chapter.title
        body.push({ kind: 'heading', level: 1, number: this.chapterNumber, text, bookmark })
        this.toc.push({ text, level: 1, bookmark })
      }
      body.push(...this.blocks(chapter.doc.content ?? [], TEXT_WIDTH))
    })
    return {
      title: this.source.meta.title,
      issuer: coverIssuer(this.source.meta.issuer),
      date: coverDate(this.source.meta.issueDate),
      lists: { toc: this.toc, cases: this.caseList, tablesAndFigures: this.figureList },
      body,
      counts: this.counts,
      warnings: [...this.warnings, ...[...this.grouped].map(([rest, names]) => spaced(names.join('、'), rest))]
    }
  }

  private nextBookmark(prefix: string): string {
    return `${prefix}${String(++this.bookmarkNo).padStart(6, '0')}`
  }

  private warn(message: string): void {
    if (this.warnings.length < 200 && !this.warnings.includes(message)) this.warnings.push(message)
  }

  /** One warning for every table, figure or chapter the same thing happens to: `${names}${rest}`. */
  private warnAbout(name: string, rest: string): void {
    const names = this.grouped.get(rest) ?? []
    if (!names.includes(name) && names.length < 200) names.push(name)
    this.grouped.set(rest, names)
  }

  /** Blocks of a run of document nodes, laid out in a column `width` twips wide. */
  private blocks(nodes: DocNode[], width: number, role: ParagraphBlock['role'] = 'body'): Block[] {
    const out: Block[] = []
    for (let i = 0; i < nodes.length; i++) {
      // Photos in a row are set two side by side.
      if (nodes[i].type === 'photo' && nodes[i + 1]?.type === 'photo') {
        this.photoRow([nodes[i], nodes[i + 1]], width, out)
        i++
        continue
      }
      this.block(nodes[i], width, role, out)
    }
    return out
  }

  private block(node: DocNode, width: number, role: ParagraphBlock['role'], out: Block[]): void {
    switch (node.type) {
      case 'paragraph': {
        const inlines = this.inlines(node.content ?? [])
        if (!hasContent(inlines)) return
        const draft = node.attrs?.draft === true
        if (draft) this.counts.drafts++
        out.push({ kind: 'paragraph', role, inlines, draft })
        return
      }
      case 'heading':
        this.heading(node, out)
        return
      case 'bulletList':
      case 'orderedList':
        this.list(node, 0, out)
        return
      case 'blockquote':
        out.push(...this.blocks(node.content ?? [], width, 'quote'))
        return
      case 'table':
        out.push(this.plainTable(node, width))
        return
      case 'caseStudy':
        out.push(this.caseStudy(node, width))
        return
      case 'photo':
        this.photo(node, out)
        return
      case 'reportTable':
        this.reportTable(node, width, out)
        return
      case 'figure':
        this.figure(node, width, out)
        return
      default:
        // Unknown blocks keep their text rather than vanish.
        if (node.content?.length) out.push(...this.blocks(node.content, width, role))
        else if (textOf(node)) out.push({ kind: 'paragraph', role, inlines: [{ kind: 'text', text: textOf(node) }] })
    }
  }

  private heading(node: DocNode, out: Block[]): void {
    const numbered = this.headingQueue.shift()
    const text = textOf(node).trim()
    const depth = numbered?.depth ?? Math.min(4, Math.max(2, Number(node.attrs?.level ?? 2)))
    const number = numbered?.number ?? null
    const full = number ? `${number} ${text}` : text
    const bookmark = this.nextBookmark('_Toc')
    this.counts.headings++
    out.push({ kind: 'heading', level: depth, number, text: full, bookmark })
    if (depth <= 3) this.toc.push({ text: full, level: depth, bookmark })
  }

  private list(node: DocNode, depth: number, out: Block[]): void {
    const ordered = node.type === 'orderedList'
    let n = Number(node.attrs?.start ?? 1)
    if (!Number.isFinite(n)) n = 1
    for (const item of node.content ?? []) {
      const marker = ordered ? `${n++}.` : depth === 0 ? '•' : '◦'
      let first = true
      for (const child of item.content ?? []) {
        if (child.type === 'bulletList' || child.type === 'orderedList') {
          this.list(child, depth + 1, out)
          continue
        }
        if (child.type === 'paragraph') {
          const inlines = this.inlines(child.content ?? [])
          if (!hasContent(inlines) && !first) continue
          out.push({ kind: 'paragraph', role: 'listItem', inlines, marker: first ? marker : '', depth })
          first = false
          continue
        }
        this.block(child, TEXT_WIDTH, 'body', out)
      }
    }
  }

  private inlines(nodes: DocNode[]): Inline[] {
    const out: Inline[] = []
    for (const n of nodes) {
      switch (n.type) {
        case 'text': {
          if (!n.text) break
          const t: Inline = { kind: 'text', text: n.text }
          for (const m of n.marks ?? []) {
            if (m.type === 'bold') t.bold = true
            else if (m.type === 'italic') t.italic = true
            else if (m.type === 'underline') t.underline = true
            else if (m.type === 'superscript') t.superscript = true
            else if (m.type === 'subscript') t.subscript = true
            else if (m.type === 'link' && typeof m.attrs?.href === 'string' && isAllowedHref(m.attrs.href)) t.link = m.attrs.href
          }
          out.push(t)
          break
        }
        case 'hardBreak':
          out.push({ kind: 'break' })
          break
        case 'dataField': {
          const ref = String(n.attrs?.ref ?? '')
          const format = typeof n.attrs?.format === 'string' ? n.attrs.format : null
          const text = ref ? this.source.data.fieldText(ref, format) : null
          if (text === null) {
            this.warnAbout(this.chapterPlace, '中有引用的数据无法计算，导出时留空，请在正文中检查这些数据。')
            break
          }
          if (text === '（待填）') this.warnAbout(this.chapterPlace, '中引用的数据有的尚未填写，导出为“（待填）”，请在“数据”面板中填写后重新导出。')
          if (text === '（数据错误）') this.warnAbout(this.chapterPlace, '中引用的数据有的计算出错，导出为“（数据错误）”，请检查相应的公式。')
          out.push({ kind: 'text', text })
          break
        }
        case 'crossRef': {
          const target = String(n.attrs?.target ?? '')
          const ref = this.refs.get(`${target}:${String(n.attrs?.id ?? '')}`)
          if (!ref) {
            const what = target === 'figure' ? '图' : target === 'case' ? '案例' : '表'
            this.warnAbout(this.chapterPlace, `中有引用的${what}已被删除，导出时写作“（引用的${what}已删除）”。`)
            out.push({ kind: 'text', text: `（引用的${what}已删除）` })
            break
          }
          out.push({ kind: 'ref', bookmark: ref.bookmark, text: ref.text })
          break
        }
        default:
          if (n.content) out.push(...this.inlines(n.content))
      }
    }
    return out
  }

  private label(kind: 'table' | 'figure', id: string): { label: CaptionLabel | null; plainPrefix: string } {
    const ref = this.refs.get(`${kind}:${id}`)
    if (!this.chapterNumber || !ref) return { label: null, plainPrefix: '' }
    const seq = kind === 'table' ? '表' : '图'
    const value = ref.value
    return {
      label: { seq, prefix: `${seq} ${this.chapterNumber}-`, value, restart: value === 1, refBookmark: ref.bookmark },
      plainPrefix: ''
    }
  }

  private reportTable(node: DocNode, width: number, out: Block[]): void {
    const id = String(node.attrs?.id ?? '')
    const table = id ? this.source.data.table(id) : null
    const { label, plainPrefix } = this.label('table', id)
    const caption = table?.caption.trim() ?? ''
    this.counts.tables++
    if (label || caption) {
      const bookmark = this.nextBookmark('_Toc')
      out.push({ kind: 'caption', target: 'table', label, plainPrefix, title: caption, bookmark })
      if (label) this.figureList.push({ text: captionText(label, caption), level: 1, bookmark })
    }
    if (!table) {
      this.warnAbout(label ? `${label.prefix}${label.value}` : `${this.chapterPlace}中的一张表格`, '的数据已无法读取（表格可能已被删除），导出时留有说明文字。')
      out.push({ kind: 'paragraph', role: 'note', inlines: [{ kind: 'text', text: '（此表格的数据已无法读取，请在年报中检查这张表。）' }] })
      return
    }
    out.push(this.resolvedTable(table, width))
    const note = noteText(table.note)
    if (note) out.push({ kind: 'paragraph', role: 'note', inlines: [{ kind: 'text', text: note }] })
    const name = itemName('table', label, caption)
    for (const row of table.rows) for (const cell of row) if (cell.error) this.warn(spaced(name, `中有单元格计算出错：${sentence(cell.error)}`))
    if (table.rows.some((row) => row.some((cell) => cell.missing))) this.warnAbout(name, '中有单元格的数据尚未填写，导出时为空，请在“数据”面板中填写后重新导出。')
  }

  private resolvedTable(table: ResolvedTable, width: number): TableBlock {
    const columns = table.rows.reduce((n, r) => Math.max(n, r.length), 0)
    const merges = validMerges(table.merges, table.rows.length, columns)
    const covered = new Set<string>()
    const spans = new Map<string, { rowSpan: number; colSpan: number }>()
    for (const m of merges) {
      spans.set(`${m.row}:${m.col}`, { rowSpan: m.rowSpan, colSpan: m.colSpan })
      for (let r = m.row; r < m.row + m.rowSpan; r++) for (let c = m.col; c < m.col + m.colSpan; c++) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`)
    }
    const headerRows = Math.min(Math.max(0, table.headerRows), table.rows.length)
    const rows: TableBlock['rows'] = table.rows.map((row, r) => ({
      cells: Array.from({ length: columns }, (_, c) => c)
        .filter((c) => !covered.has(`${r}:${c}`))
        .map((c) => {
          const cell = row[c] ?? { text: '', align: 'center' as CellAlign }
          const span = spans.get(`${r}:${c}`) ?? { rowSpan: 1, colSpan: 1 }
          const header = r < headerRows
          const align: CellAlign = header ? 'center' : cell.align
          return { col: c, ...span, header, align, blocks: cellParagraphs(cell.text, align) }
        })
    }))
    const sized = rows.map((row) => row.cells.map((c) => ({ text: c.blocks.map(paragraphText).join('\n'), col: c.col, colSpan: c.colSpan })))
    return { kind: 'table', rows, headerRows, widths: columnWidths(sized, columns, width, TABLE_FONT, table.columnWidths), merges }
  }

  /** A table typed straight into the text (not a numbered 表): kept as it is, header cells repeated. */
  private plainTable(node: DocNode, width: number): TableBlock {
    const grid: { cell: DocNode; row: number; col: number; rowSpan: number; colSpan: number }[] = []
    const occupied = new Set<string>()
    const rowsIn = (node.content ?? []).filter((r) => r.type === 'tableRow')
    rowsIn.forEach((row, r) => {
      let c = 0
      for (const cell of row.content ?? []) {
        while (occupied.has(`${r}:${c}`)) c++
        const rowSpan = Math.max(1, Math.min(Number(cell.attrs?.rowspan ?? 1) || 1, rowsIn.length - r))
        const colSpan = Math.max(1, Number(cell.attrs?.colspan ?? 1) || 1)
        grid.push({ cell, row: r, col: c, rowSpan, colSpan })
        for (let y = r; y < r + rowSpan; y++) for (let x = c; x < c + colSpan; x++) occupied.add(`${y}:${x}`)
        c += colSpan
      }
    })
    const columns = grid.reduce((n, g) => Math.max(n, g.col + g.colSpan), 0)
    let headerRows = 0
    while (headerRows < rowsIn.length && grid.filter((g) => g.row === headerRows).every((g) => g.cell.type === 'tableHeader') && grid.some((g) => g.row === headerRows)) headerRows++
    const rows: TableBlock['rows'] = rowsIn.map((_, r) => ({
      cells: grid
        .filter((g) => g.row === r)
        .map((g): TableCellBlock & { col: number } => {
          const header = g.cell.type === 'tableHeader'
          const align: CellAlign = header ? 'center' : 'left'
          const paragraphs = this.blocks(g.cell.content ?? [], width, 'tableCell').filter((b): b is ParagraphBlock => b.kind === 'paragraph')
          paragraphs.forEach((p) => {
            p.role = 'tableCell'
            p.align = align
          })
          return { col: g.col, rowSpan: g.rowSpan, colSpan: g.colSpan, header, align, blocks: paragraphs.length ? paragraphs : cellParagraphs('', align) }
        })
    }))
    const given = grid.filter((g) => g.row === 0 && g.colSpan === 1).length === columns ? grid.filter((g) => g.row === 0).map((g) => Number((g.cell.attrs?.colwidth as number[] | null)?.[0] ?? 0)) : undefined
    const sized = rows.map((row) => row.cells.map((c) => ({ text: c.blocks.map(paragraphText).join('\n'), col: c.col, colSpan: c.colSpan })))
    const merges = grid.filter((g) => g.rowSpan > 1 || g.colSpan > 1).map((g) => ({ row: g.row, col: g.col, rowSpan: g.rowSpan, colSpan: g.colSpan }))
    return { kind: 'table', rows, headerRows, widths: columnWidths(sized, columns, width, TABLE_FONT, given), merges }
  }

  private caseStudy(node: DocNode, width: number): CaseBlock {
    const id = String(node.attrs?.id ?? '')
    const ref = this.refs.get(`case:${id}`) ?? { text: '案例', bookmark: this.nextBookmark('_RefC'), value: this.numbering.cases.length + 1 }
    const value = ref.value
    const titleNode = node.content?.find((c) => c.type === 'caseTitle')
    const title = titleNode ? textOf(titleNode).trim() : ''
    const label: CaptionLabel = { seq: '案例', prefix: '案例 ', value, restart: value === 1, refBookmark: ref.bookmark }
    const bookmark = this.nextBookmark('_Toc')
    this.counts.cases++
    this.caseList.push({ text: `案例 ${value}：${title}`, level: 1, bookmark })
    const inner = width - 2 * CASE_MARGIN_X
    const blocks = this.blocks((node.content ?? []).filter((c) => c.type !== 'caseTitle'), inner)
    return { kind: 'case', label, title, bookmark, school: String(node.attrs?.school ?? ''), blocks }
  }

  /** A photo's picture fitted into a box, or null (with a warning) when it cannot be shown. */
  private photoImage(node: DocNode, maxW: number, maxH: number): ImageBlock | null {
    const hash = typeof node.attrs?.asset === 'string' ? node.attrs.asset : ''
    const caption = textOf(node).trim()
    const asset = hash ? this.source.asset(hash) : null
    const type = asset ? IMAGE_TYPES[asset.mime] : undefined
    if (!asset || !type) {
      const name = caption ? `图片“${caption.length > 24 ? `${caption.slice(0, 24)}…` : caption}”` : `${this.chapterPlace}中一张没有说明的图片`
      if (asset) this.warnAbout(name, `的格式（${asset.mime}）Word 无法显示，已略去，请换成 PNG 或 JPEG 图片。`)
      else this.warnAbout(name, '在报告文件中找不到，已略去。')
      return null
    }
    const shownW = Number(node.attrs?.width) > 0 ? Number(node.attrs?.width) : asset.width
    const shownH = Number(node.attrs?.height) > 0 ? Number(node.attrs?.height) : (shownW * asset.height) / asset.width
    const size = fitBox(shownW * 15, shownH * 15, maxW, maxH)
    this.counts.images++
    this.counts.photos++
    return { kind: 'image', data: asset.bytes, type, width: size.width, height: size.height, alt: caption || '照片' }
  }

  private photo(node: DocNode, out: Block[]): void {
    const caption = textOf(node).trim()
    const image = this.photoImage(node, PHOTO_MAX_WIDTH, PHOTO_MAX_HEIGHT)
    if (image) out.push(image)
    if (caption) out.push({ kind: 'paragraph', role: 'photoCaption', inlines: [{ kind: 'text', text: caption }] })
  }

  private photoRow(nodes: DocNode[], width: number, out: Block[]): void {
    const columnWidth = Math.floor(width / nodes.length)
    const items = nodes.map((n) => ({ image: this.photoImage(n, columnWidth - PHOTO_GAP, PHOTO_PAIR_HEIGHT), caption: textOf(n).trim() }))
    const photos = items.flatMap((i) => (i.image ? [{ image: i.image, caption: i.caption }] : []))
    if (photos.length === items.length) {
      out.push({ kind: 'photoRow', photos, columnWidth })
      return
    }
    for (const i of items) {
      if (i.image) out.push(i.image)
      if (i.caption) out.push({ kind: 'paragraph', role: 'photoCaption', inlines: [{ kind: 'text', text: i.caption }] })
    }
  }

  private figure(node: DocNode, width: number, out: Block[]): void {
    const id = String(node.attrs?.id ?? '')
    const figure = id ? this.source.data.figure(id) : null
    const { label, plainPrefix } = this.label('figure', id)
    this.counts.figures++
    const caption = figure?.caption.trim() ?? ''
    const image = figure ? this.figureImage(figure, width) : '无法生成图片（图可能已被删除），导出时留有说明文字。'
    if (typeof image !== 'string') {
      out.push(image)
      this.counts.images++
    } else {
      this.warnAbout(figure || label ? itemName('figure', label, caption) : `${this.chapterPlace}中的一幅图`, image)
      out.push({ kind: 'paragraph', role: 'note', inlines: [{ kind: 'text', text: '（此图无法生成，请在年报中检查这幅图。）' }] })
    }
    if (label || caption) {
      const bookmark = this.nextBookmark('_Toc')
      out.push({ kind: 'caption', target: 'figure', label, plainPrefix, title: caption, bookmark })
      if (label) this.figureList.push({ text: captionText(label, caption), level: 1, bookmark })
    }
    const note = noteText(figure?.note ?? '')
    if (note) out.push({ kind: 'paragraph', role: 'note', inlines: [{ kind: 'text', text: note }] })
  }

  /** The figure's picture, or why there is none (the rest of a warning's sentence after the figure's name). */
  private figureImage(figure: ResolvedFigure, width: number): ImageBlock | string {
    if (figure.kind === 'chart') {
      const png = this.charts.get(figure.id)
      const problem = this.chartProblems.get(figure.id)
      if (!png) return problem ? `无法生成图片，导出时留有说明文字：${sentence(problem)}` : '无法生成图片，导出时留有说明文字。'
      // Charts are drawn at their print size (geometry.CHART_*), narrower inside a case box.
      const size = pngSize(png)
      const aspect = size ? size.height / size.width : CHART_HEIGHT / CHART_WIDTH
      const box = fitBox(CHART_WIDTH, CHART_WIDTH * aspect, Math.min(width, CHART_WIDTH), IMAGE_MAX_HEIGHT, true)
      const chart = figure.chart && figure.data && !figure.data.error ? { key: ++this.chartKeys, spec: figure.chart, data: figure.data } : undefined
      return { kind: 'image', data: png, type: 'png', width: box.width, height: box.height, alt: figure.caption || '图表', ...(chart ? { chart } : {}) }
    }
    const asset = figure.asset ? this.source.asset(figure.asset) : null
    const type = asset ? IMAGE_TYPES[asset.mime] : undefined
    if (!asset) return '的图片在报告文件中找不到，导出时留有说明文字。'
    if (!type) return `的图片格式（${asset.mime}）Word 无法显示，导出时留有说明文字，请换成 PNG 或 JPEG 图片。`
    const box = fitBox(asset.width * 15, asset.height * 15, Math.min(width, IMAGE_MAX_WIDTH), IMAGE_MAX_HEIGHT)
    return { kind: 'image', data: asset.bytes, type, width: box.width, height: box.height, alt: figure.caption || '图片' }
  }
}

export function captionText(label: CaptionLabel, title: string): string {
  const number = `${label.prefix}${label.value}`
  if (label.seq === '案例') return `${number}：${title}`
  return title ? `${number} ${title}` : number
}

/** The 数据来源 line: as typed, with the usual lead-in added when it has none. */
export function noteText(note: string): string {
  const s = note.trim()
  if (!s) return ''
  return /^(（?数据来源|（?资料来源|（?注|（?说明|（?来源)/.test(s) ? s : `数据来源：${s}`
}

function hasContent(inlines: Inline[]): boolean {
  return inlines.some((i) => i.kind === 'ref' || (i.kind === 'text' && i.text.trim() !== ''))
}

function cellParagraphs(text: string, align: CellAlign): ParagraphBlock[] {
  return text.split('\n').map((line) => ({ kind: 'paragraph', role: 'tableCell', align, inlines: line ? [{ kind: 'text', text: line }] : [] }))
}

export function paragraphText(p: ParagraphBlock): string {
  return p.inlines.map((i) => (i.kind === 'break' ? '\n' : i.text)).join('')
}

/**
 * Scale (width, height) in twips into a box, keeping proportions. Charts are
 * drawn at their own size (`grow`), photos never enlarged beyond their pixels.
 */
function fitBox(width: number, height: number, maxW: number, maxH: number, grow = false): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: maxW, height: Math.round(maxW * 0.6) }
  let scale = Math.min(maxW / width, maxH / height)
  if (!grow) scale = Math.min(1, scale)
  return { width: Math.round(width * scale), height: Math.round(height * scale) }
}

/** Width and height of a PNG from its header. */
function pngSize(png: Uint8Array): { width: number; height: number } | null {
  if (png.length < 24 || png[0] !== 0x89 || png[1] !== 0x50) return null
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}
