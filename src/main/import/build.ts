import type { DocMark, DocNode } from '@shared/model/doc'
import type { FigureSpec } from '@shared/model/figure'
import type { ReportTableSpec } from '@shared/model/table'
import { newId } from '@shared/editor/ids'
import type { ImageRun, Inline, TextRun } from './docx/body'
import type { ChartPart } from './charts'
import type { ImportedAsset, ImportedTable } from './model'
import type { ChartContent } from './recognise/charts'
import { splitRefs, type RichInline } from './recognise/crossRefs'
import type { CaseItem, ChapterDraft, FigureItem, HeadingItem, Item, TableItem } from './recognise/structure'
import { buildGrid, tableData, type ValueMismatch } from './recognise/tables'
import { tidy } from './recognise/text'

/**
 * Recognised structure → editor documents, report tables and figures. Every
 * heading, case, table and figure gets its id here; typed numbers are
 * dropped (the editor computes them); references in the text become
 * crossRef nodes pointing at the imported table, figure or case.
 */
export interface BuiltChapter {
  draft: ChapterDraft
  doc: DocNode
}

/** A Word chart imported as a live chart: its figure waits for its source (a matching table range or its own data sheet). */
export interface LiveChart {
  figure: FigureSpec & { chart: NonNullable<FigureSpec['chart']> }
  content: ChartContent
  place: string
}

/** A Word chart of a kind the report cannot draw: imported as its fallback picture (or, without one, as an empty figure). */
export interface ChartPicture {
  id: string
  place: string
  caption: string
  kind: string
  picture: boolean
}

export interface UnresolvedRef {
  raw: string
  place: string
}

export interface BuildResult {
  chapters: BuiltChapter[]
  tables: ImportedTable[]
  figures: FigureSpec[]
  charts: LiveChart[]
  chartPictures: ChartPicture[]
  ids: Map<Item | ChapterDraft, string>
  mismatches: { table: TableItem; m: ValueMismatch }[]
  unsupported: { table: TableItem; label: string }[]
  unresolved: UnresolvedRef[]
  ambiguous: UnresolvedRef[]
  missingImages: { place: string; what: string }[]
  /** Tables cut down to what a report table can hold. */
  limits: { place: string; message: string }[]
  formulas: number
  refs: number
}

const EMU_PER_PX = 9525

export class DocBuilder {
  private readonly ids = new Map<Item | ChapterDraft, string>()
  private readonly tables: ImportedTable[] = []
  private readonly figures: FigureSpec[] = []
  private readonly charts: LiveChart[] = []
  private readonly chartPictures: ChartPicture[] = []
  private readonly mismatches: BuildResult['mismatches'] = []
  private readonly unsupported: BuildResult['unsupported'] = []
  private readonly unresolved: UnresolvedRef[] = []
  private readonly ambiguous: UnresolvedRef[] = []
  private readonly missingImages: BuildResult['missingImages'] = []
  private readonly limits: BuildResult['limits'] = []
  /** typed number → items with it, in document order, per kind. */
  private readonly byTyped = { table: new Map<string, { id: string; chapter: ChapterDraft }[]>(), figure: new Map<string, { id: string; chapter: ChapterDraft }[]>(), case: new Map<string, { id: string; chapter: ChapterDraft }[]>() }
  private formulas = 0
  private refs = 0

  constructor(
    private readonly chapters: ChapterDraft[],
    private readonly assets: Map<string, ImportedAsset>,
    private readonly chartParts: Map<string, ChartPart> = new Map()
  ) {}

  build(): BuildResult {
    for (const ch of this.chapters) {
      this.ids.set(ch, newId('ch'))
      this.assignIds(ch, ch.items)
    }
    const built = this.chapters.map((draft) => {
      const content = this.items(draft, draft.items, false)
      return { draft, doc: { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] } as DocNode }
    })
    return {
      chapters: built,
      tables: this.tables,
      figures: this.figures,
      charts: this.charts,
      chartPictures: this.chartPictures,
      ids: this.ids,
      mismatches: this.mismatches,
      unsupported: this.unsupported,
      unresolved: this.unresolved,
      ambiguous: this.ambiguous,
      missingImages: this.missingImages,
      limits: this.limits,
      formulas: this.formulas,
      refs: this.refs
    }
  }

  private assignIds(ch: ChapterDraft, items: Item[]): void {
    for (const i of items) {
      const prefix = i.t === 'heading' ? 'h' : i.t === 'case' ? 'case' : i.t === 'table' ? 'tbl' : i.t === 'figure' ? 'fig' : null
      if (!prefix) continue
      const id = newId(prefix)
      this.ids.set(i, id)
      const typed = i.t === 'case' ? (i.typed === null ? null : String(i.typed)) : i.t === 'table' || i.t === 'figure' ? i.typed?.typed ?? null : null
      if (typed && (i.t === 'case' || i.t === 'table' || i.t === 'figure')) {
        const map = this.byTyped[i.t]
        const list = map.get(typed) ?? []
        list.push({ id, chapter: ch })
        map.set(typed, list)
      }
      if (i.t === 'case') this.assignIds(ch, i.items)
    }
  }

  private items(ch: ChapterDraft, items: Item[], inCase: boolean): DocNode[] {
    const out: DocNode[] = []
    for (const i of items) {
      switch (i.t) {
        case 'heading':
          out.push(this.heading(i))
          break
        case 'paragraph': {
          const content = this.inlines(ch, i.runs, i.place)
          if (content.length) out.push({ type: 'paragraph', content })
          break
        }
        case 'photo':
          out.push(this.photo(i.image, i.caption, i.place))
          break
        case 'case':
          if (inCase) out.push(...this.items(ch, i.items, true))
          else out.push(this.caseStudy(ch, i))
          break
        case 'table':
          out.push(this.table(i))
          break
        case 'figure':
          out.push(this.figure(i))
          break
      }
    }
    return out
  }

  private heading(h: HeadingItem): DocNode {
    const text = tidy(h.title)
    return { type: 'heading', attrs: { level: h.level, id: this.ids.get(h)! }, content: text ? [{ type: 'text', text }] : undefined }
  }

  private caseStudy(ch: ChapterDraft, c: CaseItem): DocNode {
    const body = this.items(ch, c.items, true)
    const firstText = c.items.find((i) => i.t === 'paragraph')
    const school = firstText && firstText.t === 'paragraph' ? schoolOf(firstText.runs) : ''
    c.school = school
    const title = tidy(c.title)
    return {
      type: 'caseStudy',
      attrs: { id: this.ids.get(c)!, school },
      content: [{ type: 'caseTitle', content: title ? [{ type: 'text', text: title }] : undefined }, ...(body.length ? body : [{ type: 'paragraph' }])]
    }
  }

  private photo(image: ImageRun, caption: string, place: string): DocNode {
    // A Word chart without a 图 caption is still a chart: a figure, its caption what stood under it.
    if (image.chart) {
      const id = newId('fig')
      if (this.liveChart(id, image, clip(tidy(caption), MAX_CAPTION), '', place)) return { type: 'figure', attrs: { id } }
    }
    const asset = image.part ? this.assets.get(image.part) : undefined
    if (!asset) this.missingImages.push({ place, what: image.chart ? 'Word 图表' : '图片' })
    const width = image.widthEmu > 0 ? Math.round(image.widthEmu / EMU_PER_PX) : asset?.width ?? null
    const height = image.heightEmu > 0 ? Math.round(image.heightEmu / EMU_PER_PX) : asset?.height ?? null
    const text = tidy(caption)
    return {
      type: 'photo',
      attrs: { asset: asset?.hash ?? null, width, height },
      content: text ? [{ type: 'text', text }] : undefined
    }
  }

  private table(t: TableItem): DocNode {
    const id = this.ids.get(t)!
    const grid = buildGrid(t.table)
    const data = tableData(grid)
    this.formulas += data.formulas
    for (const m of data.mismatches) this.mismatches.push({ table: t, m })
    for (const label of data.unsupported) this.unsupported.push({ table: t, label })
    const spec = fitTable({
      id,
      caption: tidy(t.caption),
      note: t.note,
      headerRows: grid.headerRows,
      columnWidths: relativeWidths(grid.columnWidths),
      rows: data.cells,
      merges: grid.merges
    }, (message) => this.limits.push({ place: t.place, message }))
    this.tables.push({ spec, typed: t.typed?.typed ?? null, yearAxis: data.yearAxis })
    return { type: 'reportTable', attrs: { id } }
  }

  private figure(f: FigureItem): DocNode {
    const id = this.ids.get(f)!
    const caption = clip(tidy(f.caption), MAX_CAPTION)
    const note = clip(f.note, MAX_NOTE)
    if (this.liveChart(id, f.image, caption, note, f.place)) return { type: 'figure', attrs: { id } }
    const asset = f.image.part ? this.assets.get(f.image.part) : undefined
    const kind = f.image.chart ? this.chartParts.get(f.image.chart.part)?.reading : undefined
    if (!asset) this.missingImages.push({ place: f.place, what: f.image.chart ? `图“${f.caption}”（Word ${kind && !kind.ok ? kind.kind : '图表'}）` : `图“${f.caption}”` })
    this.figures.push({ id, caption, note, kind: 'image', ...(asset ? { asset: asset.hash } : {}) })
    return { type: 'figure', attrs: { id } }
  }

  /** A Word chart the report can draw becomes a live chart; one it cannot is noted, for its picture to stand in. */
  private liveChart(id: string, image: ImageRun, caption: string, note: string, place: string): boolean {
    if (!image.chart) return false
    const part = this.chartParts.get(image.chart.part)
    if (!part) return false
    if (!part.reading.ok) {
      this.chartPictures.push({ id, place, caption, kind: part.reading.kind, picture: !!(image.part && this.assets.get(image.part)) })
      return false
    }
    const figure: LiveChart['figure'] = { id, caption, note, kind: 'chart', chart: { ...part.reading.content.spec, source: { kind: 'sheet', tableId: '', seriesIn: 'columns' } } }
    this.figures.push(figure)
    this.charts.push({ figure, content: part.reading.content, place })
    return true
  }

  private inlines(ch: ChapterDraft, runs: Inline[], place: string): DocNode[] {
    const out: DocNode[] = []
    const rich: RichInline[] = splitRefs(runs)
    for (const r of rich) {
      if (r.kind === 'break') {
        if (out.length) out.push({ type: 'hardBreak' })
        continue
      }
      if (r.kind === 'image') continue
      if (r.kind === 'ref') {
        const id = this.resolve(ch, r.target, r.typed, r.raw, place)
        if (id) {
          this.refs++
          out.push({ type: 'crossRef', attrs: { target: r.target, id } })
        } else out.push(textNode(r.raw, r.like))
        continue
      }
      const text = r.text.replace(/\t/g, ' ')
      if (text) out.push(textNode(text, r))
    }
    // Trailing breaks and spaces left by the layout of the old page.
    while (out.length && out[out.length - 1].type === 'hardBreak') out.pop()
    mergeText(out)
    return out
  }

  private resolve(ch: ChapterDraft, target: 'table' | 'figure' | 'case', typed: string, raw: string, place: string): string | null {
    const list = this.byTyped[target].get(typed)
    if (!list || list.length === 0) {
      this.unresolved.push({ raw, place })
      return null
    }
    if (list.length === 1) return list[0].id
    const same = list.filter((x) => x.chapter === ch)
    this.ambiguous.push({ raw, place })
    return (same[0] ?? list[0]).id
  }
}

function marksOf(r: TextRun): DocMark[] | undefined {
  const m: DocMark[] = []
  if (r.bold) m.push({ type: 'bold' })
  if (r.italic) m.push({ type: 'italic' })
  if (r.underline) m.push({ type: 'underline' })
  if (r.sup) m.push({ type: 'superscript' })
  else if (r.sub) m.push({ type: 'subscript' })
  if (r.href) m.push({ type: 'link', attrs: { href: r.href } })
  return m.length ? m : undefined
}

function textNode(text: string, like: TextRun): DocNode {
  const marks = marksOf(like)
  return marks ? { type: 'text', text, marks } : { type: 'text', text }
}

function sameMarks(a: DocNode, b: DocNode): boolean {
  return JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? [])
}

function mergeText(nodes: DocNode[]): void {
  for (let k = nodes.length - 1; k > 0; k--) {
    const a = nodes[k - 1]
    const b = nodes[k]
    if (a.type === 'text' && b.type === 'text' && sameMarks(a, b)) {
      a.text = (a.text ?? '') + (b.text ?? '')
      nodes.splice(k, 1)
    }
  }
  if (nodes[0]?.type === 'text') {
    nodes[0].text = nodes[0].text!.replace(/^[\s\u3000]+/, '')
    if (!nodes[0].text) nodes.shift()
  }
  const last = nodes[nodes.length - 1]
  if (last?.type === 'text') {
    last.text = last.text!.replace(/[\s\u3000]+$/, '')
    if (!last.text) nodes.pop()
  }
}

function schoolOf(runs: Inline[]): string {
  const text = tidy(runs.map((r) => (r.kind === 'text' ? r.text : '')).join(''))
  const m = /^([^，。、；：:,《》“”（）()\s]{2,30}?(?:学校|学院|职校|卫校|中心|教育局|集团|公司))/.exec(text)
  return m ? m[1] : ''
}

// The limits of a report table (src/shared/contract/data.ts), repeated here so the worker does not load zod
// (a unit test keeps them equal).
export const TABLE_LIMITS = { rows: 500, cols: 40, cellInput: 2000, caption: 200, note: 1000 }
const MAX_TABLE_ROWS = TABLE_LIMITS.rows
const MAX_TABLE_COLS = TABLE_LIMITS.cols
const MAX_CELL_INPUT = TABLE_LIMITS.cellInput
const MAX_CAPTION = TABLE_LIMITS.caption
const MAX_NOTE = TABLE_LIMITS.note

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}

/** Word's column widths (twips) as ratios that read well: the widths sum to 100. */
function relativeWidths(widths: number[]): number[] {
  const sum = widths.reduce((a, b) => a + b, 0) || 1
  return widths.map((w) => Math.max(1, Math.round((w / sum) * 10000) / 100))
}

/** What a report table can hold (rows, columns, text per cell); anything cut is said. */
function fitTable(spec: ReportTableSpec, note: (message: string) => void): ReportTableSpec {
  const out = { ...spec, caption: clip(spec.caption, MAX_CAPTION), note: clip(spec.note, MAX_NOTE) }
  if (out.rows.length > MAX_TABLE_ROWS) {
    note(`表格“${out.caption.slice(0, 30)}”有 ${out.rows.length} 行，只导入了前 ${MAX_TABLE_ROWS} 行。`)
    out.rows = out.rows.slice(0, MAX_TABLE_ROWS)
  }
  const width = out.rows[0]?.length ?? 0
  if (width > MAX_TABLE_COLS) {
    note(`表格“${out.caption.slice(0, 30)}”有 ${width} 列，只导入了前 ${MAX_TABLE_COLS} 列。`)
    out.rows = out.rows.map((r) => r.slice(0, MAX_TABLE_COLS))
    out.columnWidths = out.columnWidths.slice(0, MAX_TABLE_COLS)
  }
  out.merges = out.merges
    .filter((m) => m.row < out.rows.length && m.col < MAX_TABLE_COLS)
    .map((m) => ({ ...m, rowSpan: Math.min(m.rowSpan, out.rows.length - m.row), colSpan: Math.min(m.colSpan, MAX_TABLE_COLS - m.col) }))
    .filter((m) => m.rowSpan * m.colSpan > 1)
  out.headerRows = Math.min(out.headerRows, out.rows.length, 10)
  let cut = false
  out.rows = out.rows.map((r) =>
    r.map((c) => {
      const format = c.format && 'decimals' in c.format && c.format.decimals > 6 ? { ...c.format, decimals: 6 } : c.format
      if (c.input.length <= MAX_CELL_INPUT) return format === c.format ? c : { ...c, format }
      cut = true
      return { ...c, input: clip(c.input, MAX_CELL_INPUT), format }
    })
  )
  if (cut) note(`表格“${out.caption.slice(0, 30)}”中有单元格超过 ${MAX_CELL_INPUT} 字，超出部分没有导入。`)
  return out
}
