import { sqlMigration } from './sqlMigration'

/** The report, its chapters, images, history and the case index. */
export const base = sqlMigration(1, 'base', `
      CREATE TABLE report (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        title       TEXT NOT NULL,
        region      TEXT NOT NULL,
        level       TEXT NOT NULL CHECK (level IN ('province', 'city', 'school')),
        year        INTEGER NOT NULL,
        issuer      TEXT NOT NULL DEFAULT '',
        issue_date  TEXT NOT NULL,
        template    TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );

      CREATE TABLE chapter (
        id          TEXT PRIMARY KEY,
        position    INTEGER NOT NULL,
        title       TEXT NOT NULL,
        kind        TEXT NOT NULL DEFAULT 'chapter' CHECK (kind IN ('chapter', 'appendix')),
        doc         TEXT NOT NULL,
        summary     TEXT NOT NULL,
        version     INTEGER NOT NULL DEFAULT 1,
        updated_at  TEXT NOT NULL
      );
      CREATE INDEX chapter_position ON chapter(position);

      CREATE TABLE asset (
        hash        TEXT PRIMARY KEY,
        mime        TEXT NOT NULL,
        width       INTEGER NOT NULL,
        height      INTEGER NOT NULL,
        bytes       BLOB NOT NULL,
        created_at  TEXT NOT NULL
      );

      CREATE TABLE revision (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        chapter_id  TEXT NOT NULL,
        chapter_title TEXT NOT NULL,
        reason      TEXT NOT NULL,
        doc         TEXT NOT NULL,
        words       INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX revision_chapter ON revision(chapter_id, id);

      -- Kept in step with the case nodes on every chapter save (DESIGN.md: data).
      CREATE TABLE case_study (
        id          TEXT PRIMARY KEY,
        chapter_id  TEXT NOT NULL REFERENCES chapter(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        title       TEXT NOT NULL,
        school      TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX case_study_chapter ON case_study(chapter_id, position);
    `)
