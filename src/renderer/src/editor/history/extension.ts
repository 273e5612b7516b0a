import { Extension, type Editor } from '@tiptap/core'
import { isHistoryTransaction, redoDepth, undoDepth } from '@tiptap/pm/history'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { ChapterHistory } from './chapterHistory'

declare module '@tiptap/core' {
  interface Storage {
    chapterHistory: { history: ChapterHistory }
  }
}

/** When the text's undo events happened and were undone (the editor's own history keeps no times). */
interface TextTimes {
  /** When each undo event of the text happened, by depth (index = depth − 1). */
  undo: number[]
  /** When each undone event was undone, by redo depth. */
  redo: number[]
  /** When the text last changed other than by undo or redo. */
  changedAt: number
}

const textKey = new PluginKey<TextTimes>('textUndoTimes')
const refreshKey = new PluginKey('chapterUndoRefresh')
const now = () => performance.now()

function newestTextUndo(state: EditorState): number {
  const times = textKey.getState(state)?.undo ?? []
  const depth = undoDepth(state)
  return depth > 0 ? (times[depth - 1] ?? -Infinity) : -Infinity
}

/** When the text's newest undone event was undone, if it can still be redone (no table changed since). */
function newestTextRedo(state: EditorState, history: ChapterHistory): number {
  const times = textKey.getState(state)?.redo ?? []
  const depth = redoDepth(state)
  const at = depth > 0 ? (times[depth - 1] ?? -Infinity) : -Infinity
  return history.textRedoable(at) ? at : -Infinity
}

/** The chapter's history of steps kept outside the text (editor/history/chapterHistory.ts). */
export function chapterHistoryOf(editor: Editor): ChapterHistory {
  return editor.storage.chapterHistory.history
}

/** Whether Ctrl+Z in this chapter would undo anything (for the toolbar). */
export function chapterCanUndo(editor: Editor): boolean {
  return undoDepth(editor.state) > 0 || chapterHistoryOf(editor).canUndo
}

/** Whether Ctrl+Y in this chapter would redo anything (for the toolbar). */
export function chapterCanRedo(editor: Editor): boolean {
  const history = chapterHistoryOf(editor)
  return newestTextRedo(editor.state, history) > -Infinity || history.canRedo
}

/**
 * The chapter's history of steps kept outside the text, and when the text's
 * undo events happened: after the history plugin (lower priority), so its
 * new depths are known here.
 */
const ChapterUndoTimes = Extension.create({
  name: 'chapterHistory',
  priority: 50,

  addStorage() {
    return { history: new ChapterHistory(now) }
  },

  addProseMirrorPlugins() {
    const history = this.storage.history
    return [
      new Plugin<TextTimes>({
        key: textKey,
        state: {
          init: () => ({ undo: [], redo: [], changedAt: -Infinity }),
          apply(tr, times, oldState, newState) {
            const t = now()
            const depth = (before: number, after: number, list: number[]) =>
              after < before ? list.slice(0, after) : after > before ? [...list.slice(0, before), ...Array.from({ length: after - before }, () => t)] : list
            let undo = depth(undoDepth(oldState), undoDepth(newState), times.undo)
            const redo = depth(redoDepth(oldState), redoDepth(newState), times.redo)
            const edit = tr.docChanged && tr.getMeta('addToHistory') !== false && !isHistoryTransaction(tr)
            // Typing on joins the newest event: it now ends later.
            if (edit && undo === times.undo && undo.length > 0) undo = [...undo.slice(0, -1), t]
            if (undo === times.undo && redo === times.redo && !edit) return times
            return { undo, redo, changedAt: edit ? t : times.changedAt }
          }
        },
        view(view) {
          // The table steps are not in the editor's state: after they change, an empty transaction lets the toolbar read them again.
          let queued = false
          const off = history.subscribe(() => {
            if (queued) return
            queued = true
            queueMicrotask(() => {
              queued = false
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(refreshKey, true).setMeta('addToHistory', false))
            })
          })
          return {
            update(v, prev) {
              // A new edit of the text ends what the tables could redo.
              if (textKey.getState(v.state)?.changedAt !== textKey.getState(prev)?.changedAt) history.endRedo()
            },
            destroy: off
          }
        }
      })
    ]
  }
})

/** The chapter's Ctrl+Z and Ctrl+Y (Ctrl+Shift+Z), text and report tables together, before the editor history's own keys. */
const ChapterUndoKeys = Extension.create({
  name: 'chapterUndoKeys',
  priority: 1000,
  addKeyboardShortcuts() {
    const history = () => chapterHistoryOf(this.editor)
    // Ctrl+Z: the newest change of the chapter, text or table.
    const undo = () => history().undoNewest(newestTextUndo(this.editor.state))
    // Ctrl+Y, Ctrl+Shift+Z: what was undone last, text or table. Always handled here: a key left unhandled
    // would fall through (Ctrl+Shift+z without its Shift is Ctrl+Z) to an undo.
    const redo = () => {
      const textAt = newestTextRedo(this.editor.state, history())
      // Text undone before a table changed is not redone (it would skip over that change): nothing to do.
      if (!history().redoNewest(textAt) && textAt > -Infinity) this.editor.commands.redo()
      return true
    }
    return { 'Mod-z': undo, 'Mod-y': redo, 'Shift-Mod-z': redo }
  }
})

export const chapterUndo = [ChapterUndoTimes, ChapterUndoKeys]
