import type { ChapterSaver, StoredSave } from './ChapterSaver'
import { StatusStore, type SaveStatus } from './status'

/**
 * Every save and snapshot of the open report, one at a time and in order, so
 * a snapshot taken on chapter switch always follows the save it belongs to.
 * Savers of chapters that are no longer open stay here until their text is
 * stored, retrying after failures.
 */
export class SaveQueue {
  readonly status = new StatusStore()
  private tail: Promise<unknown> = Promise.resolve()
  private states = new Map<string, SaveStatus>()
  private savers = new Set<ChapterSaver>()

  constructor(private readonly onSaved: (r: StoredSave) => void) {}

  /** Run `task` after every task queued before it, whether they failed or not. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const p = this.tail.then(task, task)
    this.tail = p.catch(() => undefined)
    return p
  }

  saved(r: StoredSave): void {
    this.onSaved(r)
  }

  attach(saver: ChapterSaver): void {
    this.savers.add(saver)
  }

  /** A saver whose text is stored and whose editor is gone leaves the queue. */
  release(saver: ChapterSaver): void {
    this.savers.delete(saver)
    if (![...this.savers].some((s) => s.chapterId === saver.chapterId)) this.report(saver.chapterId, { kind: 'saved' })
  }

  /** A closed chapter's saver that still holds unsaved text, so a reopened editor continues from it. */
  takeOver(chapterId: string): ChapterSaver | null {
    for (const s of this.savers) {
      if (s.chapterId === chapterId && s.isDetached()) {
        this.savers.delete(s)
        s.cancel()
        return s
      }
    }
    return null
  }

  /** Save every open or closed chapter that has unsaved text. */
  async flushAll(): Promise<boolean> {
    const results = await Promise.all([...this.savers].map((s) => s.flush()))
    return results.every(Boolean)
  }

  /** Page going away: start every pending save at once (keepalive requests). */
  flushForUnload(): void {
    for (const s of this.savers) s.flushForUnload()
  }

  report(chapterId: string, state: SaveStatus): void {
    this.states.set(chapterId, state)
    const all = [...this.states.values()]
    const error = all.find((s) => s.kind === 'error')
    this.status.set(
      error ?? (all.some((s) => s.kind === 'saving') ? { kind: 'saving' } : all.some((s) => s.kind === 'dirty') ? { kind: 'dirty' } : { kind: 'saved' })
    )
  }
}
