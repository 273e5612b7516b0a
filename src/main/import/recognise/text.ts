import type { Block, ParagraphBlock } from '../docx/body'

/**
 * Text helpers for recognising a report's structure: normalising what Word
 * users type (full- and half-width punctuation, stray spaces between Chinese
 * characters, leader dots) so that a list entry and a heading compare equal
 * when they say the same thing.
 */
const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff'
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}“”‘’（）《》、，。：；！？])\\s+(?=[${CJK}“”‘’（）《》、，。：；！？])`, 'g')

/** Collapse runs of white space (spaces an author typed between phrases are kept). */
export function tidy(s: string): string {
  return s.replace(/[\u00a0\u3000\t ]+/g, ' ').trim()
}

/** Also drop spaces between Chinese characters: what a line break became in a cover title or a table header. */
export function unwrap(s: string): string {
  return tidy(s).replace(SPACE_BETWEEN_CJK, '')
}

const FULL_TO_HALF: Record<string, string> = {
  '，': ',', '：': ':', '；': ';', '（': '(', '）': ')', '！': '!', '？': '?', '．': '.', '－': '-', '—': '-', '–': '-', '“': '"', '”': '"', '‘': "'", '’': "'", '、': ','
}

/** A comparison key: punctuation width, spaces and leader dots do not matter. */
export function compareKey(s: string): string {
  let out = ''
  for (const ch of s) out += FULL_TO_HALF[ch] ?? ch
  return out.replace(/[.…·]{2,}$/, '').replace(/\s+/g, '').toLowerCase()
}

/** Ends like a sentence (a heading or caption does not). */
export function endsLikeSentence(s: string): boolean {
  return /[。；;！!？?]$|[。]”$/.test(s.trim())
}

export function hasCjk(s: string): boolean {
  return new RegExp(`[${CJK}]`).test(s)
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 一 … 九十九 → 1 … 99 (what headings use); NaN otherwise. */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s)
  if (!/^[零〇一二两三四五六七八九十]+$/.test(s)) return NaN
  if (!s.includes('十')) return s.length === 1 ? CN_DIGITS[s] : NaN
  const [tens, ones] = s.split('十')
  const t = tens === '' ? 1 : CN_DIGITS[tens]
  const o = ones === '' ? 0 : CN_DIGITS[ones]
  return t === undefined || o === undefined ? NaN : t * 10 + o
}

/** Short quote of a text for messages: “前二十个字…”. */
export function quote(s: string, max = 24): string {
  const t = tidy(s)
  return `“${t.length > max ? `${t.slice(0, max)}…` : t}”`
}

/** A table cell's text: its paragraphs, each unwrapped, the empty ones left out, one per line. */
export function cellText(blocks: readonly Block[]): string {
  return blocks
    .filter((b): b is ParagraphBlock => b.kind === 'p')
    .map((p) => unwrap(p.text))
    .filter(Boolean)
    .join('\n')
}
