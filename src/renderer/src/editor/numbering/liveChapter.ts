import type { EditorState, Transaction } from '@tiptap/pm/state'
import { liveSummary, structureOf } from '@shared/editor/structure'
import { numberingKey, RENUMBER } from './plugin'
import type { NumberingStore } from './store'

/** After typing stops for this long, the open chapter's 字数 reaches the outline and the status bar. */
export const LIVE_DELAY_MS = 400

/** The open chapter's editor as the numbering follows it (a tiptap Editor). */
export interface LiveChapterEditor {
  readonly state: EditorState
  readonly isDestroyed: boolean
  readonly view: { dispatch(tr: Transaction): void }
  on(event: 'update', listener: () => void): unknown
  off(event: 'update', listener: () => void): unknown
}

/**
 * Ties the open chapter to the report's numbering, both ways, until the
 * returned function is called (the editor closes):
 * - its live outline (headings, cases, tables, figures, 字数) goes to the
 *   store: at once when a numbered node was added, removed, moved or
 *   re-levelled, so every table number and cross-reference follows while
 *   the user types; shortly after typing stops otherwise (only 字数 changed);
 * - its numbers are redrawn when its place in the report changes (a chapter
 *   moved before it, a case added in an earlier chapter).
 * On closing, the store goes back to the chapter's saved outline.
 */
export function followNumbering(editor: LiveChapterEditor, store: NumberingStore, chapterId: string): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  const signature = () => numberingKey.getState(editor.state)?.signature ?? ''
  let lastSignature = signature()

  const push = () => {
    timer = null
    if (editor.isDestroyed) return
    store.setLive(chapterId, liveSummary(editor.state.doc, structureOf(editor.state.doc)))
  }
  const onUpdate = () => {
    if (timer) clearTimeout(timer)
    const sig = signature()
    if (sig !== lastSignature) {
      lastSignature = sig
      push()
    } else {
      timer = setTimeout(push, LIVE_DELAY_MS)
    }
  }
  push()
  editor.on('update', onUpdate)

  let place = store.contextOf(chapterId)
  const unsubscribe = store.subscribe(() => {
    const now = store.contextOf(chapterId)
    if (now.chapterNumber === place.chapterNumber && now.caseOffset === place.caseOffset) return
    place = now
    if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(RENUMBER, true).setMeta('addToHistory', false))
  })

  return () => {
    if (timer) clearTimeout(timer)
    editor.off('update', onUpdate)
    unsubscribe()
    store.clearLive(chapterId)
  }
}
