import type { Migration } from './index'

/**
 * 体检: findings marked 已核实 (who and when), remembered by the finding's id
 * (which changes when the numbers it is about change, so a changed figure is
 * shown again), and the report's own settings of the check (case word limit,
 * the year-on-year change that asks 请核实).
 */
export const check: Migration = {
  version: 4,
  name: 'check',
  up: (db) => {
    db.exec(`
      CREATE TABLE check_verified (
        finding_id  TEXT PRIMARY KEY,
        rule        TEXT NOT NULL,
        summary     TEXT NOT NULL DEFAULT '',   -- the finding's message when it was marked, for the list
        verified_by TEXT NOT NULL,
        verified_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE check_setting (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) WITHOUT ROWID;
    `)
  }
}
