import type Database from 'better-sqlite3'
import type { IntakeFileKind, IntakeIssue } from '@shared/contract/intake'

/**
 * The 汇总 rows of a report file (migration 005): contributors, the files
 * each sent, the values taken per figure and year, the values compilation
 * gave the indicators, and the case library. Plain storage; deciding what
 * is taken and compiling it is src/main/intake's job. Callers group writes
 * in one transaction (an intake is all or nothing).
 */
export interface ContributorRow {
  id: number
  name: string
  expected: boolean
  position: number
}

export interface FileRow {
  id: number
  contributorId: number
  fileName: string
  kind: IntakeFileKind
  sha256: string
  bytes: number
  fileDate: string | null
  receivedAt: string
  sheet: string
  issues: IntakeIssue[]
  errors: number
  warnings: number
  replaced: boolean
}

export interface ValueRow {
  contributorId: number
  figure: string
  year: number
  value: number
  fileId: number
  place: string
  note: string
}

export interface CaseRow {
  id: string
  contributorId: number
  fileId: number | null
  title: string
  school: string
  doc: string
  tables: string
  figures: string
  pickedCase: string | null
  receivedAt: string
}

function hasIntake(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'intake_value'").get() !== undefined
}

function parseIssues(json: string): IntakeIssue[] {
  try {
    const v = JSON.parse(json) as unknown
    return Array.isArray(v) ? (v.filter((i) => i && typeof i === 'object' && typeof (i as IntakeIssue).message === 'string') as IntakeIssue[]) : []
  } catch {
    return []
  }
}

export class IntakeStore {
  constructor(readonly db: Database.Database) {}

  // ---- contributors ------------------------------------------------------------------------

  contributors(): ContributorRow[] {
    return (this.db.prepare('SELECT id, name, expected, position FROM intake_contributor ORDER BY position, id').all() as { id: number; name: string; expected: number; position: number }[]).map(
      (r) => ({ ...r, expected: r.expected === 1 })
    )
  }

  contributor(name: string): ContributorRow | null {
    const r = this.db.prepare('SELECT id, name, expected, position FROM intake_contributor WHERE name = ?').get(name) as
      | { id: number; name: string; expected: number; position: number }
      | undefined
    return r ? { ...r, expected: r.expected === 1 } : null
  }

  /** The contributor of this name, added at the end of the list when new. */
  ensureContributor(name: string, at: string, expected = false): ContributorRow {
    const had = this.contributor(name)
    if (had) {
      if (expected && !had.expected) this.db.prepare('UPDATE intake_contributor SET expected = 1 WHERE id = ?').run(had.id)
      return { ...had, expected: had.expected || expected }
    }
    const position = (this.db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM intake_contributor').get() as { p: number }).p
    const id = Number(this.db.prepare('INSERT INTO intake_contributor (name, expected, position, created_at) VALUES (?, ?, ?, ?)').run(name, expected ? 1 : 0, position, at).lastInsertRowid)
    return { id, name, expected, position }
  }

  // ---- files ---------------------------------------------------------------------------------

  addFile(f: Omit<FileRow, 'id' | 'replaced'>): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO intake_file (contributor_id, file_name, kind, sha256, bytes, file_date, received_at, sheet, issues, errors, warnings)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(f.contributorId, f.fileName, f.kind, f.sha256, f.bytes, f.fileDate, f.receivedAt, f.sheet, JSON.stringify(f.issues), f.errors, f.warnings).lastInsertRowid
    )
  }

  /** Files received (of one contributor, or all); without their issues when only the counts are needed. */
  files(contributorId?: number, withIssues = true): FileRow[] {
    const columns = withIssues ? '*' : "id, contributor_id, file_name, kind, sha256, bytes, file_date, received_at, sheet, '[]' AS issues, errors, warnings, replaced"
    const sql = `SELECT ${columns} FROM intake_file${contributorId === undefined ? '' : ' WHERE contributor_id = ?'} ORDER BY received_at, id`
    const rows = (contributorId === undefined ? this.db.prepare(sql).all() : this.db.prepare(sql).all(contributorId)) as Record<string, unknown>[]
    return rows.map((r) => ({
      id: r.id as number,
      contributorId: r.contributor_id as number,
      fileName: r.file_name as string,
      kind: r.kind as IntakeFileKind,
      sha256: r.sha256 as string,
      bytes: r.bytes as number,
      fileDate: (r.file_date as string | null) ?? null,
      receivedAt: r.received_at as string,
      sheet: r.sheet as string,
      issues: parseIssues(r.issues as string),
      errors: r.errors as number,
      warnings: r.warnings as number,
      replaced: r.replaced === 1
    }))
  }

  file(id: number): FileRow | null {
    return this.files().find((f) => f.id === id) ?? null
  }

  // ---- values -----------------------------------------------------------------------------------

  /**
   * A contributor's figures become those of one file: what it had before is
   * removed (its earlier files are marked as replaced), so a corrected
   * workbook replaces that school's contribution and nothing else.
   */
  replaceValues(contributorId: number, fileId: number, values: Omit<ValueRow, 'contributorId' | 'fileId'>[]): void {
    this.db.prepare('DELETE FROM intake_value WHERE contributor_id = ?').run(contributorId)
    this.db.prepare('UPDATE intake_file SET replaced = 1 WHERE contributor_id = ? AND id <> ?').run(contributorId, fileId)
    const insert = this.db.prepare('INSERT INTO intake_value (contributor_id, figure, year, value, file_id, place, note) VALUES (?, ?, ?, ?, ?, ?, ?)')
    for (const v of values) insert.run(contributorId, v.figure, v.year, v.value, fileId, v.place, v.note)
  }

  /** Withdraw a contributor's figures (its files stay listed, as replaced). */
  clearValues(contributorId: number): void {
    this.db.prepare('DELETE FROM intake_value WHERE contributor_id = ?').run(contributorId)
    this.db.prepare('UPDATE intake_file SET replaced = 1 WHERE contributor_id = ?').run(contributorId)
  }

  values(filter: { figure?: string; year?: number; contributorId?: number } = {}): ValueRow[] {
    const where: string[] = []
    const args: (string | number)[] = []
    for (const [column, value] of [
      ['figure', filter.figure],
      ['year', filter.year],
      ['contributor_id', filter.contributorId]
    ] as const) {
      if (value === undefined) continue
      where.push(`${column} = ?`)
      args.push(value)
    }
    const rows = this.db
      .prepare(`SELECT contributor_id, figure, year, value, file_id, place, note FROM intake_value${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`)
      .all(...args) as { contributor_id: number; figure: string; year: number; value: number; file_id: number; place: string; note: string }[]
    return rows.map((r) => ({ contributorId: r.contributor_id, figure: r.figure, year: r.year, value: r.value, fileId: r.file_id, place: r.place, note: r.note }))
  }

  /** Every value of one year with who gave it and from which file (compilation and provenance read these). */
  contributions(year: number, figures?: string[]): { contributor: string; figure: string; value: number; place: string; note: string; fileName: string; fileDate: string | null }[] {
    const only = figures ? ` AND v.figure IN (${figures.map(() => '?').join(', ')})` : ''
    return this.db
      .prepare(
        `SELECT c.name AS contributor, v.figure, v.value, v.place, v.note, f.file_name AS fileName, f.file_date AS fileDate
         FROM intake_value v JOIN intake_contributor c ON c.id = v.contributor_id JOIN intake_file f ON f.id = v.file_id
         WHERE v.year = ?${only} ORDER BY c.position, c.id`
      )
      .all(year, ...(figures ?? [])) as { contributor: string; figure: string; value: number; place: string; note: string; fileName: string; fileDate: string | null }[]
  }

  /** Σ of one figure for one year over the contributors, and how many gave it. */
  sumOf(figure: string, year: number): { total: number; n: number } {
    const r = this.db.prepare('SELECT coalesce(sum(value), 0) AS total, count(*) AS n FROM intake_value WHERE figure = ? AND year = ?').get(figure, year) as { total: number; n: number }
    return r
  }

  /** Over the contributors that gave both figures for the year: Σa (or Σa·b) and Σb. */
  pairOf(a: string, b: string, year: number, product: boolean): { top: number; bottom: number; n: number } {
    return this.db
      .prepare(
        `SELECT coalesce(sum(${product ? 'x.value * y.value' : 'x.value'}), 0) AS top, coalesce(sum(y.value), 0) AS bottom, count(*) AS n
         FROM intake_value x JOIN intake_value y ON y.contributor_id = x.contributor_id AND y.year = x.year AND y.figure = ?
         WHERE x.figure = ? AND x.year = ?`
      )
      .get(b, a, year) as { top: number; bottom: number; n: number }
  }

  /** Per contributor, the figures it gave for one year. */
  givenFigures(year: number): Map<number, Set<string>> {
    const rows = this.db.prepare("SELECT contributor_id AS id, group_concat(figure, char(31)) AS figures FROM intake_value WHERE year = ? GROUP BY contributor_id").all(year) as {
      id: number
      figures: string
    }[]
    return new Map(rows.map((r) => [r.id, new Set(r.figures.split('\u001f'))]))
  }

  // ---- compiled values -----------------------------------------------------------------------

  setCompiled(indicatorId: string, year: number, value: number | null, contributors: number, at: string): void {
    if (value === null) this.db.prepare('DELETE FROM intake_compiled WHERE indicator_id = ? AND year = ?').run(indicatorId, year)
    else
      this.db
        .prepare(
          `INSERT INTO intake_compiled (indicator_id, year, value, contributors, compiled_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(indicator_id, year) DO UPDATE SET value = excluded.value, contributors = excluded.contributors, compiled_at = excluded.compiled_at`
        )
        .run(indicatorId, year, value, contributors, at)
  }

  compiled(year: number): Map<string, { value: number; contributors: number }> {
    const rows = this.db.prepare('SELECT indicator_id, value, contributors FROM intake_compiled WHERE year = ?').all(year) as { indicator_id: string; value: number; contributors: number }[]
    return new Map(rows.map((r) => [r.indicator_id, { value: r.value, contributors: r.contributors }]))
  }

  // ---- cases ---------------------------------------------------------------------------------------

  cases(): CaseRow[] {
    const rows = this.db.prepare('SELECT * FROM intake_case ORDER BY received_at, rowid').all() as Record<string, unknown>[]
    return rows.map(toCase)
  }

  caseById(id: string): CaseRow | null {
    const r = this.db.prepare('SELECT * FROM intake_case WHERE id = ?').get(id) as Record<string, unknown> | undefined
    return r ? toCase(r) : null
  }

  /** A case from a school; the same title from the same school replaces the one not yet picked. */
  putCase(c: Omit<CaseRow, 'pickedCase'>): void {
    this.db.prepare('DELETE FROM intake_case WHERE contributor_id = ? AND title = ? AND picked_case IS NULL').run(c.contributorId, c.title)
    this.db
      .prepare('INSERT INTO intake_case (id, contributor_id, file_id, title, school, doc, tables, figures, picked_case, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)')
      .run(c.id, c.contributorId, c.fileId, c.title, c.school, c.doc, c.tables, c.figures, c.receivedAt)
  }

  markPicked(id: string, caseId: string): void {
    this.db.prepare('UPDATE intake_case SET picked_case = ? WHERE id = ?').run(caseId, id)
  }
}

function toCase(r: Record<string, unknown>): CaseRow {
  return {
    id: r.id as string,
    contributorId: r.contributor_id as number,
    fileId: (r.file_id as number | null) ?? null,
    title: r.title as string,
    school: r.school as string,
    doc: r.doc as string,
    tables: r.tables as string,
    figures: r.figures as string,
    pickedCase: (r.picked_case as string | null) ?? null,
    receivedAt: r.received_at as string
  }
}

/** The sum over contributors of each figure and year a report took in: what a compiled report passes up (a city to its province). */
export function currentTotals(db: Database.Database): { figure: string; values: Record<string, number> }[] {
  if (!hasIntake(db)) return []
  const rows = db.prepare('SELECT figure, year, sum(value) AS total FROM intake_value GROUP BY figure, year').all() as { figure: string; year: number; total: number }[]
  const out = new Map<string, Record<string, number>>()
  for (const r of rows) (out.get(r.figure) ?? out.set(r.figure, {}).get(r.figure)!)[String(r.year)] = r.total
  return [...out.entries()].map(([figure, values]) => ({ figure, values }))
}
