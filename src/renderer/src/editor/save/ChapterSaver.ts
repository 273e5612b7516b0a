import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { SaveResult } from '@shared/api'
import type { DocNode } from '@shared/model/doc'
import { api, ApiError, errorMessage } from '../../api/client'
import type { SaveQueue } from './SaveQueue'
import { adoptNormalized, ADOPT_META } from './adopt'

/** Typing pauses this long before a save; continuous typing is saved at least every AUTOSAVE_MAX_WAIT_MS. */
export const AUTOSAVE_DELAY_MS = 500
// 0.7 s: killed while typing, a report loses at most about 1 s of typing (the save itself is a patch of the changed blocks).
export const AUTOSAVE_MAX_WAIT_MS = 700
const RETRY_MS = [2000, 4000, 8000, 15000]
/** Keepalive requests (sent while the page closes) may carry at most 64 KB. */
const UNLOAD_LIMIT = 60_000

/** What a save sends: the top-level blocks [from, to) of the stored version replaced, or the whole document. */
type Payload = { from: number; to: number; blocks: DocNode[] } | { doc: DocNode }

/** What a save answers when it stored the text. */
export type StoredSave = Extract<SaveResult, { stored: true }>

/** Flush what the browser has typed into the DOM (an unfinished IME composition included) into the editor state. */
export function syncDom(editor: Editor): void {
  const view = editor.view as unknown as { domObserver?: { flush(): void } }
  if (!editor.isDestroyed) view.domObserver?.flush()
}

/**
 * Saves one chapter continuously: shortly after typing stops, at once on
 * flush (blur, chapter switch, Ctrl+S, window close), and again and again
 * after a failure while the text stays in the editor. A save sends only the
 * top-level blocks that changed since the last save (ProseMirror keeps
 * unchanged blocks as the same objects), or the whole document when that is
 * simpler. Each save is one call and one transaction in main, which also
 * decides what happens when the stored chapter changed behind this editor
 * (it answers that the blocks no longer fit: the whole text is sent once
 * more, and main keeps what it replaces as a snapshot) and takes the
 * snapshot of a chapter left for another (`detach(true)`).
 */
export class ChapterSaver {
  private version: number
  /** The document as stored by the last successful save; null when unknown (the next save sends everything). */
  private saved: PMNode | null
  private dirty = false
  private editor: Editor | null
  private detachedDoc: PMNode | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private maxTimer: ReturnType<typeof setTimeout> | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private retries = 0
  private failing: string | null = null
  private inFlight: { doc: PMNode; version: number } | null = null
  private cancelled = false
  /** The editor left the chapter for another: the next save that succeeds takes the chapter-switch snapshot. */
  private leaving = false

  constructor(
    private readonly queue: SaveQueue,
    readonly chapterId: string,
    editor: Editor,
    version: number,
    saved: PMNode | null
  ) {
    this.editor = editor
    this.version = version
    this.saved = saved
    queue.attach(this)
  }

  /** Continue from a closed chapter's saver that still holds unsaved text. */
  adoptFrom(prev: ChapterSaver): void {
    this.version = prev.version
    this.saved = prev.saved
    this.markDirty()
  }

  /** The document this saver holds (its editor's, or the last one if the editor closed). */
  currentDoc(): PMNode | null {
    if (this.detachedDoc) return this.detachedDoc
    return this.editor && !this.editor.isDestroyed ? this.editor.state.doc : null
  }

  isDirty(): boolean {
    return this.dirty
  }

  isDetached(): boolean {
    return this.detachedDoc !== null
  }

  baseVersion(): number {
    return this.version
  }

  markDirty(): void {
    this.dirty = true
    if (!this.failing) this.queue.report(this.chapterId, { kind: 'dirty' })
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS)
    this.maxTimer ??= setTimeout(() => void this.flush(), AUTOSAVE_MAX_WAIT_MS)
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer)
    if (this.maxTimer) clearTimeout(this.maxTimer)
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.timer = this.maxTimer = this.retryTimer = null
  }

  /** Save now (after any save or snapshot already queued). Resolves false if it failed; retrying continues. */
  flush(): Promise<boolean> {
    this.clearTimers()
    if (this.editor && !this.editor.isDestroyed) syncDom(this.editor)
    return this.queue.run(() => this.saveNow())
  }

  /**
   * The editor is closing: keep its last document and save it; if that fails
   * the saver stays in the queue and keeps retrying. `leaving`: another
   * chapter is opened, so main also snapshots this one as it was left.
   */
  detach(leaving = false): Promise<boolean> {
    if (this.editor && !this.editor.isDestroyed) {
      syncDom(this.editor)
      this.detachedDoc = this.editor.state.doc
    }
    this.editor = null
    if (leaving) this.leaving = true
    return this.flush().then((ok) => {
      if (ok && !this.dirty) this.queue.release(this)
      return ok
    })
  }

  /** Stop for good (another saver took over this chapter's text). */
  cancel(): void {
    this.cancelled = true
    this.clearTimers()
  }

  /** The page is being closed: start the request right now, without waiting for the queue. */
  flushForUnload(): void {
    if (this.cancelled || (!this.dirty && !this.inFlight)) return
    if (this.editor && !this.editor.isDestroyed) syncDom(this.editor)
    const doc = this.currentDoc()
    if (!doc) return
    // A save already on its way will be stored first; this one builds on it.
    const base = this.inFlight ? { doc: this.inFlight.doc, version: this.inFlight.version + 1 } : { doc: this.saved, version: this.version }
    if (base.doc === doc) return
    let payload = this.payloadFor(doc, base.doc)
    if ('blocks' in payload && new TextEncoder().encode(JSON.stringify(payload.blocks)).length >= UNLOAD_LIMIT) payload = { doc: doc.toJSON() as DocNode }
    void api.chapter.save({ id: this.chapterId, baseVersion: base.version, ...payload }).catch(() => {})
  }

  private payloadFor(doc: PMNode, saved: PMNode | null): Payload {
    if (!saved) return { doc: doc.toJSON() as DocNode }
    let start = 0
    const min = Math.min(saved.childCount, doc.childCount)
    while (start < min && saved.child(start) === doc.child(start)) start++
    let endOld = saved.childCount
    let endNew = doc.childCount
    while (endOld > start && endNew > start && saved.child(endOld - 1) === doc.child(endNew - 1)) {
      endOld--
      endNew--
    }
    const blocks: DocNode[] = []
    for (let i = start; i < endNew; i++) blocks.push(doc.child(i).toJSON() as DocNode)
    // Most of the chapter changed (a paste over everything, a restore): send it whole.
    if (blocks.length > doc.childCount / 2 && doc.childCount > 20) return { doc: doc.toJSON() as DocNode }
    return { from: start, to: endOld, blocks }
  }

  /** One save call: what changed (nothing, when only leaving) against the version this editor holds. */
  private async send(payload: Payload | null, leaving: boolean): Promise<SaveResult> {
    return api.chapter.save({ id: this.chapterId, baseVersion: this.version, ...payload, ...(leaving ? { leaving } : {}) })
  }

  private async saveNow(): Promise<boolean> {
    if (this.cancelled) return true
    if (!this.dirty && !this.leaving) return !this.failing
    const doc = this.currentDoc()
    if (!doc) return false
    const changed = this.dirty
    const leaving = this.leaving
    this.dirty = false
    if (changed && !this.failing) this.queue.report(this.chapterId, { kind: 'saving' })
    this.inFlight = { doc, version: this.version }
    try {
      let r = await this.send(changed ? this.payloadFor(doc, this.saved) : null, leaving)
      // The blocks no longer fit the stored chapter (it changed behind this editor): send the text whole;
      // main keeps what it replaces as a snapshot.
      if (!r.stored) r = await this.send({ doc: doc.toJSON() as DocNode }, leaving)
      if (!r.stored) throw new Error('保存失败：文件中的这一章与编辑器中的内容对不上。')
      this.inFlight = null
      if (leaving) this.leaving = false
      this.version = r.version
      this.saved = doc
      this.failing = null
      this.retries = 0
      if (r.normalized) this.adopt(r.normalized)
      this.queue.report(this.chapterId, { kind: this.dirty ? 'dirty' : 'saved' })
      this.queue.saved(r)
      if (this.detachedDoc && !this.dirty) this.queue.release(this)
      return true
    } catch (e) {
      this.inFlight = null
      if (e instanceof ApiError && e.code === 'NOT_FOUND') {
        // The chapter was deleted (its last text is kept in 历史版本): nothing left to save into.
        this.cancel()
        this.queue.release(this)
        return true
      }
      this.dirty = true
      this.failing = errorMessage(e)
      this.queue.report(this.chapterId, { kind: 'error', message: this.failing })
      const delay = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)]
      if (this.retryTimer) clearTimeout(this.retryTimer)
      this.retryTimer = setTimeout(() => void this.flush(), delay)
      return false
    }
  }

  /** Main repaired the document (a duplicate id, an unsafe link): take its version without losing the cursor or undo. */
  private adopt(normalized: DocNode): void {
    const editor = this.editor
    if (!editor || editor.isDestroyed || this.dirty || editor.view.composing) {
      // Not now: the next save sends everything and main repairs it again.
      this.saved = null
      if (this.detachedDoc) this.detachedDoc = this.detachedDoc.type.schema.nodeFromJSON(normalized)
      return
    }
    adoptNormalized(editor, normalized)
    this.saved = editor.state.doc
  }

  /** True for transactions that change the document and must be saved. */
  static isEdit(tr: { docChanged: boolean; getMeta(key: string): unknown }): boolean {
    return tr.docChanged && !tr.getMeta(ADOPT_META)
  }
}
