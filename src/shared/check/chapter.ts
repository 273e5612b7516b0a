import type { DocNode } from '../model/doc'
import { analyseParagraph, type ParagraphAnalysis, type PreviousValue } from './claims'
import { proposeBindings, valuesStated, type LocalProposal } from './bind'
import { matchName } from './names'
import { readChapter, toParagraphRange, type ChapterText, type FieldText } from './paragraphs'
import { fieldNode, type ParagraphEdit } from './edit'
import type { DataValue } from './types'

/**
 * One chapter's part of 体检: its paragraphs read and analysed, and the
 * numbers that could become fields. It depends only on the chapter's
 * document and the report's data, so main keeps it per chapter and computes
 * it again only when the chapter (its version) or the data changed.
 */
export interface ChapterEnv {
  year: number
  region: string
  /** Cases speak of one school: in a city or province report their figures are not the report's own. */
  level: 'city' | 'province' | 'school'
  fieldText: FieldText
  values: DataValue[]
}

export interface ChapterCheck {
  chapterId: string
  text: ChapterText
  /** Index-aligned with text.paragraphs. */
  analyses: ParagraphAnalysis[]
  proposals: (LocalProposal & { para: number })[]
}

/** Last year's figure of what the words name, from the data: only when this year's figure is the data's (the same thing is meant). */
export function previousFromData(env: Pick<ChapterEnv, 'values' | 'region'>): PreviousValue {
  return (subject, current, yearsBack) => {
    for (const dv of valuesStated(env.values, current)) {
      if (!dv.indicator || matchName(subject, dv.name, env.region) !== 'strong') continue
      const prev = env.values.find((x) => x.indicator === dv.indicator && x.year === dv.year - yearsBack)
      if (!prev) continue
      const scale = /^万/.test(dv.unit) ? 1e4 : /^亿/.test(dv.unit) ? 1e8 : 1
      // In base units, as the sentence's figures are (11.87 万人 → 118700, known to the hundred).
      return { value: prev.value * scale, decimals: decimalsOf(prev.value) - Math.round(Math.log10(scale)) }
    }
    return null
  }
}

function decimalsOf(v: number): number {
  const s = String(Number(v.toPrecision(12)))
  const i = s.indexOf('.')
  return i < 0 ? 0 : s.length - i - 1
}

/** Paragraph analyses by text, kept while the data stays the same: a save re-reads only the paragraphs that changed. */
export type ParagraphMemo = Map<string, { analysis: ParagraphAnalysis; proposals: LocalProposal[] }>

export function checkChapter(chapterId: string, doc: DocNode, env: ChapterEnv, memo?: ParagraphMemo): ChapterCheck {
  const text = readChapter(doc, env.fieldText)
  const previous = previousFromData(env)
  const analyses: ParagraphAnalysis[] = []
  const proposals: (LocalProposal & { para: number })[] = []
  text.paragraphs.forEach((p, i) => {
    const bindHere = !p.caseId || env.level === 'school'
    const key = `${bindHere ? 1 : 0}${p.fields.map(([a, b]) => `${a}-${b}`).join(',')}\u0000${p.text}`
    let kept = memo?.get(key)
    if (!kept) {
      const analysis = analyseParagraph(p.text, { previous, year: env.year })
      kept = { analysis, proposals: bindHere ? proposeBindings(p, analysis, { year: env.year, region: env.region, values: env.values }) : [] }
      memo?.set(key, kept)
    }
    analyses.push(kept.analysis)
    for (const x of kept.proposals) proposals.push({ ...x, para: i })
  })
  return { chapterId, text, analyses, proposals }
}

/** The edits that turn a chapter's proposals into fields (`which`: e.g. only the sure ones, as an import binds). */
export function proposalEdits(check: ChapterCheck, which: (p: LocalProposal) => boolean = () => true): ParagraphEdit[] {
  return check.proposals.filter(which).map((pr) => {
    const p = check.text.paragraphs[pr.para]
    const [from, to] = toParagraphRange(p, pr.from, pr.to)
    return { path: p.path, from, to, was: pr.text, insert: fieldNode(pr.ref, pr.format) }
  })
}
