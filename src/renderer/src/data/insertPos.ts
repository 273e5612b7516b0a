import type { Editor } from '@tiptap/core'

/** Where a new block goes: after the top-level block holding the cursor (or after the block inside a case). */
export function blockInsertPos(editor: Editor): number {
  const { $from } = editor.state.selection
  if ($from.depth === 0) return $from.pos
  const inCase = $from.node(1).type.name === 'caseStudy' && $from.depth >= 2
  return inCase ? $from.after(2) : $from.after(1)
}
