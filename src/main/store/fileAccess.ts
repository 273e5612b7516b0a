import type Database from 'better-sqlite3'

/** Prepared statements per open file, by their SQL: preparing one costs more than running a small one. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** What every typed access to a report file shares: its database, its clock, and one way to make a transaction. */
export abstract class FileAccess {
  constructor(
    readonly db: Database.Database,
    private readonly now: () => Date = () => new Date()
  ) {}

  /**
   * The statement for `sql`, prepared once per file. Only for statements run
   * with run/get/all (never iterate, raw or pluck, which would change or hold
   * the shared statement).
   */
  protected sql(sql: string): Database.Statement {
    let cache = statements.get(this.db)
    if (!cache) statements.set(this.db, (cache = new Map()))
    let stmt = cache.get(sql)
    if (!stmt) cache.set(sql, (stmt = this.db.prepare(sql)))
    return stmt
  }

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
