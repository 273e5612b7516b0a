import { Node, mergeAttributes } from '@tiptap/core'

/**
 * 案例: a boxed case study, "案例 N：标题" followed by its body. N is computed
 * across the whole report in order of appearance and never stored.
 */
export const CaseTitle = Node.create({
  name: 'caseTitle',
  content: 'text*',
  marks: '',
  defining: true,
  isolating: true,
  parseHTML() {
    return [{ tag: 'div[data-type="case-title"]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-type': 'case-title' }), 0]
  }
})

export const CaseStudy = Node.create({
  name: 'caseStudy',
  group: 'block',
  content: 'caseTitle caseBlock+',
  defining: true,
  isolating: true,
  addAttributes() {
    return {
      id: { default: null, parseHTML: (el) => el.getAttribute('data-id'), renderHTML: (a) => (a.id ? { 'data-id': a.id } : {}) },
      school: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-school') ?? '',
        renderHTML: (a) => (a.school ? { 'data-school': a.school } : {})
      }
    }
  },
  parseHTML() {
    return [{ tag: 'section[data-type="case-study"]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['section', mergeAttributes(HTMLAttributes, { 'data-type': 'case-study' }), 0]
  }
})
