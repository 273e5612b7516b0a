import { Dropcursor, Gapcursor, TrailingNode, UndoRedo } from '@tiptap/extensions'
import type { EditorContribution } from './contribution'
import { Numbering } from './numbering/plugin'

/** The editor's own behaviour: computed numbers, undo/redo, cursors. */
export const coreEditing: EditorContribution = (env) => ({
  name: 'core',
  extensions: [
    Numbering.configure({ context: env.numbering }),
    UndoRedo.configure({ depth: 200, newGroupDelay: 600 }),
    Dropcursor.configure({ color: '#1d5bb8', width: 2 }),
    Gapcursor,
    TrailingNode.configure({ node: 'paragraph' })
  ]
})
