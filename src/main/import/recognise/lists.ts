import type { Block, ParagraphBlock, TableBlock } from '../docx/body'
import { parseCaption, parseCaseTitle } from './captions'
import { splitHeadingNumber } from './headings'
import { tidy } from './text'

/**
 * The lists last year's document carried as text or fields — 目录,
 * 案例目录, 图表目录 — read back into entries so they can be compared with
 * the body. They are never imported as content: the app makes its own.
 */
export type ListKind = 'toc' | 'cases' | 'figures'

export interface ListEntry {
  kind: 'heading' | 'case' | 'table' | 'figure'
  /** As typed: "3.2.1", "案例 12" → "12", "表 1-2" → "1-2". */
  typed: string | null
  title: string
  /** Paragraph index of the entry in the document. */
  paragraph: number
}

export interface OldList {
  kind: ListKind
  title: string
  paragraph: number
  entries: ListEntry[]
}

const LIST_TITLES: Record<string, ListKind> = {
  目录: 'toc',
  目次: 'toc',
  案例目录: 'cases',
  案例索引: 'cases',
  图表目录: 'figures',
  表格目录: 'figures',
  插图目录: 'figures',
  图目录: 'figures',
  表目录: 'figures',
  图表索引: 'figures'
}

/** "目 录", "案例目录" … as a list heading, or null. */
export function listTitleKind(p: ParagraphBlock): ListKind | null {
  const key = p.text.replace(/\s+/g, '')
  if (Object.hasOwn(LIST_TITLES, key)) return LIST_TITLES[key]
  if (p.style.role === 'tocHeading') return 'toc'
  return null
}

/** Drop leader dots and the page number: "1.1 规模和结构…..\t- 1 -" → "1.1 规模和结构". */
export function stripPage(text: string): string {
  let t = text.replace(/\u00a0/g, ' ')
  const tab = t.lastIndexOf('\t')
  if (tab >= 0 && /^[\s\-－—]*[0-9ivxlcIVXLC]{1,4}[\s\-－—]*$/.test(t.slice(tab + 1))) t = t.slice(0, tab)
  else t = t.replace(/[.…·．_\s]{2,}[-－—\s]*[0-9]{1,4}[\s\-－—]*$/, '')
  return t.replace(/[\s.…·．_\t]+$/, '').trim()
}

export function parseEntry(raw: string, kind: ListKind, paragraph: number): ListEntry | null {
  const text = tidy(stripPage(raw))
  if (!text) return null
  if (kind === 'cases') {
    const c = parseCaseTitle(text)
    return c ? { kind: 'case', typed: c.typed === null ? null : String(c.typed), title: c.title, paragraph } : null
  }
  const cap = parseCaption(text)
  if (cap) return { kind: cap.kind, typed: cap.typed, title: cap.title, paragraph }
  if (kind === 'figures') return null
  const c = parseCaseTitle(text)
  if (c) return { kind: 'case', typed: c.typed === null ? null : String(c.typed), title: c.title, paragraph }
  const h = splitHeadingNumber(text)
  return { kind: 'heading', typed: h.typed, title: h.title, paragraph }
}

/** Entries of a list region: paragraphs, or rows of a table (entry cell, page cell). */
export function entriesOf(blocks: Block[], kind: ListKind): ListEntry[] {
  const out: ListEntry[] = []
  const add = (raw: string, paragraph: number) => {
    const e = parseEntry(raw, kind, paragraph)
    if (e) out.push(e)
  }
  for (const b of blocks) {
    if (b.kind === 'p') add(b.text, b.index)
    else tableEntries(b, add)
  }
  return out
}

function tableEntries(t: TableBlock, add: (raw: string, paragraph: number) => void): void {
  for (const row of t.rows) {
    const texts: string[] = []
    let first = 0
    for (const cell of row.cells) {
      const ps = cell.blocks.filter((b): b is ParagraphBlock => b.kind === 'p')
      if (!first && ps[0]) first = ps[0].index
      texts.push(ps.map((p) => p.text).join(' '))
    }
    const line = texts.filter((s) => s.trim()).join('\t')
    if (line.trim()) add(line, first)
  }
}
