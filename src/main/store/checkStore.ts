import type Database from 'better-sqlite3'
import { DEFAULT_CHECK_SETTINGS, type CheckSettings } from '@shared/check/types'

/**
 * What 体检 keeps in the report file (migration 004): the findings marked
 * 已核实 and the report's check settings. A file not yet migrated (opened
 * read-only by `nianbao check`) reads as having neither.
 */
export interface VerifiedMark {
  by: string
  at: string
  rule: string
  summary: string
}

function hasTables(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'check_verified'").get() !== undefined
}

export function verifiedMarks(db: Database.Database): Map<string, VerifiedMark> {
  if (!hasTables(db)) return new Map()
  const rows = db.prepare('SELECT finding_id, rule, summary, verified_by, verified_at FROM check_verified').all() as {
    finding_id: string
    rule: string
    summary: string
    verified_by: string
    verified_at: string
  }[]
  return new Map(rows.map((r) => [r.finding_id, { by: r.verified_by, at: r.verified_at, rule: r.rule, summary: r.summary }]))
}

export function markVerified(db: Database.Database, findingId: string, mark: VerifiedMark): void {
  db.prepare(
    `INSERT INTO check_verified (finding_id, rule, summary, verified_by, verified_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(finding_id) DO UPDATE SET rule = excluded.rule, summary = excluded.summary, verified_by = excluded.verified_by, verified_at = excluded.verified_at`
  ).run(findingId, mark.rule, mark.summary.slice(0, 500), mark.by.slice(0, 100), mark.at)
}

export function unmarkVerified(db: Database.Database, findingId: string): boolean {
  return db.prepare('DELETE FROM check_verified WHERE finding_id = ?').run(findingId).changes > 0
}

/** Last year's 已核实 belonged to last year's figures (rollover). */
export function clearVerified(db: Database.Database): void {
  if (hasTables(db)) db.prepare('DELETE FROM check_verified').run()
}

export function checkSettings(db: Database.Database): CheckSettings {
  if (!hasTables(db)) return { ...DEFAULT_CHECK_SETTINGS }
  const rows = db.prepare('SELECT key, value FROM check_setting').all() as { key: string; value: string }[]
  const out: CheckSettings = { ...DEFAULT_CHECK_SETTINGS }
  for (const r of rows) {
    const v = Number(r.value)
    if (!Number.isFinite(v)) continue
    if (r.key === 'caseWordLimit' && v >= 100 && v <= 100_000) out.caseWordLimit = Math.round(v)
    if (r.key === 'changeThreshold' && v > 0 && v <= 10_000) out.changeThreshold = v
  }
  return out
}

export function saveCheckSettings(db: Database.Database, s: CheckSettings): void {
  const put = db.prepare('INSERT INTO check_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  db.transaction(() => {
    put.run('caseWordLimit', String(s.caseWordLimit))
    put.run('changeThreshold', String(s.changeThreshold))
  })()
}
