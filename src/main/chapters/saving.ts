import type { ParsedInput, SaveResult } from '@shared/api'
import { normalizeDoc } from '@shared/editor/normalize'
import type { DocNode } from '@shared/model/doc'
import { type ChapterSummary, joinSummaries, summarizeBlock, summaryIds } from '@shared/model/summary'
import type { ReportStore } from '../store/reportStore'
import { chapterGone } from '../store/storeErrors'
import { type ChapterContext, storeChapterDoc, validateBlocks, writeChapterBlocks } from './documents'

/**
 * The editor's save, one call (`chapter.save`), with its policy in main:
 *
 * - Blocks sent against the stored version replace those blocks; only they
 *   are normalized, checked and summarised (the rest of the chapter was when
 *   it was stored), so a one-paragraph change to a long chapter stays cheap.
 * - Blocks that no longer fit (the chapter changed behind the editor, or the
 *   range is off) store nothing: the answer asks for the whole document.
 * - A whole document sent against a version that is no longer stored
 *   replaces it, after the stored text is kept as a snapshot (历史版本), so
 *   neither side's text is lost.
 * - `leaving` (the editor closes the chapter): the chapter-switch snapshot is
 *   taken in the same transaction as the save it follows.
 *
 * The answer says what changed: the version and the chapter's outline entry.
 */
export type SaveRequest = ParsedInput<'chapter', 'save'>

/** A chapter as last stored, held while it is edited: its document and each top-level block's summary. */
interface Held {
  version: number
  doc: DocNode
  blocks: ChapterSummary[]
}

/** Chapters held at once: the one open in the editor and a few just left (still saving). */
const HELD_CHAPTERS = 4

/** Per open report: the chapters being edited, and every chapter's summary by version (for the ids the others use). */
class EditingCache {
  private readonly held = new Map<string, Held>()
  private readonly summaries = new Map<string, { version: number; summary: ChapterSummary }>()

  constructor(private readonly store: ReportStore) {}

  /** The chapter as stored at `version` (read from the file when not held, or held at another version). */
  chapter(id: string, version: number): Held {
    const hit = this.held.get(id)
    if (hit && hit.version === version) return hit
    const record = this.store.getChapter(id)
    return { version: record.version, doc: record.doc, blocks: (record.doc.content ?? []).map(summarizeBlock) }
  }

  /** Hold a chapter as just stored (only once its transaction is committed). */
  hold(id: string, held: Held): void {
    this.held.delete(id)
    this.held.set(id, held)
    for (const key of this.held.keys()) {
      if (this.held.size <= HELD_CHAPTERS) break
      this.held.delete(key)
    }
  }

  forget(id: string): void {
    this.held.delete(id)
  }

  /** Ids the other chapters use; a summary is read from the file again only when its chapter's version changed. */
  idsOutside(id: string): Set<string> {
    const seen = new Set<string>()
    const present = new Set<string>()
    for (const { id: other, version } of this.store.chapterVersions()) {
      present.add(other)
      if (other === id) continue
      let entry = this.summaries.get(other)
      if (!entry || entry.version !== version) {
        entry = { version, summary: this.store.chapterSummary(other) }
        this.summaries.set(other, entry)
      }
      summaryIds(entry.summary, seen)
    }
    for (const key of this.summaries.keys()) if (!present.has(key)) this.summaries.delete(key)
    return seen
  }
}

const caches = new WeakMap<ReportStore, EditingCache>()

function cacheOf(store: ReportStore): EditingCache {
  let cache = caches.get(store)
  if (!cache) caches.set(store, (cache = new EditingCache(store)))
  return cache
}

/** What one transaction of a save did, before its answer is made. */
interface Outcome {
  summary: ChapterSummary
  normalized: DocNode | null
  /** The chapter to hold once committed (a patch built it); a whole document is read again when next needed. */
  held?: Held
}

export function saveChapter(ctx: ChapterContext, req: SaveRequest): SaveResult {
  const store = ctx.session.store()
  const cache = cacheOf(store)
  const result = store.transaction(() => {
    const head = store.chapterHead(req.id)
    if (!head) throw chapterGone()
    let outcome: Outcome | null
    if (req.blocks !== undefined) {
      outcome = patch(ctx, cache, head.version, req)
      if (!outcome) return null
    } else if (req.doc !== undefined) {
      // Changed behind this editor (another window's save, a restore): keep what is stored, then store this text.
      if (req.baseVersion !== undefined && req.baseVersion !== head.version) store.addRevision(req.id, 'auto')
      outcome = storeChapterDoc(ctx, req.id, req.doc)
    } else outcome = { summary: store.chapterSummary(req.id), normalized: null }
    if (req.leaving) store.addRevision(req.id, 'switch')
    const { version, ...item } = store.chapterHead(req.id)!
    return { version, chapter: { ...item, summary: outcome.summary }, normalized: outcome.normalized, held: outcome.held }
  })
  if (!result) return { stored: false }
  const { held, ...answer } = result
  if (held) cache.hold(req.id, { ...held, version: answer.version })
  else if (req.doc !== undefined) cache.forget(req.id)
  return { stored: true, ...answer }
}

/** Replace blocks [from, to) of the stored chapter; null when they no longer fit it. */
function patch(ctx: ChapterContext, cache: EditingCache, version: number, req: SaveRequest): Outcome | null {
  const { id, from = 0, to = 0, blocks = [] } = req
  if (req.baseVersion !== version) return null
  const held = cache.chapter(id, version)
  const content = held.doc.content ?? []
  if (from > to || to > content.length) return null

  // Ids must stay unique in the report: the other chapters' and this chapter's blocks that stay.
  const seen = cache.idsOutside(id)
  held.blocks.forEach((b, i) => {
    if (i < from || i >= to) summaryIds(b, seen)
  })
  const norm = normalizeDoc({ type: 'doc', content: blocks }, seen)
  const fresh = norm.doc.content ?? []
  const nextContent = [...content.slice(0, from), ...fresh, ...content.slice(to)]
  validateBlocks(
    nextContent.map((b) => b.type),
    fresh
  )
  const doc: DocNode = { ...held.doc, content: nextContent }
  const summaries = [...held.blocks.slice(0, from), ...fresh.map(summarizeBlock), ...held.blocks.slice(to)]
  const summary = joinSummaries(summaries)
  writeChapterBlocks(ctx, id, { from, to, blocks: fresh }, summary, version)
  return { summary, normalized: norm.changed ? doc : null, held: { version: version + 1, doc, blocks: summaries } }
}
