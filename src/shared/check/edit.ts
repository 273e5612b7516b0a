import type { DocMark, DocNode } from '../model/doc'

/**
 * Changing the words of one paragraph of a stored chapter document, as a
 * one-click fix or a binding does: [from, to) in the paragraph's offsets
 * (an inline atom counts one) is replaced by text or by an inline node.
 * The words there must still read `was` (they are checked against what the
 * check saw), and only text may be replaced. Returns a new document, or
 * null when the paragraph changed since.
 */
export interface ParagraphEdit {
  path: number[]
  from: number
  to: number
  was: string
  /** New text, or an inline node (a dataField). It takes the marks of the first character it replaces. */
  insert: string | DocNode
}

function nodeAt(doc: DocNode, path: number[]): DocNode | null {
  let n: DocNode | undefined = doc
  for (const i of path) {
    n = n?.content?.[i]
    if (!n) return null
  }
  return n
}

function withNodeAt(doc: DocNode, path: number[], replace: (n: DocNode) => DocNode): DocNode {
  if (path.length === 0) return replace(doc)
  const [i, ...rest] = path
  const content = [...(doc.content ?? [])]
  content[i] = withNodeAt(content[i], rest, replace)
  return { ...doc, content }
}

/** The paragraph's text with inline atoms as U+FFFC, and the text of [from, to). */
export function wordsAt(doc: DocNode, path: number[], from: number, to: number): string | null {
  const p = nodeAt(doc, path)
  if (!p || !p.content) return null
  const s = p.content.map((c) => (c.type === 'text' ? (c.text ?? '') : '\uFFFC')).join('')
  if (from < 0 || to > s.length || from > to) return null
  return s.slice(from, to)
}

function sameMarks(a?: DocMark[], b?: DocMark[]): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? [])
}

function replaceInline(children: DocNode[], from: number, to: number, insert: string | DocNode): DocNode[] {
  const out: DocNode[] = []
  let offset = 0
  let inserted = false
  let marks: DocMark[] | undefined
  const push = (n: DocNode) => {
    if (n.type === 'text' && !n.text) return
    const prev = out[out.length - 1]
    if (prev && prev.type === 'text' && n.type === 'text' && sameMarks(prev.marks, n.marks)) out[out.length - 1] = { ...prev, text: (prev.text ?? '') + (n.text ?? '') }
    else out.push(n)
  }
  const put = () => {
    if (inserted) return
    inserted = true
    if (typeof insert === 'string') push({ type: 'text', text: insert, ...(marks?.length ? { marks } : {}) })
    else push({ ...insert, ...(marks?.length ? { marks } : {}) })
  }
  for (const c of children) {
    const len = c.type === 'text' ? (c.text ?? '').length : 1
    const start = offset
    const end = offset + len
    offset = end
    if (end <= from || start >= to) {
      if (start >= to) put()
      push(c)
      continue
    }
    // c overlaps [from, to): only text is replaced.
    const t = c.text ?? ''
    if (marks === undefined) marks = c.marks
    if (start < from) push({ ...c, text: t.slice(0, from - start) })
    put()
    if (end > to) push({ ...c, text: t.slice(to - start) })
  }
  put()
  return out
}

/** Apply what still fits; edits whose words changed (or overlap an earlier one) are returned as failed. */
export function applyEdits(doc: DocNode, edits: ParagraphEdit[]): { doc: DocNode; applied: ParagraphEdit[]; failed: ParagraphEdit[] } {
  // Later positions first, so earlier offsets stay valid.
  const sorted = [...edits].sort((a, b) => {
    const pa = a.path.join('.')
    const pb = b.path.join('.')
    return pa === pb ? b.from - a.from : pa < pb ? -1 : 1
  })
  let out = doc
  const applied: ParagraphEdit[] = []
  const failed: ParagraphEdit[] = []
  for (const e of sorted) {
    const overlaps = applied.some((x) => x.path.join('.') === e.path.join('.') && e.from < x.to && e.to > x.from)
    const words = overlaps ? null : wordsAt(out, e.path, e.from, e.to)
    if (words === null || words !== e.was || words.includes('\uFFFC') || e.from === e.to) {
      failed.push(e)
      continue
    }
    out = withNodeAt(out, e.path, (p) => ({ ...p, content: replaceInline(p.content ?? [], e.from, e.to, e.insert) }))
    applied.push(e)
  }
  return { doc: out, applied, failed }
}

/** All edits or none: null when any of them no longer fits. */
export function editParagraphs(doc: DocNode, edits: ParagraphEdit[]): DocNode | null {
  const r = applyEdits(doc, edits)
  return r.failed.length ? null : r.doc
}

/** The dataField node a binding inserts. */
export function fieldNode(ref: string, format: string): DocNode {
  return { type: 'dataField', attrs: { ref, format } }
}
