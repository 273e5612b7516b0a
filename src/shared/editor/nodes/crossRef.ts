import { Node, mergeAttributes } from '@tiptap/core'
import { idAttribute } from './pointer'

/** A live reference to a table, figure or case ("见表 1-2", "案例 5"): it shows the target's current number. */
export type CrossRefTarget = 'table' | 'figure' | 'case'

export const CrossRef = Node.create({
  name: 'crossRef',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      target: { default: 'table', parseHTML: (el) => el.getAttribute('data-target'), renderHTML: (a) => ({ 'data-target': a.target }) },
      id: idAttribute
    }
  },
  parseHTML() {
    return [{ tag: 'span[data-type="cross-ref"]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { 'data-type': 'cross-ref' })]
  }
})
