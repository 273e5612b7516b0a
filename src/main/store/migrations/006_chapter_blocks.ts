import type Database from 'better-sqlite3'
import { sqlMigration } from './sqlMigration'

/**
 * A chapter's top-level blocks in rows of their own, so a save that changes
 * one paragraph writes that paragraph's row and the chapter's small row, not
 * the whole chapter. The chapter row keeps the document's shell (`doc`: the
 * root node without its content) and the order of its blocks (`blocks`: a
 * JSON array of chapter_block ids). A block's row holds no position, so
 * inserting a block rewrites no other block.
 */
export const chapterBlocks = sqlMigration(
  6,
  'chapter_blocks',
  `
      CREATE TABLE chapter_block (
        id          INTEGER PRIMARY KEY,
        chapter_id  TEXT NOT NULL REFERENCES chapter(id) ON DELETE CASCADE,
        doc         TEXT NOT NULL                 -- one top-level block, tiptap JSON
      );
      CREATE INDEX chapter_block_chapter ON chapter_block(chapter_id);

      ALTER TABLE chapter ADD COLUMN blocks TEXT NOT NULL DEFAULT '[]';  -- chapter_block ids in document order
    `,
  splitChapters
)

/** Each stored chapter document into its shell and block rows. */
function splitChapters(db: Database.Database): void {
  const rows = db.prepare('SELECT id, doc FROM chapter').all() as { id: string; doc: string }[]
  const insert = db.prepare('INSERT INTO chapter_block (chapter_id, doc) VALUES (?, ?)')
  const update = db.prepare('UPDATE chapter SET doc = ?, blocks = ? WHERE id = ?')
  for (const row of rows) {
    let doc: unknown
    try {
      doc = JSON.parse(row.doc)
    } catch {
      // A damaged document stays as it was: reading it is refused as it was before.
      continue
    }
    if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { content?: unknown }).content)) continue
    const { content, ...shell } = doc as { content: unknown[] }
    const keys = content.map((block) => Number(insert.run(row.id, JSON.stringify(block)).lastInsertRowid))
    update.run(JSON.stringify(shell), JSON.stringify(keys), row.id)
  }
}
