import Heading from '@tiptap/extension-heading'

/**
 * Section headings inside a chapter. The chapter itself is level 1, so the
 * document holds levels 2–4 (1.1, 1.1.1, 1.1.1.1). Numbers are never stored:
 * they are computed from order (see model/numbering.ts) and drawn by the editor.
 */
export const SECTION_LEVELS = [2, 3, 4] as const
export type SectionLevel = (typeof SECTION_LEVELS)[number]

export const SectionHeading = Heading.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      id: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute('data-id'),
        renderHTML: (attrs: { id?: string | null }) => (attrs.id ? { 'data-id': attrs.id } : {})
      }
    }
  }
}).configure({ levels: [...SECTION_LEVELS] })
