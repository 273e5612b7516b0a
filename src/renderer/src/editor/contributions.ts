import type { EditorContribution } from './contribution'
import { coreEditing } from './coreEditing'

/**
 * Every feature that adds node views or behaviour to the chapter editor,
 * one line each. Add yours from your own folder, e.g.
 *   import { liveDataEditor } from '../live/editorContribution'
 * and list it below; extensions.ts does the rest.
 */
export const editorContributions: EditorContribution[] = [
  coreEditing
  // liveDataEditor (issue 4: reportTable, figure, dataField, crossRef)
  // importEditor (issue 6)
]
