import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { DocNode } from '@shared/model/doc'

/** Meta flag of a transaction that only takes main's repaired ids or links: not an edit, not undoable. */
export const ADOPT_META = 'nianbao-adopt'

function sameShape(a: PMNode, b: PMNode): boolean {
  if (a.type !== b.type || a.childCount !== b.childCount) return false
  if (a.isText) return a.text === b.text
  for (let i = 0; i < a.childCount; i++) if (!sameShape(a.child(i), b.child(i))) return false
  return true
}

/**
 * Apply main's repaired document to the editor. Repairs only touch
 * attributes (ids) and link marks, so they are applied in place; anything
 * else replaces the content.
 */
export function adoptNormalized(editor: Editor, json: DocNode): void {
  const target = editor.schema.nodeFromJSON(json)
  const doc = editor.state.doc
  if (!sameShape(doc, target)) {
    editor.commands.setContent(json, { emitUpdate: false })
    return
  }
  const tr = editor.state.tr
  const visit = (a: PMNode, b: PMNode, pos: number) => {
    a.forEach((childA, offset, i) => {
      const childB = b.child(i)
      const at = pos + offset
      if (childA.isText) {
        if (!childA.sameMarkup(childB)) {
          tr.removeMark(at, at + childA.nodeSize)
          for (const m of childB.marks) tr.addMark(at, at + childA.nodeSize, m)
        }
        return
      }
      if (!childA.hasMarkup(childB.type, childB.attrs, childB.marks)) tr.setNodeMarkup(at, undefined, childB.attrs, childB.marks)
      visit(childA, childB, at + 1)
    })
  }
  visit(doc, target, 0)
  if (tr.docChanged) editor.view.dispatch(tr.setMeta(ADOPT_META, true).setMeta('addToHistory', false))
}
