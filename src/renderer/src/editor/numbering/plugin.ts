import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Node as PMNode } from '@tiptap/pm/model'
import { numberSections, caseLabel } from '@shared/model/numbering'

export interface NumberingContext {
  /** "3" for the third chapter, null for an appendix. */
  chapterNumber: string | null
  /** Cases in the chapters before this one: the first case here is number offset + 1. */
  caseOffset: number
}

export const numberingKey = new PluginKey<DecorationSet>('numbering')

function decorate(doc: PMNode, ctx: NumberingContext): DecorationSet {
  const headings: { pos: number; node: PMNode }[] = []
  const cases: { pos: number; node: PMNode }[] = []
  doc.descendants((node, pos) => {
    if (node.type.name === 'heading') headings.push({ pos, node })
    else if (node.type.name === 'caseStudy') cases.push({ pos, node })
    return node.type.name !== 'paragraph'
  })
  const decos: Decoration[] = []
  numberSections(
    ctx.chapterNumber,
    headings.map((h) => ({ level: Number(h.node.attrs.level) }))
  ).forEach((n, i) => {
    const h = headings[i]
    decos.push(Decoration.node(h.pos, h.pos + h.node.nodeSize, { 'data-number': n.number ?? '', 'data-depth': String(n.depth) }))
  })
  cases.forEach((c, i) => {
    const title = c.node.firstChild
    if (title?.type.name === 'caseTitle') {
      const start = c.pos + 1
      decos.push(Decoration.node(start, start + title.nodeSize, { 'data-label': `${caseLabel(ctx.caseOffset + i + 1)}：` }))
    }
  })
  return DecorationSet.create(doc, decos)
}

/**
 * Draws the computed numbers of headings (1.1, 1.1.1) and cases (案例 N：)
 * as decorations: they are seen, never stored in the document.
 */
export const Numbering = Extension.create<{ context: () => NumberingContext }>({
  name: 'numbering',
  addOptions() {
    return { context: () => ({ chapterNumber: null, caseOffset: 0 }) }
  },
  addProseMirrorPlugins() {
    const ctx = this.options.context
    return [
      new Plugin<DecorationSet>({
        key: numberingKey,
        state: {
          init: (_, state) => decorate(state.doc, ctx()),
          apply: (tr, old, _oldState, newState) => (tr.docChanged || tr.getMeta(numberingKey) ? decorate(newState.doc, ctx()) : old)
        },
        props: {
          decorations(state) {
            return numberingKey.getState(state)
          }
        }
      })
    ]
  }
})
