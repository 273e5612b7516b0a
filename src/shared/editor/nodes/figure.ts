import { Node, mergeAttributes } from '@tiptap/core'

/**
 * 图 N-M: a numbered figure (a chart bound to data, or an image). Like report
 * tables, the chapter holds a pointer; the spec lives in the figure row.
 */
export const FigureNode = Node.create({
  name: 'figure',
  group: 'block caseBlock',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return { id: { default: null, parseHTML: (el) => el.getAttribute('data-id'), renderHTML: (a) => (a.id ? { 'data-id': a.id } : {}) } }
  },
  parseHTML() {
    return [{ tag: 'div[data-type="figure"]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-type': 'figure' })]
  }
})
