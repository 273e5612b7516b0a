import type { Migration } from './index'

/**
 * 汇总: what schools (or cities) sent and where every compiled figure came
 * from. Contributors (the schools, with the list a data kit was made for),
 * the files received from each, the values taken per figure and year with
 * the cell they came from, the figures compiled from them, and the cases
 * sent for the 案例库. A newer file from a school replaces its values; the
 * older file stays listed, marked as replaced.
 */
export const intake: Migration = {
  version: 5,
  name: 'intake',
  up: (db) => {
    db.exec(`
      CREATE TABLE intake_contributor (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL UNIQUE,
        expected     INTEGER NOT NULL DEFAULT 0 CHECK (expected IN (0, 1)),  -- on the list a data kit was made for
        position     INTEGER NOT NULL,
        created_at   TEXT NOT NULL
      );

      CREATE TABLE intake_file (
        id             INTEGER PRIMARY KEY,
        contributor_id INTEGER NOT NULL REFERENCES intake_contributor(id) ON DELETE CASCADE,
        file_name      TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('kit', 'workbook', 'report', 'docx')),
        sha256         TEXT NOT NULL,
        bytes          INTEGER NOT NULL,
        file_date      TEXT,                 -- when the sender last saved it, as far as it says
        received_at    TEXT NOT NULL,
        sheet          TEXT NOT NULL DEFAULT '',
        issues         TEXT NOT NULL DEFAULT '[]',  -- IntakeIssue[] (src/shared/contract/intake.ts) as JSON
        errors         INTEGER NOT NULL DEFAULT 0,
        warnings       INTEGER NOT NULL DEFAULT 0,
        replaced       INTEGER NOT NULL DEFAULT 0 CHECK (replaced IN (0, 1))
      );
      CREATE INDEX intake_file_contributor ON intake_file(contributor_id);

      -- One value per school, figure and year; the figure is the key the data kit asks it by.
      CREATE TABLE intake_value (
        contributor_id INTEGER NOT NULL REFERENCES intake_contributor(id) ON DELETE CASCADE,
        figure         TEXT NOT NULL,
        year           INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        value          REAL NOT NULL,
        file_id        INTEGER NOT NULL REFERENCES intake_file(id) ON DELETE CASCADE,
        place          TEXT NOT NULL DEFAULT '',
        note           TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (contributor_id, figure, year)
      ) WITHOUT ROWID;
      CREATE INDEX intake_value_figure ON intake_value(figure, year);

      -- The value compilation gave an indicator, to tell it from one typed over it later.
      CREATE TABLE intake_compiled (
        indicator_id   TEXT NOT NULL,
        year           INTEGER NOT NULL,
        value          REAL NOT NULL,
        contributors   INTEGER NOT NULL,
        compiled_at    TEXT NOT NULL,
        PRIMARY KEY (indicator_id, year)
      ) WITHOUT ROWID;

      -- 案例库: a case as a caseStudy node; its photos are assets of this report, its tables numbers as printed.
      CREATE TABLE intake_case (
        id             TEXT PRIMARY KEY,
        contributor_id INTEGER NOT NULL REFERENCES intake_contributor(id) ON DELETE CASCADE,
        file_id        INTEGER REFERENCES intake_file(id) ON DELETE SET NULL,
        title          TEXT NOT NULL,
        school         TEXT NOT NULL DEFAULT '',
        doc            TEXT NOT NULL,
        tables         TEXT NOT NULL DEFAULT '[]',
        figures        TEXT NOT NULL DEFAULT '[]',
        picked_case    TEXT,
        received_at    TEXT NOT NULL
      );
      CREATE INDEX intake_case_contributor ON intake_case(contributor_id);
    `)
  }
}
