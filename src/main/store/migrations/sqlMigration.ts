import type Database from 'better-sqlite3'
import type { Migration } from './index'

/**
 * A migration that runs one SQL script, then (when given) `after`, in the
 * same transaction: a step SQL alone cannot say, such as reading the rows
 * the script made room for into their new shape.
 */
export function sqlMigration(version: number, name: string, sql: string, after?: (db: Database.Database) => void): Migration {
  return {
    version,
    name,
    up: (db) => {
      db.exec(sql)
      after?.(db)
    }
  }
}
