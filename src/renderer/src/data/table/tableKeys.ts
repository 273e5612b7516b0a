import { mergeAt } from './grid'
import type { TableEditing } from './tableEditing'

/** A key as the table reads it. */
export interface TableKey {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
}

/**
 * The keys of a report table, on the input that follows the selected cell.
 * While typing in a cell: Enter stores it and goes down, Tab across (a merged
 * cell counts as one), Escape drops it. On a selected cell: arrows and Tab
 * move (Shift extends), Enter or F2 edits, Delete empties, Escape goes back to
 * the text, Ctrl+Z and Ctrl+Y undo and redo the table's own steps.
 * True when the table took the key (the browser's own action is prevented).
 */
export function tableKey(t: TableEditing, k: TableKey): boolean {
  const e = t.getSnapshot().editing
  if (e) {
    const m = t.merges.get(`${e.at.r},${e.at.c}`)
    const span = m && m !== 'covered' ? m : { rowSpan: 1, colSpan: 1 }
    if (k.key === 'Enter') void t.commitEdit({ r: Math.min(t.rows - 1, e.at.r + span.rowSpan), c: e.at.c })
    else if (k.key === 'Tab') void t.commitEdit({ r: e.at.r, c: Math.max(0, Math.min(t.cols - 1, e.at.c + (k.shiftKey ? -1 : span.colSpan))) })
    else if (k.key === 'Escape') t.cancelEdit()
    else return false
    return true
  }
  const mod = k.ctrlKey || k.metaKey
  const letter = k.key.toLowerCase()
  if (mod && (letter === 'y' || (letter === 'z' && k.shiftKey))) {
    void t.changes.redo()
    return true
  }
  if (mod && letter === 'z') {
    void t.changes.undo()
    return true
  }
  const at = t.at
  if (!at) return false
  const move = (dr: number, dc: number) => {
    const next = { r: at.r + dr, c: at.c + dc }
    // Step over the covered part of a merged cell.
    const g = mergeAt(t.view.spec.merges, at)
    if (g && dr > 0) next.r = g.row + g.rowSpan
    if (g && dc > 0) next.c = g.col + g.colSpan
    t.select(next, k.shiftKey)
    return true
  }
  switch (k.key) {
    case 'ArrowUp':
      return move(-1, 0)
    case 'ArrowDown':
      return move(1, 0)
    case 'ArrowLeft':
      return move(0, -1)
    case 'ArrowRight':
      return move(0, 1)
    case 'Tab':
      return move(0, k.shiftKey ? -1 : 1)
    case 'Enter':
    case 'F2':
      t.startEdit(at)
      return true
    case 'Delete':
    case 'Backspace':
      void t.clearCells()
      return true
    case 'Escape':
      t.leave()
      return true
  }
  return false
}
