import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { TextSelection } from '@tiptap/pm/state'
import type { BindingProposal, Finding } from '@shared/check/types'
import type { Workspace } from '../panels/types'

/**
 * 体检 in the open chapter's editor: going to a finding's words, fixing them
 * and turning numbers into fields as editor transactions, so Ctrl+Z undoes
 * them like any edit and the chapter is saved the usual way. A place is a
 * path of child indexes to the paragraph and offsets in it (inline atoms
 * count one), exactly ProseMirror's positions inside a textblock.
 */
export interface Place {
  chapterId: string | null
  path?: number[]
  from?: number
  to?: number
  /** What the words read, to find them again if the text moved since the check. */
  words?: string
  nodeId?: string
}

/** The position where the content of the node at `path` starts. */
export function contentStart(doc: PMNode, path: number[]): number | null {
  let node = doc
  let pos = 0
  for (const i of path) {
    if (i < 0 || i >= node.childCount) return null
    for (let k = 0; k < i; k++) pos += node.child(k).nodeSize
    node = node.child(i)
    pos += 1
  }
  return node.isTextblock ? pos : null
}

const ATOM = '\uFFFC'
const textOf = (doc: PMNode, from: number, to: number) => doc.textBetween(from, to, '', ATOM)

/** The words of a place in the document as it is now: where the check saw them, or where they moved. */
export function locate(doc: PMNode, p: Pick<Place, 'path' | 'from' | 'to' | 'words'>): { from: number; to: number } | null {
  if (!p.path || p.from === undefined || p.to === undefined) return null
  const start = contentStart(doc, p.path)
  if (start !== null) {
    const para = doc.resolve(start).parent
    const from = start + p.from
    const to = start + p.to
    if (to <= start + para.content.size) {
      const now = textOf(doc, from, to)
      if (!p.words || now === p.words || now.includes(ATOM)) return { from, to }
    }
  }
  // The text moved since the check: the first paragraph holding the same words.
  if (!p.words) return null
  let found: { from: number; to: number } | null = null
  doc.descendants((node, pos) => {
    if (found) return false
    if (!node.isTextblock) return true
    const text = textOf(doc, pos + 1, pos + 1 + node.content.size)
    const i = text.indexOf(p.words!)
    if (i >= 0) found = { from: pos + 1 + i, to: pos + 1 + i + p.words!.length }
    return false
  })
  return found
}

/** The editor of `chapterId`, once it is on screen (opening a chapter makes a new editor). */
export async function editorFor(workspace: Workspace, chapterId: string, timeoutMs = 4000): Promise<Editor | null> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const e = workspace.editor()
    if (e && !e.isDestroyed && e.view.dom.getAttribute('data-chapter-id') === chapterId) return e
    await new Promise((r) => requestAnimationFrame(() => r(null)))
  }
  return null
}

/** The open chapter's editor, if it is this chapter's. */
export function openEditor(workspace: Workspace, chapterId: string | null): Editor | null {
  const e = workspace.editor()
  return e && chapterId && !e.isDestroyed && e.view.dom.getAttribute('data-chapter-id') === chapterId ? e : null
}

/** Open the chapter and select the words (or go to the table, case or heading). */
export async function goTo(workspace: Workspace, p: Place): Promise<boolean> {
  if (!p.chapterId) return false
  await workspace.openChapter(p.chapterId, p.nodeId)
  if (p.nodeId || !p.path) return true
  const editor = await editorFor(workspace, p.chapterId)
  if (!editor) return false
  const range = locate(editor.state.doc, p)
  if (!range) {
    workspace.notify('info', '没有在本章中找到这处文字，它可能已被修改。')
    return false
  }
  const tr = editor.state.tr.setSelection(TextSelection.create(editor.state.doc, range.from, range.to)).scrollIntoView()
  editor.view.dispatch(tr)
  const dom = editor.view.domAtPos(range.from).node
  const el = dom instanceof HTMLElement ? dom : dom.parentElement
  el?.scrollIntoView({ block: 'center' })
  editor.view.focus()
  return true
}

/** A finding's one-click fix in the editor; false when the words are no longer there. */
export function fixInEditor(editor: Editor, f: Finding): boolean {
  if (!f.fix || !f.place.path) return false
  const range = locate(editor.state.doc, { path: f.place.path, from: f.fix.from, to: f.fix.to, words: f.fix.was })
  if (!range || (f.fix.was !== undefined && textOf(editor.state.doc, range.from, range.to) !== f.fix.was)) return false
  const tr = editor.state.tr.insertText(f.fix.text, range.from, range.to)
  tr.setSelection(TextSelection.create(tr.doc, range.from, range.from + f.fix.text.length)).scrollIntoView()
  editor.view.dispatch(tr)
  // The corrected words stay selected in the text, where Ctrl+Z takes the fix back.
  editor.view.focus()
  return true
}

/** Turn proposals of the open chapter into fields, in one transaction (one Ctrl+Z). Returns how many were bound. */
export function bindInEditor(editor: Editor, proposals: BindingProposal[]): number {
  const type = editor.schema.nodes.dataField
  if (!type) return 0
  const state = editor.state
  const ranges = proposals
    .map((p) => ({ p, r: locate(state.doc, { path: p.path, from: p.from, to: p.to, words: p.text }) }))
    .filter((x): x is { p: BindingProposal; r: { from: number; to: number } } => x.r !== null && textOf(state.doc, x.r.from, x.r.to) === x.p.text)
    .sort((a, b) => b.r.from - a.r.from)
  const tr = state.tr
  let last = Infinity
  let bound = 0
  for (const { p, r } of ranges) {
    if (r.to > last) continue
    const marks = state.doc.resolve(r.from + 1).marks()
    tr.replaceWith(r.from, r.to, type.create({ ref: p.ref, format: p.format }, null, marks))
    last = r.from
    bound++
  }
  if (bound) editor.view.dispatch(tr)
  return bound
}
