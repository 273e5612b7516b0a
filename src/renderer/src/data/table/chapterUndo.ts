import { Extension } from '@tiptap/core'
import { undoDepth } from '@tiptap/pm/history'
import { Plugin, PluginKey } from '@tiptap/pm/state'

/**
 * One Ctrl+Z for the chapter, text and report tables together. A table's
 * changes are stored by main, not in the editor's history (so the editor's
 * undo can never put a table half back); each table keeps its own undo
 * steps. This module remembers when each step happened, the table steps here
 * and the text's undo events in the editor, so that Ctrl+Z in the text undoes
 * whatever was done last: a cell typed after a sentence is undone first, the
 * sentence next.
 */
interface TableStep {
  tableId: string
  at: number
}

const steps: TableStep[] = []
const undoers = new Map<string, () => void>()
const now = () => performance.now()

/** A table's undo, while its node view is on screen; returns the way to leave. */
export function registerTableUndo(tableId: string, undo: () => void): () => void {
  undoers.set(tableId, undo)
  return () => {
    if (undoers.get(tableId) !== undo) return
    undoers.delete(tableId)
    forgetTableSteps(tableId)
  }
}

/** The table took an undo step (a change it can undo). */
export function noteTableStep(tableId: string): void {
  steps.push({ tableId, at: now() })
}

/** The table undid its newest step itself. */
export function dropTableStep(tableId: string): void {
  for (let i = steps.length - 1; i >= 0; i--) {
    if (steps[i].tableId === tableId) {
      steps.splice(i, 1)
      return
    }
  }
}

/** The table's undo steps are gone (after removing rows, which cannot be undone). */
export function forgetTableSteps(tableId: string): void {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i].tableId === tableId) steps.splice(i, 1)
}

/** When each undo event of the text happened, by depth (index = depth − 1). */
const textKey = new PluginKey<number[]>('textUndoTimes')

/** When the text's undo events happened; after the history plugin, so its new depth is known here. */
const ChapterUndoTimes = Extension.create({
  name: 'chapterUndoTimes',
  priority: 50,
  addProseMirrorPlugins() {
    return [
      new Plugin<number[]>({
        key: textKey,
        state: {
          init: () => [],
          apply(tr, times, oldState, newState) {
            const before = undoDepth(oldState)
            const after = undoDepth(newState)
            if (after < before) return times.slice(0, after)
            if (after > before) return [...times.slice(0, before), ...Array.from({ length: after - before }, now)]
            // Typing on joins the newest event: it now ends later.
            if (tr.docChanged && after > 0 && tr.getMeta('addToHistory') !== false) return [...times.slice(0, after - 1), now()]
            return times
          }
        }
      })
    ]
  }
})

/** Ctrl+Z in the text: the newest change of the chapter, text or table, is undone. Before the history's own Mod-z. */
const ChapterUndoKeys = Extension.create({
  name: 'chapterUndoKeys',
  priority: 1000,
  addKeyboardShortcuts() {
    return {
      'Mod-z': () => {
        const step = steps[steps.length - 1]
        if (!step) return false
        const times = textKey.getState(this.editor.state) ?? []
        const depth = undoDepth(this.editor.state)
        const textAt = depth > 0 ? (times[depth - 1] ?? -Infinity) : -Infinity
        if (step.at < textAt) return false
        const undo = undoers.get(step.tableId)
        if (!undo) {
          forgetTableSteps(step.tableId)
          return false
        }
        undo()
        return true
      }
    }
  }
})

export const chapterUndo = [ChapterUndoTimes, ChapterUndoKeys]
