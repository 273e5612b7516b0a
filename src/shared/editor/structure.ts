import type { Node as PMNode } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import { AddMarkStep, RemoveMarkStep, ReplaceStep } from '@tiptap/pm/transform'
import type { ChapterSummary } from '@shared/model/summary'
import { countWords } from '@shared/model/wordCount'

/** A numbered node of the open chapter and where it is. */
export interface Located {
  pos: number
  node: PMNode
}

/** The numbered parts of a chapter document, in order. */
export interface ChapterStructure {
  headings: Located[]
  cases: Located[]
  tables: Located[]
  figures: Located[]
  /** Photos (not numbered; listed for caption hints). */
  photos: Located[]
  /** Changes only when numbering can change (a numbered node added, removed, moved or re-levelled). */
  signature: string
}

/**
 * Headings and cases only sit at the top level of a chapter; tables and
 * figures at the top level or inside a case. So a scan visits the top-level
 * blocks and the blocks of each case — a few hundred nodes even in a long
 * chapter — instead of every character.
 */
export function scanStructure(doc: PMNode): ChapterStructure {
  const s: ChapterStructure = { headings: [], cases: [], tables: [], figures: [], photos: [], signature: '' }
  const sig: string[] = []
  const visit = (node: PMNode, pos: number) => {
    switch (node.type.name) {
      case 'heading':
        s.headings.push({ pos, node })
        sig.push(`h${node.attrs.level}:${node.attrs.id}`)
        break
      case 'caseStudy':
        s.cases.push({ pos, node })
        sig.push(`c:${node.attrs.id}`)
        node.forEach((child, offset) => visit(child, pos + 1 + offset))
        break
      case 'reportTable':
        s.tables.push({ pos, node })
        sig.push(`t:${node.attrs.id}`)
        break
      case 'figure':
        s.figures.push({ pos, node })
        sig.push(`f:${node.attrs.id}`)
        break
      case 'photo':
        s.photos.push({ pos, node })
        break
    }
  }
  doc.forEach((node, offset) => visit(node, offset))
  s.signature = sig.join('|')
  return s
}

const cache = new WeakMap<PMNode, ChapterStructure>()

/** The structure of a document, computed once per document version. */
export function structureOf(doc: PMNode): ChapterStructure {
  let s = cache.get(doc)
  if (!s) {
    s = scanStructure(doc)
    cache.set(doc, s)
  }
  return s
}

/**
 * True when a transaction only changes text inside single text blocks
 * (typing, deleting characters, marks): no block was added, removed, moved or
 * changed, so the numbered structure is the same, only shifted. The textblocks
 * touched are reported to `touched`.
 */
export function isTextOnly(tr: Transaction, touched?: (block: PMNode) => void): boolean {
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) continue
    if (!(step instanceof ReplaceStep)) return false
    const { slice } = step
    if (slice.openStart !== 0 || slice.openEnd !== 0) return false
    for (let c = 0; c < slice.content.childCount; c++) if (!slice.content.child(c).isInline) return false
    const before = tr.docs[i]
    const from = (step as unknown as { from: number }).from
    const to = (step as unknown as { to: number }).to
    const $from = before.resolve(from)
    if (!$from.parent.isTextblock || to > $from.end()) return false
    touched?.($from.parent)
  }
  return true
}

/** The chapter's summary as the outline and the case list need it, read from the live document. */
export function liveSummary(doc: PMNode, structure: ChapterStructure = structureOf(doc), words?: number): ChapterSummary {
  const assets: string[] = []
  doc.descendants((n) => {
    if (n.type.name === 'photo' && typeof n.attrs.asset === 'string') assets.push(n.attrs.asset)
    return !n.isTextblock
  })
  return {
    headings: structure.headings.map(({ node }) => ({ id: String(node.attrs.id ?? ''), level: Number(node.attrs.level), text: node.textContent.trim() })),
    cases: structure.cases.map(({ node }) => ({
      id: String(node.attrs.id ?? ''),
      title: node.firstChild?.type.name === 'caseTitle' ? node.firstChild.textContent.trim() : '',
      school: String(node.attrs.school ?? '')
    })),
    tables: structure.tables.map(({ node }) => String(node.attrs.id ?? '')),
    figures: structure.figures.map(({ node }) => String(node.attrs.id ?? '')),
    assets,
    words: words ?? countWords(doc.textContent)
  }
}
