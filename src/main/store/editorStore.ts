import type Database from 'better-sqlite3'

export interface DeletedChapter {
  chapterId: string
  title: string
  revisionId: number
  deletedAt: string
  words: number
}

/** Chapters that no longer exist but whose text is kept in revisions (deleting a chapter snapshots it first). */
export function deletedChapters(db: Database.Database): DeletedChapter[] {
  const rows = db
    .prepare(
      `SELECT r.chapter_id AS chapterId, r.chapter_title AS title, r.id AS revisionId, r.created_at AS deletedAt, r.words AS words
         FROM revision r
        WHERE r.id = (SELECT max(id) FROM revision WHERE chapter_id = r.chapter_id)
          AND NOT EXISTS (SELECT 1 FROM chapter c WHERE c.id = r.chapter_id)
        ORDER BY r.id DESC
        LIMIT 200`
    )
    .all() as DeletedChapter[]
  return rows
}
