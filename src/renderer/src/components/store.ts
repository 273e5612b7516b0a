/**
 * A value that React components read with useSyncExternalStore and plain
 * TypeScript controllers change: `subscribe` and `getSnapshot` for the
 * view, `set` (a patch) for the controller. A controller extends it and
 * gives `state` its first value in its constructor.
 */
export class Store<T extends object> {
  private readonly listeners = new Set<() => void>()
  /** The value now; changed only through set(), so every reader hears of it. */
  protected state!: T

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  getSnapshot = (): T => this.state

  protected set(patch: Partial<T>): void {
    this.state = { ...this.state, ...patch }
    for (const l of this.listeners) l()
  }
}
