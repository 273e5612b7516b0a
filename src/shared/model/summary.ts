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

export function summarizeChapter(doc: DocNode): ChapterSummary {
  const s: ChapterSummary = { headings: [], cases: [], tables: [], figures: [], assets: [], words: 0 }
  const text: string[] = []
  walk(doc, (n) => {
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

/**
 * Ids of the headings, cases, tables and figures of every chapter except
 * `chapterId`: such an id must be unique in the report, so the editor (while
 * typing) and main (when storing) both keep a chapter's ids out of this set.
 */
export function idsOutsideChapter(chapters: { id: string; summary: ChapterSummary }[], chapterId: string | null | undefined): Set<string> {
  const seen = new Set<string>()
  for (const c of chapters) {
    if (c.id === chapterId) continue
    c.summary.headings.forEach((h) => seen.add(h.id))
    c.summary.cases.forEach((x) => seen.add(x.id))
    c.summary.tables.forEach((x) => seen.add(x))
    c.summary.figures.forEach((x) => seen.add(x))
  }
  return seen
}
