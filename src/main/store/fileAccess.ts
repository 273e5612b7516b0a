import type Database from 'better-sqlite3'

/** What every typed access to a report file shares: its database, its clock, and one way to make a transaction. */
export abstract class FileAccess {
  constructor(
    readonly db: Database.Database,
    private readonly now: () => Date = () => new Date()
  ) {}

  protected stamp(): string {
    return this.now().toISOString()
  }

  /**
   * Run `fn` as one transaction: every change it makes to the file (chapters,
   * snapshots, live data) is stored together or not at all. Nested calls join
   * the outer transaction (a savepoint), so store methods compose.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }
}
