import { Extension } from '@tiptap/core'
import { Dropcursor, Gapcursor, TrailingNode, UndoRedo } from '@tiptap/extensions'
import type { EditorContribution } from './contribution'
import { Numbering } from './numbering/plugin'
import { reportPaste } from './paste/pastePlugin'
import { photoView } from './photos/PhotoView'
import { uploadPlaceholderPlugin } from './photos/upload'
import { PhotoKeys } from './photos/keys'
import { uniqueIds } from './behaviour/uniqueIds'
import { CaseStudyEditing } from './behaviour/caseStudy'
import { Placeholders } from './behaviour/placeholders'
import { FindHighlight } from './search/findPlugin'
import { chapterUndo } from './history/extension'

/** Keeps Tab inside the text (as in Word) when no list or table wants it. */
const KeepTab = Extension.create({
  name: 'keepTab',
  priority: 10,
  addKeyboardShortcuts() {
    return { Tab: () => true, 'Shift-Tab': () => true }
  }
})

const PhotoUploads = Extension.create({
  name: 'photoUploads',
  addProseMirrorPlugins() {
    return [uploadPlaceholderPlugin()]
  }
})

/**
 * The editor's own behaviour: computed numbers, ids, undo/redo (of the
 * text and of the steps kept outside it, together), paste and drop,
 * photos, cases, hints and find highlighting.
 */
export const coreEditing: EditorContribution = (env) => ({
  name: 'core',
  nodeViews: { photo: photoView(env) },
  extensions: [
    Numbering.configure({ context: env.place }),
    uniqueIds(env.foreignIds),
    UndoRedo.configure({ depth: 200, newGroupDelay: 600 }),
    // One Ctrl+Z and Ctrl+Y for the text and the steps kept outside it (report tables).
    ...chapterUndo,
    Dropcursor.configure({ color: '#1d5bb8', width: 2 }),
    Gapcursor,
    TrailingNode.configure({ node: 'paragraph' }),
    reportPaste(env),
    PhotoUploads,
    CaseStudyEditing,
    PhotoKeys,
    Placeholders,
    FindHighlight,
    KeepTab
  ]
})
