import type { LocalFinding } from './types'
import { fmt, normalizeDigits, quantities, round, sentences, tokenize, type NumberToken } from './tokens'

/**
 * The claims a paragraph makes with its numbers, recomputed: differences
 * (比上年（X）增加 Y), growth rates (增幅 P%), shares (A 人，占 P%) with
 * their denominators and totals, parts of a whole, and a:b ratios. Each
 * rule speaks only when the sentence gives (or the data knows) every value
 * it needs; otherwise it stays silent.
 */

export interface Mention {
  /** The quantity (index into the paragraph's tokens). */
  token: NumberToken
  /** Words naming what the number is, as written before it ("专任教师数", "本地就业的毕业生"). */
  subject: string
  /** Normalised subject and kind of number, to compare places that state the same figure. */
  key: string
  /** A share whose denominator is in the paragraph and agrees: the figure is known to be right. */
  verified: boolean
  /** A year named before it in the sentence or paragraph (else the report's year). */
  year: number | null
}

export interface ParagraphAnalysis {
  text: string
  tokens: NumberToken[]
  findings: LocalFinding[]
  mentions: Mention[]
}

/** Last year's value of what a subject names, from the report's data (null when unknown). */
export type PreviousValue = (subject: string, current: NumberToken) => number | null

const UP = new Set(['增加', '上升', '提高', '增长', '提升', '增', '多'])
const COMPARE =
  /(比|较|同比|与)\s*(上一?年度?|去年|上年同期|前一年)\s*(相比)?\s*(?:[（(]\s*([^）)]{0,25})[）)])?\s*[，,]?\s*(有所|略有|大幅|明显|稳步)?\s*(增加|减少|上升|下降|提高|降低|增长|提升|下滑|回落|增|减|多|少)了?\s*(约|近)?\s*/g
const GROWTH_AFTER = /^\s*[，,]?\s*(增幅|增长率|增速|降幅|增长|下降)\s*(为|是|达到?)?\s*/
const SHARE_BEFORE = /占(比|到)?[^，。；;0-9\uFFFC]{0,14}?\s*(为|是|达到?)?\s*$/

const SUBJECT_CUT = /[，,。；;：:、（）()[\]【】！？]/
const SUBJECT_LEAD = /^(其中|另外|此外|同时|全年|全市|全省|全区|全县|我市|本市|共有|共|有|且|并|而|在)+/
const SUBJECT_TAIL = /(为|是|达到|达|有|共|约|计|了|近|超过|\s)+$/
const COMPARISON_WORD = /(比上|比去|比前|相比|较|增加|减少|上升|下降|提高|降低|增长|增幅|提升|分别|合计|总计|共计|其中|平均|以上|以下|超过|不足)/
/** A sentence about one named school or county is not the report's own figure. */
const NAMED_SCHOOL = /[\u4e00-\u9fa5]{2,}(职业技术学校|技工学校|职业中学|卫生学校|艺术学校|中等专业学校|技师学院|职业学院|职校)/

export function cleanSubject(raw: string): string {
  let s = raw.replace(/[“”"‘’'「」\s]/g, '')
  s = s.replace(/\uFFFC/g, '')
  s = s.replace(/^(\d{4}年度?|\d{4})/, '')
  s = s.replace(SUBJECT_LEAD, '').replace(SUBJECT_TAIL, '')
  return s
}

/** The key under which places stating the same figure are compared. */
export function subjectKey(subject: string, unit: string, share: boolean): string | null {
  let s = subject
  if (share) s = s.replace(/(的)?(毕业生|学生|人数|人员|教师|人)$/, '')
  s = s.replace(/(比例|占比|比重|所占比例)$/, '')
  s = s.replace(/的$/, '')
  if (s.length < 2 || s.length > 16 || COMPARISON_WORD.test(s) || /\d/.test(s)) return null
  const kind = share || unit === '%' ? '%' : unit === ':' ? ':' : unit
  return `${s}|${kind}`
}

function subjectBefore(s: string, from: number, to: number): string {
  const part = s.slice(from, to)
  let i = part.length - 1
  while (i >= 0 && !SUBJECT_CUT.test(part[i])) i--
  return cleanSubject(part.slice(i + 1))
}

const tol = (decimals: number) => 10 ** -decimals + 1e-9

interface Share {
  token: NumberToken
  part: NumberToken
  whole: string
  denominator: number | null
}

export function analyseParagraph(raw: string, previous: PreviousValue = () => null): ParagraphAnalysis {
  const s = normalizeDigits(raw)
  const tokens = tokenize(raw)
  const qty = quantities(tokens)
  const findings: LocalFinding[] = []
  const consumed = new Set<NumberToken>()
  const spans = sentences(s)
  const sentenceOf = (pos: number) => spans.find(([a, b]) => pos >= a && pos < b) ?? [0, s.length]
  const named = spans.map(([a, b]) => NAMED_SCHOOL.test(s.slice(a, b)))
  const namedAt = (pos: number) => named[spans.findIndex(([a, b]) => pos >= a && pos < b)] ?? false

  // ---- differences and growth rates -------------------------------------
  COMPARE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = COMPARE.exec(s))) {
    const at = m.index
    const end = at + m[0].length
    const [sa] = sentenceOf(at)
    const y = qty.find((t) => t.start === end)
    const up = UP.has(m[6])
    const parenText = m[4]
    // The previous value written in the sentence: 比上一年（72.16%）.
    let prevTok: NumberToken | null = null
    if (parenText !== undefined) {
      const inner = quantities(tokenize(parenText))
      if (inner.length === 1) prevTok = inner[0]
      else if (inner.length > 1) continue
    }
    for (const t of qty) if (t.start >= at && t.start < end) consumed.add(t)
    if (!y) continue
    consumed.add(y)
    const cur = [...qty].reverse().find((t) => t.end <= at && t.start >= sa && !consumed.has(t) && compatible(t, y))
    if (!cur) continue
    if (/分别/.test(s.slice(cur.end, at))) continue
    const prev = prevTok ? prevTok.value * (prevTok.unit === cur.unit || !prevTok.unit ? 1 : NaN) : previous(subjectBefore(s, sa, cur.start), cur)
    if (prev === null || !Number.isFinite(prev)) continue
    const growthAsked = y.unit === '%' && cur.unit !== '%'
    if (growthAsked) {
      checkGrowth(findings, cur, prev, y, up, s)
      continue
    }
    const diff = cur.value - prev
    const stated = y.value
    const dec = y.decimals
    const exact = Math.max(cur.decimals, prevTok?.decimals ?? 0) <= dec
    const expected = Math.abs(diff) / y.scale
    if (Math.abs(diff) > tol(dec) * y.scale && Math.sign(diff) !== (up ? 1 : -1)) {
      findings.push({
        rule: 'difference',
        severity: 'error',
        from: at,
        to: y.unitEnd,
        numbers: [cur.text, fmtPrev(prevTok, prev), y.text],
        message: `句中说比上年${m[6]}，但 ${cur.text} 与上年的 ${fmtPrev(prevTok, prev)} 相比是${diff > 0 ? '增加' : '减少'}了 ${fmt(expected, dec)}。`
      })
      continue
    }
    const off = Math.abs(round(expected, dec) - stated / y.scale)
    if (off > (exact ? 1e-9 : tol(dec))) {
      const want = fmt(expected, dec)
      findings.push({
        rule: 'difference',
        severity: 'error',
        from: y.start,
        to: y.end,
        numbers: [cur.text, fmtPrev(prevTok, prev), y.text],
        expected: want,
        fix: { from: y.start, to: y.end, text: want },
        message: `${cur.text} 与上年的 ${fmtPrev(prevTok, prev)} 相差 ${want}${unitWord(y)}，句中写的是 ${y.text}${unitWord(y)}。`
      })
    }
    // 增幅为 P% after the difference.
    const g = GROWTH_AFTER.exec(s.slice(y.unitEnd))
    if (g && /增幅|增长率|增速|降幅/.test(g[1])) {
      const p = qty.find((t) => t.start === y.unitEnd + g[0].length && t.unit === '%')
      if (p) {
        consumed.add(p)
        checkGrowth(findings, cur, prev, p, up, s)
      }
    }
  }

  // ---- shares -------------------------------------------------------------
  const shares: Share[] = []
  for (const t of qty) {
    if (t.unit !== '%' || consumed.has(t)) continue
    const [sa] = sentenceOf(t.start)
    const before = s.slice(sa, t.start)
    const sm = SHARE_BEFORE.exec(before)
    if (!sm) continue
    const occupy = sa + sm.index
    const part = [...qty].reverse().find((p) => p.end <= occupy && p.start >= sa && p.unit !== '%' && p.unit !== '个百分点' && p.kind === 'quantity')
    if (!part) continue
    const between = s.slice(part.unitEnd, occupy)
    if (between.length > 4 || qty.some((q) => q.start > part.end && q.start < occupy)) continue
    const whole = sm[0].replace(/^占(比|到)?/, '').replace(/(的)?\s*(为|是|达到?)?\s*$/, '')
    shares.push({ token: t, part, whole, denominator: null })
    consumed.add(t)
  }
  // A denominator in the paragraph: an earlier figure of the same unit that gives the share.
  for (const sh of shares) {
    const cands = qty.filter((d) => d !== sh.part && d.unit === sh.part.unit && d.value > sh.part.value && d.kind === 'quantity' && !consumed.has(d))
    const hit = cands.find((d) => Math.abs(round((sh.part.value / d.value) * 100, sh.token.decimals) - sh.token.value) <= tol(sh.token.decimals))
    if (hit) sh.denominator = hit.value
  }
  // Shares of one whole that together make 100%: the whole is the sum of their parts.
  const open = shares.filter((x) => x.denominator === null)
  if (open.length >= 2 && open.every((x) => x.part.unit === open[0].part.unit)) {
    const total = open.reduce((a, x) => a + x.token.value, 0)
    if (Math.abs(total - 100) <= 0.01 * open.length + 1e-9) {
      const d = open.reduce((a, x) => a + x.part.value, 0)
      if (open.every((x) => Math.abs(round((x.part.value / d) * 100, x.token.decimals) - x.token.value) <= tol(x.token.decimals))) for (const x of open) x.denominator = d
    }
  }
  // A share that disagrees with the whole its neighbours are shares of.
  const known = shares.filter((x) => x.denominator !== null)
  for (const sh of shares) {
    if (sh.denominator !== null) continue
    const sib = known.find((k) => k.part.unit === sh.part.unit && k.whole === sh.whole && k.denominator! > sh.part.value)
    if (!sib) continue
    const d = sib.denominator!
    const want = fmt((sh.part.value / d) * 100, sh.token.decimals)
    findings.push({
      rule: 'share',
      severity: 'error',
      from: sh.token.start,
      to: sh.token.end,
      numbers: [sh.part.text, fmtNum(d), sh.token.text],
      expected: want,
      fix: { from: sh.token.start, to: sh.token.end, text: want },
      message: `${sh.part.text}${sh.part.unit} 占 ${fmtNum(d)}${sh.part.unit} 的 ${want}%，句中写的是 ${sh.token.text}%（同一段中其他占比都以 ${fmtNum(d)}${sh.part.unit} 为总数）。`
    })
    sh.denominator = -1
  }
  // Shares of one whole whose parts make the whole must add up to 100%.
  const byWhole = new Map<number, Share[]>()
  for (const sh of shares) if (sh.denominator && sh.denominator > 0) byWhole.set(sh.denominator, [...(byWhole.get(sh.denominator) ?? []), sh])
  for (const [d, list] of byWhole) {
    if (list.length < 2) continue
    const parts = list.reduce((a, x) => a + x.part.value, 0)
    if (Math.abs(parts - d) > 1e-9) continue
    const total = list.reduce((a, x) => a + x.token.value, 0)
    if (Math.abs(total - 100) > 0.01 * list.length + 1e-9) {
      findings.push({
        rule: 'shareTotal',
        severity: 'error',
        from: list[0].token.start,
        to: list[list.length - 1].token.end,
        numbers: list.map((x) => x.token.text),
        message: `${list.map((x) => `${x.token.text}%`).join('、')} 是同一总数（${fmtNum(d)}）各部分的占比，合计应为 100%，现为 ${fmt(total, 2)}%。`
      })
    }
  }

  // ---- ratios a:b that split a whole ------------------------------------
  for (const t of qty) {
    if (t.kind !== 'ratio' || t.ratioOf === undefined || t.ratioOf === 1) continue
    const sum = t.written + t.ratioOf
    if (Math.abs(sum - 100) <= 1 && Math.abs(sum - 100) > 0.011 && (t.decimals > 0 || !Number.isInteger(t.ratioOf))) {
      findings.push({
        rule: 'ratioTotal',
        severity: 'error',
        from: t.start,
        to: t.unitEnd,
        numbers: [t.text, String(t.ratioOf)],
        expected: `${t.text}:${fmt(100 - t.written, t.decimals)}`,
        message: `${t.text}:${t.ratioOf} 的两项是同一总数的两部分，之和应为 100，现为 ${fmt(sum, Math.max(t.decimals, 2))}。`
      })
    }
  }

  // ---- parts of a stated whole (一等奖 1 项、二等奖 10 项、三等奖 46 项) ----
  findings.push(...checkParts(s, qty, consumed, sentenceOf))

  // ---- what each remaining number states, for comparison with data and other places
  const mentions: Mention[] = []
  const years = tokens.filter((t) => t.kind === 'year')
  for (const t of qty) {
    if (consumed.has(t) && !shares.some((x) => x.token === t)) continue
    if (namedAt(t.start)) continue
    const [sa] = sentenceOf(t.start)
    const share = shares.find((x) => x.token === t)
    const subj = share ? subjectBefore(s, sa, share.part.start) : subjectBefore(s, sa, t.start)
    if (!subj) continue
    const key = subjectKey(subj, t.unit, !!share)
    if (!key) continue
    const yr = [...years].reverse().find((y) => y.end <= t.start)
    mentions.push({ token: t, subject: subj, key, verified: !!share && share.denominator !== null && share.denominator > 0, year: yr ? yr.written : null })
  }
  return { text: raw, tokens, findings, mentions }
}

function compatible(cur: NumberToken, y: NumberToken): boolean {
  if (y.unit === '个百分点') return cur.unit === '%'
  if (y.unit === '%') return cur.kind === 'quantity'
  if (y.unit === '') return cur.kind === 'ratio' || cur.unit === ''
  return cur.unit === y.unit && cur.kind === 'quantity'
}

function checkGrowth(findings: LocalFinding[], cur: NumberToken, prev: number, p: NumberToken, up: boolean, _s: string): void {
  if (prev === 0) return
  const rate = ((cur.value - prev) / prev) * 100
  const want = fmt(Math.abs(rate), p.decimals)
  if (Math.abs(rate) > tol(p.decimals) && Math.sign(rate) !== (up ? 1 : -1) && !/增幅|增长率/.test('')) {
    findings.push({
      rule: 'growth',
      severity: 'error',
      from: p.start,
      to: p.unitEnd,
      numbers: [cur.text, fmtNum(prev), p.text],
      message: `句中说${up ? '增长' : '下降'} ${p.text}%，但 ${cur.text} 与上年的 ${fmtNum(prev)} 相比是${rate > 0 ? '增长' : '下降'}了 ${want}%。`
    })
    return
  }
  if (Math.abs(round(Math.abs(rate), p.decimals) - p.value) > tol(p.decimals)) {
    findings.push({
      rule: 'growth',
      severity: 'error',
      from: p.start,
      to: p.end,
      numbers: [cur.text, fmtNum(prev), p.text],
      expected: want,
      fix: { from: p.start, to: p.end, text: want },
      message: `由 ${fmtNum(prev)} 到 ${cur.text}，${rate >= 0 ? '增幅' : '降幅'}为 ${want}%，句中写的是 ${p.text}%。`
    })
  }
}

/** Characters that tell the parts of one whole apart (一等奖/二等奖, 男/女, 公办/民办). */
const PARTITION = ['一二三四五六七八九十', '男女', '公民', '城乡', '高中初', '国省市县区校', '东西南北', '上下']

function checkParts(s: string, qty: NumberToken[], consumed: Set<NumberToken>, sentenceOf: (p: number) => [number, number]): LocalFinding[] {
  const out: LocalFinding[] = []
  for (let i = 0; i < qty.length; i++) {
    const total = qty[i]
    if (total.kind !== 'quantity' || !total.unit || consumed.has(total)) continue
    // Only a figure written as a whole (共/合计/总数 …) is the sum of what follows.
    if (!/(共|合计|总计|共计|总数|总共|累计)[有为计达]?\s*$/.test(s.slice(Math.max(0, total.start - 8), total.start))) continue
    const [, se] = sentenceOf(total.start)
    const parts: { t: NumberToken; label: string }[] = []
    let pos = total.unitEnd
    for (let j = i + 1; j < qty.length && qty[j].start < se; j++) {
      const t = qty[j]
      const gap = s.slice(pos, t.start)
      if (t.unit !== total.unit || /[。；;]/.test(gap) || gap.length > 12) break
      const label = gap.replace(/^[，,、：:\s]*(其中|包括|分别为|分别是|含)?[，,：:\s]*/, '').replace(/[、和及与，,\s]/g, '').replace(/(有|为|共|获)$/, '')
      if (parts.length && !/^[、和及与，,]/.test(gap.trim())) break
      parts.push({ t, label })
      pos = t.unitEnd
    }
    if (parts.length < 2) continue
    const labels = parts.map((p) => p.label)
    if (!isPartition(labels)) continue
    const sum = parts.reduce((a, p) => a + p.t.value, 0)
    if (Math.abs(sum - total.value) > 1e-9) {
      out.push({
        rule: 'partsTotal',
        severity: 'error',
        from: total.start,
        to: parts[parts.length - 1].t.unitEnd,
        numbers: [total.text, ...parts.map((p) => p.t.text)],
        message: `${labels.map((l, k) => `${l} ${parts[k].t.text}${total.unit}`).join('、')}，合计 ${fmtNum(sum)}${total.unit}，与总数 ${total.text}${total.unit} 不符。`
      })
    }
    i += parts.length
  }
  return out
}

function isPartition(labels: string[]): boolean {
  if (labels.some((l) => !l || l.length > 8) || new Set(labels.map((l) => l.length)).size !== 1) return false
  const n = labels[0].length
  let diffAt = -1
  for (let k = 0; k < n; k++) {
    if (new Set(labels.map((l) => l[k])).size > 1) {
      if (diffAt >= 0) return false
      diffAt = k
    }
  }
  if (diffAt < 0) return false
  const chars = labels.map((l) => l[diffAt])
  return PARTITION.some((set) => chars.every((c) => set.includes(c)))
}

function unitWord(t: NumberToken): string {
  return t.unit === '个百分点' ? ' 个百分点' : t.unit === '%' ? '%' : t.unit ? ` ${t.unit}` : ''
}

function fmtNum(x: number): string {
  return String(round(x, 4))
}

function fmtPrev(tok: NumberToken | null, v: number): string {
  return tok ? tok.text : fmtNum(v)
}
