import type { EditorContribution } from './contribution'
import { coreEditing } from './coreEditing'
import { liveDataEditor } from '../data/editorContribution'
import { importEditor } from '../import/editorContribution'

/**
 * Every feature that adds node views or behaviour to the chapter editor,
 * one line each. Add yours from your own folder, e.g.
 *   import { liveDataEditor } from '../live/editorContribution'
 * and list it below; extensions.ts does the rest.
 */
export const editorContributions: EditorContribution[] = [
  coreEditing,
  liveDataEditor,
  importEditor
]
