import type { Migration } from './index'

/** A migration that runs one SQL script: what every numbered migration so far is. */
export function sqlMigration(version: number, name: string, sql: string): Migration {
  return {
    version,
    name,
    up: (db) => {
      db.exec(sql)
    }
  }
}
