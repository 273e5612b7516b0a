import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

export interface Match {
  from: number
  to: number
}

export interface FindState {
  query: string
  matchCase: boolean
  matches: Match[]
  /** Index of the current match, -1 if none. */
  current: number
  decorations: DecorationSet
}

export const findKey = new PluginKey<FindState>('find')

const EMPTY: FindState = { query: '', matchCase: false, matches: [], current: -1, decorations: DecorationSet.empty }

type FindMeta = { query: string; matchCase: boolean } | { current: number }

/** Every occurrence of `query` in the document, within one text line (as the stored-chapter search does). */
export function findMatches(doc: PMNode, query: string, matchCase: boolean): Match[] {
  const out: Match[] = []
  if (!query) return out
  const q = matchCase ? query : query.toLowerCase()
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    // Text characters and inline atoms each take one position, so a character index is an offset.
    let text = ''
    node.forEach((child) => {
      text += child.isText ? child.text! : '\uFFFC'
    })
    const hay = matchCase ? text : text.toLowerCase()
    let i = hay.indexOf(q)
    while (i >= 0) {
      out.push({ from: pos + 1 + i, to: pos + 1 + i + q.length })
      i = hay.indexOf(q, i + q.length)
    }
    return false
  })
  return out
}

function decorate(doc: PMNode, matches: Match[], current: number): DecorationSet {
  if (!matches.length) return DecorationSet.empty
  return DecorationSet.create(
    doc,
    matches.map((m, i) => Decoration.inline(m.from, m.to, { class: i === current ? 'find-match find-current' : 'find-match' }))
  )
}

function nearest(matches: Match[], pos: number): number {
  if (!matches.length) return -1
  const i = matches.findIndex((m) => m.from >= pos)
  return i < 0 ? 0 : i
}

/** The plugin that keeps the matches of 查找 in the open chapter and draws them; the find bar drives it through the functions below. */
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => EMPTY,
      apply(tr, old, _o, state) {
        const meta = tr.getMeta(findKey) as FindMeta | undefined
        if (meta && 'query' in meta) {
          const matches = findMatches(state.doc, meta.query, meta.matchCase)
          const current = nearest(matches, state.selection.from)
          return { query: meta.query, matchCase: meta.matchCase, matches, current, decorations: decorate(state.doc, matches, current) }
        }
        if (meta && 'current' in meta) return { ...old, current: meta.current, decorations: decorate(state.doc, old.matches, meta.current) }
        if (tr.docChanged && old.query) {
          const matches = findMatches(state.doc, old.query, old.matchCase)
          const current = Math.min(old.current, matches.length - 1)
          return { ...old, matches, current, decorations: decorate(state.doc, matches, current) }
        }
        return old
      }
    },
    props: {
      decorations: (state) => findKey.getState(state)?.decorations
    }
  })
}

/** Highlights of 查找 in the open chapter, as a tiptap extension. */
export const FindHighlight = Extension.create({
  name: 'findHighlight',
  addProseMirrorPlugins() {
    return [findPlugin()]
  }
})

export function setFind(state: EditorState, query: string, matchCase: boolean): Transaction {
  return state.tr.setMeta(findKey, { query, matchCase } satisfies FindMeta).setMeta('addToHistory', false)
}

/** Select the next (1) or previous (-1) match, wrapping around. */
export function gotoMatch(state: EditorState, dir: 1 | -1): Transaction | null {
  const f = findKey.getState(state)
  if (!f || !f.matches.length) return null
  let i: number
  if (f.current < 0) i = nearest(f.matches, state.selection.from)
  else {
    const sel = state.selection
    const onCurrent = f.matches[f.current] && sel.from === f.matches[f.current].from && sel.to === f.matches[f.current].to
    i = onCurrent ? (f.current + dir + f.matches.length) % f.matches.length : f.current
  }
  const m = f.matches[i]
  return state.tr
    .setMeta(findKey, { current: i } satisfies FindMeta)
    .setSelection(TextSelection.create(state.doc, m.from, m.to))
    .scrollIntoView()
}

/** Whether the next step in `dir` would wrap around the chapter (or there is nothing here): 查找 then goes on in another chapter. */
export function stepLeavesChapter(state: EditorState, dir: 1 | -1): boolean {
  const f = findKey.getState(state)
  if (!f || !f.matches.length) return true
  if (f.current < 0) return false
  const m = f.matches[f.current]
  const onCurrent = !!m && state.selection.from === m.from && state.selection.to === m.to
  if (!onCurrent) return false
  return dir === 1 ? f.current === f.matches.length - 1 : f.current === 0
}

/** Select the first (0) or last (-1) match, e.g. on arriving in a chapter from the find bar. */
export function selectEdgeMatch(state: EditorState, which: 0 | -1): Transaction | null {
  const f = findKey.getState(state)
  if (!f || !f.matches.length) return null
  const i = which === 0 ? 0 : f.matches.length - 1
  const m = f.matches[i]
  return state.tr
    .setMeta(findKey, { current: i } satisfies FindMeta)
    .setSelection(TextSelection.create(state.doc, m.from, m.to))
    .scrollIntoView()
}

/** Replace the current match and move to the next one. */
export function replaceCurrent(state: EditorState, replacement: string): Transaction | null {
  const f = findKey.getState(state)
  if (!f || f.current < 0 || !f.matches[f.current]) return null
  const m = f.matches[f.current]
  const tr = state.tr.insertText(replacement, m.from, m.to)
  const after = tr.mapping.map(m.to)
  tr.setSelection(TextSelection.create(tr.doc, after))
  return tr
}

/** Replace every match of the open chapter in one step (one undo). */
export function replaceAllMatches(state: EditorState, replacement: string): { tr: Transaction; count: number } | null {
  const f = findKey.getState(state)
  if (!f || !f.matches.length) return null
  const tr = state.tr
  for (let i = f.matches.length - 1; i >= 0; i--) {
    const m = f.matches[i]
    if (replacement) tr.insertText(replacement, m.from, m.to)
    else tr.delete(m.from, m.to)
  }
  return { tr, count: f.matches.length }
}
