/**
 * The tokenizer of 体检: the numbers in a paragraph with their units, and
 * what kind of number each is. Only quantities (1649 人, 83.89%, 18.28:1,
 * 1.05 个百分点, 87.076 亿元) can be claims; years, dates, document numbers
 * (清市教〔2021〕34 号), ranges (2001-3000 元, 2019-2021), list numbers,
 * phone numbers, names in 《》 and ordinals are recognised so that no rule
 * takes them for one. Offsets count characters of the paragraph's text, an
 * inline atom (a quoted figure, a reference) counting as one.
 */

export type NumberKind = 'quantity' | 'ratio' | 'year' | 'date' | 'docNumber' | 'range' | 'phone' | 'list' | 'ordinal' | 'name' | 'code'

export interface NumberToken {
  kind: NumberKind
  /** Offsets in the paragraph text of the number as written (unit excluded). */
  start: number
  end: number
  /** End of the unit, when there is one. */
  unitEnd: number
  /** The digits as written ("18.28", "13,930"). */
  text: string
  /** The value in base units (87.076 亿 → 8707600000). For a ratio, its first term. */
  value: number
  /** The number as written, before 万/亿. */
  written: number
  decimals: number
  /** '人', '元', '%', '个百分点', '个', ':1' … ('' when none). 万元 gives '元' with scale 1e4. */
  unit: string
  scale: number
  /** For a:b, the second term. */
  ratioOf?: number
  /** Written as an approximation (约 3000 人, 95% 以上, 3000 多人): never checked exactly. */
  approx?: boolean
}

const FULL_WIDTH: Record<string, string> = { '．': '.', '％': '%', '：': ':', '∶': ':', '﹕': ':', '，': '，', '－': '-', '～': '~', '＋': '+', '＂': '"', '﹪': '%' }

const WIDE = /[\uff10-\uff19．％：∶﹕－～＋＂﹪]/g

/** Half-width digits and signs, same length as the input (offsets stay valid). */
export function normalizeDigits(s: string): string {
  WIDE.lastIndex = 0
  if (!WIDE.test(s)) return s
  return s.replace(WIDE, (ch) => {
    const c = ch.charCodeAt(0)
    return c >= 0xff10 && c <= 0xff19 ? String.fromCharCode(c - 0xff10 + 48) : (FULL_WIDTH[ch] ?? ch)
  })
}

/** Units after a number, longest first. 万/亿 prefixes are read separately. */
const UNITS = [
  '个百分点', '百分点', '平方米', '人次', '学时', '课时', '小时', '万元', '亿元', '元', '人', '个', '所', '项', '名', '家', '台', '册', '间', '门',
  '本', '套', '次', '场', '天', '种', '篇', '部', '批', '倍', '岁', '课', '支', '个专业', '亩', '栋', '张', '件', '位', '户', '期', '%', '‰'
].sort((a, b) => b.length - a.length)

/** After a number these make it a date, a time, a document number or an ordinal, never a quantity. */
const NOT_QUANTITY_AFTER = /^\s*(年(?!龄|级)|月|日|号|时(?!间)|届|级|版|号文|周年|世纪|分钟?(?=\d))/
const NUM = /\d+(?:,\d{3})*(?:\.\d+)?/g

function decimalsOf(t: string): number {
  const i = t.indexOf('.')
  return i < 0 ? 0 : t.length - i - 1
}

/** Spans of text inside 《》, 〈〉 or 〔〕: names and document numbers. */
function nameSpans(s: string): [number, number][] {
  const spans: [number, number][] = []
  const stack: number[] = []
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (ch === '《' || ch === '〈') stack.push(i)
    else if ((ch === '》' || ch === '〉') && stack.length) spans.push([stack.pop()!, i])
  }
  return spans
}

const RANGE_JOIN = /^\s*(-|—|–|~|～|至|到)\s*\d/
const RANGE_BEFORE = /\d\s*(?:万|亿)?\s*(?:%|‰|元|人|个|所|项|名|岁|年|天|分|次)?\s*(-|—|–|~|～|至|到)\s*$/
/** Words that make the number an approximation: 约 3000 人, 近 5 年, 超过 95%. */
const APPROX_BEFORE = /(约|近|将近|接近|大约|超过|逾|不足|不到|不少于|不低于|不超过|高达|多达|达近|上下)\s*$/
const APPROX_AFTER = /^\s*(以上|以下|以内|左右|余|多|上下|之多|开外)/

export function tokenize(raw: string): NumberToken[] {
  const s = normalizeDigits(raw)
  const names = nameSpans(s)
  const inName = (i: number) => names.some(([a, b]) => i > a && i < b)
  const out: NumberToken[] = []
  const num = new RegExp(NUM.source, 'g')
  let m: RegExpExecArray | null
  while ((m = num.exec(s))) {
    const start = m.index
    const end = start + m[0].length
    const text = m[0]
    // Part of a word with letters (1+X, 3+证书, G5, 5G): a name, not a figure.
    const before = s.slice(Math.max(0, start - 12), start)
    const prevCh = s[start - 1] ?? ''
    const after = s.slice(end, end + 12)
    const written = Number(text.replace(/,/g, ''))
    const tok: NumberToken = { kind: 'quantity', start, end, unitEnd: end, text, value: written, written, decimals: decimalsOf(text), unit: '', scale: 1 }
    out.push(tok)
    if (/[A-Za-z]/.test(prevCh) || /^[A-Za-z]/.test(after) || /^\+/.test(after) || prevCh === '+') {
      tok.kind = 'code'
      continue
    }
    if (inName(start)) {
      tok.kind = 'name'
      continue
    }
    // 〔2021〕34 号 / [2021] : a document number.
    if (/[〔[【]\s*$/.test(before) && /^\s*[〕\]】]/.test(after)) {
      tok.kind = 'docNumber'
      continue
    }
    if (/[〕\]】]\s*$/.test(before) && /^\s*号/.test(after)) {
      tok.kind = 'docNumber'
      continue
    }
    if (/第\s*$/.test(before)) {
      tok.kind = 'ordinal'
      continue
    }
    // Phone numbers: 0763-3362331, 13800138000, 400-…
    if ((/^\d{3,4}$/.test(text) && /^-\d{7,8}/.test(after)) || (/^\d{7,8}$/.test(text) && /\d{3,4}-$/.test(before)) || /^1\d{10}$/.test(text)) {
      tok.kind = 'phone'
      continue
    }
    if (text.replace(/,/g, '').length >= 7 && !text.includes('.') && !text.includes(',') && /(电话|手机|热线|传真|联系)/.test(s.slice(Math.max(0, start - 15), start))) {
      tok.kind = 'phone'
      continue
    }
    // Dates written with dots: 2021.9.1, 2021.11, the day of 2021.9.1.
    if ((/^(19|20)\d\d\.(0?[1-9]|1[0-2])$/.test(text) && (/^\.\d/.test(after) || !/^[万亿%‰元人个所项名台册次]/.test(after.trimStart()))) || /(19|20)\d\d\.\d{1,2}\.$/.test(before)) {
      tok.kind = 'date'
      continue
    }
    // List numbers: "1." "1、" "（1）" "(2)" "①" at the start of the paragraph or of a clause.
    if ((/(^|[。；;：:！？\s])\s*$/.test(before) || start === 0) && /^[.、．]\s*(?!\d)/.test(after)) {
      tok.kind = 'list'
      continue
    }
    if (/[（(]\s*$/.test(before) && /^\s*[）)]/.test(after) && !/^\s*[）)]\s*(人|元|%)/.test(after) && written < 100 && !text.includes('.')) {
      tok.kind = 'list'
      continue
    }
    // Ranges: 2001-3000, 2019—2021, 3~5, 10 至 20, 20%-30% (the second term of any of them too).
    if (RANGE_JOIN.test(after) || RANGE_BEFORE.test(before)) {
      tok.kind = /^(19|20)\d\d$/.test(text) ? 'year' : 'range'
      continue
    }
    // Years, dates and times.
    if (NOT_QUANTITY_AFTER.test(after)) {
      const isYear = /^\s*(年|届|级)/.test(after) && /^(19|20)\d\d$/.test(text)
      tok.kind = isYear ? 'year' : 'date'
      continue
    }
    if (/^(19|20)\d\d$/.test(text) && (/^\s*(年度|学年|年)/.test(after) || /^\s*[-—~～至]/.test(after))) {
      tok.kind = 'year'
      continue
    }
    if (/^\d{1,2}$/.test(text) && /^:\d\d(?!\d|\.)/.test(after) && !/比\s*[为是达]?\s*$/.test(before)) {
      tok.kind = 'date'
      continue
    }
    // Ratios: 18.28:1, 58.52:41.48.
    const ratio = /^\s*:\s*(\d+(?:\.\d+)?)/.exec(after)
    if (ratio) {
      tok.kind = 'ratio'
      tok.ratioOf = Number(ratio[1])
      tok.unit = ':'
      tok.unitEnd = end + ratio[0].length
      // The second term is part of the ratio, not a number of its own.
      num.lastIndex = tok.unitEnd
      if (APPROX_BEFORE.test(before)) tok.approx = true
      continue
    }
    // Unit, possibly after a parenthetical note: 13930（不含技工）人.
    let rest = s.slice(end, end + 30)
    let skip = 0
    const note = /^\s*（[^）]{1,12}）/.exec(rest)
    let scale = 1
    const sc = /^\s*(万|亿)/.exec(rest)
    if (sc) {
      scale = sc[1] === '万' ? 1e4 : 1e8
      skip += sc[0].length
      rest = rest.slice(sc[0].length)
    }
    let unit = ''
    let unitLen = 0
    const tryUnit = (r: string) => {
      const sp = /^\s*/.exec(r)![0].length
      for (const u of UNITS) if (r.startsWith(u, sp)) return { u, len: sp + u.length }
      return null
    }
    let found = tryUnit(rest)
    if (!found && !sc && note) {
      found = tryUnit(rest.slice(note[0].length))
      if (found) skip += note[0].length
    }
    if (found) {
      unit = found.u
      unitLen = found.len
    }
    if (unit === '万元' || unit === '亿元') {
      scale *= unit === '万元' ? 1e4 : 1e8
      unit = '元'
    }
    if (unit === '百分点') unit = '个百分点'
    tok.unit = unit
    tok.scale = scale
    tok.value = written * scale
    tok.unitEnd = end + skip + unitLen
    // 20%-30%, 2000 元至 3000 元: a range once its unit is read.
    if (RANGE_JOIN.test(s.slice(tok.unitEnd, tok.unitEnd + 8))) {
      tok.kind = 'range'
      continue
    }
    if (APPROX_BEFORE.test(before) || APPROX_AFTER.test(s.slice(end + skip, end + skip + 6)) || APPROX_AFTER.test(s.slice(tok.unitEnd, tok.unitEnd + 6))) tok.approx = true
    // A bare four-digit year at the start of a clause ("2021 清远市…") without a unit.
    if (!unit && /^(19|20)\d\d$/.test(text) && scale === 1) tok.kind = 'year'
  }
  return out
}

/** Quantities only: what rules may treat as claims. */
export function quantities(tokens: NumberToken[]): NumberToken[] {
  return tokens.filter((t) => t.kind === 'quantity' || t.kind === 'ratio')
}

/** Sentence boundaries of a paragraph: [start, end) spans ending after 。！？；. */
export function sentences(text: string): [number, number][] {
  const out: [number, number][] = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    if ('。！？；;!?'.includes(text[i])) {
      out.push([start, i + 1])
      start = i + 1
    }
  }
  if (start < text.length) out.push([start, text.length])
  return out
}

/** Round half away from zero, as reports round. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals
  return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f
}

export function fmt(x: number, decimals: number): string {
  return round(x, decimals).toFixed(decimals)
}
