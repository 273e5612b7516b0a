import type { Editor } from '@tiptap/core'
import type { FindEditor } from './findController'

/** How long a chapter just opened may still grow (tables and charts loading) while the match is kept in view. */
const SETTLE_MS = 1500

/** The tiptap editor of the open chapter as 查找 uses it. */
export function findEditorOf(editor: Editor): FindEditor {
  return {
    get state() {
      return editor.state
    },
    get isDestroyed() {
      return editor.isDestroyed
    },
    dispatch: (tr) => editor.view.dispatch(tr),
    listen: (listener) => {
      editor.on('transaction', listener)
      return () => void editor.off('transaction', listener)
    },
    reveal: (settle) => reveal(editor, settle)
  }
}

/**
 * Show the current match. ProseMirror's own scrollIntoView starts from the
 * DOM selection, which is in the find field while the bar has the focus,
 * so it would not scroll the chapter at all.
 */
function reveal(e: Editor, settle: boolean): void {
  const show = () => {
    if (!e.isDestroyed) e.view.dom.querySelector('.find-current')?.scrollIntoView({ block: 'center' })
  }
  requestAnimationFrame(show)
  if (!settle || typeof ResizeObserver === 'undefined') return
  // A chapter just opened still grows while its tables and charts load: keep the match in view meanwhile.
  const watch = new ResizeObserver(show)
  watch.observe(e.view.dom)
  setTimeout(() => watch.disconnect(), SETTLE_MS)
}
