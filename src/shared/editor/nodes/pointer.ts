import { Node, mergeAttributes } from '@tiptap/core'

/** The `id` attribute of a node that points at something stored elsewhere (a table, a figure, a cross-reference's target). */
export const idAttribute = { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('data-id'), renderHTML: (a: Record<string, unknown>) => (a.id ? { 'data-id': a.id } : {}) }

/**
 * A numbered block the chapter holds only as a pointer: its id names a row of
 * its own (report_table, figure) where the caption, cells or chart live, so
 * that lists, export and checks read them without parsing the text.
 */
export function pointerBlock(name: string, dataType: string) {
  return Node.create({
    name,
    group: 'block caseBlock',
    atom: true,
    draggable: true,
    selectable: true,
    addAttributes() {
      return { id: idAttribute }
    },
    parseHTML() {
      return [{ tag: `div[data-type="${dataType}"]` }]
    },
    renderHTML({ HTMLAttributes }) {
      return ['div', mergeAttributes(HTMLAttributes, { 'data-type': dataType })]
    }
  })
}
