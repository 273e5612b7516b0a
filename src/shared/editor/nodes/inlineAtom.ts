import { type Attributes, Node, mergeAttributes } from '@tiptap/core'

/**
 * A word of the text that is one selectable atom (a quoted figure, a
 * cross-reference): a `span[data-type]` whose shown text is computed from
 * what its attributes name, never stored in the node. `renderText` is what
 * plain-text copies of the paragraph hold in its place.
 */
export function inlineAtom(name: string, dataType: string, attributes: Attributes, renderText?: () => string) {
  return Node.create({
    name,
    group: 'inline',
    inline: true,
    atom: true,
    selectable: true,
    addAttributes() {
      return attributes
    },
    parseHTML() {
      return [{ tag: `span[data-type="${dataType}"]` }]
    },
    renderHTML({ HTMLAttributes }) {
      return ['span', mergeAttributes(HTMLAttributes, { 'data-type': dataType })]
    },
    ...(renderText ? { renderText } : {})
  })
}
