/**
 * Estimates the page each heading, case and caption lands on, to fill the
 * page numbers of 目录, 案例目录 and 图表目录 before Word updates them. Every
 * line of the document has an exact height (formats.ts), characters a known
 * width, so a simple flow over the blocks comes close to what Word lays out:
 * paragraphs split across pages (no single orphan or widow line), headings
 * and captions stay with what follows, table rows do not split and header
 * rows repeat, pictures move whole to the next page.
 */
import { CASE_MARGIN_X, CASE_MARGIN_Y, CELL_MARGIN_X, CELL_MARGIN_Y, LINE, LINES_PER_PAGE, TEXT_HEIGHT, TEXT_WIDTH } from './geometry'
import { appendixHeadingFormat, FORMATS, headingFormat, type ParagraphFormat } from './formats'
import type { Block, CaptionBlock, ListEntry, ParagraphBlock, ReportLayout, TableBlock } from './model'
import { paragraphText } from './layout'
import { countLines } from './textMetrics'

export interface PageEstimate {
  /** Page (of the body, from 1) of each bookmark. */
  pages: Map<string, number>
  bodyPages: number
  /** Pages of the front matter: 目录, 案例目录, 图表目录 (each from a new page). */
  frontPages: number
}

export function paragraphFormat(role: ParagraphBlock['role']): ParagraphFormat {
  switch (role) {
    case 'quote':
      return FORMATS.quote
    case 'listItem':
      return FORMATS.listItem
    case 'tableCell':
      return FORMATS.tableCell
    case 'photoCaption':
      return FORMATS.photoCaption
    case 'note':
      return FORMATS.note
    case 'appendixLabel':
      return FORMATS.appendixLabel
    default:
      return FORMATS.body
  }
}

export function captionFormat(c: CaptionBlock): ParagraphFormat {
  if (!c.label) return FORMATS.plainCaption
  return c.target === 'table' ? FORMATS.tableCaption : FORMATS.figureCaption
}

export function captionDisplay(c: CaptionBlock): string {
  const number = c.label ? `${c.label.prefix}${c.label.value}` : c.plainPrefix
  return [number, c.title].filter(Boolean).join(' ')
}

function linesOf(text: string, f: ParagraphFormat, width: number): number {
  return countLines(text, width - f.leftIndent - (f.rightIndent ?? 0), f.size, f.charSpacing, f.hanging ? -f.hanging : f.firstIndent)
}

class Flow {
  page = 1
  y = 0
  readonly pages = new Map<string, number>()

  constructor(private readonly height: number) {}

  newPage(): void {
    if (this.y === 0) return
    this.page++
    this.y = 0
  }

  room(): number {
    return this.height - this.y
  }

  /** Keep `h` together on one page (moving to the next if needed). */
  ensure(h: number): void {
    if (h > this.room() && this.y > 0 && h <= this.height) this.newPage()
  }

  advance(h: number): void {
    this.y += h
    while (this.y > this.height + 1) {
      this.page++
      this.y -= this.height
    }
  }

  /** A run of `lines` lines of height `lh` that may break between lines (2 lines at least on each side). */
  lines(lines: number, lh: number, before = 0, after = 0): void {
    if (this.y > 0) this.advance(Math.min(before, this.room()))
    let left = lines
    while (left > 0) {
      const fit = Math.floor((this.room() + 1) / lh)
      if (fit >= left) {
        this.advance(left * lh)
        break
      }
      if (fit < 2 || (left > 2 && left - fit < 2 && fit - 1 < 2)) {
        this.newPage()
        if (this.y === 0 && fit === 0 && this.room() < lh) break
        continue
      }
      // Widow control: leave at least two lines for the next page.
      const take = left - fit < 2 ? fit - 1 : fit
      this.advance(take * lh)
      left -= take
      this.newPageForce()
    }
    if (after) this.advance(Math.min(after, this.room()))
  }

  newPageForce(): void {
    this.page++
    this.y = 0
  }

  mark(bookmark: string): void {
    this.pages.set(bookmark, this.page)
  }
}

export function estimatePages(layout: ReportLayout): PageEstimate {
  const flow = new Flow(TEXT_HEIGHT)
  placeBlocks(flow, layout.body, TEXT_WIDTH)
  return { pages: flow.pages, bodyPages: flow.page, frontPages: frontPages(layout) }
}

function placeBlocks(flow: Flow, blocks: Block[], width: number): void {
  blocks.forEach((block, i) => placeBlock(flow, block, blocks[i + 1], width))
}

function paragraphLines(p: ParagraphBlock, width: number): number {
  return Math.max(1, linesOf((p.marker ? `${p.marker} ` : '') + paragraphText(p), paragraphFormat(p.role), width))
}

/** Height of what must stay with a heading or caption: the first lines of the next block. */
function leadHeight(next: Block | undefined, width: number): number {
  if (!next) return 0
  switch (next.kind) {
    case 'paragraph': {
      const f = paragraphFormat(next.role)
      return Math.min(2, paragraphLines(next, width)) * f.line + f.before
    }
    case 'heading':
      return headingFormat(next.level).line * 2
    case 'table':
      return tableRowHeights(next).slice(0, next.headerRows + 1).reduce((a, b) => a + b, 0)
    case 'image':
      return next.height + FORMATS.picture.before + FORMATS.picture.after
    case 'photoRow':
      return Math.max(...next.photos.map((p) => p.image.height)) + FORMATS.picture.before + FORMATS.picture.after + FORMATS.photoCaption.line
    case 'case':
      return CASE_MARGIN_Y + FORMATS.caseTitle.line * 3
    case 'caption':
      return captionFormat(next).line
    default:
      return 0
  }
}

function placeBlock(flow: Flow, block: Block, next: Block | undefined, width: number): void {
  switch (block.kind) {
    case 'pageBreak':
      // Written as "page break before" on the next paragraph: no empty page at the top of one.
      flow.newPage()
      return
    case 'heading': {
      const f = block.appendix ? appendixHeadingFormat(block.appendix) : headingFormat(block.level)
      const lines = linesOf(block.text, f, width)
      const before = flow.y === 0 ? 0 : f.before
      flow.ensure(before + lines * f.line + f.after + leadHeight(next, width))
      if (flow.y > 0) flow.advance(before)
      flow.mark(block.bookmark)
      flow.advance(lines * f.line + f.after)
      return
    }
    case 'paragraph': {
      const f = paragraphFormat(block.role)
      flow.lines(paragraphLines(block, width), f.line, f.before, f.after)
      return
    }
    case 'caption': {
      const f = captionFormat(block)
      const h = (flow.y > 0 ? f.before : 0) + linesOf(captionDisplay(block), f, width) * f.line
      // A table caption stays with the table's first rows.
      flow.ensure(h + (block.target === 'table' ? leadHeight(next, width) : 0))
      flow.mark(block.bookmark)
      flow.advance(h)
      return
    }
    case 'image': {
      const h = block.height + FORMATS.picture.before + FORMATS.picture.after + 60
      // A picture stays with its caption.
      const tail = next && (next.kind === 'caption' || (next.kind === 'paragraph' && next.role === 'photoCaption')) ? leadHeight(next, width) : 0
      flow.ensure(h + tail)
      flow.advance(h)
      return
    }
    case 'table':
      placeTable(flow, block)
      return
    case 'photoRow': {
      const f = FORMATS.photoCaption
      const captions = Math.max(...block.photos.map((p) => (p.caption ? linesOf(p.caption, f, block.columnWidth) * f.line + f.after : 0)))
      const h = Math.max(...block.photos.map((p) => p.image.height)) + FORMATS.picture.before + FORMATS.picture.after + 60 + captions
      flow.ensure(h)
      flow.advance(h)
      return
    }
    case 'case': {
      const inner = width - 2 * CASE_MARGIN_X
      const title = linesOf(`${block.label.prefix}${block.label.value}：${block.title}`, FORMATS.caseTitle, inner) * FORMATS.caseTitle.line
      flow.ensure(CASE_MARGIN_Y + title + leadHeight(block.blocks[0], inner))
      flow.advance(CASE_MARGIN_Y)
      flow.mark(block.bookmark)
      flow.advance(title)
      placeBlocks(flow, block.blocks, inner)
      flow.advance(Math.min(CASE_MARGIN_Y + LINE / 2, flow.room()))
      return
    }
  }
}

function tableRowHeights(t: TableBlock): number[] {
  const f = FORMATS.tableCell
  return t.rows.map((row) => {
    let tallest = 1
    for (const cell of row.cells) {
      const w = t.widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) - 2 * CELL_MARGIN_X
      const lines = cell.blocks.reduce((n, p) => n + Math.max(1, linesOf(paragraphText(p), f, w)), 0)
      // A cell spanning rows shares its height among them.
      tallest = Math.max(tallest, Math.ceil(lines / cell.rowSpan))
    }
    return tallest * f.line + 2 * CELL_MARGIN_Y + 10
  })
}

function placeTable(flow: Flow, t: TableBlock): void {
  const heights = tableRowHeights(t)
  const header = heights.slice(0, t.headerRows).reduce((a, b) => a + b, 0)
  heights.forEach((h, i) => {
    if (h > flow.room() && flow.y > 0) {
      flow.newPageForce()
      if (i >= t.headerRows) flow.advance(header)
    }
    flow.advance(h)
  })
  flow.advance(60)
}

/** Pages of 目录, 案例目录 and 图表目录, each starting on a new page. */
function frontPages(layout: ReportLayout): number {
  const listPages = (entries: ListEntry[], level: (e: ListEntry) => ParagraphFormat): number => {
    if (entries.length === 0) return 0
    let lines = 2 // the list's title
    for (const e of entries) lines += linesOf(`${e.text}  000`, level(e), TEXT_WIDTH)
    return Math.ceil(lines / LINES_PER_PAGE)
  }
  const tocFormat = (e: ListEntry) => (e.level <= 1 ? FORMATS.toc1 : e.level === 2 ? FORMATS.toc2 : FORMATS.toc3)
  return (
    listPages(layout.lists.toc, tocFormat) +
    listPages(layout.lists.cases, () => FORMATS.toc4) +
    listPages(layout.lists.tablesAndFigures, () => FORMATS.toc4)
  )
}

/** Fill the lists' page numbers from the estimate. */
export function applyPages(layout: ReportLayout, estimate: PageEstimate): void {
  for (const list of [layout.lists.toc, layout.lists.cases, layout.lists.tablesAndFigures]) {
    for (const e of list) e.page = estimate.pages.get(e.bookmark)
  }
}
