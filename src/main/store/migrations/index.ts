import type Database from 'better-sqlite3'
import { base } from './001_base'
import { liveData } from './002_live_data'
import { importReports } from './003_import_reports'
import { check } from './004_check'
import { intake } from './005_intake'
import { chapterBlocks } from './006_chapter_blocks'

export interface Migration {
  version: number
  name: string
  up: (db: Database.Database) => void
}

/**
 * Numbered migrations, applied in order; PRAGMA user_version records the last one applied.
 * Numbers increase; one may be missing while the branch that adds it is apart.
 */
export const migrations: Migration[] = [base, liveData, importReports, check, intake, chapterBlocks]

export const LATEST_VERSION = migrations[migrations.length - 1].version

export function migrate(db: Database.Database): void {
  const current = Number(db.pragma('user_version', { simple: true }))
  for (const m of migrations) {
    if (m.version <= current) continue
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
