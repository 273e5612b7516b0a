import type { ImportIssue } from '../contract/import'
import { crossRefText } from '../model/crossref'
import { chapterLabel, type ReportNumbering } from '../model/numbering'
import type { ChapterCheck } from './chapter'
import { fmtNum, unitWord, type Mention } from './claims'
import { sameUnit, statesValue } from './bind'
import { coreName } from './names'
import { toParagraphRange, touchesField, type CheckParagraph } from './paragraphs'
import { fmt, round, sentences } from './tokens'
import type { BindingProposal, CheckSettings, DataValue, Finding, FindingPlace, LocalFinding, RuleId, Severity } from './types'

/**
 * The whole 体检 of a report, put together from the chapters' parts (kept
 * per chapter by main) and what only the whole report shows: a figure stated
 * differently in two places or differently from the data, captions alike,
 * references to what was deleted, empty sections, long cases and cases
 * without a photo, parts the template requires, indicators that jump, and
 * what the import of last year's document found. Pure: the same input gives
 * the same findings with the same ids.
 */
export interface ReportCheckInput {
  meta: { year: number; region: string; level: 'city' | 'province' | 'school'; template: string }
  numbering: ReportNumbering
  chapters: { id: string; title: string; check: ChapterCheck }[]
  tables: { id: string; caption: string; mismatches: { row: number; col: number; address: string; printed: string; computed: string }[] }[]
  figures: { id: string; caption: string }[]
  values: DataValue[]
  /** Indicators with their values per year and the table that shows each (for 请核实 of a large change). */
  indicators: { key: string; name: string; unit: string; values: Record<string, number>; tableId: string | null }[]
  importIssues: ImportIssue[]
  settings: CheckSettings
}

export interface AssembledCheck {
  findings: Finding[]
  proposals: BindingProposal[]
}

/** A short stable hash (FNV-1a, 53 bits) as 11 base-36 characters. */
export function stableHash(s: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0
  }
  return ((h2 & 0x1fffff) * 0x100000000 + h1).toString(36).padStart(11, '0')
}

/** The school template (2024 edition): its seven parts and, at the end, the six tables of its annex. */
export const SCHOOL_PARTS = ['人才培养', '服务贡献', '文化传承', '国际合作', '产教融合', '发展保障', '面临挑战']
export const SCHOOL_ANNEX_TABLES = ['计分卡', '学生反馈表', '教学资源表', '国际影响表', '服务贡献表', '落实政策表']

interface PlacedMention {
  m: Mention
  chapterId: string
  para: CheckParagraph
  label: string
  sentence: string
  inField: boolean
}

const squash = (s: string) => s.replace(/\s+/g, '')
const PLACE = /^[\u4e00-\u9fa5]{1,8}(省|市|县|区|州|盟|镇|乡|自治区|自治县|自治州)$/

/** What one chapter adds to the report's check (its findings placed, its figures for comparison, its proposals). */
export interface ChapterPart {
  findings: (Finding & { order: number[] })[]
  mentions: unknown[]
  proposals: BindingProposal[]
}

/** Chapters' parts by chapter id, kept by main between checks (a chapter re-placed only when its check or the numbering changed). */
export type PlacedMemo = Map<string, { check: unknown; key: string; part: ChapterPart }>

export function assembleReport(input: ReportCheckInput, memo?: PlacedMemo): AssembledCheck {
  const n = input.numbering
  const year = input.meta.year
  const chapterById = new Map(n.chapters.map((c) => [c.id, c]))
  const headingById = new Map(n.headings.map((h) => [h.id, h]))
  const tableNo = new Map(n.tables.map((t) => [t.id, t]))
  const figureNo = new Map(n.figures.map((f) => [f.id, f]))
  const caseNo = new Map(n.cases.map((c) => [c.id, c]))
  const chapterOrder = new Map(n.chapters.map((c, i) => [c.id, i]))

  const chapterText = (id: string | null) => {
    const c = id ? chapterById.get(id) : undefined
    return c ? chapterLabel(c) : ''
  }
  const placeLabel = (chapterId: string | null, headingId: string | null, extra?: string) => {
    const h = headingId ? headingById.get(headingId) : undefined
    return [chapterText(chapterId), h ? `${h.number ? `${h.number} ` : ''}${h.text}` : '', extra ?? ''].filter(Boolean).join(' › ')
  }
  /** A place as a sentence names it: "1.3 节", "第 3 章", "附件". */
  const shortPlace = (chapterId: string | null, headingId: string | null) => {
    const h = headingId ? headingById.get(headingId) : undefined
    if (h) return h.number ? `${h.number} 节` : `“${h.text}”`
    const c = chapterId ? chapterById.get(chapterId) : undefined
    return c ? (c.number ? `第 ${c.number} 章` : chapterLabel(c)) : ''
  }
  /** "表 1-2" + "中" reads "表 1-2 中"; Chinese after Chinese needs no space. */
  const sp = (a: string, b: string) => (/[0-9A-Za-z%)）]$/.test(a) && /^[\u4e00-\u9fa5]/.test(b) ? `${a} ${b}` : `${a}${b}`)
  const tableLabelOf = (id: string) => {
    const t = tableNo.get(id)
    return t?.number ? `表 ${t.number}` : '附表'
  }

  /** A sentence as it reads: each reference shows its number ("见图 2-4"). */
  const display = (p: CheckParagraph, from: number, to: number): string => {
    const refs = p.refsAt.filter((x) => x.at >= from && x.at < to)
    if (!refs.length) return p.text.slice(from, to).trim()
    let out = ''
    let at = from
    for (const r of refs) {
      out += p.text.slice(at, r.at) + crossRefText(r.target, r.id ?? '', n).text
      at = r.at + 1
    }
    return (out + p.text.slice(at, to)).trim()
  }
  const spansOf = new Map<CheckParagraph, [number, number][]>()
  const sentenceOf = (p: CheckParagraph, pos: number) => {
    let spans = spansOf.get(p)
    if (!spans) spansOf.set(p, (spans = sentences(p.text)))
    const [sa, sb] = spans.find(([a, b]) => pos >= a && pos < b) ?? [0, p.text.length]
    return display(p, sa, sb)
  }

  const findings: (Finding & { order: number[] })[] = []
  const add = (f: Omit<Finding, 'id'> & { key: string; order: number[] }) => {
    const { key, ...rest } = f
    target.push({ ...rest, id: stableHash(`${f.rule}|${key}`) })
  }
  const orderOf = (chapterId: string | null, path: number[] = [], from = 0) => [chapterId === null ? -1 : (chapterOrder.get(chapterId) ?? 999), ...path, from]

  // ---- each chapter's part, kept while its check and the numbering stay the same ---------------
  const numberingKey = stableHash(
    JSON.stringify([
      n.chapters.map((c) => [c.id, c.number, c.title]),
      n.headings.map((h) => [h.id, h.number, h.text]),
      n.cases.map((c) => [c.id, c.number]),
      n.tables.map((t) => [t.id, t.number]),
      n.figures.map((f) => [f.id, f.number]),
      input.settings,
      input.meta
    ])
  )
  const mentions: PlacedMention[] = []
  const proposals: BindingProposal[] = []
  let target = findings
  for (const ch of input.chapters) {
    const kept = memo?.get(ch.id)
    let part: ChapterPart
    if (kept && kept.check === ch.check && kept.key === numberingKey) part = kept.part
    else {
      part = { findings: [], mentions: [], proposals: [] }
      target = part.findings
      chapterPart(ch, part)
      target = findings
      memo?.set(ch.id, { check: ch.check, key: numberingKey, part })
    }
    findings.push(...part.findings)
    mentions.push(...(part.mentions as PlacedMention[]))
    proposals.push(...part.proposals)
  }
  for (const id of memo?.keys() ?? []) if (!input.chapters.some((c) => c.id === id)) memo!.delete(id)

  function chapterPart(ch: ReportCheckInput['chapters'][number], part: ChapterPart): void {
    // What each paragraph claims.
    const { text, analyses } = ch.check
    text.paragraphs.forEach((p, i) => {
      const a = analyses[i]
      const label = placeLabel(ch.id, p.headingId)
      for (const lf of a.findings) add(placeLocal(lf, p, ch.id, label))
      const inCase = p.caseId !== null
      if (inCase && input.meta.level !== 'school') return
      for (const m of a.mentions) {
        // A place (清远市 3 所…) is not a figure's name.
        const core = coreName(m.key.split('|')[0], input.meta.region)
        if (!core || core === input.meta.region || PLACE.test(core)) continue
        part.mentions.push({ m, chapterId: ch.id, para: p, label, sentence: sentenceOf(p, m.token.start), inField: touchesField(p, m.token.start, m.token.unitEnd) })
      }
    })

    const t = ch.check.text
    for (const r of t.refs) {
      const exists = !r.id ? false : r.target === 'case' ? caseNo.has(r.id) : r.target === 'figure' ? figureNo.has(r.id) : tableNo.has(r.id)
      if (exists) continue
      const what = r.target === 'case' ? '案例' : r.target === 'figure' ? '图' : '表'
      add({
        rule: 'brokenRef',
        severity: 'error',
        numbers: [],
        message: `这里引用的${what}已被删除或不在任何章中，读出来是“${what}（已删除）”。请删除这个引用，或改为引用现有的${what}。`,
        place: { chapterId: ch.id, label: placeLabel(ch.id, r.headingId), path: r.path },
        from: r.offset,
        to: r.offset + 1,
        key: `${ch.id}|${r.id}|${r.path.join('.')}`,
        order: orderOf(ch.id, r.path, r.offset)
      })
    }
    // A section with nothing in it and no subsections; a chapter with nothing at all.
    const hs = t.headings
    if (!t.leadHasContent && hs.length === 0) {
      add({ rule: 'emptySection', severity: 'hint', numbers: [], message: '这一章还没有内容。', place: { chapterId: ch.id, label: chapterText(ch.id) }, key: `${ch.id}|chapter`, order: orderOf(ch.id) })
    }
    hs.forEach((h, i) => {
      const next = hs[i + 1]
      if (h.hasContent || (next && next.level > h.level)) return
      add({
        rule: 'emptySection',
        severity: 'hint',
        numbers: [],
        message: '这一节还没有内容。',
        place: { chapterId: ch.id, label: placeLabel(ch.id, h.id), nodeId: h.id, path: [h.index] },
        key: h.id,
        order: orderOf(ch.id, [h.index])
      })
    })
    for (const c of t.cases) {
      const no = caseNo.get(c.id)
      const name = `${no ? `案例 ${no.number}` : '案例'}“${c.title || '（未填写标题）'}”`
      const place = { chapterId: ch.id, label: placeLabel(ch.id, c.headingId, no ? `案例 ${no.number}` : '案例'), nodeId: c.id, path: c.path }
      if (c.words > input.settings.caseWordLimit) {
        add({
          rule: 'caseLength',
          severity: 'verify',
          numbers: [String(c.words), String(input.settings.caseWordLimit)],
          message: `${name}有 ${c.words} 字，超过了 ${input.settings.caseWordLimit} 字的篇幅要求，请精简。`,
          place,
          key: `${c.id}|${c.words}|${input.settings.caseWordLimit}`,
          order: orderOf(ch.id, c.path)
        })
      }
      if (c.photos === 0) {
        add({ rule: 'casePhoto', severity: 'hint', numbers: [], message: `${name}没有照片。案例通常配 1～2 张照片，请插入。`, place, key: c.id, order: orderOf(ch.id, c.path) })
      }
    }

    // Numbers that could be fields.
    const seen = new Map<string, number>()
    for (const pr of ch.check.proposals) {
      const p = ch.check.text.paragraphs[pr.para]
      const [from, to] = toParagraphRange(p, pr.from, pr.to)
      const base = stableHash(`bind|${ch.id}|${pr.ref}|${pr.format}|${pr.text}`)
      const k = (seen.get(base) ?? 0) + 1
      seen.set(base, k)
      part.proposals.push({
        id: k > 1 ? `${base}-${k}` : base,
        chapterId: ch.id,
        label: placeLabel(ch.id, p.headingId),
        path: p.path,
        from,
        to,
        text: pr.text,
        sentence: sentenceOf(p, pr.from),
        kind: pr.kind,
        name: pr.name,
        source: pr.source,
        year: pr.year,
        ref: pr.ref,
        format: pr.format,
        sure: pr.sure
      })
    }
  }

  // ---- sentences against the data and against each other --------------------------------
  const yearOfMention = (x: PlacedMention) => x.m.year ?? year
  // The data's figures by the core of their name (a share by the name of its part), so a mention finds its own at once.
  const region = input.meta.region
  const byCore = new Map<string, DataValue[]>()
  const byShareCore = new Map<string, DataValue[]>()
  for (const dv of input.values) {
    const k = coreName(dv.name, region)
    if (k.length >= 2) byCore.set(k, [...(byCore.get(k) ?? []), dv])
    if (dv.unit === '%') {
      const sk = coreName(dv.name.replace(/(所占)?(比例|占比|比重)$/, ''), region)
      if (sk.length >= 2) byShareCore.set(sk, [...(byShareCore.get(sk) ?? []), dv])
    }
  }
  const dataMemo = new Map<PlacedMention, DataValue[]>()
  const dataFor = (x: PlacedMention): DataValue[] => {
    let out = dataMemo.get(x)
    if (out) return out
    const y = yearOfMention(x)
    const list = x.m.share ? (byShareCore.get(coreName(x.m.key.split('|')[0], region)) ?? []) : (byCore.get(coreName(x.m.subject, region)) ?? [])
    out = list.filter((dv) => dv.year === y && sameUnit(x.m.token, dv.unit) && (!x.m.share || dv.unit === '%'))
    dataMemo.set(x, out)
    return out
  }
  const groups = new Map<string, PlacedMention[]>()
  for (const x of mentions) {
    const k = `${x.m.key}|${yearOfMention(x)}`
    groups.set(k, [...(groups.get(k) ?? []), x])
  }
  const written = (x: PlacedMention) => `${x.m.token.text}${x.m.token.unit === ':' ? ':1' : unitWord(x.m.token).trim()}`
  const where = (x: PlacedMention) => x.label || chapterText(x.chapterId)
  const near = (x: PlacedMention) => shortPlace(x.chapterId, x.para.headingId)
  const flagged = new Set<PlacedMention>()

  for (const x of mentions) {
    if (x.inField) continue
    const data = dataFor(x)
    const refs = new Set(data.map((d) => d.ref))
    if (data.length === 0 || refs.size > 1 && new Set(data.map((d) => d.value)).size > 1) continue
    const dv = data[0]
    if (statesValue(x.m.token, dv)) continue
    const t = x.m.token
    const scale = /^万/.test(dv.unit) ? 1e4 : /^亿/.test(dv.unit) ? 1e8 : 1
    const want = fmt((dv.value * scale) / t.scale, t.decimals)
    const group = groups.get(`${x.m.key}|${yearOfMention(x)}`) ?? []
    const agreeing = group.filter((o) => o !== x && statesValue(o.m.token, dv))
    const others = [{ label: dv.source, text: `${fmtNum(dv.value)}${dv.unit && dv.unit !== '%' ? ` ${dv.unit}` : dv.unit}` }, ...agreeing.map((o) => ({ label: where(o), text: written(o) }))]
    const [from, to] = [t.start, t.end]
    const fixable = !touchesField(x.para, from, to)
    add({
      rule: 'data',
      severity: 'error',
      numbers: [t.text, want],
      expected: want,
      ...(fixable ? { fix: rangeFix(x.para, from, to, want) } : {}),
      message: `正文写${x.m.subject}${x.m.share ? '占' : ' '}${written(x)}，但${sp(dv.source, '中')} ${yearOfMention(x)} 年的${dv.name}是 ${want}${agreeing.length ? `，${[...new Set(agreeing.map(near))].join('、')}也写作 ${written(agreeing[0])}` : ''}。`,
      others,
      place: placeOf(x.chapterId, x.label, x.para, x.sentence),
      ...paraRange(x.para, from, to),
      key: `${x.m.key}|${yearOfMention(x)}|${t.text}|${want}`,
      order: orderOf(x.chapterId, x.para.path, from)
    })
    flagged.add(x)
  }

  for (const group of groups.values()) {
    const values = [...new Set(group.map((x) => x.m.token.value))]
    if (values.length < 2) continue
    // Two places agree when the one written more roughly is the other rounded (18.3 and 18.28).
    const agree = (a: PlacedMention, b: PlacedMention) => {
      const d = Math.min(a.m.token.decimals, b.m.token.decimals)
      return Math.abs(round(a.m.token.value / a.m.token.scale, d) - round(b.m.token.value / b.m.token.scale, d)) < 1e-9 && a.m.token.scale === b.m.token.scale
    }
    if (group.every((x) => agree(x, group[0]))) continue
    if (group.some((x) => dataFor(x).length > 0)) continue
    // The truth, when the paragraph proves it (a share whose parts are in the paragraph), else none.
    const proven = group.filter((x) => x.m.verified || x.inField)
    const truth = proven.length && proven.every((x) => agree(x, proven[0])) ? proven[0] : null
    const counts = group.map((x) => group.filter((o) => agree(o, x)).length)
    const most = Math.max(...counts)
    for (const [i, x] of group.entries()) {
      if (flagged.has(x) || x.inField) continue
      // Two figures in one paragraph under one name are two things (甲级组二等奖 2 名，乙级组二等奖 11 名).
      const disagreeing = group.filter((o) => !agree(o, x) && o.para !== x.para)
      if (!disagreeing.length) continue
      if (truth && agree(x, truth)) continue
      if (!truth && counts[i] === most && counts.filter((c) => c === most).length < group.length && most > 1) continue
      const t = x.m.token
      const others = disagreeing.map((o) => ({ label: where(o), text: written(o) }))
      if (truth) {
        const want = fmt(truth.m.token.value / t.scale, t.decimals)
        add({
          rule: 'samePlaces',
          severity: 'error',
          numbers: [t.text, want],
          expected: want,
          ...(!touchesField(x.para, t.start, t.end) ? { fix: rangeFix(x.para, t.start, t.end, want) } : {}),
          message: `这里的${x.m.subject}${x.m.share ? '占' : ''} ${written(x)} 与 ${near(truth)}的 ${written(truth)} 不一致${truth.m.basis ? `（那里按 ${truth.m.basis} 算得 ${written(truth)}）` : ''}。`,
          others,
          place: placeOf(x.chapterId, x.label, x.para, x.sentence),
          ...paraRange(x.para, t.start, t.end),
          key: `${x.m.key}|${yearOfMention(x)}|${t.text}|${truth.m.token.text}`,
          order: orderOf(x.chapterId, x.para.path, t.start)
        })
      } else {
        add({
          rule: 'samePlaces',
          severity: 'verify',
          numbers: [t.text, ...disagreeing.map((o) => o.m.token.text)],
          message: `${x.m.subject}${x.m.share ? '占' : ''}在这里写作 ${written(x)}，在 ${[...new Set(disagreeing.map((o) => `${near(o)}写作 ${written(o)}`))].join('，')}，请核实哪一个正确。`,
          others,
          place: placeOf(x.chapterId, x.label, x.para, x.sentence),
          ...paraRange(x.para, t.start, t.end),
          key: `${x.m.key}|${yearOfMention(x)}|${t.text}|${disagreeing.map((o) => o.m.token.text).sort().join(',')}`,
          order: orderOf(x.chapterId, x.para.path, t.start)
        })
      }
    }
  }

  // ---- structure ----------------------------------------------------------------------------
  const captions = (kind: 'table' | 'figure') => {
    const list = kind === 'table' ? input.tables : input.figures
    const numbers = kind === 'table' ? tableNo : figureNo
    const seen = new Map<string, string>()
    const order = (kind === 'table' ? n.tables : n.figures).map((x) => x.id)
    const byId = new Map(list.map((x) => [x.id, x]))
    for (const id of order) {
      const item = byId.get(id)
      const num = numbers.get(id)
      if (!item || !num) continue
      const cap = squash(item.caption)
      if (!cap) continue
      const label = kind === 'table' ? (num.number ? `表 ${num.number}` : '附表') : num.number ? `图 ${num.number}` : '附图'
      const first = seen.get(cap)
      if (first) {
        add({
          rule: 'captionTwice',
          severity: 'error',
          numbers: [],
          message: `${label} 与${first} 的标题相同（“${item.caption.trim()}”），读者无法区分，请修改其中一个。`,
          place: { chapterId: num.chapterId, label: placeLabel(num.chapterId, null, label), nodeId: id },
          key: `${kind}|${cap}|${id}`,
          order: orderOf(num.chapterId, [9999])
        })
      } else seen.set(cap, label)
    }
  }
  captions('table')
  captions('figure')

  // The school template's parts (2024 edition) and the six tables of its annex, at the end.
  if (input.meta.template === 'school') {
    const titles = n.chapters.map((c) => squash(c.title))
    for (const part of SCHOOL_PARTS) {
      if (titles.some((t) => t.includes(part))) continue
      add({ rule: 'templatePart', severity: 'error', numbers: [], message: `学校质量年报（2024 年版）要求的“${part}”部分在报告中没有找到，请添加这一章。`, place: { chapterId: null, label: '报告结构' }, key: `part|${part}`, order: [-2] })
    }
    const last = n.chapters[n.chapters.length - 1]
    const annexTables = last && last.kind === 'appendix' ? n.tables.filter((t) => t.chapterId === last.id).map((t) => squash(input.tables.find((x) => x.id === t.id)?.caption ?? '')) : []
    for (const table of SCHOOL_ANNEX_TABLES) {
      if (annexTables.some((c) => c.includes(table))) continue
      add({
        rule: 'templatePart',
        severity: 'error',
        numbers: [],
        message: `学校质量年报（2024 年版）要求在报告末尾的附件中附“${table}”，${last && last.kind === 'appendix' ? `附件“${last.title}”中没有找到这张表` : '报告末尾没有附件'}。`,
        place: { chapterId: last?.kind === 'appendix' ? last.id : null, label: last?.kind === 'appendix' ? chapterLabel(last) : '报告结构' },
        key: `annex|${table}`,
        order: [-1]
      })
    }
  }

  // Indicators that change by more than the threshold year on year (small counts swing and are left alone).
  for (const ind of input.indicators) {
    const cur = ind.values[String(year)]
    const prev = ind.values[String(year - 1)]
    if (cur === undefined || prev === undefined || prev === 0) continue
    if (Math.max(Math.abs(cur), Math.abs(prev)) < 10 && Number.isInteger(cur) && Number.isInteger(prev)) continue
    const change = ((cur - prev) / Math.abs(prev)) * 100
    if (Math.abs(change) <= input.settings.changeThreshold) continue
    const t = ind.tableId ? tableNo.get(ind.tableId) : undefined
    const unit = ind.unit && ind.unit !== '%' ? ` ${ind.unit}` : ind.unit
    add({
      rule: 'yearChange',
      severity: 'verify',
      numbers: [fmtNum(prev), fmtNum(cur)],
      message: `${ind.name}由 ${year - 1} 年的 ${fmtNum(prev)}${unit} 变为 ${year} 年的 ${fmtNum(cur)}${unit}，${change > 0 ? '增加' : '减少'}了 ${fmt(Math.abs(change), 1)}%，超过 ${input.settings.changeThreshold}%，请核实数据。`,
      place: t ? { chapterId: t.chapterId, label: placeLabel(t.chapterId, null, tableLabelOf(t.id)), nodeId: t.id } : { chapterId: null, label: '数据' },
      key: `${ind.key}|${prev}|${cur}|${input.settings.changeThreshold}`,
      order: t ? orderOf(t.chapterId, [9998]) : [998]
    })
  }

  // Printed values their formula contradicts (kept at import), until one is chosen.
  for (const t of input.tables) {
    const num = tableNo.get(t.id)
    for (const m of t.mismatches) {
      add({
        rule: 'tableValue',
        severity: 'error',
        numbers: [m.printed, m.computed],
        expected: m.computed,
        message: `${tableLabelOf(t.id)}“${t.caption.trim()}”的 ${m.address} 单元格印的是 ${m.printed}，按它的公式计算是 ${m.computed}。`,
        cell: { tableId: t.id, row: m.row, col: m.col, address: m.address, computed: m.computed },
        place: { chapterId: num?.chapterId ?? null, label: placeLabel(num?.chapterId ?? null, null, tableLabelOf(t.id)), nodeId: t.id },
        key: `${t.id}|${m.address}|${m.printed}|${m.computed}`,
        order: orderOf(num?.chapterId ?? null, [9997])
      })
    }
  }

  // What the import of last year's document found in it (numbering, lists): kept until looked at.
  for (const i of input.importIssues) {
    if (i.code === 'TABLE_VALUE_MISMATCH') continue
    add({ rule: 'import', severity: 'hint', numbers: [], message: i.message, place: { chapterId: null, label: `导入报告 › ${i.place}` }, key: `${i.code}|${i.message}`, order: [1000] })
  }

  // Stable ids even when the same finding occurs twice; report order.
  findings.sort((a, b) => compareOrder(a.order, b.order))
  const ids = new Map<string, number>()
  const out: Finding[] = findings.map(({ order: _order, ...f }) => {
    const k = (ids.get(f.id) ?? 0) + 1
    ids.set(f.id, k)
    return k > 1 ? { ...f, id: `${f.id}-${k}` } : f
  })
  return { findings: out, proposals }

  function placeLocal(lf: LocalFinding, p: CheckParagraph, chapterId: string, label: string): Omit<Finding, 'id'> & { key: string; order: number[] } {
    const { from: _f, to: _t, fix, ...rest } = lf
    const fixable = fix && !touchesField(p, fix.from, fix.to)
    return {
      ...rest,
      ...(fix && fixable ? { fix: rangeFix(p, fix.from, fix.to, fix.text) } : {}),
      place: placeOf(chapterId, label, p, sentenceOf(p, lf.from)),
      ...paraRange(p, lf.from, lf.to),
      key: `${lf.numbers.join(',')}|${lf.expected ?? ''}`,
      order: orderOf(chapterId, p.path, lf.from)
    }
  }
}

function placeOf(chapterId: string, label: string, p: CheckParagraph, sentence: string): FindingPlace {
  return { chapterId, label, path: p.path, sentence }
}

function paraRange(p: CheckParagraph, from: number, to: number): { from: number; to: number; words: string } {
  const [a, b] = toParagraphRange(p, from, to)
  return { from: a, to: b, words: p.text.slice(from, to) }
}

function rangeFix(p: CheckParagraph, from: number, to: number, text: string): { from: number; to: number; text: string; was: string } {
  const [a, b] = toParagraphRange(p, from, to)
  return { from: a, to: b, text, was: p.text.slice(from, to) }
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1)
    if (d) return d
  }
  return 0
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, verify: 1, hint: 2 }
export type { RuleId }
