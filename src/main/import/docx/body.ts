import { fail } from '../errors'
import { child, children, isEl, onOff, val, type XmlElement } from '../xml'
import type { Relationship } from './package'
import type { ResolvedStyle, StyleSheet } from './styles'

/**
 * The body of a .docx flattened into blocks in reading order: paragraphs
 * (with their runs, images and fields) and tables (with merged cells).
 * Everything Word can wrap content in — content controls, tracked
 * insertions, smart tags, text boxes, alternate content — is unwrapped here
 * so the recognisers see plain paragraphs and tables.
 */
export interface TextRun {
  kind: 'text'
  text: string
  bold: boolean
  italic: boolean
  underline: boolean
  sup: boolean
  sub: boolean
  href?: string
}
export interface ImageRun {
  kind: 'image'
  /** Package part of the embedded image; for a Word chart its fallback picture, when the document has one (else empty). */
  part: string
  /** A Word chart: its chart part (c:chartSpace; `ex` for the newer cx:chart kinds: waterfall, treemap…), '' when the link is broken. */
  chart?: { part: string; ex: boolean }
  widthEmu: number
  heightEmu: number
  descr: string
}
export interface BreakRun {
  kind: 'break'
}
export type Inline = TextRun | ImageRun | BreakRun

export interface ParagraphBlock {
  kind: 'p'
  /** Position among all paragraphs of the body, 1-based, for places in the import report. */
  index: number
  style: ResolvedStyle
  /** Outline level set on the paragraph itself (1–9). */
  outline?: number
  runs: Inline[]
  text: string
  /** Inside a TOC field or a table-of-contents content control. */
  inToc: boolean
  /** Field codes met in the paragraph (TOC, SEQ, PAGEREF …). */
  fields: string[]
  numbered: boolean
}

export interface CellBlock {
  blocks: Block[]
  colSpan: number
  vMerge?: 'restart' | 'continue'
}
export interface RowBlock {
  cells: CellBlock[]
  header: boolean
}
export interface TableBlock {
  kind: 'table'
  index: number
  rows: RowBlock[]
  gridCols: number[]
  inToc: boolean
  /** Made from a text box (its content in one cell). */
  textBox?: boolean
}
export type Block = ParagraphBlock | TableBlock

export interface BlockIssues {
  droppedLinks: { href: string; text: string; paragraph: number }[]
  footnotes: number
  comments: number
  /** Text-box contents pulled into the flow. */
  textBoxes: number
  externalImages: string[]
  /** Pictures that point at a relationship the document does not have. */
  brokenImages: number
}

interface FieldState {
  instr: string
  phase: 'instr' | 'result'
  href?: string
}

const CHART_URI = /drawingml\/2006\/chart$|drawing\/2014\/chartex$/
const SAFE_HREF = /^(https:\/\/|mailto:)/i
const WEB_HREF = /^http:\/\//i
const HOSTILE_HREF = /^\s*(javascript|vbscript|data|jar|ms-\w+|file|smb|\\\\)/i

export class BlockReader {
  private paragraphNo = 0
  private tableNo = 0
  private tocDepth = 0
  private readonly fields: FieldState[] = []
  readonly issues: BlockIssues = { droppedLinks: [], footnotes: 0, comments: 0, textBoxes: 0, externalImages: [], brokenImages: 0 }
  readonly imageParts = new Set<string>()
  /** Chart parts met, in document order. */
  readonly chartParts = new Set<string>()

  constructor(
    private readonly styles: StyleSheet,
    private readonly rels: Map<string, Relationship>
  ) {}

  read(body: XmlElement): Block[] {
    const out: Block[] = []
    this.blocks(body, out)
    return out
  }

  private blocks(el: XmlElement, out: Block[]): void {
    for (const c of el.children) {
      if (!isEl(c)) continue
      switch (c.name) {
        case 'w:p':
          this.paragraph(c, out)
          break
        case 'w:tbl':
          out.push(this.table(c))
          break
        case 'w:sdt': {
          const toc = isTocSdt(c)
          if (toc) this.tocDepth++
          this.blocks(child(c, 'w:sdtContent') ?? c, out)
          if (toc) this.tocDepth--
          break
        }
        case 'w:customXml':
        case 'w:ins':
        case 'w:moveTo':
        case 'w:smartTag':
          this.blocks(c, out)
          break
        case 'mc:AlternateContent':
          this.blocks(chooseAlternate(c), out)
          break
        default:
          break
      }
    }
  }

  private table(t: XmlElement): TableBlock {
    const index = ++this.tableNo
    const gridCols = children(child(t, 'w:tblGrid'), 'w:gridCol').map((g) => Number(g.attrs['w:w']) || 0)
    const rows: RowBlock[] = []
    for (const tr of this.rowsOf(t)) {
      const trPr = child(tr, 'w:trPr')
      const cells: CellBlock[] = []
      const before = Number(val(trPr, 'w:gridBefore') ?? 0)
      for (let i = 0; i < before && i < 64; i++) cells.push({ blocks: [], colSpan: 1 })
      for (const tc of this.cellsOf(tr)) {
        const tcPr = child(tc, 'w:tcPr')
        const span = Math.max(1, Math.min(64, Number(val(tcPr, 'w:gridSpan') ?? 1) || 1))
        const vm = child(tcPr, 'w:vMerge')
        const blocks: Block[] = []
        this.blocks(tc, blocks)
        cells.push({ blocks, colSpan: span, vMerge: vm ? (vm.attrs['w:val'] === 'restart' ? 'restart' : 'continue') : undefined })
      }
      const after = Number(val(trPr, 'w:gridAfter') ?? 0)
      for (let i = 0; i < after && i < 64; i++) cells.push({ blocks: [], colSpan: 1 })
      rows.push({ cells, header: onOff(trPr, 'w:tblHeader') === true })
    }
    return { kind: 'table', index, rows, gridCols, inToc: this.tocDepth > 0 }
  }

  private rowsOf(t: XmlElement): XmlElement[] {
    const out: XmlElement[] = []
    for (const c of t.children) {
      if (!isEl(c)) continue
      if (c.name === 'w:tr') out.push(c)
      else if (c.name === 'w:sdt' || c.name === 'w:customXml' || c.name === 'w:ins') out.push(...this.rowsOf(child(c, 'w:sdtContent') ?? c))
    }
    return out
  }

  private cellsOf(tr: XmlElement): XmlElement[] {
    const out: XmlElement[] = []
    for (const c of tr.children) {
      if (!isEl(c)) continue
      if (c.name === 'w:tc') out.push(c)
      else if (c.name === 'w:sdt' || c.name === 'w:customXml') out.push(...this.cellsOf(child(c, 'w:sdtContent') ?? c))
    }
    return out
  }

  private paragraph(p: XmlElement, out: Block[]): void {
    const pPr = child(p, 'w:pPr')
    const style = this.styles.paragraph(val(pPr, 'w:pStyle'))
    const outlineRaw = val(pPr, 'w:outlineLvl')
    const block: ParagraphBlock = {
      kind: 'p',
      index: ++this.paragraphNo,
      style,
      outline: outlineRaw !== undefined && /^\d$/.test(outlineRaw) && Number(outlineRaw) < 9 ? Number(outlineRaw) + 1 : undefined,
      runs: [],
      text: '',
      inToc: this.tocDepth > 0 || this.fields.some((f) => /^\s*TOC\b/i.test(f.instr)),
      fields: [],
      numbered: Boolean(child(pPr, 'w:numPr'))
    }
    const extra: Block[] = []
    this.inlines(p, block, style, undefined, extra)
    // A TOC field that ends in this paragraph still made it a list entry.
    block.text = block.runs.map((r) => (r.kind === 'text' ? r.text : r.kind === 'break' ? '\n' : '')).join('')
    out.push(block, ...extra)
  }

  private inlines(el: XmlElement, block: ParagraphBlock, style: ResolvedStyle, href: string | undefined, extra: Block[]): void {
    for (const c of el.children) {
      if (!isEl(c)) continue
      switch (c.name) {
        case 'w:r':
          this.run(c, block, style, href, extra)
          break
        case 'w:hyperlink':
          this.inlines(c, block, style, this.hyperlink(c, block), extra)
          break
        case 'w:fldSimple': {
          const instr = c.attrs['w:instr'] ?? ''
          block.fields.push(fieldName(instr))
          if (/^\s*TOC\b/i.test(instr)) block.inToc = true
          this.inlines(c, block, style, fieldHref(instr, block, this) ?? href, extra)
          break
        }
        case 'w:sdt':
          this.inlines(child(c, 'w:sdtContent') ?? c, block, style, href, extra)
          break
        case 'w:ins':
        case 'w:moveTo':
        case 'w:smartTag':
        case 'w:customXml':
        case 'w:dir':
        case 'w:bdo':
          this.inlines(c, block, style, href, extra)
          break
        case 'mc:AlternateContent':
          this.inlines(chooseAlternate(c), block, style, href, extra)
          break
        default:
          break
      }
    }
  }

  private hyperlink(h: XmlElement, block: ParagraphBlock): string | undefined {
    const id = h.attrs['r:id']
    if (!id) return undefined
    const rel = this.rels.get(id)
    if (!rel) return undefined
    return this.checkHref(rel.target, block)
  }

  /** Links the schema allows are kept; http and file links lose the link and keep their text; script links refuse the file. */
  checkHref(target: string, block: ParagraphBlock): string | undefined {
    const t = target.trim()
    if (/^\s*(javascript|vbscript|data):/i.test(t)) {
      fail('unsafe-link', `文档第 ${block.index} 段含有可执行脚本的链接（${t.slice(0, 40)}…），可能是恶意构造的文件，已拒绝导入。`)
    }
    if (SAFE_HREF.test(t)) return t
    if (WEB_HREF.test(t) || HOSTILE_HREF.test(t) || t) this.issues.droppedLinks.push({ href: t.slice(0, 200), text: '', paragraph: block.index })
    return undefined
  }

  private run(r: XmlElement, block: ParagraphBlock, style: ResolvedStyle, href: string | undefined, extra: Block[]): void {
    const rPr = child(r, 'w:rPr')
    const bold = onOff(rPr, 'w:b') ?? this.styles.characterBold(val(rPr, 'w:rStyle')) ?? style.bold ?? false
    const u = val(rPr, 'w:u')
    const va = val(rPr, 'w:vertAlign')
    const fmt = {
      bold,
      italic: onOff(rPr, 'w:i') ?? false,
      underline: child(rPr, 'w:u') !== undefined && u !== 'none',
      sup: va === 'superscript',
      sub: va === 'subscript'
    }
    // Fields may begin, take their instruction and switch to their result inside one run: look the field up at each child.
    const current = () => this.fields[this.fields.length - 1]
    const push = (text: string) => {
      if (!text) return
      const field = current()
      if (field?.phase === 'instr') return
      const linkHref = field?.phase === 'result' && field.href ? field.href : href
      const last = block.runs[block.runs.length - 1]
      if (last?.kind === 'text' && sameFormat(last, fmt) && last.href === linkHref) last.text += text
      else block.runs.push({ kind: 'text', text, ...fmt, href: linkHref })
    }
    for (const c of r.children) {
      if (!isEl(c)) continue
      const field = current()
      switch (c.name) {
        case 'w:t':
          push(textOf(c))
          break
        case 'w:tab':
        case 'w:ptab':
          push('\t')
          break
        case 'w:noBreakHyphen':
          push('-')
          break
        case 'w:softHyphen':
          break
        case 'w:br':
        case 'w:cr':
          if (c.attrs['w:type'] !== 'page' && c.attrs['w:type'] !== 'column' && field?.phase !== 'instr') block.runs.push({ kind: 'break' })
          break
        case 'w:instrText':
          if (field) field.instr += textOf(c)
          break
        case 'w:fldChar': {
          const t = c.attrs['w:fldCharType']
          if (t === 'begin') {
            if (this.fields.length > 32) fail('unsafe-xml', `文档第 ${block.index} 段的域嵌套过深，可能是恶意构造的文件，已拒绝导入。`)
            this.fields.push({ instr: '', phase: 'instr' })
          } else if (t === 'separate' && field) {
            field.phase = 'result'
            block.fields.push(fieldName(field.instr))
            if (/^\s*TOC\b/i.test(field.instr)) block.inToc = true
            field.href = fieldHref(field.instr, block, this)
          } else if (t === 'end' && field) {
            if (field.phase === 'instr') block.fields.push(fieldName(field.instr))
            this.fields.pop()
          }
          break
        }
        case 'w:drawing':
          this.drawing(c, block, extra)
          break
        case 'w:pict':
        case 'w:object':
          this.vml(c, block, extra)
          break
        case 'mc:AlternateContent': {
          // A chart in any branch is read as the chart (its data can be carried over); a picture in another branch is its fallback.
          const { branch, fallback } = this.alternateForRun(c)
          const before = block.runs.length
          this.run({ ...r, children: branch.children }, block, style, href, extra)
          if (fallback) {
            for (const x of block.runs.slice(before)) {
              if (x.kind === 'image' && x.chart && !x.part) {
                x.part = fallback
                this.imageParts.add(fallback)
              }
            }
          }
          break
        }
        case 'w:footnoteReference':
        case 'w:endnoteReference':
          this.issues.footnotes++
          break
        case 'w:commentReference':
          this.issues.comments++
          break
        default:
          break
      }
    }
  }

  private drawing(d: XmlElement, block: ParagraphBlock, extra: Block[]): void {
    const holder = child(d, 'wp:inline') ?? child(d, 'wp:anchor')
    const extent = child(holder, 'wp:extent')
    const cx = Number(extent?.attrs.cx) || 0
    const cy = Number(extent?.attrs.cy) || 0
    const descr = child(holder, 'wp:docPr')?.attrs.descr ?? ''
    let found = false
    walkEl(d, (e) => {
      if (e.name === 'a:blip') {
        const embed = e.attrs['r:embed']
        const link = e.attrs['r:link']
        if (link && !embed) this.external(this.rels.get(link)?.target ?? link, block)
        if (embed) {
          const rel = this.rels.get(embed)
          if (rel?.external) this.external(rel.target, block)
          else if (rel) {
            this.imageParts.add(rel.target)
            block.runs.push({ kind: 'image', part: rel.target, widthEmu: cx, heightEmu: cy, descr })
          } else {
            // A picture whose file the document does not contain: its place is kept and reported.
            this.issues.brokenImages++
            block.runs.push({ kind: 'image', part: '', widthEmu: cx, heightEmu: cy, descr })
          }
          found = true
        }
        return false
      }
      if (e.name === 'w:txbxContent') {
        this.textBox(e, extra)
        return false
      }
      if (e.name === 'a:graphicData' && CHART_URI.test(e.attrs.uri ?? '')) {
        const ex = /chartex$/.test(e.attrs.uri ?? '')
        const ref = child(e, ex ? 'cx:chart' : 'c:chart')
        const rel = ref?.attrs['r:id'] ? this.rels.get(ref.attrs['r:id']) : undefined
        if (rel?.external) this.external(rel.target, block)
        if (rel) this.chartParts.add(rel.target)
        block.runs.push({ kind: 'image', part: '', chart: { part: rel?.target ?? '', ex }, widthEmu: cx, heightEmu: cy, descr })
        found = true
        return false
      }
      return true
    })
    void found
  }

  /** The branch of an mc:AlternateContent a run is read from: one holding a chart if any (a classic chart before a newer kind), and the picture of another branch as the chart's fallback. */
  private alternateForRun(ac: XmlElement): { branch: XmlElement; fallback?: string } {
    const branches = [...children(ac, 'mc:Choice'), ...children(ac, 'mc:Fallback')]
    const chartIn = (b: XmlElement, ex: boolean) => {
      let hit = false
      walkEl(b, (e) => {
        if (e.name === 'a:graphicData' && (ex ? /chartex$/ : /\/chart$/).test(e.attrs.uri ?? '')) hit = true
        return !hit
      })
      return hit
    }
    const branch = branches.find((b) => chartIn(b, false)) ?? branches.find((b) => chartIn(b, true))
    if (!branch) return { branch: chooseAlternate(ac) }
    let fallback: string | undefined
    for (const b of branches) {
      if (b === branch || fallback) continue
      walkEl(b, (e) => {
        const rel = e.name === 'a:blip' && e.attrs['r:embed'] ? this.rels.get(e.attrs['r:embed']) : undefined
        if (rel && !rel.external && !fallback) fallback = rel.target
        return !fallback
      })
    }
    return { branch, fallback }
  }

  private vml(el: XmlElement, block: ParagraphBlock, extra: Block[]): void {
    walkEl(el, (e) => {
      if (e.name === 'v:imagedata') {
        const id = e.attrs['r:id'] ?? e.attrs['r:pict']
        const rel = id ? this.rels.get(id) : undefined
        if (rel?.external) this.external(rel.target, block)
        else if (rel) {
          this.imageParts.add(rel.target)
          block.runs.push({ kind: 'image', part: rel.target, widthEmu: 0, heightEmu: 0, descr: '' })
        }
        return false
      }
      if (e.name === 'w:txbxContent') {
        this.textBox(e, extra)
        return false
      }
      return true
    })
  }

  /** A text box reads like a one-cell framed table: a case in a box is a case either way. */
  private textBox(content: XmlElement, extra: Block[]): void {
    this.issues.textBoxes++
    const blocks: Block[] = []
    this.blocks(content, blocks)
    if (blocks.length) extra.push({ kind: 'table', index: ++this.tableNo, rows: [{ cells: [{ blocks, colSpan: 1 }], header: false }], gridCols: [], inToc: false, textBox: true })
  }

  private external(target: string, block: ParagraphBlock): never {
    fail(
      'unsafe-link',
      `文档第 ${block.index} 段的图片链接到文档以外的位置（${target.slice(0, 60)}），出于安全考虑不能导入。请在 Word 中把图片嵌入文档（“编辑指向文件的链接”→“断开链接”或重新插入图片）后再导入。`
    )
  }
}

function textOf(t: XmlElement): string {
  let s = ''
  for (const c of t.children) if (typeof c === 'string') s += c
  return s
}

function sameFormat(a: TextRun, b: Omit<TextRun, 'kind' | 'text' | 'href'>): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.sup === b.sup && a.sub === b.sub
}

function fieldName(instr: string): string {
  return (/^\s*([A-Za-z]+)/.exec(instr)?.[1] ?? '').toUpperCase()
}

function fieldHref(instr: string, block: ParagraphBlock, reader: BlockReader): string | undefined {
  const m = /^\s*HYPERLINK\s+"([^"]*)"/i.exec(instr)
  if (!m || /\\l\b/.test(instr)) return undefined
  return reader.checkHref(m[1], block)
}

function isTocSdt(sdt: XmlElement): boolean {
  const pr = child(sdt, 'w:sdtPr')
  const gallery = child(child(pr, 'w:docPartObj'), 'w:docPartGallery')?.attrs['w:val'] ?? ''
  return /table of contents|目录/i.test(gallery)
}

/** mc:AlternateContent: the first Choice (what Word itself shows), else the Fallback. */
function chooseAlternate(ac: XmlElement): XmlElement {
  return child(ac, 'mc:Choice') ?? child(ac, 'mc:Fallback') ?? { name: '#empty', attrs: {}, children: [] }
}

function walkEl(el: XmlElement, visit: (e: XmlElement) => boolean): void {
  for (const c of el.children) {
    if (!isEl(c)) continue
    if (visit(c)) walkEl(c, visit)
  }
}
