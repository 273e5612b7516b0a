import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { caseLabel, numberSections } from '@shared/model/numbering'
import { isTextOnly, structureOf, type ChapterStructure } from '@shared/editor/structure'
import type { NumberingContext } from './store'

export interface NumberingState {
  decorations: DecorationSet
  /** Changes only when numbering can change; the structure itself: structureOf(state.doc). */
  signature: string
  /** Heading id → its number as drawn ("3.2.1"), for copying a heading with its number. */
  headingNumbers: Map<string, string>
  context: NumberingContext
}

export const numberingKey = new PluginKey<NumberingState>('numbering')

/** Meta flag: the chapter's place in the report changed, redraw every number. */
export const RENUMBER = 'renumber'

function compute(structure: ChapterStructure, state: EditorState, ctx: NumberingContext): NumberingState {
  const decos: Decoration[] = []
  const headingNumbers = new Map<string, string>()
  const numbers = numberSections(
    ctx.chapterNumber,
    structure.headings.map((h) => ({ level: Number(h.node.attrs.level) }))
  )
  numbers.forEach((n, i) => {
    const { pos, node } = structure.headings[i]
    if (n.number && node.attrs.id) headingNumbers.set(String(node.attrs.id), n.number)
    decos.push(Decoration.node(pos, pos + node.nodeSize, { 'data-number': n.number ?? '', 'data-depth': String(n.depth) }))
  })
  structure.cases.forEach(({ pos, node }, i) => {
    const title = node.firstChild
    if (title?.type.name === 'caseTitle') {
      decos.push(Decoration.node(pos + 1, pos + 1 + title.nodeSize, { 'data-label': `${caseLabel(ctx.caseOffset + i + 1)}：` }))
    }
  })
  return { decorations: DecorationSet.create(state.doc, decos), signature: structure.signature, headingNumbers, context: ctx }
}

/**
 * Draws the computed numbers of headings (1.1, 1.1.1) and cases (案例 N：)
 * as decorations: seen, never stored in the document. The chapter's place
 * (its number, the cases before it) comes from `place`, the report's
 * NumberingStore. Typing inside a paragraph leaves the numbered structure
 * alone, so the decorations are only mapped; they are recomputed when a
 * numbered node is added, removed, moved or changes level, or when the
 * chapter's place in the report changes (a transaction with the RENUMBER meta).
 */
export function numberingPlugin(place: () => NumberingContext): Plugin<NumberingState> {
  return new Plugin<NumberingState>({
    key: numberingKey,
    state: {
      init: (_, state) => compute(structureOf(state.doc), state, place()),
      apply: (tr, old, _oldState, newState) => {
        const ctx = place()
        const contextChanged = tr.getMeta(RENUMBER) || ctx.chapterNumber !== old.context.chapterNumber || ctx.caseOffset !== old.context.caseOffset
        if (!tr.docChanged && !contextChanged) return old
        // Typing: the same numbered nodes, only shifted (the common case, kept cheap).
        if (!contextChanged && isTextOnly(tr)) return { ...old, decorations: old.decorations.map(tr.mapping, tr.doc) }
        const structure = structureOf(newState.doc)
        if (!contextChanged && structure.signature === old.signature) {
          return { ...old, decorations: old.decorations.map(tr.mapping, tr.doc) }
        }
        return compute(structure, newState, ctx)
      }
    },
    props: {
      decorations(state) {
        return numberingKey.getState(state)?.decorations
      }
    }
  })
}

/** The numbering plugin as a tiptap extension; `context` is the chapter's place in the report. */
export const Numbering = Extension.create<{ context: () => NumberingContext }>({
  name: 'numbering',
  addOptions() {
    return { context: () => ({ chapterNumber: null, caseOffset: 0 }) }
  },
  addProseMirrorPlugins() {
    return [numberingPlugin(this.options.context)]
  }
})
