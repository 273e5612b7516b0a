import { tidy } from './text'

/**
 * Typed captions and case titles as last year's document has them:
 * "表 1-2 2020 和 2021 年…", "图2-3 近三年…", "案例 5：劳动中促成长…".
 * The typed number is kept only to check it and to resolve references;
 * the imported item's number is computed from its place.
 */
export interface TypedCaption {
  kind: 'table' | 'figure'
  /** "1-2" as typed, or "3" when the document numbers through, or null for 附表/附图. */
  typed: string | null
  chapter: number | null
  seq: number | null
  title: string
}

const CAPTION = /^\s*(表|图)\s*(\d{1,3})\s*[-－—–.．]\s*(\d{1,3})(?![\d.])\s*[:：.]?\s*(.*)$/s
const CAPTION_FLAT = /^\s*(表|图)\s*(\d{1,3})(?![\d\-－—–.．])\s*[:：]?\s*(.*)$/s
const CAPTION_APPENDIX = /^\s*附\s*(表|图)\s*(\d{0,3})\s*[:：.]?\s*(.*)$/s

export function parseCaption(text: string): TypedCaption | null {
  const t = text.trim()
  if (t.length > 160) return null
  let m = CAPTION.exec(t)
  if (m) return { kind: m[1] === '表' ? 'table' : 'figure', typed: `${Number(m[2])}-${Number(m[3])}`, chapter: Number(m[2]), seq: Number(m[3]), title: tidy(m[4]) }
  m = CAPTION_FLAT.exec(t)
  if (m && m[3].trim()) return { kind: m[1] === '表' ? 'table' : 'figure', typed: String(Number(m[2])), chapter: null, seq: Number(m[2]), title: tidy(m[3]) }
  m = CAPTION_APPENDIX.exec(t)
  if (m && m[3].trim()) return { kind: m[1] === '表' ? 'table' : 'figure', typed: null, chapter: null, seq: m[2] ? Number(m[2]) : null, title: tidy(m[3]) }
  return null
}

export interface TypedCaseTitle {
  typed: number | null
  title: string
}

const CASE_TITLE = /^\s*案例\s*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})?\s*[:：.．、]\s*(.+)$/s
const CASE_TITLE_SPACE = /^\s*案例\s*([0-9０-９]{1,3})\s+(\S.*)$/s

export function parseCaseTitle(text: string): TypedCaseTitle | null {
  const t = text.trim()
  if (t.length > 120) return null
  const m = CASE_TITLE.exec(t) ?? CASE_TITLE_SPACE.exec(t)
  if (!m) return null
  const n = m[1] ? Number(m[1].replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))) : NaN
  return { typed: Number.isFinite(n) ? n : null, title: tidy(m[2]) }
}

/** Standalone notes under a table or figure: 数据来源：… / 注：… */
export function isNote(text: string): boolean {
  return /^\s*[（(]?\s*(数据来源|资料来源|来源|注|说明)\s*[:：]/.test(text) && text.trim().length <= 300
}

export function noteText(text: string): string {
  return tidy(text).replace(/^[（(]\s*/, '').replace(/\s*[)）]$/, '')
}
