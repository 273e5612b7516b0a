import { createHash } from 'node:crypto'
/**
 * Blocks → docx paragraphs and tables: the body of the report.
 */
import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  ExternalHyperlink,
  ImageRun,
  Tab,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type ParagraphChild
} from 'docx'
import { captionFormat, paragraphFormat } from '../pagination'
import { appendixHeadingFormat, FORMATS, headingFormat } from '../formats'
import { CASE_MARGIN_X, CASE_MARGIN_Y, CELL_MARGIN_X, CELL_MARGIN_Y, LINE, TEXT_WIDTH, twipsToPx } from '../geometry'
import { chartPictureName } from './wordCharts'
import type { Block, CaptionBlock, CaseBlock, ImageBlock, Inline, ParagraphBlock, PhotoRowBlock, TableBlock } from '../model'
import { refField, seqField } from './fields'
import { alignmentOf, fontsOf } from './styles'

export function inlineRuns(inlines: Inline[], extra: { font?: string; bold?: boolean } = {}): ParagraphChild[] {
  const out: ParagraphChild[] = []
  const font = extra.font ? fontsOf(extra.font) : undefined
  for (const i of inlines) {
    if (i.kind === 'break') {
      out.push(new TextRun({ break: 1, font }))
      continue
    }
    if (i.kind === 'ref') {
      out.push(...refField(i.bookmark, i.text, { font, bold: extra.bold }))
      continue
    }
    const run = new TextRun({
      text: i.text,
      font,
      bold: i.bold || extra.bold || undefined,
      italics: i.italic || undefined,
      underline: i.underline || i.link ? { type: UnderlineType.SINGLE } : undefined,
      superScript: i.superscript || undefined,
      subScript: i.subscript || undefined,
      color: i.link ? '0563C1' : undefined
    })
    out.push(i.link ? new ExternalHyperlink({ link: i.link, children: [run] }) : run)
  }
  return out
}

function paragraph(p: ParagraphBlock, pageBreakBefore = false, header = false): Paragraph {
  const f = paragraphFormat(p.role)
  const children = inlineRuns(p.inlines, header ? { font: '黑体' } : {})
  if (p.marker) children.unshift(new TextRun({ children: [p.marker, new Tab()] }))
  return new Paragraph({
    style: f.styleId,
    alignment: p.align ? alignmentOf(p.align) : undefined,
    indent: p.role === 'listItem' && p.depth ? { left: f.leftIndent + p.depth * 640, hanging: f.hanging } : undefined,
    tabStops: p.role === 'listItem' ? [{ type: 'left', position: f.leftIndent + (p.depth ?? 0) * 640 }] : undefined,
    pageBreakBefore: pageBreakBefore || undefined,
    children
  })
}

function caption(c: CaptionBlock): Paragraph {
  const f = captionFormat(c)
  const children: ParagraphChild[] = []
  if (c.label) {
    children.push(new Bookmark({ id: c.label.refBookmark, children: [new TextRun(c.label.prefix), ...seqField(c.label.seq, c.label.value, c.label.restart)] }))
    if (c.title) children.push(new TextRun(` ${c.title}`))
  } else {
    children.push(new TextRun([c.plainPrefix, c.title].filter(Boolean).join(' ')))
  }
  return new Paragraph({ style: f.styleId, children: [new Bookmark({ id: c.bookmark, children })] })
}

/**
 * A picture run. The docx library names each picture after a SHA-1 it
 * computes in JavaScript over the whole file (seconds for a report with a
 * thousand photos). It is given Node's native SHA-256 of the picture
 * instead, which it hashes in no time, so the name still differs from
 * picture to picture and the same picture is stored once; the bytes are put
 * in afterwards. Should the library's internals change, the plain (slower)
 * way is used.
 */
function pictureRun(b: ImageBlock): ImageRun {
  const options = {
    type: b.type,
    transformation: { width: twipsToPx(b.width), height: twipsToPx(b.height) },
    // A chart's picture is named so that the packer finds it and puts the Word chart behind it.
    altText: { name: b.chart ? chartPictureName(b.chart.key) : b.alt.slice(0, 100), title: b.alt.slice(0, 100), description: b.alt.slice(0, 250) }
  }
  const digest = createHash('sha256').update(b.data).digest()
  const run = new ImageRun({ ...options, data: new Uint8Array(digest) })
  const data = (run as unknown as { imageData?: { data: unknown; fileName: unknown } }).imageData
  if (!data || typeof data.fileName !== 'string' || !(data.data instanceof Uint8Array) || data.data.length !== digest.length) return new ImageRun({ ...options, data: b.data })
  data.data = b.data
  return run
}

function image(b: ImageBlock): Paragraph {
  return new Paragraph({ style: FORMATS.picture.styleId, children: [pictureRun(b)] })
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' }

function table(t: TableBlock): Table {
  const total = t.widths.reduce((a, b) => a + b, 0)
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: t.widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    margins: { left: CELL_MARGIN_X, right: CELL_MARGIN_X, top: CELL_MARGIN_Y, bottom: CELL_MARGIN_Y },
    rows: t.rows.map(
      (row, r) =>
        new TableRow({
          tableHeader: r < t.headerRows || undefined,
          cantSplit: true,
          children: row.cells.map(
            (cell) =>
              new TableCell({
                columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
                rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
                width: { size: t.widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0), type: WidthType.DXA },
                verticalAlign: VerticalAlignTable.CENTER,
                children: cell.blocks.map((p) => paragraph({ ...p, align: cell.align }, false, cell.header))
              })
          )
        })
    )
  })
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' }

/** Photos side by side: a borderless table, one photo and its caption line per cell. */
function photoRow(b: PhotoRowBlock): Table {
  const widths = b.photos.map(() => b.columnWidth)
  return new Table({
    width: { size: b.columnWidth * b.photos.length, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    rows: [
      new TableRow({
        cantSplit: true,
        children: b.photos.map(
          (p) =>
            new TableCell({
              width: { size: b.columnWidth, type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.BOTTOM,
              children: [image(p.image), ...(p.caption ? [paragraph({ kind: 'paragraph', role: 'photoCaption', inlines: [{ kind: 'text', text: p.caption }] })] : [])]
            })
        )
      })
    ]
  })
}

const CASE_BORDER = { style: BorderStyle.SINGLE, size: 8, color: '7F7F7F' }

/** 案例: a one-cell table, framed and lightly shaded, that may run over pages. */
function caseBox(c: CaseBlock): Table {
  const title = new Paragraph({
    style: FORMATS.caseTitle.styleId,
    children: [
      new Bookmark({
        id: c.bookmark,
        children: [new Bookmark({ id: c.label.refBookmark, children: [new TextRun(c.label.prefix), ...seqField(c.label.seq, c.label.value, false)] }), new TextRun(`：${c.title}`)]
      })
    ]
  })
  const inner = blocksToDocx(c.blocks) as (Paragraph | Table)[]
  // Word wants a cell to end with a paragraph.
  if (inner.length === 0 || inner[inner.length - 1] instanceof Table) inner.push(new Paragraph({ style: FORMATS.note.styleId, children: [] }))
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: CASE_BORDER, bottom: CASE_BORDER, left: CASE_BORDER, right: CASE_BORDER, insideHorizontal: CASE_BORDER, insideVertical: CASE_BORDER },
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' },
            margins: { left: CASE_MARGIN_X, right: CASE_MARGIN_X, top: CASE_MARGIN_Y, bottom: CASE_MARGIN_Y },
            children: [title, ...inner]
          })
        ]
      })
    ]
  })
}

/** A half-line paragraph: keeps two tables (or case boxes) from running into each other, as Word would join them. */
function spacer(): Paragraph {
  return new Paragraph({ style: FORMATS.note.styleId, spacing: { line: LINE / 2, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, children: [] })
}

export function blocksToDocx(blocks: Block[]): FileChild[] {
  const out: FileChild[] = []
  let breakNext = false
  for (const b of blocks) {
    if ((b.kind === 'table' || b.kind === 'case') && out[out.length - 1] instanceof Table) out.push(spacer())
    switch (b.kind) {
      case 'pageBreak':
        breakNext = true
        continue
      case 'heading': {
        const f = b.appendix ? appendixHeadingFormat(b.appendix) : headingFormat(b.level)
        // Appendix titles are not a Heading style's look, but stay level 1 for the 目录.
        out.push(
          new Paragraph({
            style: headingFormat(b.level).styleId,
            ...(b.appendix
              ? {
                  alignment: f.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
                  indent: { firstLine: 0 },
                  spacing: { line: f.line, before: f.before, after: f.after },
                  run: { font: fontsOf(f.font), size: f.size * 2, characterSpacing: 0 }
                }
              : {}),
            pageBreakBefore: breakNext || undefined,
            children: [new Bookmark({ id: b.bookmark, children: [new TextRun(b.appendix ? { text: b.text, font: fontsOf(f.font), size: f.size * 2, characterSpacing: 0 } : b.text)] })]
          })
        )
        break
      }
      case 'paragraph':
        out.push(paragraph(b, breakNext))
        break
      case 'caption':
        out.push(caption(b))
        break
      case 'image':
        out.push(image(b))
        break
      case 'photoRow':
        if (out[out.length - 1] instanceof Table) out.push(spacer())
        out.push(photoRow(b))
        break
      case 'table':
        out.push(table(b))
        break
      case 'case':
        out.push(caseBox(b), spacer())
        break
    }
    breakNext = false
  }
  return out
}
