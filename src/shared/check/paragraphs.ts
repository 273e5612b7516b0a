import type { DocNode } from '../model/doc'
import { textOf } from '../model/doc'
import { countWords } from '../model/wordCount'

/**
 * A chapter document read the way 体检 reads it: its paragraphs as text
 * (a quoted figure reads as its value, so a sentence with live fields is
 * checked as it reads), each with its place, and what the structure rules
 * need (headings, cases, references). Offsets into the text map back to
 * the paragraph's own positions, where an inline atom counts one.
 */
export interface CheckParagraph {
  /** Child indexes from the chapter's root to this paragraph. */
  path: number[]
  text: string
  /** For each character of `text` (and one past the end), its offset in the paragraph (inline atoms count one). */
  offsets: number[]
  /** Spans of `text` that a quoted figure (dataField) shows: not text one can replace. */
  fields: [number, number][]
  /** References in `text` (each a U+FFFC), to show the sentence as it reads ("见表 1-2"). */
  refsAt: { at: number; target: string; id: string | null }[]
  /** The heading the paragraph is under (its id), null before the first. */
  headingId: string | null
  /** The case it is in, if any. */
  caseId: string | null
  /** Carried over from last year's report and not yet edited. */
  draft: boolean
}

export interface CheckHeading {
  id: string
  level: number
  text: string
  /** Index among the chapter's top-level blocks. */
  index: number
  /** Something is written under it before the next heading (text, a table, a figure, a case). */
  hasContent: boolean
}

export interface CheckCase {
  id: string
  title: string
  headingId: string | null
  /** Characters counted as 字 (the word count of the editor). */
  words: number
  photos: number
  path: number[]
}

export interface CheckRef {
  target: string
  id: string | null
  path: number[]
  /** Offset in the paragraph. */
  offset: number
  headingId: string | null
}

export interface ChapterText {
  paragraphs: CheckParagraph[]
  headings: CheckHeading[]
  cases: CheckCase[]
  refs: CheckRef[]
  /** Content before the first heading. */
  leadHasContent: boolean
}

export type FieldText = (ref: string, format: string | null) => string

const REF_CHAR = '\uFFFC'

/** Paragraph text with fields expanded, and the map back to paragraph offsets. */
export function paragraphText(node: DocNode, fieldText: FieldText): Pick<CheckParagraph, 'text' | 'offsets' | 'fields' | 'refsAt'> {
  let text = ''
  const offsets: number[] = []
  const fields: [number, number][] = []
  const refsAt: CheckParagraph['refsAt'] = []
  let at = 0
  for (const c of node.content ?? []) {
    if (c.type === 'text') {
      const t = c.text ?? ''
      for (let i = 0; i < t.length; i++) offsets.push(at + i)
      text += t
      at += t.length
    } else if (c.type === 'dataField') {
      const shown = fieldText(String(c.attrs?.ref ?? ''), (c.attrs?.format as string | null) ?? null)
      const start = text.length
      for (let i = 0; i < shown.length; i++) offsets.push(at)
      text += shown
      if (shown.length) fields.push([start, text.length])
      at += 1
    } else {
      if (c.type === 'crossRef') refsAt.push({ at: text.length, target: String(c.attrs?.target ?? 'table'), id: typeof c.attrs?.id === 'string' ? c.attrs.id : null })
      offsets.push(at)
      text += c.type === 'hardBreak' ? '\n' : REF_CHAR
      at += 1
    }
  }
  offsets.push(at)
  return { text, offsets, fields, refsAt }
}

/** A span of the expanded text as paragraph offsets [from, to). */
export function toParagraphRange(p: Pick<CheckParagraph, 'offsets'>, from: number, to: number): [number, number] {
  const a = p.offsets[Math.max(0, Math.min(from, p.offsets.length - 1))]
  const b = to > from ? p.offsets[Math.min(to - 1, p.offsets.length - 1)] + 1 : a
  return [a, b]
}

/** Does [from, to) of the expanded text touch a quoted figure? */
export function touchesField(p: Pick<CheckParagraph, 'fields'>, from: number, to: number): boolean {
  return p.fields.some(([a, b]) => from < b && to > a)
}

function hasText(n: DocNode): boolean {
  return textOf(n).trim().length > 0 || (n.content ?? []).some((c) => c.type === 'dataField' || c.type === 'crossRef')
}

function blockHasContent(n: DocNode): boolean {
  if (n.type === 'paragraph') return hasText(n)
  if (n.type === 'heading') return false
  return true
}

export function readChapter(doc: DocNode, fieldText: FieldText): ChapterText {
  const out: ChapterText = { paragraphs: [], headings: [], cases: [], refs: [], leadHasContent: false }
  let headingId: string | null = null
  let current: CheckHeading | null = null

  const visit = (n: DocNode, path: number[], caseId: string | null, inTable: boolean) => {
    if (n.type === 'paragraph') {
      if (!inTable) {
        const t = paragraphText(n, fieldText)
        if (t.text.trim()) out.paragraphs.push({ path, ...t, headingId, caseId, draft: n.attrs?.draft === true })
      }
    }
    if (n.type === 'paragraph' || n.type === 'caseTitle' || n.type === 'photo' || n.type === 'heading') {
      let offset = 0
      for (const c of n.content ?? []) {
        if (c.type === 'crossRef') out.refs.push({ target: String(c.attrs?.target ?? 'table'), id: typeof c.attrs?.id === 'string' ? c.attrs.id : null, path, offset, headingId })
        offset += c.type === 'text' ? (c.text ?? '').length : 1
      }
      return
    }
    const table = inTable || n.type === 'table'
    ;(n.content ?? []).forEach((c, i) => visit(c, [...path, i], caseId, table))
  }

  ;(doc.content ?? []).forEach((block, index) => {
    if (block.type === 'heading') {
      headingId = typeof block.attrs?.id === 'string' ? block.attrs.id : null
      current = { id: headingId ?? '', level: Number(block.attrs?.level ?? 2), text: textOf(block).trim(), index, hasContent: false }
      out.headings.push(current)
      visit(block, [index], null, false)
      return
    }
    const content = blockHasContent(block)
    if (content) {
      if (current) current.hasContent = true
      else out.leadHasContent = true
    }
    if (block.type === 'caseStudy') {
      const id = typeof block.attrs?.id === 'string' ? block.attrs.id : ''
      const title = block.content?.find((c) => c.type === 'caseTitle')
      let photos = 0
      const body: string[] = []
      // The case's own words: its body, not its title or the photo captions.
      const walkCase = (n: DocNode) => {
        if (n.type === 'photo') {
          if (typeof n.attrs?.asset === 'string' && n.attrs.asset) photos++
          return
        }
        if (n.type === 'caseTitle') return
        if (n.type === 'text') body.push(n.text ?? '')
        for (const c of n.content ?? []) walkCase(c)
      }
      walkCase(block)
      out.cases.push({ id, title: title ? textOf(title).trim() : '', headingId, words: countWords(body.join('')), photos, path: [index] })
      visit(block, [index], id, false)
      return
    }
    visit(block, [index], null, false)
  })
  return out
}
