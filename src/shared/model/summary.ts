import { type DocNode, textOf, walk } from './doc'
import { countWords } from './wordCount'

/**
 * What the rest of the report needs to know about one chapter, read off its
 * document: the headings, cases, tables and figures in order of appearance.
 * Numbering works on summaries, so the outline of a whole report is computed
 * without holding every chapter's text.
 */
export interface HeadingSummary {
  id: string
  level: number
  text: string
}

export interface CaseSummary {
  id: string
  title: string
  school: string
}

export interface ChapterSummary {
  headings: HeadingSummary[]
  cases: CaseSummary[]
  tables: string[]
  figures: string[]
  assets: string[]
  words: number
}

/** The summary of a whole chapter: its top-level blocks' summaries in order. */
export function summarizeChapter(doc: DocNode): ChapterSummary {
  return joinSummaries((doc.content ?? []).map(summarizeBlock))
}

/**
 * The summary of one top-level block. Words are counted per block (a
 * paragraph break separates words), so a chapter's summary is the sum of its
 * blocks' and a save that changes one block summarises only that block.
 */
export function summarizeBlock(block: DocNode): ChapterSummary {
  const s: ChapterSummary = { headings: [], cases: [], tables: [], figures: [], assets: [], words: 0 }
  const text: string[] = []
  walk(block, (n) => {
    const id = typeof n.attrs?.id === 'string' ? n.attrs.id : ''
    switch (n.type) {
      case 'heading':
        s.headings.push({ id, level: Number(n.attrs?.level ?? 2), text: textOf(n).trim() })
        break
      case 'caseStudy': {
        const title = n.content?.find((c) => c.type === 'caseTitle')
        s.cases.push({ id, title: title ? textOf(title).trim() : '', school: String(n.attrs?.school ?? '') })
        break
      }
      case 'reportTable':
        s.tables.push(id)
        break
      case 'figure':
        s.figures.push(id)
        break
      case 'photo':
        if (typeof n.attrs?.asset === 'string') s.assets.push(n.attrs.asset)
        break
      case 'text':
        text.push(n.text ?? '')
        break
    }
  })
  s.words = countWords(text.join(''))
  return s
}

/** Blocks' summaries, in order, as one. */
export function joinSummaries(parts: readonly ChapterSummary[]): ChapterSummary {
  const s: ChapterSummary = { headings: [], cases: [], tables: [], figures: [], assets: [], words: 0 }
  for (const p of parts) {
    for (const h of p.headings) s.headings.push(h)
    for (const c of p.cases) s.cases.push(c)
    for (const t of p.tables) s.tables.push(t)
    for (const f of p.figures) s.figures.push(f)
    for (const a of p.assets) s.assets.push(a)
    s.words += p.words
  }
  return s
}

/** The ids a summary names that must be unique in the report (headings, cases, tables, figures). */
export function summaryIds(s: ChapterSummary, into: Set<string>): Set<string> {
  s.headings.forEach((h) => into.add(h.id))
  s.cases.forEach((x) => into.add(x.id))
  s.tables.forEach((x) => into.add(x))
  s.figures.forEach((x) => into.add(x))
  return into
}

/**
 * Ids of the headings, cases, tables and figures of every chapter except
 * `chapterId`: such an id must be unique in the report, so the editor (while
 * typing) and main (when storing) both keep a chapter's ids out of this set.
 */
export function idsOutsideChapter(chapters: { id: string; summary: ChapterSummary }[], chapterId: string | null | undefined): Set<string> {
  const seen = new Set<string>()
  for (const c of chapters) if (c.id !== chapterId) summaryIds(c.summary, seen)
  return seen
}
