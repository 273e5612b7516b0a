import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { APPLICATION_ID, closeReportDatabase, openReportDatabase } from '../../src/main/store/database'
import { LATEST_VERSION, migrate, migrations } from '../../src/main/store/migrations'
import { type NewChapter, ReportStore } from '../../src/main/store/reportStore'
import { newId } from '../../src/shared/editor/ids'
import { templateChapters, templateMeta } from '../../src/main/templates/outline'

/**
 * An empty database brought to `version` by applying the numbered migrations
 * one by one, the way migrate() does (one transaction each, then
 * user_version), so a migration can be tested against exactly the schema it
 * was written for.
 */
export function databaseAt(version: number, path = ':memory:'): Database.Database {
  const db = new Database(path)
  db.pragma(`application_id = ${APPLICATION_ID}`)
  db.pragma('foreign_keys = ON')
  for (const m of migrations) {
    if (m.version > version) break
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
  return db
}

export function userVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }))
}

export function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as { name: string }[]).map((c) => c.name)
}

export function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name
  )
}

/**
 * Chapters written as versions 1–5 stored them (the whole document in
 * chapter.doc, no block rows), for a file made at one of those versions;
 * a file at version 6 or later is written by ReportStore.
 */
export function insertChaptersAt(db: Database.Database, chapters: NewChapter[]): string[] {
  if (userVersion(db) >= 6) return new ReportStore(db).insertChapters(chapters)
  const at = '2022-01-01T00:00:00.000Z'
  const insert = db.prepare('INSERT INTO chapter (id, position, title, kind, doc, summary, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)')
  const caseRow = db.prepare('INSERT INTO case_study (id, chapter_id, position, title, school) VALUES (?, ?, ?, ?, ?)')
  return chapters.map((c, i) => {
    const id = c.id ?? newId('ch')
    insert.run(id, i, c.title, c.kind, JSON.stringify(c.doc), JSON.stringify(c.summary), at)
    c.summary.cases.forEach((k, n) => k.id && caseRow.run(k.id, id, n, k.title, k.school))
    return id
  })
}

/**
 * The tests every migration gets: from an empty file up to it, and (from 002
 * on) a report written at the previous version opened by this Nianbao, which
 * migrates it and keeps what was in it. `check` asserts what this migration
 * made; it receives a database at exactly this version.
 */
export function describeMigration(version: number, check: (db: Database.Database) => void): void {
  const m = migrations.find((x) => x.version === version)

  describe(`migration ${String(version).padStart(3, '0')}`, () => {
    it('is registered in migrations/index.ts', () => {
      expect(m, `migration ${version} missing from src/main/store/migrations/index.ts`).toBeDefined()
    })

    it('applies to an empty file and sets user_version', () => {
      const db = databaseAt(version)
      expect(userVersion(db)).toBe(version)
      check(db)
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
      db.close()
    })

    if (version > 1) {
      it(`upgrades a report written at version ${version - 1} when it is opened, keeping its content`, () => {
        const path = join(mkdtempSync(join(tmpdir(), 'nianbao-mig-')), 'old.nianbao')
        const old = databaseAt(version - 1, path)
        ReportStore.insertMeta(old, templateMeta('city', { region: '清远市', year: 2021 }), '2022-01-01T00:00:00.000Z')
        insertChaptersAt(old, templateChapters('city').slice(0, 2))
        old.close()

        const db = openReportDatabase(path)
        try {
          expect(userVersion(db)).toBe(LATEST_VERSION)
          const store = new ReportStore(db)
          expect(store.meta().region).toBe('清远市')
          expect(store.listChapters().map((c) => c.title)).toEqual(['基本情况', '学生发展'])
          check(db)
        } finally {
          closeReportDatabase(db)
        }
      })
    }

    it('running migrate() again changes nothing', () => {
      const db = databaseAt(version)
      migrate(db)
      const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()
      migrate(db)
      expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schema)
      expect(userVersion(db)).toBe(LATEST_VERSION)
      db.close()
    })
  })
}
