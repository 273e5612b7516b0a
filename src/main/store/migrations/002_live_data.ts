import { sqlMigration } from './sqlMigration'

/**
 * Live data: report tables and figures in their own rows (the chapter holds a
 * node that points to them), indicators and their values per year.
 * A table or figure row is kept when its node leaves the chapter text, so
 * undo, a restored revision or a moved node finds it again.
 */
export const liveData = sqlMigration(2, 'live_data', `
      CREATE TABLE report_table (
        id          TEXT PRIMARY KEY,
        chapter_id  TEXT,
        spec        TEXT NOT NULL,            -- ReportTableSpec (src/shared/model/table.ts) as JSON
        updated_at  TEXT NOT NULL
      );

      CREATE TABLE figure (
        id          TEXT PRIMARY KEY,
        chapter_id  TEXT,
        spec        TEXT NOT NULL,            -- FigureSpec (src/shared/model/figure.ts) as JSON
        updated_at  TEXT NOT NULL
      );

      CREATE TABLE indicator (
        id          TEXT PRIMARY KEY,         -- stable key, e.g. teachers.fulltime
        name        TEXT NOT NULL UNIQUE,     -- Chinese label, used in formulas
        unit        TEXT NOT NULL DEFAULT '',
        grp         TEXT NOT NULL DEFAULT '',
        chapter_id  TEXT,
        source      TEXT NOT NULL DEFAULT '', -- 数据来源
        format      TEXT NOT NULL DEFAULT 'general',
        position    INTEGER NOT NULL
      );
      CREATE INDEX indicator_position ON indicator(position);

      CREATE TABLE indicator_value (
        indicator_id TEXT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE ON UPDATE CASCADE,
        year         INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        value        REAL NOT NULL,
        PRIMARY KEY (indicator_id, year)
      ) WITHOUT ROWID;
    `)
