import type { Node as PMNode } from '@tiptap/pm/model'
import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { stripHeadingNumber } from '@shared/model/numbering'
import { countWords } from '@shared/model/wordCount'

/**
 * Sections are headings with everything up to the next heading of the same
 * or a higher level. Headings sit at the top level of a chapter, so a
 * section is a run of top-level blocks; moving or deleting one moves or
 * deletes its whole content, subsections included.
 */
export interface SectionRange {
  id: string
  level: number
  /** Position of the heading. */
  from: number
  /** End of the section's last block. */
  to: number
  heading: PMNode
}

interface TopBlock {
  node: PMNode
  pos: number
}

function topBlocks(doc: PMNode): TopBlock[] {
  const out: TopBlock[] = []
  doc.forEach((node, pos) => out.push({ node, pos }))
  return out
}

const levelOf = (n: PMNode) => Number(n.attrs.level)

export function sectionRange(doc: PMNode, headingId: string): SectionRange | null {
  const blocks = topBlocks(doc)
  const i = blocks.findIndex((b) => b.node.type.name === 'heading' && b.node.attrs.id === headingId)
  if (i < 0) return null
  const heading = blocks[i].node
  const level = levelOf(heading)
  let j = i + 1
  while (j < blocks.length && !(blocks[j].node.type.name === 'heading' && levelOf(blocks[j].node) <= level)) j++
  return { id: headingId, level, from: blocks[i].pos, to: j < blocks.length ? blocks[j].pos : doc.content.size, heading }
}

/** The section of the same level just before or after, within the same parent section. */
export function siblingSection(doc: PMNode, headingId: string, dir: -1 | 1): SectionRange | null {
  const self = sectionRange(doc, headingId)
  if (!self) return null
  if (dir === 1) {
    const next = doc.resolve(self.to).nodeAfter
    if (next?.type.name === 'heading' && levelOf(next) === self.level) return sectionRange(doc, String(next.attrs.id))
    return null
  }
  const blocks = topBlocks(doc)
  const i = blocks.findIndex((b) => b.pos === self.from)
  for (let k = i - 1; k >= 0; k--) {
    const n = blocks[k].node
    if (n.type.name !== 'heading') continue
    if (levelOf(n) < self.level) return null
    if (levelOf(n) === self.level) return sectionRange(doc, String(n.attrs.id))
  }
  return null
}

/** What a section holds, for the confirmation before deleting it. */
export function sectionContent(doc: PMNode, r: SectionRange): { words: number; subsections: number; cases: number; tables: number; photos: number } {
  let words = 0
  let subsections = 0
  let cases = 0
  let tables = 0
  let photos = 0
  doc.nodesBetween(r.from, r.to, (n, pos) => {
    if (pos === r.from) return true
    if (n.type.name === 'heading') subsections++
    else if (n.type.name === 'caseStudy') cases++
    else if (n.type.name === 'table' || n.type.name === 'reportTable') tables++
    else if (n.type.name === 'photo') photos++
    if (n.isText) words += countWords(n.text ?? '')
    return true
  })
  return { words, subsections, cases, tables, photos }
}

/** Move a section (with its content) before or after another one. Null if that makes no sense (into itself). */
export function moveSection(state: EditorState, headingId: string, targetId: string, where: 'before' | 'after'): Transaction | null {
  const doc = state.doc
  const src = sectionRange(doc, headingId)
  const target = sectionRange(doc, targetId)
  if (!src || !target || headingId === targetId) return null
  const at = where === 'before' ? target.from : target.to
  if (at > src.from && at < src.to) return null
  if (at === src.from || at === src.to) return null
  const slice = doc.slice(src.from, src.to)
  const tr = state.tr
  if (at > src.to) {
    tr.insert(at, slice.content)
    tr.delete(src.from, src.to)
  } else {
    tr.delete(src.from, src.to)
    tr.insert(at, slice.content)
  }
  const headingPos = at > src.to ? at - (src.to - src.from) : at
  tr.setSelection(TextSelection.create(tr.doc, headingPos + 1))
  return tr.scrollIntoView()
}

/** Swap a section with its sibling above (-1) or below (1). */
export function moveSectionBy(state: EditorState, headingId: string, dir: -1 | 1): Transaction | null {
  const sib = siblingSection(state.doc, headingId, dir)
  if (!sib) return null
  return moveSection(state, headingId, sib.id, dir === -1 ? 'before' : 'after')
}

export function deleteSection(state: EditorState, headingId: string): Transaction | null {
  const r = sectionRange(state.doc, headingId)
  if (!r) return null
  const tr = state.tr
  if (r.from === 0 && r.to === state.doc.content.size) tr.replaceWith(0, r.to, state.schema.nodes.paragraph.create())
  else tr.delete(r.from, r.to)
  const pos = Math.min(r.from, tr.doc.content.size)
  tr.setSelection(TextSelection.near(tr.doc.resolve(pos)))
  return tr.scrollIntoView()
}

/**
 * Add a section with a title and an empty paragraph: a sibling after
 * `afterId`'s section, a subsection at the end of `afterId`'s section
 * (`child`), or at the end of the chapter (afterId null).
 */
export function addSection(state: EditorState, title: string, afterId: string | null, child: boolean): Transaction | null {
  const { schema, doc } = state
  let level = 2
  let at = doc.content.size
  if (afterId) {
    const r = sectionRange(doc, afterId)
    if (!r) return null
    level = Math.min(4, child ? r.level + 1 : r.level)
    at = r.to
  }
  // A chapter that is only an empty paragraph gets the section in its place.
  const onlyEmpty = doc.childCount === 1 && doc.firstChild!.type.name === 'paragraph' && doc.firstChild!.content.size === 0
  const text = stripHeadingNumber(title).trim() || title.trim()
  const heading = schema.nodes.heading.create({ level, id: null }, text ? schema.text(text) : null)
  const tr = state.tr
  if (onlyEmpty) {
    tr.replaceWith(0, doc.content.size, [heading, schema.nodes.paragraph.create()])
    at = 0
  } else {
    tr.insert(at, [heading, schema.nodes.paragraph.create()])
  }
  tr.setSelection(TextSelection.create(tr.doc, at + heading.nodeSize + 1))
  return tr.scrollIntoView()
}

export function renameSection(state: EditorState, headingId: string, title: string): Transaction | null {
  const r = sectionRange(state.doc, headingId)
  const text = stripHeadingNumber(title).trim() || title.trim()
  if (!r || !text) return null
  return state.tr.replaceWith(r.from + 1, r.from + 1 + r.heading.content.size, state.schema.text(text))
}
