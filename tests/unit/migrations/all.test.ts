import { readdirSync } from 'node:fs'
import { LATEST_VERSION, migrate, migrations } from '../../../src/main/store/migrations'
import { databaseAt, userVersion } from '../../helpers/migrations'
import Database from 'better-sqlite3'

/**
 * The rules every migration follows. A new migration NNN_name.ts in
 * src/main/store/migrations/ needs its own tests/unit/migrations/NNN_name.test.ts
 * (copy 001_base.test.ts: describeMigration(N, db => { …what N made… })).
 */
describe('migrations', () => {
  it('are numbered 1, 2, 3 … in increasing order (a number may wait for its branch), with unique names', () => {
    const versions = migrations.map((m) => m.version)
    expect(versions[0]).toBe(1)
    expect(versions.every((v, i) => i === 0 || v > versions[i - 1])).toBe(true)
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length)
    expect(LATEST_VERSION).toBe(versions[versions.length - 1])
  })

  it('each have a test file of their own', () => {
    const files = readdirSync(__dirname)
    const missing = migrations
      .map((m) => `${String(m.version).padStart(3, '0')}_${m.name}.test.ts`)
      .filter((f) => !files.includes(f))
    expect(missing, `add ${missing.join(', ')} under tests/unit/migrations/ (copy 001_base.test.ts)`).toEqual([])
  })

  it('bring an empty file to the latest version in one call', () => {
    const db = new Database(':memory:')
    migrate(db)
    expect(userVersion(db)).toBe(LATEST_VERSION)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()
  })

  it('give the same schema whether applied at once or one at a time', () => {
    const once = new Database(':memory:')
    migrate(once)
    const stepwise = databaseAt(LATEST_VERSION)
    const schema = (db: Database.Database) => db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()
    expect(schema(stepwise)).toEqual(schema(once))
    once.close()
    stepwise.close()
  })
})
