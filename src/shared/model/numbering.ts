import type { ChapterSummary } from './summary'

/**
 * The one numbering function used by the editor, the lists, the checks and
 * the export. Numbers come from order alone and are never stored as text:
 * chapters 1…n (appendices are not numbered), headings 1.1 / 1.1.1 / 1.1.1.1,
 * 案例 N through the whole report, 表 N-M and 图 N-M restarting per chapter.
 */
export type ChapterKind = 'chapter' | 'appendix'

export interface NumberingInput {
  id: string
  kind: ChapterKind
  title: string
  summary: ChapterSummary
}

export interface NumberedChapter {
  id: string
  kind: ChapterKind
  title: string
  /** "3" for chapters, null for appendices. */
  number: string | null
}

export interface NumberedHeading {
  id: string
  chapterId: string
  /** Level as stored (2–4). */
  level: number
  /** Level after clamping skipped levels: a heading is at most one level below the previous one. */
  depth: number
  number: string | null
  text: string
}

export interface NumberedCase {
  id: string
  chapterId: string
  number: number
  title: string
  school: string
}

export interface NumberedItem {
  id: string
  chapterId: string
  /** "1-2" in a numbered chapter; "附-1" style is not used: items in appendices get null. */
  number: string | null
}

export interface ReportNumbering {
  chapters: NumberedChapter[]
  headings: NumberedHeading[]
  cases: NumberedCase[]
  tables: NumberedItem[]
  figures: NumberedItem[]
}

export function numberReport(chapters: NumberingInput[]): ReportNumbering {
  const out: ReportNumbering = { chapters: [], headings: [], cases: [], tables: [], figures: [] }
  let chapterNo = 0
  let caseNo = 0
  for (const ch of chapters) {
    const numbered = ch.kind === 'chapter'
    const number = numbered ? String(++chapterNo) : null
    out.chapters.push({ id: ch.id, kind: ch.kind, title: ch.title, number })

    numberSections(number, ch.summary.headings).forEach((n, i) => {
      const h = ch.summary.headings[i]
      out.headings.push({ id: h.id, chapterId: ch.id, level: n.level, depth: n.depth, number: n.number, text: h.text })
    })

    for (const c of ch.summary.cases) out.cases.push({ id: c.id, chapterId: ch.id, number: ++caseNo, title: c.title, school: c.school })
    ch.summary.tables.forEach((id, i) => out.tables.push({ id, chapterId: ch.id, number: number ? `${number}-${i + 1}` : null }))
    ch.summary.figures.forEach((id, i) => out.figures.push({ id, chapterId: ch.id, number: number ? `${number}-${i + 1}` : null }))
  }
  return out
}

/**
 * Numbers of the section headings of one chapter, in order. A heading is at
 * most one level below the one before it (a skipped level is clamped), so
 * numbers are always well formed and never repeat. Headings stored at the
 * same level under the same parent are siblings even when their level was
 * clamped (level 2, 4, 4 reads 1.1, 1.1.1, 1.1.2).
 */
export function numberSections(chapterNumber: string | null, headings: { level: number }[]): { level: number; depth: number; number: string | null }[] {
  // counters[d] is the running number at depth d (depth 2 = x.1, 3 = x.1.1, 4 = x.1.1.1).
  const counters = [0, 0, 0, 0, 0]
  // The open parents: each heading's stored level and the depth it was given.
  const open: { level: number; depth: number }[] = []
  return headings.map((h) => {
    const level = Math.min(4, Math.max(2, Math.round(h.level)))
    while (open.length && open[open.length - 1].level >= level) open.pop()
    const depth = Math.min(level, (open.length ? open[open.length - 1].depth : 1) + 1)
    open.push({ level, depth })
    counters[depth]++
    for (let d = depth + 1; d < counters.length; d++) counters[d] = 0
    return { level, depth, number: chapterNumber ? [chapterNumber, ...counters.slice(2, depth + 1)].join('.') : null }
  })
}

/** Labels as they read in the report: "表 1-2", "图 2-3", "案例 5". */
export function tableLabel(number: string | null): string {
  return number ? `表 ${number}` : '附表'
}
export function figureLabel(number: string | null): string {
  return number ? `图 ${number}` : '附图'
}
export function caseLabel(number: number): string {
  return `案例 ${number}`
}
/** A chapter in lists and pickers: "3 质量保障措施"; an annex by its own title ("附件：…"), or "附件 标题". */
export function chapterLabel(c: { number: string | null; title: string }): string {
  if (c.number) return `${c.number} ${c.title}`
  return c.title.startsWith('附') ? c.title : `附件 ${c.title}`
}

/** A typed leading number on a pasted or imported heading: "3.2.1", "3.2.1.1 ", "一、", "（一）". */
export const LEADING_HEADING_NUMBER =
  /^\s*(?:\d{1,2}(?:[.．]\d{1,2}){0,4}(?:[.．、]|\s)\s*(?![年月日%])|[一二三四五六七八九十]+、\s*|[（(][一二三四五六七八九十]+[)）]\s*)/

export function stripHeadingNumber(text: string): string {
  return text.replace(LEADING_HEADING_NUMBER, '')
}
