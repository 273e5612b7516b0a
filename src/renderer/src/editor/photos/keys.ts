import { Extension } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'

/** A photo's caption is one line: Enter there continues with a new paragraph under the photo. */
export const PhotoKeys = Extension.create({
  name: 'photoKeys',
  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        const { state } = editor
        const { $from } = state.selection
        if ($from.parent.type.name !== 'photo') return false
        const after = $from.after()
        const next = state.doc.resolve(after).nodeAfter
        const tr = state.tr
        if (next?.type.name === 'paragraph' && next.content.size === 0) {
          tr.setSelection(TextSelection.create(tr.doc, after + 1))
        } else {
          tr.insert(after, state.schema.nodes.paragraph.create())
          tr.setSelection(TextSelection.create(tr.doc, after + 1))
        }
        editor.view.dispatch(tr.scrollIntoView())
        return true
      }
    }
  }
})
