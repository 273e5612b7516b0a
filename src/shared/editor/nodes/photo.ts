import { Node, mergeAttributes } from '@tiptap/core'

/**
 * A photo stored once in the report file as an asset (by content hash); the
 * node's own content is the caption line under the photo. Never base64.
 */
export const Photo = Node.create({
  name: 'photo',
  group: 'block caseBlock',
  content: 'text*',
  marks: '',
  draggable: true,
  isolating: true,
  addAttributes() {
    return {
      asset: { default: null, parseHTML: (el) => el.getAttribute('data-asset'), renderHTML: (a) => (a.asset ? { 'data-asset': a.asset } : {}) },
      width: { default: null, parseHTML: (el) => numberAttr(el, 'data-width'), renderHTML: (a) => (a.width ? { 'data-width': String(a.width) } : {}) },
      height: { default: null, parseHTML: (el) => numberAttr(el, 'data-height'), renderHTML: (a) => (a.height ? { 'data-height': String(a.height) } : {}) }
    }
  },
  parseHTML() {
    return [{ tag: 'figure[data-type="photo"]', contentElement: 'figcaption' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['figure', mergeAttributes(HTMLAttributes, { 'data-type': 'photo' }), ['figcaption', 0]]
  }
})

function numberAttr(el: HTMLElement, name: string): number | null {
  const v = Number(el.getAttribute(name))
  return Number.isFinite(v) && v > 0 ? v : null
}
