import { sqlMigration } from './sqlMigration'

/**
 * 导入报告: what an import of last year's document found, left out and
 * found inconsistent, kept in the report so it can be read again later.
 * One row per import or rollover; the newest is the one shown.
 */
export const importReports = sqlMigration(3, 'import_reports', `
      CREATE TABLE import_report (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        kind         TEXT NOT NULL CHECK (kind IN ('import', 'rollover')),
        source_name  TEXT NOT NULL,
        source_bytes INTEGER NOT NULL DEFAULT 0,
        report       TEXT NOT NULL,            -- ImportReport (src/shared/contract/import.ts) as JSON
        created_at   TEXT NOT NULL
      );
    `)
