/** The save state the status bar shows. */
export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string }

/** A tiny external store, so typing never re-renders the screen around the editor. */
export class StatusStore {
  private status: SaveStatus = { kind: 'saved' }
  private listeners = new Set<() => void>()

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  getSnapshot = (): SaveStatus => this.status

  set(next: SaveStatus): void {
    const cur = this.status
    if (cur.kind === next.kind && (cur.kind !== 'error' || cur.message === (next as { message: string }).message)) return
    this.status = next
    for (const l of this.listeners) l()
  }
}
