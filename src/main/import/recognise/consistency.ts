import type { ImportIssue } from '@shared/contract/import'
import type { OldList, ListEntry } from './lists'
import type { CaseItem, ChapterDraft, FigureItem, HeadingItem, Item, TableItem } from './structure'
import { compareKey, quote } from './text'

/**
 * Where last year's document contradicts itself: typed numbers of
 * chapters, headings, cases, tables and figures that repeat, skip, or
 * belong to another chapter, and old lists (目录, 案例目录, 图表目录) that
 * disagree with the body. Document order is always kept; each finding says
 * what the item is numbered now.
 */
export interface Numbers {
  heading(item: HeadingItem): string | null
  chapter(ch: ChapterDraft): string | null
  case(item: CaseItem): number | null
  table(item: TableItem): string | null
  figure(item: FigureItem): string | null
}

type Issue = ImportIssue

function walkItems(items: Item[], visit: (i: Item) => void): void {
  for (const i of items) {
    visit(i)
    if (i.t === 'case') walkItems(i.items, visit)
  }
}

function missingBetween(a: number, b: number): string {
  const list: number[] = []
  for (let k = a + 1; k < b && list.length < 6; k++) list.push(k)
  return list.join('、') + (b - a - 1 > 6 ? ' 等' : '')
}

// ---- chapters and headings ----------------------------------------------------

export function checkHeadings(chapters: ChapterDraft[], n: Numbers): Issue[] {
  const out: Issue[] = []
  let prevChapter: number | null = null
  let prevChapterText = ''
  for (const ch of chapters) {
    if (ch.kind !== 'chapter') continue
    const typed = ch.parts?.[0]
    const now = n.chapter(ch)
    if (typed !== undefined && ch.typed !== null) {
      const label = `第 ${ch.typed} 章“${ch.title}”`
      if (prevChapter !== null && typed === prevChapter) {
        out.push({ code: 'CHAPTER_NUMBER_DUPLICATE', place: ch.place, message: `${label}与前一章“${prevChapterText}”的编号 ${ch.typed} 重复；按文档顺序编为第 ${now} 章。` })
      } else if (typed > (prevChapter ?? 0) + 1) {
        out.push({ code: 'CHAPTER_NUMBER_GAP', place: ch.place, message: `${label}之前缺少第 ${missingBetween(prevChapter ?? 0, typed)} 章（编号从 ${prevChapter ?? 0} 跳到 ${typed}）；按文档顺序编为第 ${now} 章。` })
      } else if (prevChapter !== null && typed < prevChapter) {
        out.push({ code: 'CHAPTER_NUMBER_ORDER', place: ch.place, message: `${label}排在第 ${prevChapter} 章之后，编号顺序颠倒；按文档顺序编为第 ${now} 章。` })
      }
      prevChapter = typed
      prevChapterText = `${ch.typed} ${ch.title}`
    }
    out.push(...checkSections(ch, n))
  }
  return out
}

function checkSections(ch: ChapterDraft, n: Numbers): Issue[] {
  const out: Issue[] = []
  const chapterTyped = ch.parts?.[0] ?? null
  // path[level] = typed parts of the latest heading at that level; last[level] = its last component.
  const path: (number[] | null)[] = []
  const lastText: string[] = []
  const headings = ch.items.filter((i): i is HeadingItem => i.t === 'heading')
  for (const h of headings) {
    const now = n.heading(h)
    const after = `导入后编号为 ${now ?? '（无编号）'}`
    const label = `${h.typed ?? ''} ${h.title}`.trim()
    const lv = h.level
    const parts = h.parts
    const prev = path[lv] ?? null
    for (let k = lv + 1; k < 6; k++) path[k] = null
    if (!parts || !h.typed) {
      // An unnumbered heading still takes its place among its siblings.
      path[lv] = prev ? [...prev.slice(0, -1), prev[prev.length - 1] + 1] : null
      lastText[lv] = label
      continue
    }
    const decimal = /^\d+(\.\d+)*$/.test(h.typed)
    if (decimal) {
      if (parts.length !== lv) {
        out.push({ code: 'HEADING_LEVEL_MISMATCH', place: h.place, message: `标题“${label}”是第 ${lv} 级标题，编号 ${h.typed} 却是 ${parts.length} 级的；${after}。` })
        path[lv] = parts
        lastText[lv] = label
        continue
      }
      if (chapterTyped !== null && parts[0] !== chapterTyped) {
        out.push({ code: 'HEADING_NUMBER_OTHER_CHAPTER', place: h.place, message: `标题“${label}”位于第 ${chapterTyped} 章，编号 ${h.typed} 却属于第 ${parts[0]} 章；${after}。` })
        path[lv] = parts
        lastText[lv] = label
        continue
      }
      const parent = lv > 2 ? path[lv - 1] : null
      if (parent && parts.slice(0, lv - 1).join('.') !== parent.join('.')) {
        out.push({ code: 'HEADING_NUMBER_PARENT', place: h.place, message: `标题“${label}”在“${lastText[lv - 1]}”之下，编号 ${h.typed} 却不以 ${parent.join('.')} 开头；${after}。` })
        path[lv] = parts
        lastText[lv] = label
        continue
      }
    }
    const seq = parts[parts.length - 1]
    const prevSeq = prev ? prev[prev.length - 1] : 0
    if (prev && seq === prevSeq) {
      out.push({ code: 'HEADING_NUMBER_DUPLICATE', place: h.place, message: `标题编号 ${h.typed} 出现了两次：“${lastText[lv]}”和“${label}”；按文档顺序，后者${after}（其后同级标题依次顺延）。` })
    } else if (seq > prevSeq + 1) {
      const where = prev ? `“${lastText[lv]}”之后` : '本节第一个小标题'
      out.push({ code: 'HEADING_NUMBER_GAP', place: h.place, message: `标题“${label}”的编号跳号：${where}应是第 ${prevSeq + 1} 个，原文编为 ${h.typed}（缺少 ${missingBetween(prevSeq, seq)}）；${after}。` })
    } else if (seq < prevSeq) {
      out.push({ code: 'HEADING_NUMBER_ORDER', place: h.place, message: `标题“${label}”排在“${lastText[lv]}”之后，编号顺序颠倒；${after}。` })
    }
    path[lv] = parts
    lastText[lv] = label
  }
  return out
}

// ---- cases, tables, figures -----------------------------------------------------

export function checkCases(chapters: ChapterDraft[], n: Numbers): Issue[] {
  const out: Issue[] = []
  let prev: { typed: number; title: string } | null = null
  for (const ch of chapters)
    walkItems(ch.items, (i) => {
      if (i.t !== 'case') return
      // A case without a typed number still takes its place in the sequence.
      if (i.typed === null) {
        prev = { typed: (prev?.typed ?? 0) + 1, title: i.title }
        return
      }
      const now = n.case(i)
      const label = `案例 ${i.typed}“${i.title}”`
      const p: number = prev?.typed ?? 0
      if (prev && i.typed === p) out.push({ code: 'CASE_NUMBER_DUPLICATE', place: i.place, message: `案例编号 ${i.typed} 出现了两次：“${prev.title}”和“${i.title}”；按文档顺序，后者编为案例 ${now}。` })
      else if (i.typed > p + 1) out.push({ code: 'CASE_NUMBER_GAP', place: i.place, message: `${label}之前缺少案例 ${missingBetween(p, i.typed)}（编号从 ${p} 跳到 ${i.typed}）；导入后编为案例 ${now}。` })
      else if (prev && i.typed < p) out.push({ code: 'CASE_NUMBER_ORDER', place: i.place, message: `${label}排在案例 ${p} 之后，编号顺序颠倒；导入后编为案例 ${now}。` })
      prev = { typed: i.typed, title: i.title }
    })
  return out
}

export function checkCaptions(chapters: ChapterDraft[], kind: 'table' | 'figure', n: Numbers): Issue[] {
  const out: Issue[] = []
  const word = kind === 'table' ? '表' : '图'
  const code = kind === 'table' ? 'TABLE' : 'FIGURE'
  let flatPrev = 0
  for (const ch of chapters) {
    const chapterTyped = ch.kind === 'chapter' ? (ch.parts?.[0] ?? Number(n.chapter(ch))) : null
    let prev: { seq: number; label: string } | null = null
    walkItems(ch.items, (i) => {
      if (i.t !== kind) return
      const item = i as TableItem | FigureItem
      const typed = item.typed
      if (!typed?.typed) {
        if (prev) prev = { seq: prev.seq + 1, label: `${word}“${item.caption}”` }
        else prev = { seq: 1, label: `${word}“${item.caption}”` }
        return
      }
      const now = kind === 'table' ? n.table(item as TableItem) : n.figure(item as FigureItem)
      const after = now ? `导入后编为${word} ${now}` : `导入后作为附${word}`
      const label = `${word} ${typed.typed}“${typed.title}”`
      if (typed.chapter === null) {
        // Numbered through the whole report ("表 3"): only the sequence can be checked.
        if (typed.seq !== null) {
          if (typed.seq === flatPrev) out.push({ code: `${code}_NUMBER_DUPLICATE`, place: item.place, message: `${word}编号 ${typed.seq} 出现了两次（${label}）；${after}。` })
          else if (typed.seq > flatPrev + 1) out.push({ code: `${code}_NUMBER_GAP`, place: item.place, message: `${label}之前缺少${word} ${missingBetween(flatPrev, typed.seq)}；${after}。` })
          flatPrev = typed.seq
        }
        return
      }
      if (chapterTyped !== null && typed.chapter !== chapterTyped) {
        out.push({ code: `${code}_NUMBER_OTHER_CHAPTER`, place: item.place, message: `${label}位于第 ${chapterTyped} 章，编号 ${typed.typed} 却属于第 ${typed.chapter} 章；${after}。` })
        return
      }
      const seq = typed.seq ?? 0
      const p = prev?.seq ?? 0
      if (prev && seq === p) out.push({ code: `${code}_NUMBER_DUPLICATE`, place: item.place, message: `${word}编号 ${typed.typed} 出现了两次：${prev.label}和${label}；按文档顺序，后者${after}。` })
      else if (seq > p + 1) out.push({ code: `${code}_NUMBER_GAP`, place: item.place, message: `${label}之前缺少${word} ${missingBetween(p, seq).split('、').map((x) => `${typed.chapter}-${x}`).join('、')}；${after}。` })
      else if (prev && seq < p) out.push({ code: `${code}_NUMBER_ORDER`, place: item.place, message: `${label}排在${prev.label}之后，编号顺序颠倒；${after}。` })
      prev = { seq, label }
    })
  }
  return out
}

// ---- old lists against the body ---------------------------------------------------

interface BodyEntry {
  typed: string | null
  title: string
  place: string
  level: number
  matched: boolean
}

function listPlace(list: OldList, e?: ListEntry): string {
  return `${list.title}${e ? `（原文第 ${e.paragraph} 段）` : ''}`
}

function match(list: OldList, entries: ListEntry[], body: BodyEntry[], what: (typed: string | null, title: string) => string, codePrefix: string): Issue[] {
  const out: Issue[] = []
  const unmatched: ListEntry[] = []
  // Same title (and number when both have one) first, then same number with a different title.
  for (const e of entries) {
    const key = compareKey(e.title)
    const hit =
      body.find((b) => !b.matched && compareKey(b.title) === key && (b.typed === e.typed || !b.typed || !e.typed)) ??
      body.find((b) => !b.matched && compareKey(b.title) === key)
    if (hit) {
      hit.matched = true
      if (hit.typed && e.typed && hit.typed !== e.typed) {
        out.push({ code: `${codePrefix}_NUMBER_DIFFERS`, place: listPlace(list, e), message: `${list.title}中${what(e.typed, e.title)}的编号是 ${e.typed}，正文中是 ${hit.typed}。` })
      }
    } else unmatched.push(e)
  }
  for (const e of unmatched) {
    const hit = e.typed ? body.find((b) => !b.matched && b.typed === e.typed) : undefined
    if (hit) {
      hit.matched = true
      out.push({ code: `${codePrefix}_TITLE_DIFFERS`, place: listPlace(list, e), message: `${list.title}中${what(e.typed, '')}的标题是${quote(e.title, 40)}，正文中是${quote(hit.title, 40)}。` })
    } else out.push({ code: `${codePrefix}_NOT_IN_BODY`, place: listPlace(list, e), message: `${list.title}列有${what(e.typed, e.title)}，正文中没有找到。` })
  }
  for (const b of body) {
    if (!b.matched) out.push({ code: `${codePrefix}_MISSING`, place: b.place, message: `正文中的${what(b.typed, b.title)}没有列入${list.title}。` })
  }
  return out
}

export function checkLists(lists: OldList[], chapters: ChapterDraft[]): Issue[] {
  const out: Issue[] = []
  for (const list of lists) {
    if (list.entries.length === 0) continue
    if (list.kind === 'toc') {
      const entries = list.entries.filter((e) => e.kind === 'heading')
      const depth = Math.max(1, ...entries.map((e) => (e.typed && /^\d+(\.\d+)*$/.test(e.typed) ? e.typed.split('.').length : 1)))
      const body: BodyEntry[] = []
      const listsAppendix = entries.some((e) => /^附/.test(e.title))
      for (const ch of chapters) {
        if (ch.kind === 'appendix' && !listsAppendix) continue
        body.push({ typed: ch.typed, title: ch.title, place: ch.place, level: 1, matched: false })
        for (const i of ch.items) if (i.t === 'heading' && i.level <= depth) body.push({ typed: i.typed, title: i.title, place: i.place, level: i.level, matched: false })
      }
      out.push(...match(list, entries, body, (t, title) => `“${[t, title].filter(Boolean).join(' ')}”`, 'TOC'))
    } else if (list.kind === 'cases') {
      const body: BodyEntry[] = []
      for (const ch of chapters)
        walkItems(ch.items, (i) => {
          if (i.t === 'case') body.push({ typed: i.typed === null ? null : String(i.typed), title: i.title, place: i.place, level: 0, matched: false })
        })
      out.push(...match(list, list.entries.filter((e) => e.kind === 'case'), body, (t, title) => `“案例${t ? ` ${t}` : ''}${title ? `：${title}` : ''}”`, 'CASE_LIST'))
    } else {
      for (const kind of ['table', 'figure'] as const) {
        const word = kind === 'table' ? '表' : '图'
        const body: BodyEntry[] = []
        for (const ch of chapters)
          walkItems(ch.items, (i) => {
            if (i.t === kind && (i as TableItem | FigureItem).typed?.typed) {
              const it = i as TableItem | FigureItem
              body.push({ typed: it.typed!.typed, title: it.caption, place: it.place, level: 0, matched: false })
            }
          })
        const entries = list.entries.filter((e) => e.kind === kind)
        if (entries.length === 0 && body.length === 0) continue
        out.push(...match(list, entries, body, (t, title) => `“${word}${t ? ` ${t}` : ''}${title ? ` ${title}` : ''}”`, kind === 'table' ? 'TABLE_LIST' : 'FIGURE_LIST'))
      }
    }
  }
  return out
}
