import { createHash } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { TemplateId } from '../../src/shared/model/report'
import { ReportSession } from '../../src/main/services/reportSession'
import { templateChapters, templateMeta } from '../../src/main/templates/outline'

export function tempDir(prefix = 'nianbao-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** A closed report file made from a template, as `nianbao new` makes it. */
export function makeReport(path: string, template: TemplateId = 'city', region = '清远市', year = 2021): string {
  const session = new ReportSession({ now: () => new Date() })
  session.create(path, templateMeta(template, { region, year }), templateChapters(template))
  session.close()
  return path
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** Overwrite `count` bytes at `offset` with a fixed pattern (a damaged disk sector). */
export function damage(path: string, offset: number, count = 512): void {
  const fd = openSync(path, 'r+')
  try {
    writeSync(fd, Buffer.alloc(count, 0xa5), 0, count, offset)
  } finally {
    closeSync(fd)
  }
}

/** A report whose user_version says it was written by a newer Nianbao. */
export function makeNewerReport(path: string, version = 999): string {
  makeReport(path)
  const db = new Database(path)
  db.pragma(`user_version = ${version}`)
  db.close()
  return path
}

/** A valid SQLite database that is not a Nianbao report (another program's file). */
export function makeForeignSqlite(path: string): string {
  const db = new Database(path)
  db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('张三')")
  db.close()
  return path
}
