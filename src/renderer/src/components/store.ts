/**
 * A value that React components read with useSyncExternalStore and plain
 * TypeScript controllers change: `subscribe` and `getSnapshot` for the
 * view, `set` (a patch) for the controller.
 */
export class Store<T extends object> {
  private readonly listeners = new Set<() => void>()

  constructor(private state: T) {}

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
