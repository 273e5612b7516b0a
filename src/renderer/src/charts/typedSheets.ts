import { useCallback, useSyncExternalStore } from 'react'
import { KeyedListeners } from '../components/keyedListeners'
import type { PendingCells } from './sheetTyping'

/**
 * The chart sheets open in a sheet editor, with the numbers typed into them
 * and not stored yet. Every chart that reads such a sheet (the dialog's
 * preview, the chart in the chapter behind it) draws from the sheet and these
 * numbers in the frame the key is pressed, instead of waiting for the value
 * to be stored and the data layer's change to come back. When the editor
 * closes, the charts read main's figures again, which by then hold what was
 * stored.
 */
export class TypedSheets {
  private readonly open = new Map<string, { editors: number; cells: PendingCells }>()
  private readonly listeners = new KeyedListeners()

  /** A sheet editor opened on `sheetId`; the returned function closes it. */
  opened(sheetId: string): () => void {
    const entry = this.open.get(sheetId)
    if (entry) entry.editors++
    else this.open.set(sheetId, { editors: 1, cells: new Map() })
    this.notify(sheetId)
    let closed = false
    return () => {
      if (closed) return
      closed = true
      const e = this.open.get(sheetId)
      if (!e) return
      if (--e.editors > 0) return
      this.open.delete(sheetId)
      this.notify(sheetId)
    }
  }

  /** The numbers now typed into `sheetId` and not stored; ignored when no editor has it open. */
  tell(sheetId: string, cells: PendingCells): void {
    const e = this.open.get(sheetId)
    if (!e) return
    e.cells = cells
    this.notify(sheetId)
  }

  /** The typed numbers of an open sheet (empty when none are pending); undefined when no editor has it open. */
  typed(sheetId: string): PendingCells | undefined {
    return this.open.get(sheetId)?.cells
  }

  subscribe(sheetId: string, listener: () => void): () => void {
    return this.listeners.subscribe(sheetId, listener)
  }

  private notify(sheetId: string): void {
    this.listeners.notify(sheetId)
  }
}

export const typedSheets = new TypedSheets()

/** The numbers typed into a sheet open in an editor; undefined when the sheet is not open (or no id). */
export function useTypedSheet(sheetId: string | undefined): PendingCells | undefined {
  const subscribe = useCallback((l: () => void) => (sheetId ? typedSheets.subscribe(sheetId, l) : () => undefined), [sheetId])
  return useSyncExternalStore(subscribe, () => (sheetId ? typedSheets.typed(sheetId) : undefined))
}
