/**
 * Listeners by key, for stores whose views each watch one item (a table, a
 * figure, a chart sheet): a change to one key redraws only its views.
 */
export class KeyedListeners {
  private readonly byKey = new Map<string, Set<() => void>>()

  subscribe(key: string, listener: () => void): () => void {
    let s = this.byKey.get(key)
    if (!s) this.byKey.set(key, (s = new Set()))
    s.add(listener)
    return () => {
      s!.delete(listener)
      if (s!.size === 0) this.byKey.delete(key)
    }
  }

  notify(key: string): void {
    for (const l of this.byKey.get(key) ?? []) l()
  }

  /** Whether anyone watches `key`. */
  has(key: string): boolean {
    return this.byKey.has(key)
  }

  /** The keys watched now. */
  keys(): string[] {
    return [...this.byKey.keys()]
  }
}
