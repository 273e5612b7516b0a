import type Database from 'better-sqlite3'
import type { ImportReport } from '@shared/contract/import'

/** The import reports kept in a report file (migration 003). */
export function saveImportReport(db: Database.Database, kind: 'import' | 'rollover', report: ImportReport, at: string): void {
  db.prepare('INSERT INTO import_report (kind, source_name, source_bytes, report, created_at) VALUES (?, ?, ?, ?, ?)').run(
    kind,
    report.source.fileName,
    report.source.bytes,
    JSON.stringify(report),
    at
  )
}

/** The newest import report, or null when the report was not made by an import. */
export function latestImportReport(db: Database.Database): ImportReport | null {
  if (!hasImportReports(db)) return null
  const row = db.prepare('SELECT report FROM import_report ORDER BY id DESC LIMIT 1').get() as { report: string } | undefined
  if (!row) return null
  try {
    const r = JSON.parse(row.report) as ImportReport
    return r && typeof r === 'object' && r.counts && Array.isArray(r.inconsistencies) ? r : null
  } catch {
    return null
  }
}

function hasImportReports(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'import_report'").get() !== undefined
}

/** Rewrite the newest import report (a choice made in it, e.g. 保留原文数字 / 采用计算值). */
export function updateLatestImportReport(db: Database.Database, report: ImportReport): void {
  db.prepare('UPDATE import_report SET report = ? WHERE id = (SELECT MAX(id) FROM import_report)').run(JSON.stringify(report))
}
