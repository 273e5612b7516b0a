import type { Block, ImageRun, Inline, ParagraphBlock, TableBlock } from '../docx/body'
import { isNote, noteText, parseCaption, parseCaseTitle, type TypedCaption } from './captions'
import { detectScheme, styledHeading, textHeading, type HeadingGuess, type TextScheme } from './headings'
import { entriesOf, listTitleKind, parseEntry, type ListKind, type OldList } from './lists'
import { cellText, endsLikeSentence, quote, tidy, unwrap } from './text'

/**
 * Last year's document read as a report: cover, old lists, chapters with
 * headings, paragraphs, case studies, photos, tables and figures, and the
 * appendix. Typed numbers are kept beside each item (for the consistency
 * checks and for resolving "见表 1-2"); they never become content.
 */
/** The old document's paragraph a place names ("…（原文第 120 段）", "原文第 7 段"), or null. */
export function paragraphOfPlace(place: string): number | null {
  const m = /原文第 (\d+) 段/.exec(place)
  return m ? Number(m[1]) : null
}

export interface Located {
  /** Paragraph index in the old document. */
  para: number
  /** "第 3 章 质量保障措施 › 3.2.2 项目建设" as the old document numbered it. */
  place: string
}

export interface HeadingItem extends Located {
  t: 'heading'
  level: number
  title: string
  typed: string | null
  parts: number[] | null
}
export interface ParagraphItem extends Located {
  t: 'paragraph'
  runs: Inline[]
}
export interface PhotoItem extends Located {
  t: 'photo'
  image: ImageRun
  caption: string
}
export interface CaseItem extends Located {
  t: 'case'
  title: string
  typed: number | null
  school: string
  items: Item[]
  /** Opened by a case style: ends where that style ends. */
  styled: boolean
  boxed: boolean
}
export interface TableItem extends Located {
  t: 'table'
  table: TableBlock
  caption: string
  typed: TypedCaption | null
  note: string
}
export interface FigureItem extends Located {
  t: 'figure'
  image: ImageRun
  caption: string
  typed: TypedCaption | null
  note: string
}
export type Item = HeadingItem | ParagraphItem | PhotoItem | CaseItem | TableItem | FigureItem

export interface ChapterDraft extends Located {
  kind: 'chapter' | 'appendix'
  title: string
  typed: string | null
  parts: number[] | null
  items: Item[]
}

export interface Cover {
  title: string
  issuer: string
  date: { year: number; month: number; day: number | null } | null
  /** Paragraphs read as title, issuer and date. */
  used: number[]
}

export interface Structure {
  cover: Cover
  lists: OldList[]
  chapters: ChapterDraft[]
  /** Front-matter paragraphs that are neither cover nor list. */
  leftOut: { para: number; text: string }[]
  notes: { para: number; place: string; message: string }[]
}

const APPENDIX = /^附\s*(件|录)\s*([0-9一二三四五六七八九十]{0,3})\s*[:：]?\s*(.*)$/s
const DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?$/
const PREFACE = /^(前\s*言|序\s*言|引\s*言|编写说明|说\s*明)$/

function isEmpty(p: ParagraphBlock): boolean {
  return !p.text.trim() && !p.runs.some((r) => r.kind === 'image')
}

function images(p: ParagraphBlock): ImageRun[] {
  return p.runs.filter((r): r is ImageRun => r.kind === 'image')
}

function imageOnly(p: ParagraphBlock): boolean {
  return images(p).length > 0 && !p.text.trim()
}

/** A line that can be (part of) a photo's caption: short, not a sentence, not anything else. */
function captionLike(p: ParagraphBlock): boolean {
  const t = tidy(p.text)
  return (
    t.length > 0 &&
    t.length <= 60 &&
    !t.includes('\n') &&
    !endsLikeSentence(t) &&
    images(p).length === 0 &&
    !parseCaption(t) &&
    !parseCaseTitle(t) &&
    !isNote(t) &&
    p.style.role !== 'heading'
  )
}

export class StructureReader {
  private readonly chapters: ChapterDraft[] = []
  private readonly lists: OldList[] = []
  private readonly notes: Structure['notes'] = []
  private cur: ChapterDraft | null = null
  private openCase: CaseItem | null = null
  private headingLabel = ''
  private readonly styled = new Map<ParagraphBlock, HeadingGuess>()
  private chapterLevel = 1
  private styleLevels = new Set<number>()
  private scheme: TextScheme = 'decimal'
  private textMode = false
  private titleHeading: ParagraphBlock | null = null

  constructor(private readonly blocks: Block[]) {}

  read(): Structure {
    this.classifyHeadings()
    const { start, cover, leftOut } = this.frontMatter()
    this.body(this.blocks, start, this.blocks.length)
    this.closeCase()
    return { cover, lists: this.lists, chapters: this.chapters, leftOut, notes: this.notes }
  }

  // ---- headings ------------------------------------------------------------

  private classifyHeadings(): void {
    const paras = this.blocks.filter((b): b is ParagraphBlock => b.kind === 'p')
    for (const p of paras) {
      if (p.inToc || p.style.role === 'toc' || listTitleKind(p)) continue
      const g = styledHeading(p)
      if (g && g.title) this.styled.set(p, g)
    }
    const levels = [...this.styled.values()].map((g) => g.level)
    if (levels.length === 0) {
      this.textMode = true
      this.scheme = detectScheme(paras)
      return
    }
    let min = Math.min(...levels)
    const atMin = [...this.styled.entries()].filter(([, g]) => g.level === min)
    const next = levels.filter((l) => l > min)
    // One top-level heading before all others (the report's own title styled as Heading 1) is not a chapter.
    if (atMin.length === 1 && !atMin[0][1].typed && next.length >= 2 && [...this.styled.keys()][0] === atMin[0][0]) {
      this.titleHeading = atMin[0][0]
      this.styled.delete(atMin[0][0])
      min = Math.min(...next)
    }
    this.chapterLevel = min
    this.styleLevels = new Set([...this.styled.values()].map((g) => g.level - min + 1))
    this.scheme = detectScheme(paras)
  }

  /** The heading a paragraph is, with its level counted from chapters = 1; null for body text. */
  private headingOf(p: ParagraphBlock): HeadingGuess | null {
    const s = this.styled.get(p)
    if (s) return { ...s, level: s.level - this.chapterLevel + 1 }
    const g = textHeading(p, this.scheme)
    if (!g) return null
    if (this.textMode) return g
    // In a styled document, unstyled numbered headings fill only the levels no style was used for.
    return g.level >= 2 && g.parts && g.parts.length === g.level && !this.styleLevels.has(g.level) ? g : null
  }

  // ---- cover and old lists ------------------------------------------------

  private frontMatter(): { start: number; cover: Cover; leftOut: Structure['leftOut'] } {
    const coverParas: ParagraphBlock[] = []
    let i = 0
    for (; i < this.blocks.length; i++) {
      const b = this.blocks[i]
      if (b.kind === 'p') {
        const h = this.headingOf(b)
        if (h && h.level === 1) break
        const kind = listTitleKind(b)
        if (kind) {
          i = this.listRegion(i + 1, kind, tidy(b.text), b.index) - 1
          continue
        }
        if (b.inToc || b.style.role === 'toc') {
          i = this.listRegion(i, 'toc', '目录', b.index) - 1
          continue
        }
        if (PREFACE.test(tidy(b.text)) && coverParas.length > 0) break
        if (!isEmpty(b)) coverParas.push(b)
      } else if (b.inToc) {
        i = this.listRegion(i, 'toc', '目录', b.index) - 1
      } else {
        // A table before the first chapter that is not a list belongs to the body.
        break
      }
    }
    const cover = this.cover(coverParas)
    const used = new Set(cover.used)
    const leftOut = coverParas.filter((p) => !used.has(p.index) || images(p).length > 0).map((p) => ({ para: p.index, text: tidy(p.text) || '（图片）' }))
    return { start: i, cover, leftOut }
  }

  /** Consume a list region from block `from`; returns the index of the first block after it. */
  private listRegion(from: number, kind: ListKind, title: string, para: number): number {
    const region: Block[] = []
    let i = from
    for (; i < this.blocks.length; i++) {
      const b = this.blocks[i]
      if (b.kind === 'table') {
        region.push(b)
        continue
      }
      if (isEmpty(b)) continue
      if (listTitleKind(b)) break
      const h = this.styled.get(b)
      if (b.inToc || b.style.role === 'toc') {
        region.push(b)
        continue
      }
      if (h) break
      // An entry typed by hand: leader dots or a tab before a page number.
      if (/([.…·．_]{2,}|\t)[\s\-－—]*\d{1,4}[\s\-－—]*$/.test(b.text) && parseEntry(b.text, kind, b.index)) {
        region.push(b)
        continue
      }
      break
    }
    const entries = entriesOf(region, kind)
    // A list titled 目录 that holds only 表/图 entries is a 图表目录, one with only cases a 案例目录.
    let k = kind
    if (kind === 'toc' && entries.length > 0) {
      if (entries.every((e) => e.kind === 'table' || e.kind === 'figure')) k = 'figures'
      else if (entries.every((e) => e.kind === 'case')) k = 'cases'
    }
    const existing = this.lists.find((l) => l.kind === k && title === '目录' && l.title === '目录')
    if (existing && kind === 'toc') existing.entries.push(...entries)
    else this.lists.push({ kind: k, title, paragraph: para, entries })
    return i
  }

  private cover(paras: ParagraphBlock[]): Cover {
    const used: number[] = []
    const titlePara = this.titleHeading ?? paras.find((p) => p.style.role === 'title') ?? paras.find((p) => tidy(p.text).length >= 4)
    const title = titlePara ? unwrap(titlePara.text) : ''
    if (titlePara) used.push(titlePara.index)
    let issuer = ''
    let date: Cover['date'] = null
    for (const p of paras) {
      const l = tidy(p.text)
      if (!l || p === titlePara) continue
      const d = DATE.exec(l)
      if (d && !date) {
        date = { year: Number(d[1]), month: Number(d[2]), day: d[3] ? Number(d[3]) : null }
        used.push(p.index)
        continue
      }
      if (!issuer && /(编|编制|编印|印发|发布)$/.test(l) && l.length <= 40) {
        issuer = unwrap(l).replace(/\s*(编制|编印|印发|发布|编)$/, '')
        used.push(p.index)
      }
    }
    return { title, issuer, date, used }
  }

  // ---- body ------------------------------------------------------------------

  /** Where an item was in the old document, for people; paragraphOfPlace reads the paragraph back. */
  private place(para: number): string {
    const ch = this.cur
    const chLabel = ch ? (ch.kind === 'appendix' ? ch.title : `第 ${ch.typed ?? this.chapters.length} 章 ${ch.title}`) : '正文开头'
    return `${chLabel}${this.headingLabel ? ` › ${this.headingLabel}` : ''}（原文第 ${para} 段）`
  }

  private startChapter(kind: ChapterDraft['kind'], title: string, typed: string | null, parts: number[] | null, para: number): void {
    this.closeCase()
    this.headingLabel = ''
    // "附件" on a line of its own followed by the appendix's own title heading: one appendix, not two.
    const prev = this.cur
    if (prev && prev.kind === 'appendix' && prev.items.length === 0 && /^附\s*(件|录)\s*[0-9一二三四五六七八九十]{0,3}$/.test(prev.title)) {
      prev.kind = kind === 'chapter' && !APPENDIX.test(title) ? 'appendix' : kind
      if (!APPENDIX.test(title)) prev.title = `${prev.title} ${title}`
      prev.place = this.place(para)
      return
    }
    this.cur = { kind, title, typed, parts, items: [], para, place: '' }
    this.cur.place = this.place(para)
    this.chapters.push(this.cur)
  }

  private chapter(para: number): ChapterDraft {
    if (!this.cur) {
      // Body text before any chapter heading: keep it in an unnumbered opening chapter rather than lose it.
      this.startChapter('appendix', '前言', null, null, para)
      this.notes.push({ para, place: this.place(para), message: '正文开头有不属于任何一章的内容，已放入不编号的“前言”一章。' })
    }
    return this.cur!
  }

  private push(item: Item): void {
    if (this.openCase && item.t !== 'heading' && item.t !== 'case') this.openCase.items.push(item)
    else this.chapter(item.para).items.push(item)
  }

  private closeCase(): void {
    this.openCase = null
  }

  private lastItem(): Item | undefined {
    const items = this.openCase ? this.openCase.items : this.cur?.items
    return items?.[items.length - 1]
  }

  private popLast(): void {
    const items = this.openCase ? this.openCase.items : this.cur?.items
    items?.pop()
  }

  /** Next non-empty block after `i` (within [.., end)), with its index. */
  private peek(blocks: Block[], i: number, end: number): { b: Block; at: number } | null {
    for (let j = i + 1; j < end; j++) {
      const b = blocks[j]
      if (b.kind === 'p' && isEmpty(b)) continue
      return { b, at: j }
    }
    return null
  }

  private body(blocks: Block[], from: number, end: number): void {
    let lastTableAt = -2
    let pendingTableCaption: { cap: TypedCaption; para: number } | null = null
    for (let i = from; i < end; i++) {
      const b = blocks[i]
      if (b.kind === 'table') {
        if (b.inToc) {
          i = this.listRegion(i, 'toc', '目录', b.rows[0]?.cells[0]?.blocks[0]?.index ?? 0) - 1
          continue
        }
        const caseTitle = this.boxedCase(b)
        if (caseTitle) {
          this.closeCase()
          this.boxCase(b, caseTitle)
          lastTableAt = -2
          continue
        }
        if (this.photoGrid(b)) {
          lastTableAt = -2
          continue
        }
        if (b.rows.length === 1 && b.rows[0].cells.length === 1 && (b.textBox || !b.rows[0].cells[0].blocks.some((x) => x.kind === 'p' && parseNumberCell(x.text)))) {
          // A box that is not a case (a text box, a framed note): its content joins the flow.
          this.body(b.rows[0].cells[0].blocks, 0, b.rows[0].cells[0].blocks.length)
          lastTableAt = -2
          continue
        }
        const last = this.lastItem()
        if (!pendingTableCaption && lastTableAt >= 0 && last?.t === 'table' && columns(last.table) === columns(b)) {
          appendContinuation(last.table, b)
          lastTableAt = i
          continue
        }
        const para = b.rows[0]?.cells[0]?.blocks.find((x): x is ParagraphBlock => x.kind === 'p')?.index ?? 0
        let caption = ''
        let typed: TypedCaption | null = null
        if (pendingTableCaption) {
          typed = pendingTableCaption.cap
          caption = typed.title
          this.closeCase()
        } else if (last?.t === 'paragraph') {
          // An unnumbered title right above the table ("2021 年度…汇总表") is its caption.
          const t = tidy(last.runs.map((r) => (r.kind === 'text' ? r.text : '')).join(''))
          if (t.length > 0 && t.length <= 80 && !endsLikeSentence(t) && !/[，,]$/.test(t)) {
            caption = t
            this.popLast()
          }
        }
        if (!caption) this.notes.push({ para, place: this.place(para), message: '有一张表格没有表题，导入后表题为空，请补上。' })
        this.push({ t: 'table', table: b, caption, typed, note: '', para: pendingTableCaption?.para ?? para, place: this.place(pendingTableCaption?.para ?? para) })
        pendingTableCaption = null
        lastTableAt = i
        continue
      }

      const p = b
      if (isEmpty(p)) continue
      // A table continues across a page break only when nothing but empty paragraphs lies between.
      lastTableAt = -2
      const text = tidy(p.text)
      const kind = listTitleKind(p)
      if (kind) {
        i = this.listRegion(i + 1, kind, text, p.index) - 1
        continue
      }
      if (p.inToc || p.style.role === 'toc') {
        i = this.listRegion(i, 'toc', '目录', p.index) - 1
        continue
      }
      if (pendingTableCaption) {
        // The caption was not followed by its table after all: keep it as text.
        this.push({ t: 'paragraph', runs: [{ kind: 'text', text: `表 ${pendingTableCaption.cap.typed ?? ''} ${pendingTableCaption.cap.title}`, bold: false, italic: false, underline: false, sup: false, sub: false }], para: pendingTableCaption.para, place: this.place(pendingTableCaption.para) })
        pendingTableCaption = null
      }

      const h = this.headingOf(p)
      if (h && h.level <= 1) {
        const app = APPENDIX.exec(h.title) ?? APPENDIX.exec(text)
        if (app) this.startChapter('appendix', text, null, null, p.index)
        else this.startChapter('chapter', h.title, h.typed, h.parts, p.index)
        continue
      }
      if (h) {
        this.closeCase()
        this.chapter(p.index)
        if (h.level > 4) this.notes.push({ para: p.index, place: this.place(p.index), message: `${quote(text)}是第 ${h.level} 级标题，报告最多四级，已作为第四级标题导入。` })
        const level = Math.min(4, h.level)
        this.headingLabel = h.typed ? `${h.typed} ${h.title}` : h.title
        this.cur!.items.push({ t: 'heading', level, title: h.title, typed: h.typed, parts: h.parts, para: p.index, place: this.place(p.index) })
        continue
      }
      if (this.chapters.length > 0 && text.length <= 60 && !endsLikeSentence(text) && APPENDIX.test(text) && !images(p).length) {
        this.startChapter('appendix', text, null, null, p.index)
        continue
      }

      const ct = parseCaseTitle(text)
      const boldLine = p.runs.every((r) => r.kind !== 'text' || !r.text.trim() || r.bold)
      if ((ct && (boldLine || p.style.role === 'caseTitle' || (text.length <= 60 && !endsLikeSentence(text)))) || (p.style.role === 'caseTitle' && text.length <= 120)) {
        this.closeCase()
        const item: CaseItem = {
          t: 'case',
          title: ct ? ct.title : text,
          typed: ct ? ct.typed : null,
          school: '',
          items: [],
          styled: p.style.role === 'caseTitle',
          boxed: false,
          para: p.index,
          place: this.place(p.index)
        }
        this.chapter(p.index).items.push(item)
        this.openCase = item
        continue
      }
      if (this.openCase?.styled && p.style.role !== 'caseBody' && !imageOnly(p) && !captionLike(p) && this.openCase.items.length > 0) {
        this.closeCase()
      }

      const cap = images(p).length === 0 ? parseCaption(text) : null
      if (cap?.kind === 'table') {
        const next = this.peek(blocks, i, end)
        if (next?.b.kind === 'table') {
          pendingTableCaption = { cap, para: p.index }
          continue
        }
      }
      if (cap?.kind === 'figure') {
        const last = this.lastItem()
        if (last?.t === 'photo' && !last.caption) {
          // The picture right above a 图 N-M caption is the figure.
          this.popLast()
          this.closeCase()
          this.push({ t: 'figure', image: last.image, caption: cap.title, typed: cap, note: '', para: p.index, place: this.place(p.index) })
          continue
        }
        const next = this.peek(blocks, i, end)
        if (next?.b.kind === 'p' && imageOnly(next.b)) {
          this.closeCase()
          const [first, ...rest] = images(next.b)
          this.push({ t: 'figure', image: first, caption: cap.title, typed: cap, note: '', para: p.index, place: this.place(p.index) })
          for (const im of rest) this.push({ t: 'photo', image: im, caption: '', para: next.b.index, place: this.place(next.b.index) })
          i = next.at
          continue
        }
        this.closeCase()
        this.notes.push({ para: p.index, place: this.place(p.index), message: `图题“图 ${cap.typed ?? ''} ${cap.title}”的上方或下方没有图片，已作为没有图片的图导入，请补上图片或图表。` })
        this.push({ t: 'figure', image: { kind: 'image', part: '', widthEmu: 0, heightEmu: 0, descr: '' }, caption: cap.title, typed: cap, note: '', para: p.index, place: this.place(p.index) })
        continue
      }
      if (isNote(text)) {
        const last = this.lastItem() ?? this.cur?.items[this.cur.items.length - 1]
        if ((last?.t === 'table' || last?.t === 'figure') && !last.note) {
          last.note = noteText(text)
          continue
        }
      }

      const imgs = images(p)
      if (imgs.length > 0) {
        if (text) this.push({ t: 'paragraph', runs: p.runs.filter((r) => r.kind !== 'image'), para: p.index, place: this.place(p.index) })
        const next = this.peek(blocks, i, end)
        const nextCap = next?.b.kind === 'p' ? parseCaption(tidy(next.b.text)) : null
        if (nextCap?.kind === 'figure' && next && next.b.kind === 'p' && !images(next.b).length) {
          this.closeCase()
          const [first, ...rest] = imgs
          for (const im of rest) this.push({ t: 'photo', image: im, caption: '', para: p.index, place: this.place(p.index) })
          this.push({ t: 'figure', image: first, caption: nextCap.title, typed: nextCap, note: '', para: next.b.index, place: this.place(next.b.index) })
          i = next.at
          continue
        }
        const { caption, next: after } = this.photoCaption(blocks, i, end)
        imgs.forEach((im, k) => this.push({ t: 'photo', image: im, caption: k === imgs.length - 1 ? caption : '', para: p.index, place: this.place(p.index) }))
        i = after - 1
        continue
      }

      this.chapter(p.index)
      this.push({ t: 'paragraph', runs: p.runs, para: p.index, place: this.place(p.index) })
    }
    if (pendingTableCaption) {
      this.push({ t: 'paragraph', runs: [{ kind: 'text', text: `表 ${pendingTableCaption.cap.typed ?? ''} ${pendingTableCaption.cap.title}`, bold: false, italic: false, underline: false, sup: false, sub: false }], para: pendingTableCaption.para, place: this.place(pendingTableCaption.para) })
    }
  }

  /** The caption lines under a photo; lines wrapped in a narrow caption are joined. Returns the block after them. */
  private photoCaption(blocks: Block[], i: number, end: number): { caption: string; next: number } {
    const lines: string[] = []
    let j = i + 1
    for (; j < end; j++) {
      const b = blocks[j]
      if (b.kind !== 'p') break
      if (isEmpty(b)) {
        if (lines.length === 0) continue
        break
      }
      if (!captionLike(b) || this.headingOf(b) || listTitleKind(b)) break
      const t = tidy(b.text)
      if (lines.length > 0 && lines[lines.length - 1].length > 16) break
      lines.push(t)
    }
    return { caption: lines.join(''), next: j }
  }

  /** A one-cell framed table holding a case study: its title line, or null. */
  private boxedCase(t: TableBlock): { title: string; typed: number | null } | null {
    if (t.rows.length !== 1 || t.rows[0].cells.length !== 1) return null
    const first = t.rows[0].cells[0].blocks.find((b): b is ParagraphBlock => b.kind === 'p' && !isEmpty(b))
    if (!first) return null
    const ct = parseCaseTitle(tidy(first.text))
    if (ct) return ct
    if (first.style.role === 'caseTitle') return { title: tidy(first.text), typed: null }
    return null
  }

  private boxCase(t: TableBlock, title: { title: string; typed: number | null }): void {
    const cell = t.rows[0].cells[0].blocks
    const firstIdx = cell.findIndex((b) => b.kind === 'p' && !isEmpty(b))
    const first = cell[firstIdx] as ParagraphBlock
    const item: CaseItem = { t: 'case', title: title.title, typed: title.typed, school: '', items: [], styled: false, boxed: true, para: first.index, place: this.place(first.index) }
    this.chapter(first.index).items.push(item)
    this.openCase = item
    // The box's content is read like body text; the box's end is the case's end.
    this.body(cell, firstIdx + 1, cell.length)
    this.openCase = null
  }

  /** A layout table of photos (cells with pictures and short captions): its photos join the flow. */
  private photoGrid(t: TableBlock): boolean {
    let pictures = 0
    for (const row of t.rows)
      for (const cell of row.cells)
        for (const b of cell.blocks) {
          if (b.kind === 'table') return false
          if (images(b).length) pictures++
          else if (!isEmpty(b) && !captionLike(b)) return false
        }
    if (pictures === 0) return false
    for (const row of t.rows)
      for (const cell of row.cells) {
        const ps = cell.blocks as ParagraphBlock[]
        for (let k = 0; k < ps.length; k++) {
          const imgs = images(ps[k])
          if (!imgs.length) continue
          const caption = ps
            .slice(k + 1)
            .filter((x) => !images(x).length && !isEmpty(x))
            .map((x) => tidy(x.text))
            .join('')
          imgs.forEach((im, n) => this.push({ t: 'photo', image: im, caption: n === imgs.length - 1 ? caption : '', para: ps[k].index, place: this.place(ps[k].index) }))
          break
        }
      }
    return true
  }
}

/** A cell that holds just a number (a one-cell table of data, not a box of text). */
function parseNumberCell(text: string): boolean {
  return /^[\s+\-−↑↓]*\d[\d,.]*\s*%?$/.test(text.trim())
}

function columns(t: TableBlock): number {
  return Math.max(0, ...t.rows.map((r) => r.cells.reduce((n, c) => n + c.colSpan, 0)))
}

/**
 * A table continued after a page break: its rows join the first table. A
 * repeated header row is dropped, and a row whose first cell is empty (a row
 * split across the page break) is joined to the row above.
 */
function appendContinuation(into: TableBlock, more: TableBlock): void {
  const key = (r: { cells: { blocks: Block[] }[] }) => r.cells.map((c) => cellText(c.blocks)).join('\u0001')
  let rows = more.rows
  if (rows.length && into.rows.length && key(rows[0]) === key(into.rows[0])) rows = rows.slice(1)
  for (const r of rows) {
    const prev = into.rows[into.rows.length - 1]
    const firstEmpty = r.cells.length > 0 && !cellText(r.cells[0].blocks)
    const sameShape = prev && prev.cells.length === r.cells.length && r.cells.every((c, k) => c.colSpan === prev.cells[k].colSpan)
    if (firstEmpty && sameShape && cellText(prev.cells[0].blocks) && r.cells.some((c) => cellText(c.blocks))) {
      r.cells.forEach((c, k) => {
        const extra = c.blocks.filter((b): b is ParagraphBlock => b.kind === 'p' && !isEmpty(b))
        if (!extra.length) return
        const target = prev.cells[k].blocks.filter((b): b is ParagraphBlock => b.kind === 'p')
        const last = target[target.length - 1]
        if (last && last.text.trim()) {
          // Joined without a break: the split was the page's, not the author's.
          last.runs.push(...extra.flatMap((x) => x.runs))
          last.text += extra.map((x) => x.text).join('')
        } else prev.cells[k].blocks.push(...extra)
      })
    } else into.rows.push(r)
  }
}

export function recogniseStructure(blocks: Block[]): Structure {
  return new StructureReader(blocks).read()
}

