/**
 * The whole Word document: cover (no page number), front matter (the lists,
 * paged I, II… on their own), body (paged from 1 on its first page), and the
 * settings that ask Word to refresh every field when it opens the file.
 */
import { strToU8, zipSync, type Zippable } from 'fflate'
import { Document, Footer, NumberFormat, Packer, Paragraph, SectionType, TextRun, type ISectionOptions } from 'docx'
import { LINE, PAGE } from '../geometry'
import { field } from './fields'
import type { Block, ReportLayout } from '../model'
import { addWordCharts, type WordChartExport } from './wordCharts'
import { blocksToDocx } from './body'
import { cover, frontMatter } from './frontMatter'
import { documentStyles } from './styles'

const grid = { linePitch: LINE }

const page = {
  size: { width: PAGE.width, height: PAGE.height },
  margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: PAGE.header, footer: PAGE.footer, gutter: 0 }
}

/**
 * "- N -" centred, 宋体 四号 (the Footer style). The front matter counts
 * I, II…: the format is also written in the field, as LibreOffice does not
 * apply the section's number format to a PAGE field by itself.
 */
function pageNumberFooter(roman: boolean): Footer {
  const number = field(roman ? 'PAGE \\* ROMAN' : 'PAGE', roman ? 'I' : '1')
  return new Footer({ children: [new Paragraph({ style: 'Footer', children: [new TextRun('- '), ...number, new TextRun(' -')] })] })
}

export function buildDocument(layout: ReportLayout): Document {
  const front = frontMatter(layout)
  const sections: ISectionOptions[] = [{ properties: { page, grid }, children: cover(layout) }]
  if (front.length) {
    sections.push({
      properties: { type: SectionType.NEXT_PAGE, grid, page: { ...page, pageNumbers: { start: 1, formatType: NumberFormat.UPPER_ROMAN } } },
      footers: { default: pageNumberFooter(true) },
      children: front
    })
  }
  sections.push({
    properties: { type: SectionType.NEXT_PAGE, grid, page: { ...page, pageNumbers: { start: 1, formatType: NumberFormat.DECIMAL } } },
    footers: { default: pageNumberFooter(false) },
    children: blocksToDocx(layout.body)
  })
  return new Document({
    creator: layout.issuer.replace(/编$/, '') || 'Nianbao',
    title: layout.title,
    description: '由年报（Nianbao）导出',
    features: { updateFields: true },
    styles: documentStyles(),
    sections
  })
}

type Compiled = Map<string, string | Uint8Array>
const compiler = (Packer as unknown as { compiler?: { compile(file: Document, prettify: undefined, overrides: []): Compiled } }).compiler

/** Pictures (JPEG, GIF, PNG) and workbooks come compressed: deflating them again costs time and saves next to nothing. */
const STORED = /\.(jpe?g|gif|png|xlsx)$/i

/** The charts of a layout, in document order, with their numbers (for the Word chart behind each picture). */
export function layoutCharts(layout: ReportLayout): WordChartExport[] {
  const out: WordChartExport[] = []
  const visit = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.kind === 'image' && b.chart) out.push(b.chart)
      else if (b.kind === 'case') visit(b.blocks)
    }
  }
  visit(layout.body)
  return out
}

/**
 * The .docx bytes. The docx library compiles the parts; they are zipped
 * here with fast compression for the XML and none for the pictures (the
 * library deflates everything at the default level, which doubles the time
 * of a large report). Falls back to the library's own packer if its
 * compiler is not reachable.
 */
export async function packDocument(doc: Document, charts: WordChartExport[] = []): Promise<Buffer> {
  // Without the compiler the pictures go alone (the charts cannot be put behind them).
  if (!compiler?.compile) return Packer.toBuffer(doc)
  const files = compiler.compile(doc, undefined, [])
  addWordCharts(files, charts)
  const entries: Zippable = {}
  for (const [path, data] of files) {
    const bytes = typeof data === 'string' ? strToU8(data) : data
    entries[path] = [bytes, { level: STORED.test(path) ? 0 : 1 }]
  }
  return Buffer.from(zipSync(entries))
}
