import Paragraph from '@tiptap/extension-paragraph'

/**
 * Body paragraph. `draft` marks text carried over from last year's report
 * (rollover) until an editor touches it.
 */
export const BodyParagraph = Paragraph.extend({
  addAttributes() {
    return {
      draft: {
        default: false,
        parseHTML: (el: HTMLElement) => el.getAttribute('data-draft') === 'true',
        renderHTML: (attrs: { draft?: boolean }) => (attrs.draft ? { 'data-draft': 'true' } : {})
      }
    }
  }
})
