import type { LocalFinding, RuleId } from './types'
import { fmt, normalizeDigits, quantities, round, sentences, tokenize, type NumberToken } from './tokens'

/**
 * The claims a paragraph makes with its numbers, recomputed: differences
 * (比上年（X）增加 Y), growth rates (增幅 P%), shares (A 人，占 P%) with
 * their denominators and totals, parts of a whole, and a:b ratios. Each
 * rule speaks only when the sentence gives (or the data knows) every value
 * it needs; otherwise it stays silent. Numbers are compared as written:
 * a value written with fewer decimals than the claim made from it (12.35 万
 * against 增长 4.04%) is allowed the rounding it carries.
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
  /** For a verified share: the part and the whole it was computed from ("4603 ÷ 5586"). */
  basis?: string
  /** A year named before it in the sentence or paragraph (else the report's year). */
  year: number | null
  /** A share (占 P%): its subject names the part, not the percentage. */
  share: boolean
}

/** A difference claim (比上年增加 Y), kept so that its numbers can become live fields. */
export interface Comparison {
  /** This year's figure the sentence compares. */
  cur: NumberToken
  /** The stated difference. */
  y: NumberToken
  /** The direction word as written, with 了 when there is one ("增加了"), and where it starts. */
  verb: string
  verbStart: number
  up: boolean
  /** Last year's figure written in the sentence (比上一年（72.16）), or null. */
  prev: NumberToken | null
  /** 增幅 P% after the difference. */
  growth: NumberToken | null
  /** The whole claim is a growth rate (比上年增长 P%), not an amount. */
  rate: boolean
  /** Years between the two figures (1 for 上年). */
  yearsBack: number
}

export interface ParagraphAnalysis {
  text: string
  tokens: NumberToken[]
  findings: LocalFinding[]
  mentions: Mention[]
  comparisons: Comparison[]
}

/** Last year's value of what a subject names, from the report's data (null when unknown), with the decimals it is known to. */
export type PreviousValue = (subject: string, current: NumberToken, yearsBack: number) => number | { value: number; decimals: number } | null

export interface ParagraphOptions {
  previous?: PreviousValue
  /** The report's 数据年度: "较 2020 年" is last year's figure. */
  year?: number
}

const UP = new Set(['增加', '上升', '提高', '增长', '提升', '增', '多', '上涨', '扩大'])
const OPPOSITE: Record<string, string> = {
  增加: '减少',
  减少: '增加',
  上升: '下降',
  下降: '上升',
  提高: '降低',
  降低: '提高',
  增长: '下降',
  提升: '下降',
  下滑: '上升',
  回落: '上升',
  增: '减',
  减: '增',
  多: '少',
  少: '多',
  上涨: '下降',
  扩大: '缩小',
  缩小: '扩大'
}
const VERBS = '增加|减少|上升|下降|提高|降低|增长|提升|下滑|回落|上涨|扩大|缩小|增|减|多|少'
const COMPARE = new RegExp(
  `(比|较|同比|与|和)\\s*(上一?个?学?年度?|去年(?:同期)?|上年同期|前一年|((?:19|20)\\d\\d)\\s*(?:学)?年度?)\\s*(相比|相较|对比|比较)?\\s*(?:[（(]\\s*([^）)]{0,25})[）)])?\\s*[，,]?\\s*(有所|略有|大幅|明显|稳步|共|总计)?\\s*(${VERBS})(了)?\\s*(约|近|超过)?\\s*`,
  'g'
)
const GROWTH_AFTER = /^\s*[，,]?\s*(?:同比)?(增幅|增长率|增速|降幅|增长|下降|提高|降低|上升|减少|增加)\s*(为|是|达到?|了)?\s*/
const SHARE_BEFORE = /占(比|到)?[^，。；;0-9\uFFFC]{0,14}?\s*(为|是|达到?|约)?\s*$/

const SUBJECT_CUT = /[，,。；;：:、（）()[\]【】！？]/
const SUBJECT_LEAD = /^(其中|另外|此外|同时|全年|共有|共|有|且|并|而|在|现有|目前|截至目前|达到)+/
const SUBJECT_TAIL = /(为|是|达到|达|有|共|约|计|了|近|超过|\s)+$/
const COMPARISON_WORD = /(比上|比去|比前|相比|较|增加|减少|上升|下降|提高|降低|增长|增幅|提升|分别|合计|总计|共计|其中|平均|以上|以下|超过|不足|累计|近[两三四五六七八九十\d]年|年均|每年)/
/** A sentence about one named school is not the report's own figure. */
const NAMED_SCHOOL = /[\u4e00-\u9fa5]{2,}(职业技术学校|技工学校|职业中学|卫生学校|艺术学校|中等专业学校|技师学院|职业学院|职校|职业高级中学|职业技术学院)/

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

/** The unit of the last written digit, in base units (12.35 万 → 100). */
export function precision(t: NumberToken): number {
  return 10 ** -t.decimals * t.scale
}

/**
 * The rounding a written value may carry: half its last digit, none for a
 * whole number written as it is (1649 人, 3520 元 are counted, not rounded).
 */
export function carry(t: NumberToken): number {
  return t.decimals === 0 && t.scale === 1 ? 0 : precision(t) / 2
}

/** Decimals a stored (typed) value is known to. */
export function decimalsOfValue(v: number): number {
  const s = String(Number(v.toPrecision(12)))
  const i = s.indexOf('.')
  return i < 0 ? 0 : s.length - i - 1
}

const EPS = 1e-9

/** What a share is of, in the words a figure's subject uses: 专任教师总数的 → 专任教师, 全市在校生 → 在校生. */
function coreOfWhole(words: string): string {
  return cleanSubject(words)
    .replace(/^(全市|全省|全县|全区|全校|学校|全部|全体|所有)/, '')
    .replace(/的$/, '')
    .replace(/(总人数|总数|总量|总额|人数|数量|总和)$/, '')
}

/** Two figures written to the same last digit (precisions in base units). */
function sameDigit(p: number, q: number): boolean {
  return Math.abs(p - q) <= 1e-9 * Math.max(p, q)
}

interface Share {
  token: NumberToken
  part: NumberToken
  whole: string
  denominator: number | null
  /** The denominator's own rounding (0 for a count). */
  denominatorPrecision: number
}

/** Does `share` (a % token) agree with part / whole, allowing the rounding of the values it was computed from? */
function shareAgrees(share: NumberToken, part: number, partCarry: number, whole: number, wholeCarry: number): boolean {
  if (whole <= 0) return false
  const computed = (part / whole) * 100
  const carried = (partCarry / whole + (wholeCarry * part) / (whole * whole)) * 100
  return Math.abs(computed - share.value) <= precision(share) / 2 + carried + EPS
}

export function analyseParagraph(raw: string, options: ParagraphOptions | PreviousValue = {}): ParagraphAnalysis {
  const opts: ParagraphOptions = typeof options === 'function' ? { previous: options } : options
  const previous = opts.previous ?? (() => null)
  const s = normalizeDigits(raw)
  const tokens = tokenize(raw)
  const qty = quantities(tokens)
  const findings: LocalFinding[] = []
  const comparisons: Comparison[] = []
  const consumed = new Set<NumberToken>()
  const spans = sentences(s)
  const sentenceOf = (pos: number) => spans.find(([a, b]) => pos >= a && pos < b) ?? [0, s.length]
  const named = spans.map(([a, b]) => NAMED_SCHOOL.test(s.slice(a, b)))
  const namedAt = (pos: number) => named[spans.findIndex(([a, b]) => pos >= a && pos < b)] ?? false

  // ---- differences and growth rates -------------------------------------
  const re = new RegExp(COMPARE.source, 'g')
  let m: RegExpExecArray | null
  while ((m = re.exec(s))) {
    const at = m.index
    const end = at + m[0].length
    const [sa] = sentenceOf(at)
    const y = qty.find((t) => t.start === end)
    const verbWord = m[7]
    const up = UP.has(verbWord)
    const parenText = m[5]
    const explicitYear = m[3] ? Number(m[3]) : null
    const yearsBack = explicitYear && opts.year ? opts.year - explicitYear : 1
    const approx = Boolean(m[9])
    // The previous value written in the sentence: 比上一年（72.16%）.
    let prevTok: NumberToken | null = null
    if (parenText !== undefined) {
      const inner = quantities(tokenize(parenText))
      if (inner.length === 1) {
        const offset = s.indexOf(parenText, at)
        prevTok = { ...inner[0], start: inner[0].start + offset, end: inner[0].end + offset, unitEnd: inner[0].unitEnd + offset }
      } else if (inner.length > 1) continue
    }
    for (const t of qty) if (t.start >= at && t.start < end) consumed.add(t)
    if (!y) continue
    consumed.add(y)
    if (approx || y.approx) continue
    const cur = [...qty].reverse().find((t) => t.end <= at && t.start >= sa && !consumed.has(t) && compatible(t, y))
    if (!cur || cur.approx) continue
    if (/分别/.test(s.slice(cur.end, at))) continue
    // 比 2019 年… without the figure in the sentence: only last year's is known from the data.
    if (!prevTok && explicitYear && yearsBack !== 1) continue
    const verbStart = at + m[0].lastIndexOf(verbWord + (m[8] ?? ''))
    const known = prevTok ? null : previous(subjectBefore(s, sa, cur.start), cur, yearsBack)
    let prev: number | null
    // The last digit of last year's figure (pp) and the rounding it may carry (pc2).
    let pp = 0
    let prevCarry = 0
    if (prevTok) {
      if (prevTok.unit && prevTok.unit !== cur.unit && !(cur.kind === 'ratio' && prevTok.kind === 'ratio')) continue
      const scaled = prevTok.scale === 1 && cur.scale !== 1 && !prevTok.unit
      const asWritten = scaled ? { ...prevTok, scale: cur.scale } : prevTok
      prev = prevTok.written * asWritten.scale
      pp = precision(asWritten)
      prevCarry = carry(asWritten)
    } else if (known !== null) {
      prev = typeof known === 'number' ? known : known.value
      pp = 10 ** -(typeof known === 'number' ? decimalsOfValue(known) : known.decimals)
      prevCarry = 0
    } else prev = null

    const growthAsked = y.unit === '%' && cur.unit !== '%'
    const g = growthAsked ? null : GROWTH_AFTER.exec(s.slice(y.unitEnd))
    const growthTok = g && /增幅|增长率|增速|降幅|增长|下降|提高|降低|上升/.test(g[1]) ? qty.find((t) => t.start === y.unitEnd + g[0].length && t.unit === '%') ?? null : null
    if (growthTok) consumed.add(growthTok)
    comparisons.push({ cur, y, verb: verbWord + (m[8] ?? ''), verbStart, up, prev: prevTok, growth: growthTok, rate: growthAsked, yearsBack })
    if (prev === null || !Number.isFinite(prev)) continue
    const pc = precision(cur)

    if (growthAsked) {
      checkGrowth(findings, cur, prev, prevCarry, y, up)
      continue
    }
    if (y.unit === '%' && cur.unit === '%') {
      // 提高 0.8%: written for 0.8 个百分点 as often as for a relative change; either reading may be meant.
      checkPercentOfPercent(findings, cur, prev, prevCarry, y, up, verbWord, at)
      continue
    }
    const diff = cur.value - prev
    const py = precision(y)
    // Written to the same last digit, the difference was worked out from the figures as written and must match exactly;
    // figures rounded more coarsely than it (4.5 万 against 增加 2000 人) leave room for what they hide.
    const exact = sameDigit(pc, py) && sameDigit(pp, py)
    const tolerance = exact ? py * 1e-6 : carry(cur) + prevCarry + py / 2 + py * 1e-6
    const expected = Math.abs(diff) / y.scale
    const prevText = prevTok ? prevTok.text : fmtNum(prev / (cur.scale || 1))
    if (Math.abs(diff) > tolerance && Math.sign(diff) !== (up ? 1 : -1)) {
      findings.push({
        rule: 'difference',
        severity: 'error',
        from: verbStart,
        to: y.unitEnd,
        numbers: [cur.text, prevText, y.text],
        expected: `${OPPOSITE[verbWord] ?? (diff > 0 ? '增加' : '减少')} ${fmt(expected, y.decimals)}`,
        message: `句中说比上年${verbWord}，但 ${cur.text} 与上年的 ${prevText} 相比是${diff > 0 ? '增加' : '减少'}了 ${fmt(expected, y.decimals)}${unitWord(y)}。`
      })
    } else if (Math.abs(Math.abs(diff) - y.value) > tolerance) {
      const want = fmt(expected, y.decimals)
      const sure = exact || carry(cur) + prevCarry < py / 2
      findings.push(wrongNumber('difference', y, [cur.text, prevText, y.text], want, sure, `${cur.text} 与上年的 ${prevText} 相差 ${sure ? '' : '约 '}${want}${unitWord(y)}，句中写的是 ${y.text}${unitWord(y)}。`))
    }
    if (growthTok) checkGrowth(findings, cur, prev, prevCarry, growthTok, up)
  }

  // ---- from one value to another: 由上年的 95.2% 提高到 97.1%，提高了 1.9 个百分点 ----
  findings.push(...checkFromTo(s, qty, consumed))

  // ---- shares -------------------------------------------------------------
  const shares: Share[] = []
  for (const t of qty) {
    if (t.unit !== '%' || consumed.has(t) || t.approx) continue
    const [sa] = sentenceOf(t.start)
    const before = s.slice(sa, t.start)
    const sm = SHARE_BEFORE.exec(before)
    if (!sm) continue
    const occupy = sa + sm.index
    const part = [...qty].reverse().find((p) => p.end <= occupy && p.start >= sa && p.unit !== '%' && p.unit !== '个百分点' && p.kind === 'quantity')
    if (!part || part.approx) continue
    const between = s.slice(part.unitEnd, occupy)
    if (between.length > 4 || qty.some((q) => q.start > part.end && q.start < occupy)) continue
    const whole = sm[0].replace(/^占(比|到)?/, '').replace(/(的)?\s*(为|是|达到?|约)?\s*$/, '')
    shares.push({ token: t, part, whole, denominator: null, denominatorPrecision: 0 })
    consumed.add(t)
  }
  // A denominator in the paragraph: a figure of the same unit that gives the share.
  for (const sh of shares) {
    const cands = qty.filter((d) => d !== sh.part && d.unit === sh.part.unit && d.value > sh.part.value && d.kind === 'quantity' && !d.approx && !consumed.has(d))
    const hit = cands.find((d) => shareAgrees(sh.token, sh.part.value, carry(sh.part), d.value, carry(d)))
    if (hit) {
      sh.denominator = hit.value
      sh.denominatorPrecision = carry(hit)
    }
  }
  // Shares of one whole that together make 100%: the whole is the sum of their parts.
  const open = shares.filter((x) => x.denominator === null)
  if (open.length >= 2 && open.every((x) => x.part.unit === open[0].part.unit)) {
    const total = open.reduce((a, x) => a + x.token.value, 0)
    if (Math.abs(total - 100) <= open.reduce((a, x) => a + precision(x.token) / 2, 0) + EPS) {
      const d = open.reduce((a, x) => a + x.part.value, 0)
      const dp = open.reduce((a, x) => a + carry(x.part), 0)
      if (open.every((x) => shareAgrees(x.token, x.part.value, carry(x.part), d, dp))) for (const x of open) Object.assign(x, { denominator: d, denominatorPrecision: dp })
    }
  }
  // 专任教师 6352 人，其中“双师型”教师 3847 人，占 60.56%: a share of nothing named is of the figure 其中 divides.
  for (const sh of shares) {
    if (sh.denominator !== null || sh.whole) continue
    const [sa] = sentenceOf(sh.part.start)
    const clause = s.slice(sa, sh.part.start)
    const split = /其中[，,：:\s]*[^，,。；;：:、]{0,16}$/.exec(clause)
    if (!split) continue
    const parent = [...qty].reverse().find((q) => q.end <= sa + split.index && q.start >= sa && q.unit === sh.part.unit && q.kind === 'quantity')
    if (!parent || parent.approx || parent.value <= sh.part.value || consumed.has(parent)) continue
    shareOfWhole(sh, parent, '', findings)
  }
  // 在校生 3000 人，毕业生 1000 人，占在校生的 33.33%: a share of a whole named by the words of a figure written before it in the paragraph.
  for (const sh of shares) {
    if (sh.denominator !== null || !sh.whole) continue
    const whole = coreOfWhole(sh.whole)
    if (whole.length < 2) continue
    const named = qty.filter((q) => {
      if (q.end > sh.part.start || q === sh.part || q.kind !== 'quantity' || q.unit !== sh.part.unit || q.approx || q.value <= sh.part.value) return false
      const subject = coreOfWhole(subjectBefore(s, sentenceOf(q.start)[0], q.start))
      return subject.length >= 2 && (subject === whole || (subject.endsWith(whole) && subject.length - whole.length <= 2))
    })
    if (new Set(named.map((q) => q.value)).size !== 1) continue
    const parent = named[named.length - 1]
    shareOfWhole(sh, parent, sh.whole, findings)
  }
  // Shares of the parts of one whole (男生/女生, 城镇/农村, 一等奖/二等奖…) when the whole is not written: it is the sum of the parts,
  // if at least one share agrees with that sum (else the parts named are not all of it).
  const byGroup = new Map<string, Share[]>()
  for (const sh of shares) if (sh.denominator === null) byGroup.set(`${sh.whole}|${sh.part.unit}`, [...(byGroup.get(`${sh.whole}|${sh.part.unit}`) ?? []), sh])
  for (const group of byGroup.values()) {
    if (group.length < 2 || group.some((k) => carry(k.part) > 0)) continue
    const labels = group.map((k) => subjectBefore(s, sentenceOf(k.part.start)[0], k.part.start))
    if (!isPartition(labels, true)) continue
    const d = group.reduce((a, k) => a + k.part.value, 0)
    const agree = group.filter((k) => shareAgrees(k.token, k.part.value, 0, d, 0))
    if (agree.length === 0) continue
    for (const k of group) {
      k.denominator = d
      if (agree.includes(k)) continue
      const want = fmt((k.part.value / d) * 100, k.token.decimals)
      findings.push(wrongNumber('share', k.token, [k.part.text, fmtNum(d / k.part.scale), k.token.text], want, true, `${labels.join('、')}合计 ${fmtNum(d / k.part.scale)}${unitWord(k.part).trim()}，其中${labels[group.indexOf(k)]} ${k.part.text}${unitWord(k.part).trim()} 占 ${want}%，句中写的是 ${k.token.text}%。`))
      k.denominator = -1
    }
  }
  // A share that disagrees with the whole its neighbours are shares of: only where their parts make up
  // exactly that whole (满意 5312 + 不满意 125 + 无法评估 149 = 5586), so the whole is beyond doubt.
  for (const sh of shares) {
    if (sh.denominator !== null) continue
    const group = shares.filter((k) => k.whole === sh.whole && k.part.unit === sh.part.unit)
    const sib = group.find((k) => k.denominator !== null && k.denominator > 0)
    if (!sib) continue
    const d = sib.denominator!
    const parts = group.reduce((a, k) => a + k.part.value, 0)
    if (Math.abs(parts - d) > EPS * Math.max(1, d) || group.some((k) => carry(k.part) > 0)) continue
    const want = fmt((sh.part.value / d) * 100, sh.token.decimals)
    findings.push(wrongNumber('share', sh.token, [sh.part.text, fmtNum(d / sh.part.scale), sh.token.text], want, true, `${sh.part.text}${unitWord(sh.part).trim()} 占 ${fmtNum(d / sh.part.scale)}${unitWord(sh.part).trim()} 的 ${want}%，句中写的是 ${sh.token.text}%（同一段中各部分合计 ${fmtNum(d / sh.part.scale)}${unitWord(sh.part).trim()}，其他占比都以它为总数）。`))
    sh.denominator = -1
  }
  // Shares of one whole whose parts make the whole must add up to 100%.
  const byWhole = new Map<number, Share[]>()
  for (const sh of shares) if (sh.denominator && sh.denominator > 0) byWhole.set(sh.denominator, [...(byWhole.get(sh.denominator) ?? []), sh])
  for (const [d, list] of byWhole) {
    if (list.length < 2) continue
    const parts = list.reduce((a, x) => a + x.part.value, 0)
    if (Math.abs(parts - d) > EPS * Math.max(1, d)) continue
    const total = list.reduce((a, x) => a + x.token.value, 0)
    if (Math.abs(total - 100) > list.reduce((a, x) => a + precision(x.token) / 2, 0) + EPS) {
      findings.push({
        rule: 'shareTotal',
        severity: 'error',
        from: list[0].token.start,
        to: list[list.length - 1].token.end,
        numbers: list.map((x) => x.token.text),
        message: `${list.map((x) => `${x.token.text}%`).join('、')} 是同一总数（${fmtNum(d / list[0].part.scale)}）各部分的占比，合计应为 100%，现为 ${fmt(total, 2)}%。`
      })
    }
  }

  // ---- ratios a:b that split a whole ------------------------------------
  for (const t of qty) {
    if (t.kind !== 'ratio' || t.ratioOf === undefined || t.ratioOf === 1 || t.approx) continue
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
    if (t.approx || namedAt(t.start)) continue
    // 3 所中职学校, 8 所学校附设…: the words after the number name it, not those before.
    const next = s[t.unitEnd] ?? ''
    if (/[\u4e00-\u9fa5]/.test(next) && !/[的等左余多以及和与或为是在中较比同占]/.test(next)) continue
    const [sa] = sentenceOf(t.start)
    const share = shares.find((x) => x.token === t)
    const subj = share ? subjectBefore(s, sa, share.part.start) : subjectBefore(s, sa, t.start)
    if (!subj) continue
    const key = subjectKey(subj, t.unit, !!share)
    if (!key) continue
    const yr = [...years].reverse().find((y) => y.end <= t.start)
    const verified = !!share && share.denominator !== null && share.denominator > 0
    mentions.push({
      token: t,
      subject: subj,
      key,
      verified,
      ...(verified ? { basis: `${share!.part.text} ÷ ${fmtNum(share!.denominator! / share!.part.scale)}` } : {}),
      year: yr ? yr.written : null,
      share: !!share
    })
  }
  return { text: raw, tokens, findings, mentions, comparisons }
}

/**
 * A share of a whole known from the paragraph: the share takes it as its denominator when they agree;
 * when they do not, and neither figure is rounded, it is an error with the value it should read.
 */
function shareOfWhole(sh: Share, parent: NumberToken, wholeWords: string, findings: LocalFinding[]): void {
  if (shareAgrees(sh.token, sh.part.value, carry(sh.part), parent.value, carry(parent))) {
    Object.assign(sh, { denominator: parent.value, denominatorPrecision: carry(parent) })
    return
  }
  if (carry(parent) > 0 || carry(sh.part) > 0) return
  const want = fmt((sh.part.value / parent.value) * 100, sh.token.decimals)
  findings.push(wrongNumber('share', sh.token, [sh.part.text, parent.text, sh.token.text], want, true, `${sh.part.text}${unitWord(sh.part).trim()} 占${wholeWords} ${parent.text}${unitWord(parent).trim()} 的 ${want}%，句中写的是 ${sh.token.text}%。`))
  sh.denominator = -1
}

/** 由/从 (上年的 | 2019 年的) A … */
const FROM = /(由|从)\s*(?:上一?年度?的?|去年的?|(?:19|20)\d\d\s*年度?的?)?\s*/g
/** … (提高)到/至 (2021 年的) B … */
const TO = new RegExp(`^\\s*(${VERBS})?\\s*(到|至)\\s*(?:(?:19|20)\\d\\d\\s*年度?的?\\s*)?`)
/** … ，提高了 Z / 增幅为 Z% */
const CHANGE_AFTER = new RegExp(`^\\s*[，,]?\\s*(?:同比|共|累计|净)?\\s*(${VERBS}|增幅|增长率|增速|降幅)\\s*(了|为|是|达到?)?\\s*(约|近|超过)?\\s*`)

/**
 * 由上年的 95.2% 提高到 97.1%，提高了 1.9 个百分点；从 2019 年的 2100 人增加到 2021 年的 2600 人，增长了 23.8%:
 * the change the sentence states against the two values it names, and the direction word before 到.
 * The earlier value is consumed (it is not this year's figure); the later one stays a mention.
 */
function checkFromTo(s: string, qty: NumberToken[], consumed: Set<NumberToken>): LocalFinding[] {
  const out: LocalFinding[] = []
  const re = new RegExp(FROM.source, 'g')
  let m: RegExpExecArray | null
  while ((m = re.exec(s))) {
    const a = qty.find((t) => t.start === m!.index + m![0].length)
    if (!a || a.kind !== 'quantity' || consumed.has(a)) continue
    const to = TO.exec(s.slice(a.unitEnd))
    if (!to) continue
    const b = qty.find((t) => t.start === a.unitEnd + to[0].length)
    if (!b || b.kind !== 'quantity' || b.unit !== a.unit || consumed.has(b)) continue
    consumed.add(a)
    if (a.approx || b.approx) continue
    const diff = b.value - a.value
    const tolerance = carry(a) + carry(b) + EPS * Math.max(1, Math.abs(b.value))
    const toVerb = to[1]
    if (toVerb && Math.abs(diff) > tolerance && Math.sign(diff) !== (UP.has(toVerb) ? 1 : -1)) {
      const verbStart = a.unitEnd + to[0].indexOf(toVerb)
      out.push({
        rule: 'difference',
        severity: 'error',
        from: verbStart,
        to: verbStart + toVerb.length,
        numbers: [a.text, b.text],
        expected: OPPOSITE[toVerb] ?? (diff > 0 ? '增加' : '减少'),
        message: `句中说由 ${a.text}${unitWord(a).trim()} ${toVerb}到 ${b.text}${unitWord(b).trim()}，但 ${b.text} 比 ${a.text} ${diff > 0 ? '高' : '低'}，应为“${OPPOSITE[toVerb] ?? (diff > 0 ? '增加' : '减少')}”。`
      })
      continue
    }
    const c = CHANGE_AFTER.exec(s.slice(b.unitEnd))
    if (!c) continue
    const z = qty.find((t) => t.start === b.unitEnd + c[0].length)
    if (!z || z.kind !== 'quantity') continue
    consumed.add(z)
    if (c[3] || z.approx) continue
    const word = c[1]
    const up = word === '降幅' ? false : /增幅|增长率|增速/.test(word) ? true : UP.has(word)
    if (z.unit === '%' && a.unit !== '%') {
      checkGrowth(out, b, a.value, carry(a), z, up)
      continue
    }
    const points = z.unit === '个百分点' && a.unit === '%'
    if (!points && (z.unit !== a.unit || z.unit === '%')) continue
    const pz = precision(z)
    const exact = sameDigit(precision(a), pz) && sameDigit(precision(b), pz)
    const tol = exact ? pz * 1e-6 : carry(a) + carry(b) + pz / 2 + pz * 1e-6
    const want = fmt(Math.abs(diff) / z.scale, z.decimals)
    const between = `由 ${a.text}${unitWord(a).trim()} 到 ${b.text}${unitWord(b).trim()}`
    if (Math.abs(diff) > tol && Math.sign(diff) !== (up ? 1 : -1)) {
      out.push({
        rule: 'difference',
        severity: 'error',
        from: b.unitEnd + c[0].indexOf(word),
        to: z.unitEnd,
        numbers: [a.text, b.text, z.text],
        expected: `${OPPOSITE[word] ?? (diff > 0 ? '增加' : '减少')} ${want}`,
        message: `句中说${word}，但${between} 是${diff > 0 ? '增加' : '减少'}了 ${want}${unitWord(z)}。`
      })
    } else if (Math.abs(Math.abs(diff) - z.value) > tol) {
      const sure = exact || carry(a) + carry(b) < pz / 2
      out.push(wrongNumber('difference', z, [a.text, b.text, z.text], want, sure, `${between} 相差 ${sure ? '' : '约 '}${want}${unitWord(z)}，句中写的是 ${z.text}${unitWord(z)}。`))
    }
  }
  return out
}

/**
 * A number written wrong that should read `want`: when the figures it comes
 * from are exact enough (`sure`) the finding offers the one-click fix, else it
 * only says 约 (about) `want`.
 */
function wrongNumber(rule: RuleId, t: NumberToken, numbers: string[], want: string, sure: boolean, message: string): LocalFinding {
  return {
    rule,
    severity: 'error',
    from: t.start,
    to: t.end,
    numbers,
    expected: sure ? want : `约 ${want}`,
    ...(sure ? { fix: { from: t.start, to: t.end, text: want } } : {}),
    message
  }
}

function compatible(cur: NumberToken, y: NumberToken): boolean {
  if (y.unit === '个百分点') return cur.unit === '%'
  if (y.unit === '%') return cur.kind === 'quantity'
  if (y.unit === '') return cur.kind === 'ratio' || (cur.unit === '' && cur.kind === 'quantity')
  return cur.unit === y.unit && cur.kind === 'quantity'
}

/** 增长 P%: (cur − prev) / prev, allowing the rounding the written values carry. */
function checkGrowth(findings: LocalFinding[], cur: NumberToken, prev: number, prevCarry: number, p: NumberToken, up: boolean): void {
  if (prev === 0 || p.approx) return
  const rate = ((cur.value - prev) / prev) * 100
  const carried = ((carry(cur) + (prevCarry * Math.abs(cur.value)) / Math.abs(prev)) / Math.abs(prev)) * 100
  const half = precision(p) / 2
  const tolerance = half + carried + EPS
  const want = fmt(Math.abs(rate), p.decimals)
  const prevText = fmtNum(prev / (cur.scale || 1))
  if (Math.abs(rate) > tolerance && Math.sign(rate) !== (up ? 1 : -1)) {
    findings.push({
      rule: 'growth',
      severity: 'error',
      from: p.start,
      to: p.unitEnd,
      numbers: [cur.text, prevText, p.text],
      message: `句中说${up ? '增长' : '下降'} ${p.text}%，但 ${cur.text} 与上年的 ${prevText} 相比是${rate > 0 ? '增长' : '下降'}了 ${want}%。`
    })
    return
  }
  if (Math.abs(Math.abs(rate) - p.value) > tolerance) {
    const sure = carried < half
    findings.push(wrongNumber('growth', p, [cur.text, prevText, p.text], want, sure, `由 ${prevText} 到 ${cur.text}，${rate >= 0 ? '增幅' : '降幅'}为 ${sure ? '' : '约 '}${want}%，句中写的是 ${p.text}%。`))
  }
}

/** 就业率 96.5%，较上年提高 0.8%: right if it reads as percentage points or as a relative change. */
function checkPercentOfPercent(findings: LocalFinding[], cur: NumberToken, prev: number, prevCarry: number, y: NumberToken, up: boolean, verb: string, at: number): void {
  if (prev === 0) return
  const points = cur.value - prev
  const rate = (points / prev) * 100
  const py = precision(y)
  const okPoints = Math.abs(Math.abs(points) - y.value) <= carry(cur) + prevCarry + py / 2 + EPS && (Math.sign(points) === (up ? 1 : -1) || Math.abs(points) <= py)
  const carried = ((carry(cur) + (prevCarry * cur.value) / prev) / prev) * 100
  const okRate = Math.abs(Math.abs(rate) - y.value) <= py / 2 + carried + EPS && (Math.sign(rate) === (up ? 1 : -1) || Math.abs(rate) <= py)
  if (okPoints || okRate) return
  findings.push({
    rule: 'difference',
    severity: 'verify',
    from: at,
    to: y.unitEnd,
    numbers: [cur.text, fmtNum(prev), y.text],
    message: `句中说比上年${verb} ${y.text}%，但 ${cur.text}% 与上年的 ${fmtNum(prev)}% 相比${points >= 0 ? '提高' : '降低'}了 ${fmt(Math.abs(points), y.decimals)} 个百分点（相对${rate >= 0 ? '增长' : '下降'} ${fmt(Math.abs(rate), y.decimals)}%）。百分比之间的变化宜写作“个百分点”。`
  })
}

/** Characters that tell the parts of one whole apart (一等奖/二等奖, 男/女, 公办/民办). */
const PARTITION = ['一二三四五六七八九十', '男女', '公民', '城乡农', '高中初', '国省市县区校', '东西南北', '上下', '本异外', '内外']
/** Words that tell the parts of one whole apart (城镇就业/农村就业, 省内/省外). */
const PARTITION_WORDS = [
  ['城镇', '农村', '乡村', '城市'],
  ['本地', '异地', '外地', '境外', '省内', '省外', '市内', '市外', '县内', '县外'],
  ['公办', '民办'],
  ['男生', '女生', '男性', '女性', '男', '女']
]

function checkParts(s: string, qty: NumberToken[], consumed: Set<NumberToken>, sentenceOf: (p: number) => [number, number]): LocalFinding[] {
  const out: LocalFinding[] = []
  for (let i = 0; i < qty.length; i++) {
    const total = qty[i]
    if (total.kind !== 'quantity' || !total.unit || consumed.has(total) || total.approx) continue
    // Only a figure written as a whole (共/合计/总数 …, also with a short verb between: 共获奖 58 项, 共培训 300 人) is the sum
    // of what follows; one followed by 其中 holds at least the parts listed.
    const written = /(共|合计|总计|共计|总数|总共|累计)(?:[\u4e00-\u9fa5]{1,4}?)?[有为计达]?\s*$/.test(s.slice(Math.max(0, total.start - 8), total.start))
    const split = /^\s*[，,]\s*其中/.test(s.slice(total.unitEnd))
    if (!written && !split) continue
    const [, se] = sentenceOf(total.start)
    const parts: { t: NumberToken; label: string }[] = []
    let pos = total.unitEnd
    for (let j = i + 1; j < qty.length && qty[j].start < se; j++) {
      const t = qty[j]
      const gap = s.slice(pos, t.start)
      if (t.unit !== total.unit || /[。；;]/.test(gap) || gap.length > 12 || t.approx) break
      const label = gap.replace(/^[，,、：:\s]*(其中|包括|分别为|分别是|含)?[，,：:\s]*/, '').replace(/[、和及与，,\s]/g, '').replace(/(有|为|共|获)$/, '')
      if (parts.length && !/^[、和及与，,]/.test(gap.trim())) break
      parts.push({ t, label })
      pos = t.unitEnd
    }
    if (parts.length < 2) continue
    const labels = parts.map((p) => p.label)
    if (!isPartition(labels)) continue
    const sum = parts.reduce((a, p) => a + p.t.value, 0)
    // After 其中 a part may be left unlisted (优秀奖): fewer is asked about, more is wrong.
    const fewer = !written && sum < total.value
    if (Math.abs(sum - total.value) > EPS * Math.max(1, total.value)) {
      out.push({
        rule: 'partsTotal',
        severity: fewer ? 'verify' : 'error',
        from: total.start,
        to: parts[parts.length - 1].t.unitEnd,
        numbers: [total.text, ...parts.map((p) => p.t.text)],
        message: fewer
          ? `${labels.map((l, k) => `${l} ${parts[k].t.text}${total.unit}`).join('、')}，合计 ${fmtNum(sum / total.scale)}${total.unit}，少于总数 ${total.text}${total.unit}；如果还有没列出的部分，请标为已核实。`
          : `${labels.map((l, k) => `${l} ${parts[k].t.text}${total.unit}`).join('、')}，合计 ${fmtNum(sum / total.scale)}${total.unit}，${sum > total.value ? '超过' : '与'}总数 ${total.text}${total.unit}${sum > total.value ? '' : ' 不符'}。`
      })
    }
    i += parts.length
  }
  return out
}

/** Labels that name the parts of one whole. `words`: complementary words too (城镇/农村), for shares, where a share agreeing with the sum confirms it. */
export function isPartition(labels: string[], words = false): boolean {
  if (labels.some((l) => !l || l.length > 12) || new Set(labels).size !== labels.length) return false
  // 城镇就业 / 农村就业: what differs, before a common ending, is a pair of complementary words.
  let suffix = 0
  while (suffix < Math.min(...labels.map((l) => l.length)) && labels.every((l) => l[l.length - 1 - suffix] === labels[0][labels[0].length - 1 - suffix])) suffix++
  const heads = labels.map((l) => l.slice(0, l.length - suffix))
  if (words && heads.every((h) => h) && PARTITION_WORDS.some((set) => heads.every((h) => set.includes(h)))) return true
  if (new Set(labels.map((l) => l.length)).size !== 1) return false
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

export function unitWord(t: NumberToken): string {
  const scale = t.scale === 1e4 ? '万' : t.scale === 1e8 ? '亿' : ''
  return t.unit === '个百分点' ? ' 个百分点' : t.unit === '%' ? '%' : t.unit || scale ? ` ${scale}${t.unit}` : ''
}

export function fmtNum(x: number): string {
  return String(round(x, 4))
}

/** The opposite direction word (增加 → 减少), for trend fields and messages. */
export function oppositeVerb(verb: string): string {
  const base = verb.replace(/了$/, '')
  const o = OPPOSITE[base] ?? (UP.has(base) ? '减少' : '增加')
  return verb.endsWith('了') ? `${o}了` : o
}

/** A paragraph's text prepared once for many look-ups of the words around its numbers. */
export interface ParagraphText {
  norm: string
  spans: [number, number][]
  named: boolean[]
}

export function prepareText(raw: string): ParagraphText {
  const norm = normalizeDigits(raw)
  const spans = sentences(norm)
  return { norm, spans, named: spans.map(([a, b]) => NAMED_SCHOOL.test(norm.slice(a, b))) }
}

function spanIndex(t: ParagraphText, pos: number): number {
  const i = t.spans.findIndex(([a, b]) => pos >= a && pos < b)
  return i < 0 ? t.spans.length - 1 : i
}

/** The words naming the number that starts at `pos` (as written before it in its clause), for matching with the data. */
export function subjectAt(raw: string | ParagraphText, pos: number): string {
  const t = typeof raw === 'string' ? prepareText(raw) : raw
  const [sa] = t.spans[spanIndex(t, pos)] ?? [0, t.norm.length]
  return subjectBefore(t.norm, sa, pos)
}

/** The sentence holding `pos`: [start, end). */
export function sentenceAt(raw: string, pos: number): [number, number] {
  return sentences(raw).find(([a, b]) => pos >= a && pos < b) ?? [0, raw.length]
}

/** Does the sentence holding `pos` speak of one named school (a case's, a county's)? */
export function namesSchool(raw: string | ParagraphText, pos: number): boolean {
  const t = typeof raw === 'string' ? prepareText(raw) : raw
  return t.named[spanIndex(t, pos)] ?? false
}
