import { Extension } from '@tiptap/core'
import { isHistoryTransaction, redoDepth, undoDepth } from '@tiptap/pm/history'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/**
 * One Ctrl+Z and one Ctrl+Y for the chapter, text and report tables
 * together. A table's changes are stored by main, not in the editor's history
 * (so the editor's undo can never put a table half back); each table keeps
 * its own undo and redo steps. This module remembers when each step happened,
 * the table steps here and the text's undo events in the editor, so that
 * Ctrl+Z in the text undoes whatever was done last (a cell typed after a
 * sentence is undone first, the sentence next), and Ctrl+Y (Ctrl+Shift+Z)
 * redoes whatever was undone last. A new change, in the text or in a table,
 * ends what can be redone, as in any editor.
 */
interface TableStep {
  tableId: string
  at: number
}

/** What a table's node view does for the chapter's undo and redo. */
export interface TableHistory {
  /** Undo the table's newest step. */
  undo: () => void
  /** Redo the table's most recently undone step. */
  redo: () => void
  /** Forget what the table could redo (a new change was made somewhere in the chapter). */
  clearRedo: () => void
}

/** Steps the tables can undo, and steps they undid (can redo), oldest first. */
const undoSteps: TableStep[] = []
const redoSteps: TableStep[] = []
const tables = new Map<string, TableHistory>()
/** When a table last changed other than by undo or redo: text undone before that is not redone. */
let tableChangedAt = -Infinity
const now = () => performance.now()

/** Editors showing the chapter: their toolbars read whether undo and redo can do anything. */
const views = new Set<EditorView>()
const refreshKey = new PluginKey('chapterUndoRefresh')

let refreshQueued = false
/** Let the toolbars know that the table steps changed (they are not in the editor's state); after the current update. */
function refreshToolbars(): void {
  if (refreshQueued) return
  refreshQueued = true
  queueMicrotask(() => {
    refreshQueued = false
    for (const view of views) if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(refreshKey, true).setMeta('addToHistory', false))
  })
}

function removeNewest(list: TableStep[], tableId: string): void {
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i].tableId === tableId) {
      list.splice(i, 1)
      return
    }
  }
}

/** A new change ends what can be redone, in every table. */
function endTableRedo(): void {
  if (!redoSteps.length) return
  for (const tableId of new Set(redoSteps.map((s) => s.tableId))) tables.get(tableId)?.clearRedo()
  redoSteps.length = 0
  refreshToolbars()
}

/** A table's undo and redo, while its node view is on screen; returns the way to leave. */
export function registerTableUndo(tableId: string, history: TableHistory): () => void {
  tables.set(tableId, history)
  return () => {
    if (tables.get(tableId) !== history) return
    tables.delete(tableId)
    forgetTableSteps(tableId)
  }
}

/** The table took an undo step: a new change (which ends what can be redone), or a step it redid. */
export function noteTableStep(tableId: string, how: 'change' | 'redone' = 'change'): void {
  undoSteps.push({ tableId, at: now() })
  if (how === 'change') {
    tableChangedAt = now()
    endTableRedo()
  }
  refreshToolbars()
}

/** The table undid its newest step (from the text or in the table itself). */
export function dropTableStep(tableId: string): void {
  removeNewest(undoSteps, tableId)
  refreshToolbars()
}

/** The undone step is stored: it can be redone. */
export function noteTableUndone(tableId: string): void {
  redoSteps.push({ tableId, at: now() })
  refreshToolbars()
}

/** The table redid its most recently undone step. */
export function dropTableRedo(tableId: string): void {
  removeNewest(redoSteps, tableId)
  refreshToolbars()
}

/**
 * The table's steps are gone (its node view left, or rows were removed, which
 * cannot be undone); a removal is also a new change, ending every redo.
 */
export function forgetTableSteps(tableId: string, changed = false): void {
  for (const list of [undoSteps, redoSteps]) for (let i = list.length - 1; i >= 0; i--) if (list[i].tableId === tableId) list.splice(i, 1)
  if (changed) {
    tableChangedAt = now()
    endTableRedo()
  }
  refreshToolbars()
}

interface TextTimes {
  /** When each undo event of the text happened, by depth (index = depth − 1). */
  undo: number[]
  /** When each undone event was undone, by redo depth. */
  redo: number[]
  /** When the text last changed other than by undo or redo. */
  changedAt: number
}

const textKey = new PluginKey<TextTimes>('textUndoTimes')

/** When the text's undo events happened and were undone; after the history plugin, so its new depths are known here. */
const ChapterUndoTimes = Extension.create({
  name: 'chapterUndoTimes',
  priority: 50,
  addProseMirrorPlugins() {
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
          views.add(view)
          return {
            update(v, prev) {
              // A new edit of the text ends what the tables could redo.
              if (textKey.getState(v.state)?.changedAt !== textKey.getState(prev)?.changedAt) endTableRedo()
            },
            destroy() {
              views.delete(view)
            }
          }
        }
      })
    ]
  }
})

function newestTextUndo(state: EditorState): number {
  const times = textKey.getState(state)?.undo ?? []
  const depth = undoDepth(state)
  return depth > 0 ? (times[depth - 1] ?? -Infinity) : -Infinity
}

/** When the text's newest undone event was undone, if it can still be redone (no table changed since). */
function newestTextRedo(state: EditorState): number {
  const times = textKey.getState(state)?.redo ?? []
  const depth = redoDepth(state)
  const at = depth > 0 ? (times[depth - 1] ?? -Infinity) : -Infinity
  return at > tableChangedAt ? at : -Infinity
}

/** Whether Ctrl+Z in this chapter would undo anything (for the toolbar). */
export function chapterCanUndo(state: EditorState): boolean {
  return undoDepth(state) > 0 || undoSteps.length > 0
}

/** Whether Ctrl+Y in this chapter would redo anything (for the toolbar). */
export function chapterCanRedo(state: EditorState): boolean {
  return newestTextRedo(state) > -Infinity || redoSteps.length > 0
}

/** Keys of the chapter's undo and redo, before the history's own. */
const ChapterUndoKeys = Extension.create({
  name: 'chapterUndoKeys',
  priority: 1000,
  addKeyboardShortcuts() {
    // Ctrl+Z: the newest change of the chapter, text or table.
    const undo = () => {
      const step = undoSteps[undoSteps.length - 1]
      if (!step || step.at < newestTextUndo(this.editor.state)) return false
      const table = tables.get(step.tableId)
      if (!table) {
        forgetTableSteps(step.tableId)
        return false
      }
      table.undo()
      return true
    }
    // Ctrl+Y, Ctrl+Shift+Z: what was undone last, text or table. Always handled here: a key left unhandled
    // would fall through (Ctrl+Shift+z without its Shift is Ctrl+Z) to an undo.
    const redo = () => {
      const step = redoSteps[redoSteps.length - 1]
      const textAt = newestTextRedo(this.editor.state)
      if (step && step.at > textAt) {
        const table = tables.get(step.tableId)
        if (table) table.redo()
        else forgetTableSteps(step.tableId)
      } else if (textAt > -Infinity) {
        this.editor.commands.redo()
      }
      // Text undone before a table changed is not redone (it would skip over that change): nothing to do.
      return true
    }
    return { 'Mod-z': undo, 'Mod-y': redo, 'Shift-Mod-z': redo }
  }
})

export const chapterUndo = [ChapterUndoTimes, ChapterUndoKeys]
