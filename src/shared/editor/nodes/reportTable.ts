import { Node, mergeAttributes } from '@tiptap/core'

/**
 * 表 N-M: a numbered report table. The chapter holds only this pointer; the
 * caption, cells, formulas and note live in their own row (report_table) so
 * that lists, export and checks read them without parsing the text.
 */
export const ReportTableNode = Node.create({
  name: 'reportTable',
  group: 'block caseBlock',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return { id: { default: null, parseHTML: (el) => el.getAttribute('data-id'), renderHTML: (a) => (a.id ? { 'data-id': a.id } : {}) } }
  },
  parseHTML() {
    return [{ tag: 'div[data-type="report-table"]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-type': 'report-table' })]
  }
})
