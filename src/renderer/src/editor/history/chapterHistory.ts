/**
 * One Ctrl+Z and one Ctrl+Y for a chapter: its text and the steps kept
 * outside the document (a report table's changes are stored by main, never
 * in the editor's history, so undoing text can never put a table half back).
 * Each chapter editor has one ChapterHistory (editor/history/extension.ts);
 * a table's model records here what each of its changes replaced, and takes
 * its steps back from here. Every step carries when it happened, so that
 * Ctrl+Z in the text undoes whatever was done last (a cell typed after a
 * sentence first, the sentence next) and Ctrl+Y redoes whatever was undone
 * last. A new change, in the text or in a table, ends what can be redone.
 */

/** How a step is kept: a new change (ends what can be redone), an undo (kept for redo), a redo (kept for undo again). */
export type StepRecord = 'change' | 'undo' | 'redo'

/** A place outside the document that keeps steps (one report table). */
export interface StepSource {
  /** Undo the source's newest step. */
  undo(): void
  /** Redo the source's most recently undone step. */
  redo(): void
}

interface Entry {
  source: string
  step: unknown
  at: number
}

export class ChapterHistory {
  private readonly undoList: Entry[] = []
  private readonly redoList: Entry[] = []
  private readonly sources = new Map<string, StepSource>()
  private readonly listeners = new Set<() => void>()
  /** When a source last changed other than by undo or redo: text undone before that is not redone. */
  private changedAt = -Infinity

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Told whenever what can be undone or redone changed (the toolbar redraws its buttons). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  /** A source while it is on screen; leaving forgets its steps. */
  register(id: string, source: StepSource): () => void {
    this.sources.set(id, source)
    return () => {
      if (this.sources.get(id) !== source) return
      this.sources.delete(id)
      this.forget(id)
    }
  }

  /** A source's change: `step` is what puts it back (for an undo, what redoes it). */
  record(id: string, step: unknown, how: StepRecord): void {
    if (how === 'undo') {
      this.redoList.push({ source: id, step, at: this.now() })
    } else {
      this.undoList.push({ source: id, step, at: this.now() })
      if (how === 'change') this.changed()
    }
    this.emit()
  }

  /** The source's newest undo step, taken off the list. */
  takeUndo<S>(id: string): S | undefined {
    return this.take(this.undoList, id) as S | undefined
  }

  /** The source's most recently undone step, taken off the list. */
  takeRedo<S>(id: string): S | undefined {
    return this.take(this.redoList, id) as S | undefined
  }

  /**
   * The source's steps are gone (rows were removed, which cannot be undone,
   * or it left the screen); a removal is also a new change, ending every redo.
   */
  forget(id: string, changed = false): void {
    for (const list of [this.undoList, this.redoList]) for (let i = list.length - 1; i >= 0; i--) if (list[i].source === id) list.splice(i, 1)
    if (changed) this.changed()
    this.emit()
  }

  /** A new change ends what can be redone, in every source. */
  endRedo(): void {
    if (!this.redoList.length) return
    this.redoList.length = 0
    this.emit()
  }

  get canUndo(): boolean {
    return this.undoList.length > 0
  }

  get canRedo(): boolean {
    return this.redoList.length > 0
  }

  /** When the text's newest undone step may still be redone: only if no source changed since it was undone. */
  textRedoable(undoneAt: number): boolean {
    return undoneAt > this.changedAt
  }

  /** Ctrl+Z: undo the newest source step when it is newer than the text's newest (`textAt`); false to leave it to the text. */
  undoNewest(textAt: number): boolean {
    const step = this.undoList[this.undoList.length - 1]
    if (!step || step.at < textAt) return false
    const source = this.sources.get(step.source)
    if (!source) {
      this.forget(step.source)
      return false
    }
    source.undo()
    return true
  }

  /** Ctrl+Y: redo the newest undone source step when it was undone after the text's (`textAt`); false to leave it to the text. */
  redoNewest(textAt: number): boolean {
    const step = this.redoList[this.redoList.length - 1]
    if (!step || step.at <= textAt) return false
    const source = this.sources.get(step.source)
    if (source) source.redo()
    else this.forget(step.source)
    return true
  }

  private changed(): void {
    this.changedAt = this.now()
    this.endRedo()
  }

  private take(list: Entry[], id: string): unknown {
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].source === id) {
        const [entry] = list.splice(i, 1)
        this.emit()
        return entry.step
      }
    }
    return undefined
  }

  private emit(): void {
    for (const l of this.listeners) l()
  }
}
