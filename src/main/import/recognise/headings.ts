import type { ParagraphBlock } from '../docx/body'
import { chineseNumber, endsLikeSentence, hasCjk, tidy } from './text'

/**
 * Which paragraphs are headings, and of which level. Styles come first
 * (Heading 1–4 / 标题 1–4, through basedOn chains, or an outline level);
 * a paragraph without such a style counts as a heading only when it is
 * bold, short, not a sentence, and starts with a heading number — decimal
 * ("3.2.1.1 深化教学诊断…") or Chinese ("一、", "（一）").
 */
export interface HeadingGuess {
  /** 1 = chapter … 4; before normalisation for style levels. */
  level: number
  source: 'style' | 'outline' | 'text'
  /** The number as typed ("3.2.1.1", "一", "（一）"), null when none. */
  typed: string | null
  /** Components of a decimal typed number, for checking. */
  parts: number[] | null
  title: string
}

export type TextScheme = 'decimal' | 'chinese'

const DECIMAL = /^(\d{1,2}(?:[.．]\d{1,2}){0,4})(?:[.．、]\s*|\s+|(?=[^\d.．\s]))(.+)$/s
const CHAPTER_CN = /^第([一二三四五六七八九十\d]{1,3})[章部分篇]\s*(.*)$/s
const CN_LEVEL1 = /^([一二三四五六七八九十]{1,3})[、.．]\s*(.+)$/s
const CN_LEVEL2 = /^[（(]([一二三四五六七八九十]{1,3})[)）]\s*(.+)$/s
const CN_LEVEL4 = /^[（(](\d{1,2})[)）]\s*(.+)$/s
const CN_LEVEL3 = /^(\d{1,2})[.．、]\s*(.+)$/s

/** The typed number and title of a heading's text, whatever made it a heading. */
export function splitHeadingNumber(text: string, strict = false): { typed: string | null; parts: number[] | null; title: string; cnLevel?: number } {
  const t = tidy(text)
  let m = CHAPTER_CN.exec(t)
  if (m && m[2]) return { typed: m[1], parts: [chineseNumber(m[1])], title: m[2].trim(), cnLevel: 1 }
  m = CN_LEVEL1.exec(t)
  if (m) return { typed: m[1], parts: [chineseNumber(m[1])], title: m[2].trim(), cnLevel: 1 }
  m = CN_LEVEL2.exec(t)
  if (m) return { typed: `（${m[1]}）`, parts: [chineseNumber(m[1])], title: m[2].trim(), cnLevel: 2 }
  m = CN_LEVEL4.exec(t)
  if (m) return { typed: `（${m[1]}）`, parts: [Number(m[1])], title: m[2].trim(), cnLevel: 4 }
  m = DECIMAL.exec(t)
  // "14 所学校…" is a sentence, not section 14: a lone number followed by a counting word is not a heading number.
  if (m && !(strict && !/[.．]/.test(m[1]) && /^[年月日%％个人所元万亿项次名家倍天]/.test(m[2]))) {
    const parts = m[1].split(/[.．]/).map(Number)
    return { typed: parts.join('.'), parts, title: m[2].trim() }
  }
  return { typed: null, parts: null, title: t }
}

function allBold(p: ParagraphBlock): boolean {
  let any = false
  for (const r of p.runs) {
    if (r.kind === 'image') return false
    if (r.kind !== 'text' || !r.text.trim()) continue
    if (!r.bold) return false
    any = true
  }
  return any
}

function hasImage(p: ParagraphBlock): boolean {
  return p.runs.some((r) => r.kind === 'image')
}

/** Looks like a heading by its text alone (used when no style says so). */
export function textHeading(p: ParagraphBlock, scheme: TextScheme): HeadingGuess | null {
  const t = tidy(p.text)
  if (t.length < 2 || t.length > 80 || t.includes('\n') || endsLikeSentence(t) || hasImage(p) || !allBold(p)) return null
  const s = splitHeadingNumber(t, true)
  if (!s.typed || !s.title || !hasCjk(s.title)) return null
  if (s.cnLevel !== undefined) {
    if (s.cnLevel === 3 || (scheme === 'decimal' && s.cnLevel === 4)) return null
    return { level: s.cnLevel, source: 'text', typed: s.typed, parts: s.parts, title: s.title }
  }
  const parts = s.parts!
  if (parts.length > 4 || parts.some((n) => n === 0 || n > 60)) return null
  if (scheme === 'chinese') {
    // "1." under "（一）" is the third level of the Chinese scheme.
    return parts.length === 1 && CN_LEVEL3.test(t) ? { level: 3, source: 'text', typed: s.typed, parts, title: s.title } : null
  }
  return { level: parts.length, source: 'text', typed: s.typed, parts, title: s.title }
}

/** A heading by style or outline level, with its typed number split off. */
export function styledHeading(p: ParagraphBlock): HeadingGuess | null {
  const level = p.style.role === 'heading' ? p.style.level : undefined
  const fromOutline = level === undefined && p.outline !== undefined ? p.outline : undefined
  const lv = level ?? fromOutline
  if (lv === undefined) return null
  const t = tidy(p.text)
  if (!t || hasImage(p) && !t) return null
  const s = splitHeadingNumber(t)
  return { level: lv, source: level !== undefined ? 'style' : 'outline', typed: s.typed, parts: s.parts, title: s.title || t }
}

/** Which text scheme a document's unstyled headings follow: "一、/（一）" or "1 / 1.1". */
export function detectScheme(paragraphs: ParagraphBlock[]): TextScheme {
  let cn = 0
  let dec = 0
  for (const p of paragraphs) {
    if (!allBold(p)) continue
    const t = tidy(p.text)
    if (t.length > 80 || endsLikeSentence(t)) continue
    if (CN_LEVEL1.test(t) || CHAPTER_CN.test(t)) cn++
    else if (/^\d{1,2}[.．]\d{1,2}/.test(t)) dec++
  }
  return cn > dec ? 'chinese' : 'decimal'
}
