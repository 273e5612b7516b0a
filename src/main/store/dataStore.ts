import { CellFormatSchema, FigureSpecSchema, ReportTableSpecSchema } from '@shared/contract/data'
import { UserError } from '@shared/errors'
import type { FigureSpec } from '@shared/model/figure'
import type { Indicator } from '@shared/model/indicator'
import type { CellFormat, ReportTableSpec } from '@shared/model/table'
import { formatToString, parseFormat } from '@shared/model/format'
import { FileAccess } from './fileAccess'

/**
 * The live-data rows of one report file: report tables, figures, indicators
 * and their values. Plain storage: computing is the engine's job
 * (src/main/data). Every mutating method is one transaction; what is read
 * back from the file is checked, so a damaged row shows as damaged instead
 * of breaking the report.
 */
export interface StoredValue {
  indicator: string
  year: number
  value: number
}

interface IndicatorRow {
  id: string
  name: string
  unit: string
  grp: string
  chapter_id: string | null
  source: string
  format: string
  position: number
}

/** The rows that hold a spec as JSON: report tables and figures. */
type SpecTable = 'report_table' | 'figure'

export class DataStore extends FileAccess {
  // ---- report tables ------------------------------------------------------------

  listTables(): { spec: ReportTableSpec; chapterId: string | null }[] {
    return this.listSpecs('report_table', readTable)
  }

  getTable(id: string): ReportTableSpec | null {
    return this.getSpec('report_table', id, readTable)
  }

  hasTable(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM report_table WHERE id = ?').get(id) !== undefined
  }

  putTable(spec: ReportTableSpec, chapterId?: string | null): void {
    this.putSpec('report_table', spec, chapterId)
  }

  /** The chapter a table belongs to (null for one shown by no chapter, such as a chart's data sheet); undefined when there is none. */
  tableChapter(id: string): string | null | undefined {
    const r = this.db.prepare('SELECT chapter_id FROM report_table WHERE id = ?').get(id) as { chapter_id: string | null } | undefined
    return r ? r.chapter_id : undefined
  }

  deleteTable(id: string): void {
    this.db.prepare('DELETE FROM report_table WHERE id = ?').run(id)
  }

  // ---- figures ---------------------------------------------------------------------

  listFigures(): { spec: FigureSpec; chapterId: string | null }[] {
    return this.listSpecs('figure', readFigure)
  }

  getFigure(id: string): FigureSpec | null {
    return this.getSpec('figure', id, readFigure)
  }

  putFigure(spec: FigureSpec, chapterId?: string | null): void {
    this.putSpec('figure', spec, chapterId)
  }

  deleteFigure(id: string): void {
    this.db.prepare('DELETE FROM figure WHERE id = ?').run(id)
  }

  // ---- what tables and figures share: one row per id, the spec as JSON, the chapter it sits in ----

  private listSpecs<T>(table: SpecTable, read: (id: string, json: string) => T): { spec: T; chapterId: string | null }[] {
    const rows = this.db.prepare(`SELECT id, chapter_id, spec FROM ${table} ORDER BY rowid`).all() as { id: string; chapter_id: string | null; spec: string }[]
    return rows.map((r) => ({ spec: read(r.id, r.spec), chapterId: r.chapter_id }))
  }

  private getSpec<T>(table: SpecTable, id: string, read: (id: string, json: string) => T): T | null {
    const r = this.db.prepare(`SELECT spec FROM ${table} WHERE id = ?`).get(id) as { spec: string } | undefined
    return r ? read(id, r.spec) : null
  }

  /**
   * A table or figure row: without a chapter the spec alone changes (its
   * chapter stays); with one (or null) the row is placed there, created if new.
   */
  private putSpec(table: SpecTable, spec: { id: string }, chapterId?: string | null): void {
    const json = JSON.stringify(spec)
    const at = this.stamp()
    if (chapterId === undefined) {
      const r = this.db.prepare(`UPDATE ${table} SET spec = ?, updated_at = ? WHERE id = ?`).run(json, at, spec.id)
      if (r.changes > 0) return
    }
    this.db
      .prepare(
        `INSERT INTO ${table} (id, chapter_id, spec, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET chapter_id = excluded.chapter_id, spec = excluded.spec, updated_at = excluded.updated_at`
      )
      .run(spec.id, chapterId ?? null, json, at)
  }

  // ---- indicators ------------------------------------------------------------------

  listIndicators(): Indicator[] {
    const rows = this.db.prepare('SELECT * FROM indicator ORDER BY position, rowid').all() as IndicatorRow[]
    return rows.map(toIndicator)
  }

  getIndicator(id: string): Indicator | null {
    const r = this.db.prepare('SELECT * FROM indicator WHERE id = ?').get(id) as IndicatorRow | undefined
    return r ? toIndicator(r) : null
  }

  /** Insert or replace an indicator's properties (its values are kept). */
  putIndicator(ind: Indicator): void {
    const clash = this.db.prepare('SELECT id FROM indicator WHERE name = ? AND id <> ?').get(ind.name, ind.id) as { id: string } | undefined
    if (clash) throw new UserError('BAD_INPUT', `已有名为“${ind.name}”的指标，请换一个名称。`)
    this.db
      .prepare(
        `INSERT INTO indicator (id, name, unit, grp, chapter_id, source, format, position)
         VALUES (@id, @name, @unit, @group, @chapterId, @source, @format, @position)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, unit = excluded.unit, grp = excluded.grp,
           chapter_id = excluded.chapter_id, source = excluded.source, format = excluded.format, position = excluded.position`
      )
      .run({ ...ind, format: formatToString(ind.format) })
  }

  deleteIndicator(id: string): void {
    this.db.prepare('DELETE FROM indicator WHERE id = ?').run(id)
  }

  nextIndicatorPosition(): number {
    return (this.db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM indicator').get() as { p: number }).p
  }

  listValues(): StoredValue[] {
    return this.db.prepare('SELECT indicator_id AS indicator, year, value FROM indicator_value').all() as StoredValue[]
  }

  valuesOf(id: string): Record<string, number> {
    const rows = this.db.prepare('SELECT year, value FROM indicator_value WHERE indicator_id = ? ORDER BY year').all(id) as { year: number; value: number }[]
    return Object.fromEntries(rows.map((r) => [String(r.year), r.value]))
  }

  /** Set (or, with null, clear) one value. */
  setValue(id: string, year: number, value: number | null): void {
    if (value === null) this.db.prepare('DELETE FROM indicator_value WHERE indicator_id = ? AND year = ?').run(id, year)
    else
      this.db
        .prepare('INSERT INTO indicator_value (indicator_id, year, value) VALUES (?, ?, ?) ON CONFLICT(indicator_id, year) DO UPDATE SET value = excluded.value')
        .run(id, year, value)
  }
}

function toIndicator(r: IndicatorRow): Indicator {
  const f = CellFormatSchema.safeParse(parseFormat(r.format))
  return {
    id: r.id,
    name: r.name,
    unit: r.unit,
    group: r.grp,
    chapterId: r.chapter_id,
    source: r.source,
    format: (f.success ? f.data : { kind: 'general' }) as CellFormat,
    position: r.position
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** A stored table that fails its checks reads as a one-cell table saying so; the report still opens. */
export function readTable(id: string, json: string): ReportTableSpec {
  const parsed = ReportTableSpecSchema.safeParse(parseJson(json))
  if (parsed.success && parsed.data.id === id) return parsed.data as ReportTableSpec
  return { id, caption: '（表格数据已损坏）', note: '', headerRows: 0, columnWidths: [1], rows: [[{ input: '这张表格在文件中的数据已损坏，无法读取。' }]], merges: [] }
}

export function readFigure(id: string, json: string): FigureSpec {
  const parsed = FigureSpecSchema.safeParse(parseJson(json))
  if (parsed.success && parsed.data.id === id) return parsed.data as FigureSpec
  return { id, caption: '（图数据已损坏）', note: '', kind: 'image' }
}
