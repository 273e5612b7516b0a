import type Database from 'better-sqlite3'
import { UserError } from '@shared/errors'
import type { DocNode } from '@shared/model/doc'
import type { ChapterKind } from '@shared/model/numbering'
import type { ChapterListItem, ChapterRecord, ReportMeta, TemplateId, ReportLevel } from '@shared/model/report'
import type { ChapterSummary } from '@shared/model/summary'
import { newId } from '@shared/editor/ids'
import { FileAccess } from './fileAccess'
import { chapterGone } from './storeErrors'

export type RevisionReason = 'auto' | 'manual' | 'switch' | 'restore' | 'before-restore'

export interface StoredRevision {
  id: number
  chapterId: string
  chapterTitle: string
  reason: RevisionReason
  words: number
  createdAt: string
}

/** A chapter that no longer exists but whose text is kept in revisions (deleting a chapter snapshots it first). */
export interface DeletedChapter {
  chapterId: string
  title: string
  revisionId: number
  deletedAt: string
  words: number
}

export interface StoredAsset {
  hash: string
  mime: string
  width: number
  height: number
  bytes: Buffer
}

interface ChapterRow {
  id: string
  position: number
  title: string
  kind: ChapterKind
  doc: string
  blocks: string
  summary: string
  version: number
  updated_at: string
}

interface CaseRow {
  id: string
  position: number
  title: string
  school: string
}

interface ReportRow {
  title: string
  region: string
  level: ReportLevel
  year: number
  issuer: string
  issue_date: string
  template: TemplateId
}

/** A chapter's block order as stored; a file whose order is not a list of block ids is damaged. */
function blockKeys(json: string): number[] {
  let keys: unknown
  try {
    keys = JSON.parse(json)
  } catch {
    damagedChapter()
  }
  if (!Array.isArray(keys) || !keys.every((k) => Number.isSafeInteger(k))) damagedChapter()
  return keys as number[]
}

function damagedChapter(): never {
  throw new UserError('DAMAGED', '报告文件中这一章的内容已损坏，无法读取。请改用这份报告的备份副本。')
}

export interface NewChapter {
  id?: string
  title: string
  kind: ChapterKind
  doc: DocNode
  summary: ChapterSummary
}

/**
 * Typed access to one report file. Each public method that changes data is
 * one transaction: a crash leaves either the old state or the new one.
 */
export class ReportStore extends FileAccess {
  // ---- report properties ------------------------------------------------

  static insertMeta(db: Database.Database, meta: ReportMeta, at: string): void {
    db.prepare(
      `INSERT INTO report (id, title, region, level, year, issuer, issue_date, template, created_at, updated_at)
       VALUES (1, @title, @region, @level, @year, @issuer, @issueDate, @template, @at, @at)`
    ).run({ ...meta, at })
  }

  meta(): ReportMeta {
    const r = this.db.prepare('SELECT title, region, level, year, issuer, issue_date, template FROM report WHERE id = 1').get() as ReportRow | undefined
    if (!r) throw new UserError('DAMAGED', '报告文件缺少报告属性，已损坏。')
    return { title: r.title, region: r.region, level: r.level, year: r.year, issuer: r.issuer, issueDate: r.issue_date, template: r.template }
  }

  updateMeta(patch: Partial<Omit<ReportMeta, 'level' | 'template'>>): ReportMeta {
    const next = { ...this.meta(), ...patch }
    this.db
      .prepare('UPDATE report SET title = @title, region = @region, year = @year, issuer = @issuer, issue_date = @issueDate, updated_at = @at WHERE id = 1')
      .run({ ...next, at: this.stamp() })
    return next
  }

  // ---- chapters ---------------------------------------------------------
  //
  // A chapter's document is stored as its shell (chapter.doc: the root node
  // without its content), its top-level blocks one per chapter_block row, and
  // their order (chapter.blocks: a JSON array of chapter_block ids; migration
  // 006). A save that changes a few blocks writes those rows and the chapter's
  // own row only. An empty content array is stored as no content (as
  // ProseMirror writes an empty node).

  listChapters(): ChapterListItem[] {
    const rows = this.sql('SELECT id, position, title, kind, summary, updated_at FROM chapter ORDER BY position').all() as ChapterRow[]
    return rows.map((r) => ({
      id: r.id,
      position: r.position,
      title: r.title,
      kind: r.kind,
      summary: JSON.parse(r.summary) as ChapterSummary,
      updatedAt: r.updated_at
    }))
  }

  getChapter(id: string): ChapterRecord {
    const r = this.sql('SELECT id, title, kind, doc, blocks, version, updated_at FROM chapter WHERE id = ?').get(id) as ChapterRow | undefined
    if (!r) throw chapterGone()
    return { id: r.id, title: r.title, kind: r.kind, doc: JSON.parse(this.docText(r)) as DocNode, version: r.version, updatedAt: r.updated_at }
  }

  /** A chapter's document as JSON text: its shell with its blocks in order. */
  private docText(r: Pick<ChapterRow, 'id' | 'doc' | 'blocks'>): string {
    const keys = blockKeys(r.blocks)
    if (keys.length === 0) return r.doc
    const rows = this.sql('SELECT id, doc FROM chapter_block WHERE chapter_id = ?').all(r.id) as { id: number; doc: string }[]
    const byKey = new Map(rows.map((b) => [b.id, b.doc]))
    const parts = keys.map((k) => byKey.get(k) ?? damagedChapter())
    const shell = r.doc.trimEnd()
    if (!shell.endsWith('}')) damagedChapter()
    const open = shell.slice(0, -1).trimEnd()
    return `${open}${open.endsWith('{') ? '' : ','}"content":[${parts.join(',')}]}`
  }

  hasChapter(id: string): boolean {
    return this.sql('SELECT 1 FROM chapter WHERE id = ?').get(id) !== undefined
  }

  /** A chapter's outline entry without its summary, and its version; undefined when there is no such chapter. */
  chapterHead(id: string): (Omit<ChapterListItem, 'summary'> & { version: number }) | undefined {
    const r = this.sql('SELECT id, position, title, kind, version, updated_at FROM chapter WHERE id = ?').get(id) as
      | Omit<ChapterRow, 'doc' | 'blocks' | 'summary'>
      | undefined
    return r && { id: r.id, position: r.position, title: r.title, kind: r.kind, version: r.version, updatedAt: r.updated_at }
  }

  /** Every chapter's id and version: a version changes whenever the chapter's text does. */
  chapterVersions(): { id: string; version: number }[] {
    return this.sql('SELECT id, version FROM chapter').all() as { id: string; version: number }[]
  }

  chapterSummary(id: string): ChapterSummary {
    const r = this.sql('SELECT summary FROM chapter WHERE id = ?').get(id) as { summary: string } | undefined
    if (!r) throw chapterGone()
    return JSON.parse(r.summary) as ChapterSummary
  }

  insertChapters(chapters: NewChapter[]): string[] {
    const at = this.stamp()
    const start = (this.sql('SELECT coalesce(max(position), -1) + 1 AS p FROM chapter').get() as { p: number }).p
    const insert = this.sql(
      "INSERT INTO chapter (id, position, title, kind, doc, blocks, summary, version, updated_at) VALUES (?, ?, ?, ?, ?, '[]', ?, 1, ?)"
    )
    return this.transaction(() =>
      chapters.map((c, i) => {
        const id = c.id ?? newId('ch')
        const { content, ...shell } = c.doc
        insert.run(id, start + i, c.title, c.kind, JSON.stringify(shell), JSON.stringify(c.summary), at)
        this.sql('UPDATE chapter SET blocks = ? WHERE id = ?').run(JSON.stringify(this.insertBlocks(id, content ?? [])), id)
        this.indexCases(id, c.summary)
        return id
      })
    )
  }

  private insertBlocks(chapterId: string, blocks: readonly DocNode[]): number[] {
    const insert = this.sql('INSERT INTO chapter_block (chapter_id, doc) VALUES (?, ?)')
    return blocks.map((b) => Number(insert.run(chapterId, JSON.stringify(b)).lastInsertRowid))
  }

  /**
   * Save a chapter's document. `baseVersion`, when given, must match the
   * stored version: a stale editor never silently overwrites newer text.
   */
  saveChapter(id: string, doc: DocNode, summary: ChapterSummary, baseVersion?: number): { version: number; savedAt: string } {
    const at = this.stamp()
    return this.transaction(() => {
      const { version } = this.nextVersion(id, baseVersion)
      const { content, ...shell } = doc
      this.sql('DELETE FROM chapter_block WHERE chapter_id = ?').run(id)
      const keys = this.insertBlocks(id, content ?? [])
      return this.savedChapter(id, version, at, summary, { doc: JSON.stringify(shell), blocks: keys })
    })
  }

  /**
   * Replace the chapter's top-level blocks [from, to) with `blocks`, writing
   * only their rows and the chapter's own (order, summary, version): what
   * saveChapter would store for the document so patched, at the cost of the
   * blocks changed. `summary` is the whole chapter's, as after the patch;
   * `baseVersion` is checked as saveChapter checks it.
   */
  patchChapter(id: string, from: number, to: number, blocks: readonly DocNode[], summary: ChapterSummary, baseVersion?: number): { version: number; savedAt: string } {
    const at = this.stamp()
    return this.transaction(() => {
      const { version, blocks: order } = this.nextVersion(id, baseVersion)
      const keys = blockKeys(order)
      if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to || to > keys.length) {
        throw new UserError('BAD_INPUT', '要保存的段落位置超出了这一章的范围，没有保存。')
      }
      const replaced = keys.slice(from, to)
      const update = this.sql('UPDATE chapter_block SET doc = ? WHERE id = ? AND chapter_id = ?')
      // A changed block keeps its row; blocks added get new rows, blocks removed lose theirs.
      const reused = Math.min(replaced.length, blocks.length)
      for (let i = 0; i < reused; i++) {
        if (update.run(JSON.stringify(blocks[i]), replaced[i], id).changes !== 1) damagedChapter()
      }
      const added = this.insertBlocks(id, blocks.slice(reused))
      const remove = this.sql('DELETE FROM chapter_block WHERE id = ? AND chapter_id = ?')
      for (const k of replaced.slice(reused)) remove.run(k, id)
      if (replaced.length === blocks.length) return this.savedChapter(id, version, at, summary)
      keys.splice(from + reused, replaced.length - reused, ...added)
      return this.savedChapter(id, version, at, summary, { blocks: keys })
    })
  }

  /** The chapter's own row after a save (summary, version, time; its shell and block order where they changed) and its case index. */
  private savedChapter(id: string, version: number, at: string, summary: ChapterSummary, changed: { doc?: string; blocks?: number[] } = {}): { version: number; savedAt: string } {
    const columns = [...(changed.doc !== undefined ? ['doc'] : []), ...(changed.blocks ? ['blocks'] : [])]
    const values = [...(changed.doc !== undefined ? [changed.doc] : []), ...(changed.blocks ? [JSON.stringify(changed.blocks)] : [])]
    this.sql(`UPDATE chapter SET ${columns.map((c) => `${c} = ?, `).join('')}summary = ?, version = ?, updated_at = ? WHERE id = ?`).run(...values, JSON.stringify(summary), version, at, id)
    this.indexCases(id, summary)
    return { version, savedAt: at }
  }

  /** The version a save of the chapter gets, after checking the one its editor started from; and the block order as stored. */
  private nextVersion(id: string, baseVersion: number | undefined): { version: number; blocks: string } {
    const row = this.sql('SELECT version, blocks FROM chapter WHERE id = ?').get(id) as { version: number; blocks: string } | undefined
    if (!row) throw chapterGone()
    if (baseVersion !== undefined && baseVersion !== row.version) {
      throw new UserError('CONFLICT', '这一章已在别处被修改，请重新打开这一章后再编辑。')
    }
    return { version: row.version + 1, blocks: row.blocks }
  }

  private indexCases(chapterId: string, summary: ChapterSummary): void {
    const rows: CaseRow[] = []
    summary.cases.forEach((c, i) => {
      if (c.id) rows.push({ id: c.id, position: i, title: c.title, school: c.school })
    })
    // Most saves change no case: the index is then left as it is rather than written again.
    const indexed = this.sql('SELECT id, position, title, school FROM case_study WHERE chapter_id = ? ORDER BY position').all(chapterId) as CaseRow[]
    const same = (a: CaseRow, b: CaseRow) => a.id === b.id && a.position === b.position && a.title === b.title && a.school === b.school
    if (indexed.length === rows.length && rows.every((r, i) => same(r, indexed[i]))) return
    this.sql('DELETE FROM case_study WHERE chapter_id = ?').run(chapterId)
    const ins = this.sql('INSERT OR REPLACE INTO case_study (id, chapter_id, position, title, school) VALUES (?, ?, ?, ?, ?)')
    for (const r of rows) ins.run(r.id, chapterId, r.position, r.title, r.school)
  }

  addChapter(c: NewChapter, afterId?: string): string {
    return this.transaction(() => {
      const [id] = this.insertChapters([c])
      const order = this.chapterOrder().filter((x) => x !== id)
      const at = afterId ? order.indexOf(afterId) + 1 : order.length
      if (afterId && at === 0) throw new UserError('NOT_FOUND', '找不到插入位置所在的章。')
      order.splice(at, 0, id)
      this.writeOrder(order)
      return id
    })
  }

  renameChapter(id: string, title: string): void {
    const r = this.db.prepare('UPDATE chapter SET title = ?, updated_at = ? WHERE id = ?').run(title, this.stamp(), id)
    if (r.changes === 0) throw chapterGone()
  }

  /** Delete a chapter; its last text is kept as a revision so it can be recovered. */
  removeChapter(id: string): void {
    this.transaction(() => {
      const ch = this.getChapter(id)
      this.addRevisionRow(ch.id, ch.title, 'manual', JSON.stringify(ch.doc), 0)
      this.sql('DELETE FROM chapter_block WHERE chapter_id = ?').run(id)
      this.sql('DELETE FROM chapter WHERE id = ?').run(id)
      this.writeOrder(this.chapterOrder())
    })
  }

  moveChapter(id: string, toIndex: number): void {
    this.transaction(() => {
      const order = this.chapterOrder()
      const from = order.indexOf(id)
      if (from < 0) throw chapterGone()
      order.splice(from, 1)
      order.splice(Math.min(toIndex, order.length), 0, id)
      this.writeOrder(order)
    })
  }

  private chapterOrder(): string[] {
    return (this.db.prepare('SELECT id FROM chapter ORDER BY position').all() as { id: string }[]).map((r) => r.id)
  }

  private writeOrder(ids: string[]): void {
    const upd = this.db.prepare('UPDATE chapter SET position = ? WHERE id = ?')
    ids.forEach((id, i) => upd.run(i, id))
  }

  // ---- assets -------------------------------------------------------------

  putAsset(a: StoredAsset): void {
    this.db
      .prepare('INSERT OR IGNORE INTO asset (hash, mime, width, height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(a.hash, a.mime, a.width, a.height, a.bytes, this.stamp())
  }

  getAsset(hash: string): StoredAsset | null {
    const r = this.db.prepare('SELECT hash, mime, width, height, bytes FROM asset WHERE hash = ?').get(hash) as StoredAsset | undefined
    return r ?? null
  }

  assetInfo(hash: string): Omit<StoredAsset, 'bytes'> & { size: number } | null {
    const r = this.db.prepare('SELECT hash, mime, width, height, length(bytes) AS size FROM asset WHERE hash = ?').get(hash) as
      | (Omit<StoredAsset, 'bytes'> & { size: number })
      | undefined
    return r ?? null
  }

  // ---- revisions ------------------------------------------------------------

  private addRevisionRow(chapterId: string, title: string, reason: RevisionReason, doc: string, words: number): number {
    const r = this.sql('INSERT INTO revision (chapter_id, chapter_title, reason, doc, words, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      chapterId,
      title,
      reason,
      doc,
      words,
      this.stamp()
    )
    return Number(r.lastInsertRowid)
  }

  /** Snapshot the chapter as stored now; skipped (null) when identical to its latest snapshot. */
  addRevision(chapterId: string, reason: RevisionReason): StoredRevision | null {
    return this.transaction(() => {
      const row = this.sql('SELECT id, title, doc, blocks, summary FROM chapter WHERE id = ?').get(chapterId) as
        | { id: string; title: string; doc: string; blocks: string; summary: string }
        | undefined
      if (!row) throw chapterGone()
      // The text as one JSON document (checked by parsing it), compared with the latest snapshot as text.
      const doc = JSON.stringify(JSON.parse(this.docText(row)))
      const last = this.sql('SELECT doc FROM revision WHERE chapter_id = ? ORDER BY id DESC LIMIT 1').get(chapterId) as { doc: string } | undefined
      if (last && last.doc === doc && reason !== 'manual') return null
      const words = (JSON.parse(row.summary) as ChapterSummary).words
      const id = this.addRevisionRow(chapterId, row.title, reason, doc, words)
      return this.revisionInfo(id)
    })
  }

  lastRevisionAt(chapterId: string): string | null {
    const r = this.sql('SELECT created_at FROM revision WHERE chapter_id = ? ORDER BY id DESC LIMIT 1').get(chapterId) as
      | { created_at: string }
      | undefined
    return r?.created_at ?? null
  }

  listRevisions(chapterId: string): StoredRevision[] {
    const rows = this.db
      .prepare('SELECT id, chapter_id, chapter_title, reason, words, created_at FROM revision WHERE chapter_id = ? ORDER BY id DESC')
      .all(chapterId) as { id: number; chapter_id: string; chapter_title: string; reason: RevisionReason; words: number; created_at: string }[]
    return rows.map((r) => ({ id: r.id, chapterId: r.chapter_id, chapterTitle: r.chapter_title, reason: r.reason, words: r.words, createdAt: r.created_at }))
  }

  revisionInfo(id: number): StoredRevision {
    const r = this.db.prepare('SELECT id, chapter_id, chapter_title, reason, words, created_at FROM revision WHERE id = ?').get(id) as
      | { id: number; chapter_id: string; chapter_title: string; reason: RevisionReason; words: number; created_at: string }
      | undefined
    if (!r) throw new UserError('NOT_FOUND', '找不到这个历史版本。')
    return { id: r.id, chapterId: r.chapter_id, chapterTitle: r.chapter_title, reason: r.reason, words: r.words, createdAt: r.created_at }
  }

  revisionDoc(id: number): DocNode {
    const r = this.db.prepare('SELECT doc FROM revision WHERE id = ?').get(id) as { doc: string } | undefined
    if (!r) throw new UserError('NOT_FOUND', '找不到这个历史版本。')
    return JSON.parse(r.doc) as DocNode
  }

  /** Deleted chapters, newest first, each with its last snapshot. */
  deletedChapters(): DeletedChapter[] {
    return this.db
      .prepare(
        `SELECT r.chapter_id AS chapterId, r.chapter_title AS title, r.id AS revisionId, r.created_at AS deletedAt, r.words AS words
           FROM revision r
          WHERE r.id = (SELECT max(id) FROM revision WHERE chapter_id = r.chapter_id)
            AND NOT EXISTS (SELECT 1 FROM chapter c WHERE c.id = r.chapter_id)
          ORDER BY r.id DESC
          LIMIT 200`
      )
      .all() as DeletedChapter[]
  }

  // ---- whole file -------------------------------------------------------------

  /** A consistent copy through SQLite's backup API (never a raw copy of an open file). */
  async backupTo(path: string): Promise<void> {
    await this.db.backup(path)
  }
}
