import type { DocNode } from './doc'

/**
 * Find and replace over stored chapter documents (main: 全文替换 in
 * chapters that are not open). Text is matched within one text line
 * (paragraph, heading, case title, photo caption, table cell paragraph),
 * across bold/italic runs, never across an inline field or a line break.
 */
export interface SearchOptions {
  matchCase?: boolean
}

export interface Snippet {
  before: string
  match: string
  after: string
}

const BREAK = '\uFFFC'

function isTextLine(n: DocNode): boolean {
  return !!n.content?.some((c) => c.type === 'text')
}

function lineText(n: DocNode): string {
  return (n.content ?? []).map((c) => (c.type === 'text' ? (c.text ?? '') : BREAK)).join('')
}

function indexesOf(haystack: string, needle: string, matchCase: boolean): number[] {
  if (!needle) return []
  const h = matchCase ? haystack : haystack.toLowerCase()
  const q = matchCase ? needle : needle.toLowerCase()
  const out: number[] = []
  let i = h.indexOf(q)
  while (i >= 0) {
    out.push(i)
    i = h.indexOf(q, i + q.length)
  }
  return out
}

function eachLine(doc: DocNode, visit: (line: DocNode) => void): void {
  const go = (n: DocNode) => {
    if (isTextLine(n)) visit(n)
    else n.content?.forEach(go)
  }
  go(doc)
}

/** How often `query` occurs, with a few snippets to show. */
export function findInDoc(doc: DocNode, query: string, opts: SearchOptions = {}, maxSnippets = 5): { count: number; snippets: Snippet[] } {
  let count = 0
  const snippets: Snippet[] = []
  if (!query) return { count, snippets }
  eachLine(doc, (line) => {
    const text = lineText(line)
    for (const i of indexesOf(text, query, !!opts.matchCase)) {
      count++
      if (snippets.length < maxSnippets) {
        const clean = (s: string) => s.replaceAll(BREAK, '…')
        snippets.push({ before: clean(text.slice(Math.max(0, i - 16), i)), match: text.slice(i, i + query.length), after: clean(text.slice(i + query.length, i + query.length + 16)) })
      }
    }
  })
  return { count, snippets }
}

/**
 * Replace every occurrence; returns a new document (the input is not
 * changed) and the number of replacements. The replacement takes the marks
 * of the first character it replaces.
 */
export function replaceInDoc(doc: DocNode, query: string, replacement: string, opts: SearchOptions = {}): { doc: DocNode; count: number } {
  let count = 0
  if (!query) return { doc, count }
  const go = (n: DocNode): DocNode => {
    if (isTextLine(n)) {
      const hits = indexesOf(lineText(n), query, !!opts.matchCase)
      if (!hits.length) return n
      count += hits.length
      return { ...n, content: replaceInLine(n.content ?? [], hits, query.length, replacement) }
    }
    if (!n.content) return n
    let changed = false
    const content = n.content.map((c) => {
      const r = go(c)
      if (r !== c) changed = true
      return r
    })
    return changed ? { ...n, content } : n
  }
  const out = go(doc)
  return { doc: out, count }
}

function replaceInLine(children: DocNode[], hits: number[], length: number, replacement: string): DocNode[] {
  // Character offset where each child starts (inline atoms take one place).
  const out: DocNode[] = []
  let offset = 0
  let h = 0
  const push = (node: DocNode) => {
    const prev = out[out.length - 1]
    if (node.type === 'text' && !node.text) return
    if (prev && prev.type === 'text' && node.type === 'text' && JSON.stringify(prev.marks ?? []) === JSON.stringify(node.marks ?? [])) {
      out[out.length - 1] = { ...prev, text: (prev.text ?? '') + (node.text ?? '') }
    } else out.push(node)
  }
  for (const child of children) {
    const len = child.type === 'text' ? (child.text ?? '').length : 1
    if (child.type !== 'text') {
      push(child)
      offset += len
      continue
    }
    const text = child.text ?? ''
    let cut = 0
    while (h < hits.length && hits[h] < offset + len) {
      const start = hits[h]
      const end = start + length
      if (start >= offset) {
        push({ ...child, text: text.slice(cut, start - offset) })
        push({ ...child, text: replacement })
        cut = start - offset
      }
      // The match may continue into the next runs: skip its characters here.
      const skipTo = Math.min(end - offset, len)
      cut = Math.max(cut, skipTo)
      if (end <= offset + len) h++
      else break
    }
    push({ ...child, text: text.slice(cut) })
    offset += len
  }
  return out
}
