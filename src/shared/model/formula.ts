/**
 * The report's additions to Excel formula syntax, and nothing more: the
 * formula itself is parsed and computed by the spreadsheet engine in main
 * (HyperFormula). This module only finds the two kinds of tokens the engine
 * does not know, outside string literals and quoted sheet names:
 *
 *   指标("专任教师", 本年)   an indicator's value for a year; the year is
 *                            本年 (the report's data year), 上年, 前年,
 *                            本年-N, or a year such as 2020; omitted = 本年.
 *                            The name may also be the indicator's key:
 *                            指标("teachers.fulltime", 上年). IND(…) is the
 *                            same function for Latin keyboards.
 *   本年 / 上年 / 前年       the year itself as a number (=上年&"年" → 2020年).
 *
 * Years written relative to the report's data year make a rollover a matter
 * of changing that year: every table, field and chart follows.
 */

/** A year as written: relative to the report's data year (0 = 本年, 1 = 上年…) or absolute. */
export type YearSpec = { rel: number } | { abs: number }

export type FormulaSegment =
  | { kind: 'text'; text: string }
  | { kind: 'indicator'; ref: string; year: YearSpec; text: string }
  | { kind: 'year'; year: YearSpec; text: string }

export interface ScannedFormula {
  segments: FormulaSegment[]
  /** A Chinese explanation when an indicator reference is malformed. */
  error: string | null
}

const YEAR_WORDS: Record<string, number> = { 本年: 0, 今年: 0, 上年: 1, 去年: 1, 前年: 2 }
const MAX_REL = 10

export function yearText(y: YearSpec): string {
  if ('abs' in y) return String(y.abs)
  if (y.rel === 0) return '本年'
  if (y.rel === 1) return '上年'
  if (y.rel === 2) return '前年'
  return `本年-${y.rel}`
}

export function resolveYear(y: YearSpec, dataYear: number): number {
  return 'abs' in y ? y.abs : dataYear - y.rel
}

/** Parse a year argument: 本年, 上年, 前年, 本年-3, 2020, "2020". */
export function parseYear(raw: string): YearSpec | null {
  const t = raw.trim().replace(/^"(.*)"$/, '$1').trim()
  if (t === '') return { rel: 0 }
  if (Object.hasOwn(YEAR_WORDS, t)) return { rel: YEAR_WORDS[t] }
  const m = /^本年\s*-\s*(\d{1,2})$/.exec(t)
  if (m) {
    const n = Number(m[1])
    return n <= MAX_REL ? { rel: n } : null
  }
  if (/^\d{4}$/.test(t)) {
    const n = Number(t)
    return n >= 2000 && n <= 2100 ? { abs: n } : null
  }
  return null
}

const FUNC = /^(指标|IND)\s*\(/i
const OPEN_QUOTES = '"“'

/** Split a formula (with or without its leading "=") into engine text and the report's own tokens. */
export function scanFormula(input: string): ScannedFormula {
  const segments: FormulaSegment[] = []
  let text = ''
  let error: string | null = null
  const flush = () => {
    if (text) segments.push({ kind: 'text', text })
    text = ''
  }
  let i = 0
  const s = input
  while (i < s.length) {
    const c = s[i]
    // String literals and quoted sheet names pass through untouched.
    if (c === '"' || c === "'") {
      let j = i + 1
      while (j < s.length) {
        if (s[j] === c) {
          if (s[j + 1] === c) j += 2
          else break
        } else j++
      }
      text += s.slice(i, j + 1)
      i = j + 1
      continue
    }
    const prev = i > 0 ? s[i - 1] : ''
    const atWordStart = !/[A-Za-z0-9_.\u4e00-\u9fff]/.test(prev)
    const fm = atWordStart ? FUNC.exec(s.slice(i)) : null
    if (fm) {
      const close = findClose(s, i + fm[0].length)
      const whole = close < 0 ? s.slice(i) : s.slice(i, close + 1)
      const parsed = close < 0 ? null : parseIndicatorArgs(s.slice(i + fm[0].length, close))
      if (!parsed) {
        error ??= `指标引用“${whole.slice(0, 40)}”的写法不对，应写成 指标("指标名称", 本年)，年份可用 本年、上年、前年或 2020 这样的年份。`
        text += whole
        i = close < 0 ? s.length : close + 1
        continue
      }
      flush()
      segments.push({ kind: 'indicator', ref: parsed.ref, year: parsed.year, text: whole })
      i = close + 1
      continue
    }
    if (atWordStart) {
      const word = /^(本年|今年|上年|去年|前年)/.exec(s.slice(i))
      if (word && !/[\u4e00-\u9fffA-Za-z0-9_]/.test(s[i + word[0].length] ?? '')) {
        flush()
        segments.push({ kind: 'year', year: { rel: YEAR_WORDS[word[0]] }, text: word[0] })
        i += word[0].length
        continue
      }
    }
    text += c
    i++
  }
  flush()
  return { segments, error }
}

/** Index of the ")" that closes the call whose arguments start at `from`, honouring quotes and nesting; -1 if none. */
function findClose(s: string, from: number): number {
  let depth = 0
  let i = from
  while (i < s.length) {
    const c = s[i]
    if (OPEN_QUOTES.includes(c)) {
      let end = i + 1
      while (end < s.length && s[end] !== '"' && s[end] !== '”') end++
      if (end >= s.length) return -1
      i = end + 1
      continue
    }
    if (c === '(') depth++
    else if (c === ')') {
      if (depth === 0) return i
      depth--
    }
    i++
  }
  return -1
}

function parseIndicatorArgs(args: string): { ref: string; year: YearSpec } | null {
  const m = /^\s*(["“])([^"“”]*)(["”])\s*(?:[,，]\s*([^,，]*?))?\s*$/.exec(args)
  // Typed on a Chinese keyboard the quotes may be “…” or mixed; any pair is accepted.
  if (!m) return null
  const ref = m[2].trim()
  if (!ref) return null
  const year = parseYear(m[4] ?? '')
  return year ? { ref, year } : null
}

/** The formula text for one indicator and year: 指标("专任教师",上年). */
export function indicatorCall(ref: string, year: YearSpec): string {
  const y = yearText(year)
  return `指标("${ref}",${y})`
}

/** If a cell's input is exactly one indicator for one year, which one. */
export function directBinding(input: string): { ref: string; year: YearSpec } | null {
  const t = input.trim()
  if (!t.startsWith('=')) return null
  const scanned = scanFormula(t.slice(1).trim())
  if (scanned.error || scanned.segments.length !== 1) return null
  const seg = scanned.segments[0]
  return seg.kind === 'indicator' ? { ref: seg.ref, year: seg.year } : null
}

/** Every indicator name or key a formula uses. */
export function indicatorRefs(input: string): string[] {
  if (!input.trim().startsWith('=')) return []
  return scanFormula(input).segments.flatMap((s) => (s.kind === 'indicator' ? [s.ref] : []))
}

/** Rewrite references to an indicator after it was renamed; other text is untouched. */
export function renameIndicatorRefs(input: string, from: string, to: string): string {
  if (!input.trim().startsWith('=') || !input.includes(from)) return input
  const scanned = scanFormula(input)
  if (!scanned.segments.some((s) => s.kind === 'indicator' && s.ref === from)) return input
  return scanned.segments.map((s) => (s.kind === 'indicator' && s.ref === from ? indicatorCall(to, s.year) : s.text)).join('')
}

/** Rewrite every indicator reference of a formula with `to(ref)` (keys to names for people, names to keys for storing); other text is untouched. */
export function mapIndicatorRefs(input: string, to: (ref: string) => string): string {
  if (!/指标|IND/i.test(input)) return input
  const scanned = scanFormula(input)
  if (scanned.error || !scanned.segments.some((s) => s.kind === 'indicator')) return input
  return scanned.segments.map((s) => (s.kind === 'indicator' ? indicatorCall(to(s.ref), s.year) : s.text)).join('')
}

export function isFormula(input: string): boolean {
  return input.trim().startsWith('=') && input.trim().length > 1
}

const FULL_WIDTH: Record<string, string> = {
  '（': '(', '）': ')', '，': ',', '＝': '=', '＋': '+', '－': '-', '−': '-', '×': '*', '＊': '*', '÷': '/', '／': '/',
  '：': ':', '！': '!', '＜': '<', '＞': '>', '＆': '&', '．': '.', '＄': '$', '　': ' ', '％': '%', '＾': '^'
}

/**
 * A formula as typed on a Chinese keyboard: full-width brackets, commas and
 * operators outside string literals become their ASCII forms, so
 * =ROUND（B4／B2＊100，2） works as expected. Text cells are left alone.
 */
export function normalizeFormulaInput(input: string): string {
  const t = input.replace(/^[\s\u3000]+/, '')
  if (!(t.startsWith('=') || t.startsWith('＝'))) return input
  let out = ''
  let quote: string | null = null
  for (let i = 0; i < t.length; i++) {
    const c = t[i]
    if (quote) {
      out += c
      if (c === quote || (quote === '“' && c === '”')) quote = null
      continue
    }
    if (c === '"' || c === "'" || c === '“') {
      quote = c
      out += c
      continue
    }
    if (c >= '０' && c <= '９') out += String.fromCharCode(c.charCodeAt(0) - 0xfee0)
    else if (c >= 'Ａ' && c <= 'Ｚ') out += String.fromCharCode(c.charCodeAt(0) - 0xfee0)
    else if (c >= 'ａ' && c <= 'ｚ') out += String.fromCharCode(c.charCodeAt(0) - 0xfee0)
    else out += FULL_WIDTH[c] ?? c
  }
  return out.trimEnd()
}

/** Captions and notes may name years relative to the data year: "{上年} 和 {本年} 年…" reads "2020 和 2021 年…". */
export function fillYears(text: string, dataYear: number): string {
  if (!text.includes('{')) return text
  return text.replace(/\{(本年|上年|前年)\}/g, (_, w: string) => String(dataYear - YEAR_WORDS[w]))
}
