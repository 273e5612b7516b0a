import type { ChapterDataViews, DataDelta, DataOverview, FigureView, TableView } from '@shared/contract/data'
import { UserError } from '@shared/errors'
import { newId } from '@shared/editor/ids'
import { walk, type DocNode } from '@shared/model/doc'
import type { ChartSpec } from '@shared/charts/model'
import type { ResolvedField } from '@shared/model/fields'
import type { FigureSpec, ResolvedFigure } from '@shared/model/figure'
import { formatValue } from '@shared/model/format'
import { fillYears, normalizeFormulaInput, renameIndicatorRefs } from '@shared/model/formula'
import { checkIndicatorName, isIndicatorKey, type Indicator, type IndicatorWithValues } from '@shared/model/indicator'
import type { ReportNumbering } from '@shared/model/numbering'
import { summarizeChapter } from '@shared/model/summary'
import type { CellAlign, CellFormat, ReportTableSpec, ResolvedTable, TableMerge } from '@shared/model/table'
import { DataStore } from '../store/dataStore'
import type { ReportStore } from '../store/reportStore'
import { DataEngine, emptyChanges, type EngineChanges } from './engine'
import { checkMerges, reshapeSpec, squareSpec, type ReshapeOp } from './reshape'
import { seedSheet } from './chartSheets'

export interface CellEdit {
  row: number
  col: number
  input?: string
  format?: CellFormat
  align?: CellAlign
  /** The formula a kept printed value stands for (TableCell.derived); null forgets it. A formula typed into the cell forgets it too. */
  derived?: string | null
}

export interface NewIndicator {
  /** Stable key; generated when absent. */
  id?: string
  name: string
  unit?: string
  group?: string
  chapterId?: string | null
  source?: string
  format?: CellFormat
  position?: number
}

/**
 * The live data of one open report: its stored rows (DataStore) and the
 * formula engine over them (DataEngine), kept in step. Every change is
 * written to the file first (one transaction) and then to the engine, and
 * returns a DataDelta: exactly what the editor must redraw.
 */
export class ReportData {
  readonly data: DataStore
  private engineInstance: DataEngine | null = null
  private readonly figures = new Map<string, FigureSpec>()

  constructor(readonly report: ReportStore) {
    this.data = new DataStore(report.db)
  }

  // ---- engine --------------------------------------------------------------------------

  /** The engine, built on first use from what the file holds. */
  get engine(): DataEngine {
    if (!this.engineInstance) {
      const engine = new DataEngine(this.report.meta().year)
      engine.load({ indicators: this.data.listIndicators(), values: this.data.listValues(), tables: this.data.listTables().map((t) => t.spec) })
      for (const f of this.data.listFigures()) this.figures.set(f.spec.id, f.spec)
      this.engineInstance = engine
    }
    return this.engineInstance
  }

  /** Forget the engine (it no longer matches the file); the next use builds it again from the file. */
  private discardEngine(): void {
    this.engineInstance?.hf.destroy()
    this.engineInstance = null
    this.figures.clear()
  }

  /** Follow the report's 数据年度 if it was changed (report properties, rollover). */
  syncYear(): DataDelta {
    const year = this.report.meta().year
    if (!this.engineInstance || this.engineInstance.year === year) return emptyDelta()
    const changes = this.engine.setYear(year)
    return this.delta(changes, { allFigures: true })
  }

  get year(): number {
    return this.engine.year
  }

  // ---- reading -------------------------------------------------------------------------

  overview(): DataOverview {
    return { year: this.year, indicators: this.indicators() }
  }

  indicators(): IndicatorWithValues[] {
    const e = this.engine
    return e.indicatorList().map((ind) => ({ ...ind, values: e.valuesOf(ind.id) }))
  }

  /** An indicator by key or Chinese name; a Chinese message when there is none. */
  requireIndicator(refOrName: string): Indicator {
    const ind = this.engine.indicator(refOrName.trim())
    if (!ind) throw new UserError('NOT_FOUND', `找不到指标“${refOrName.slice(0, 60)}”。请检查指标名称或标识。`)
    return ind
  }

  tableView(id: string, numberOf?: (id: string) => string | null): TableView {
    const spec = this.engine.tableSpec(id)
    if (!spec) throw new UserError('NOT_FOUND', '找不到这张表格，它可能已被删除。')
    return { id, spec: clone(spec), resolved: this.resolveTable(id, numberOf?.(id) ?? null) }
  }

  resolveTable(id: string, number: string | null = null): ResolvedTable {
    const spec = this.engine.tableSpec(id)
    if (!spec) throw new UserError('NOT_FOUND', '找不到这张表格，它可能已被删除。')
    return {
      id,
      number,
      caption: fillYears(spec.caption, this.year),
      note: fillYears(spec.note, this.year),
      headerRows: spec.headerRows,
      columnWidths: [...spec.columnWidths],
      rows: this.engine.resolveRows(id),
      merges: spec.merges.map((m) => ({ ...m }))
    }
  }

  /** Every table the chapters show, in report order, numbered by the shared numbering ("1-2"; null in appendices). */
  resolveTables(numbering: ReportNumbering): ResolvedTable[] {
    return numbering.tables.filter((t) => this.engine.hasTable(t.id)).map((t) => this.resolveTable(t.id, t.number))
  }

  figureSpec(id: string): FigureSpec | null {
    void this.engine
    const f = this.figures.get(id)
    return f ? clone(f) : null
  }

  figureView(id: string, numberOf?: (id: string) => string | null): FigureView {
    const spec = this.figureSpec(id)
    if (!spec) throw new UserError('NOT_FOUND', '找不到这幅图，它可能已被删除。')
    const resolved = this.resolveFigure(spec, numberOf?.(id) ?? null)
    return { id, spec, resolved, data: resolved.data ?? null }
  }

  resolveFigure(spec: FigureSpec, number: string | null): ResolvedFigure {
    const out: ResolvedFigure = { id: spec.id, number, caption: fillYears(spec.caption, this.year), note: fillYears(spec.note, this.year), kind: spec.kind }
    if (spec.asset) out.asset = spec.asset
    if (spec.kind === 'chart' && spec.chart) {
      out.chart = clone(spec.chart)
      out.data = this.engine.chartData(spec.chart)
    }
    return out
  }

  /** Every figure the chapters show, in report order, with chart data. */
  resolveFigures(numbering: ReportNumbering): ResolvedFigure[] {
    void this.engine
    return numbering.figures.flatMap((f) => {
      const spec = this.figures.get(f.id)
      return spec ? [this.resolveFigure(spec, f.number)] : []
    })
  }

  /**
   * The data sheets of the charts the chapters show (a chart's own table,
   * shown in its dialog), in report order, each with its figure's number.
   */
  chartSheets(numbering: ReportNumbering): { t: ResolvedTable; figure: string | null }[] {
    void this.engine
    return numbering.figures.flatMap((f) => {
      const src = this.figures.get(f.id)?.chart?.source
      return src?.kind === 'sheet' && this.engine.hasTable(src.tableId) ? [{ t: this.resolveTable(src.tableId), figure: f.number }] : []
    })
  }

  chartData(chart: ChartSpec) {
    return this.engine.chartData(chart)
  }

  fields(refs: string[]): ResolvedField[] {
    const e = this.engine
    e.registerFields(refs)
    return refs.map((r) => e.resolveField(r))
  }

  /**
   * The text of an inline field as it reads in the document: its value in its
   * format. A value not yet filled in reads "（待填）" and a failing formula
   * "（数据错误）", so that neither passes unnoticed in Word.
   */
  fieldText(ref: string, format: CellFormat | undefined): string {
    const f = this.engine.resolveField(ref)
    if (f.error) return '（数据错误）'
    if (f.missing) return '（待填）'
    return formatValue(f.value, format)
  }

  views(input: { tables: string[]; figures: string[]; fields: string[] }, numberOf?: (id: string) => string | null): ChapterDataViews {
    const e = this.engine
    const tables = input.tables.filter((id) => e.hasTable(id))
    const figures = input.figures.filter((id) => this.figures.has(id))
    return {
      tables: tables.map((id) => this.tableView(id, numberOf)),
      figures: figures.map((id) => this.figureView(id, numberOf)),
      fields: this.fields(input.fields),
      missingTables: input.tables.filter((id) => !e.hasTable(id)),
      missingFigures: input.figures.filter((id) => !this.figures.has(id))
    }
  }

  // ---- indicators ------------------------------------------------------------------------

  setValue(refOrName: string, year: number, value: number | null): DataDelta {
    return this.setValues([{ indicator: refOrName, year, value }])
  }

  setValues(list: { indicator: string; year: number; value: number | null }[]): DataDelta {
    const resolved = list.map((v) => ({ id: this.requireIndicator(v.indicator).id, year: v.year, value: v.value }))
    for (const v of resolved) if (v.value !== null && !Number.isFinite(v.value)) throw new UserError('BAD_INPUT', '数值无效。')
    this.data.transaction(() => {
      for (const v of resolved) this.data.setValue(v.id, v.year, v.value)
    })
    return this.recomputeValues(resolved)
  }

  /**
   * The recomputation after values changed (engine, then every dependent
   * cell, field and chart resolved into a delta), without the file write:
   * setValues is this plus one transaction. Separate so the bench measures it.
   */
  recomputeValues(values: { id: string; year: number; value: number | null }[]): DataDelta {
    const changes = this.engine.setValues(values)
    return this.delta(changes, { indicators: values.map((v) => v.id) })
  }

  createIndicator(input: NewIndicator): { id: string; delta: DataDelta } {
    const name = input.name.trim()
    const problem = checkIndicatorName(name)
    if (problem) throw new UserError('BAD_INPUT', problem)
    if (this.engine.indicator(name)) throw new UserError('BAD_INPUT', `已有名为“${name}”的指标，请换一个名称。`)
    const id = input.id ?? newId('ind').toLowerCase()
    if (!isIndicatorKey(id)) throw new UserError('BAD_INPUT', `指标标识“${id.slice(0, 64)}”无效：只能用小写字母、数字、点、下划线和连字符，并以字母开头。`)
    if (this.engine.indicator(id)) throw new UserError('BAD_INPUT', `指标标识“${id}”已被使用。`)
    const ind: Indicator = {
      id,
      name,
      unit: input.unit?.trim() ?? '',
      group: input.group?.trim() ?? '',
      chapterId: input.chapterId ?? null,
      source: input.source?.trim() ?? '',
      format: input.format ?? { kind: 'general' },
      position: input.position ?? this.data.nextIndicatorPosition()
    }
    this.data.transaction(() => this.data.putIndicator(ind))
    const changes = this.engine.putIndicator(ind)
    return { id, delta: this.delta(changes, { indicators: [id] }) }
  }

  /** Change an indicator's properties. A new name is written into every table formula that used the old one. */
  updateIndicator(id: string, patch: Partial<Omit<Indicator, 'id' | 'position'>>): DataDelta {
    const old = this.requireIndicator(id)
    const next: Indicator = { ...old, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) }
    next.name = next.name.trim()
    const renamed = next.name !== old.name
    if (renamed) {
      const problem = checkIndicatorName(next.name)
      if (problem) throw new UserError('BAD_INPUT', problem)
      const clash = this.engine.indicator(next.name)
      if (clash && clash.id !== old.id) throw new UserError('BAD_INPUT', `已有名为“${next.name}”的指标，请换一个名称。`)
    }
    const edits: { tableId: string; row: number; col: number; input: string }[] = []
    if (renamed) {
      for (const tableId of this.engine.tableIds()) {
        this.engine.tableSpec(tableId)!.rows.forEach((r, row) =>
          r.forEach((cell, col) => {
            const input = renameIndicatorRefs(cell.input, old.name, next.name)
            if (input !== cell.input) edits.push({ tableId, row, col, input })
          })
        )
      }
    }
    const touched = new Set(edits.map((e) => e.tableId))
    this.data.transaction(() => {
      this.data.putIndicator(next)
      for (const tableId of touched) {
        const spec = clone(this.engine.tableSpec(tableId)!)
        for (const e of edits.filter((x) => x.tableId === tableId)) spec.rows[e.row][e.col] = { ...spec.rows[e.row][e.col], input: e.input }
        this.data.putTable(spec)
      }
    })
    const changes = this.engine.putIndicator(next)
    for (const tableId of touched) merge(changes, this.engine.setCells(tableId, edits.filter((x) => x.tableId === tableId)))
    return this.delta(changes, { indicators: [id], allFigures: renamed })
  }

  deleteIndicator(id: string): DataDelta {
    const ind = this.requireIndicator(id)
    this.data.transaction(() => this.data.deleteIndicator(ind.id))
    const changes = this.engine.removeIndicator(ind.id)
    const d = this.delta(changes, { figuresOfIndicators: [ind.id] })
    d.removedIndicators.push(ind.id)
    return d
  }

  // ---- tables ---------------------------------------------------------------------------------

  /** Create a table from a full spec (import, templates) or replace one. Inputs are stored as given. */
  putTable(spec: ReportTableSpec, chapterId: string | null = null): DataDelta {
    const s = squareSpec(clone(spec))
    const problem = checkMerges(s)
    if (problem) throw new UserError('BAD_INPUT', problem)
    s.rows = s.rows.map((r) => r.map((c) => ({ ...c, input: normalizeFormulaInput(c.input) })))
    const exists = this.engine.hasTable(s.id)
    if (!exists && !this.engine.tableIdFree(s.id)) throw new UserError('BAD_INPUT', `表格标识“${s.id.slice(0, 64)}”已被使用或不可用。`)
    return this.storeAndCompute(
      () => this.data.putTable(s, exists ? undefined : chapterId),
      () => this.delta(this.engine.putTable(s), { tables: [s.id], figuresOfTables: [s.id] })
    )
  }

  createTable(input: { chapterId: string | null; caption: string; rows: number; cols: number; layout: 'blank' | 'compare' }): { id: string; delta: DataDelta } {
    const id = newId('tbl')
    const spec = input.layout === 'compare' ? compareLayout(id, input.caption, Math.max(2, input.rows)) : blankLayout(id, input.caption, input.rows, input.cols)
    return { id, delta: this.putTable(spec, input.chapterId) }
  }

  duplicateTable(id: string, chapterId: string | null, to?: string): { id: string; delta: DataDelta } {
    const spec = this.engine.tableSpec(id)
    if (!spec) throw new UserError('NOT_FOUND', '找不到要复制的表格。')
    if (to && this.engine.hasTable(to)) return { id: to, delta: this.delta(emptyChanges(), { tables: [to] }) }
    const copy = { ...clone(spec), id: to ?? newId('tbl') }
    return { id: copy.id, delta: this.putTable(copy, chapterId) }
  }

  deleteTable(id: string): DataDelta {
    this.data.transaction(() => this.data.deleteTable(id))
    const changes = this.engine.removeTable(id)
    return this.delta(changes, { figuresOfTables: [id] })
  }

  updateTable(id: string, patch: { caption?: string; note?: string; headerRows?: number; columnWidths?: number[]; merges?: TableMerge[] }): DataDelta {
    const current = this.engine.tableSpec(id)
    if (!current) throw new UserError('NOT_FOUND', '找不到这张表格，它可能已被删除。')
    const next = clone(current)
    if (patch.caption !== undefined) next.caption = patch.caption.trim()
    if (patch.note !== undefined) next.note = patch.note.trim()
    if (patch.headerRows !== undefined) next.headerRows = Math.min(patch.headerRows, next.rows.length)
    if (patch.columnWidths !== undefined) {
      if (patch.columnWidths.length !== next.columnWidths.length) throw new UserError('BAD_INPUT', '列宽的个数与表格的列数不一致。')
      next.columnWidths = [...patch.columnWidths]
    }
    if (patch.merges !== undefined) {
      next.merges = patch.merges.filter((m) => m.rowSpan * m.colSpan > 1).map((m) => ({ ...m }))
      const problem = checkMerges(next)
      if (problem) throw new UserError('BAD_INPUT', problem)
    }
    this.data.transaction(() => this.data.putTable(next))
    Object.assign(current, { caption: next.caption, note: next.note, headerRows: next.headerRows, columnWidths: next.columnWidths, merges: next.merges })
    return this.delta(emptyChanges(), { tables: [id], figuresOfTables: [id] })
  }

  /** Type into cells: inputs (text, numbers, formulas), formats, alignment. */
  setCells(id: string, edits: CellEdit[]): DataDelta {
    const current = this.engine.tableSpec(id)
    if (!current) throw new UserError('NOT_FOUND', '找不到这张表格，它可能已被删除。')
    const next = clone(current)
    const inputs: { row: number; col: number; input: string }[] = []
    for (const e of edits) {
      const cell = next.rows[e.row]?.[e.col]
      if (!cell) throw new UserError('BAD_INPUT', `单元格（第 ${e.row + 1} 行第 ${e.col + 1} 列）超出了表格范围。`)
      if (e.input !== undefined) {
        cell.input = normalizeFormulaInput(e.input)
        inputs.push({ row: e.row, col: e.col, input: cell.input })
        if (cell.input.trim().startsWith('=')) delete cell.derived
      }
      if (e.derived !== undefined) {
        if (e.derived === null) delete cell.derived
        else cell.derived = normalizeFormulaInput(e.derived)
      }
      if (e.format !== undefined) {
        if (e.format.kind === 'general') delete cell.format
        else cell.format = e.format
      }
      if (e.align !== undefined) cell.align = e.align
    }
    return this.storeAndCompute(
      () => this.data.putTable(next),
      () => {
        // Formats and alignment live on the engine's copy of the spec too.
        next.rows.forEach((r, row) => r.forEach((cell, col) => (current.rows[row][col] = { ...cell, input: current.rows[row][col].input })))
        // A cell whose formula is forgotten while its input stays (a kept printed value) is shown again.
        for (const e of edits) if (e.derived !== undefined && e.input === undefined) inputs.push({ row: e.row, col: e.col, input: current.rows[e.row][e.col].input })
        const changes = this.engine.setCells(id, inputs)
        // The table comes back whole: what was typed (its spec) changed, not only what it shows.
        return this.delta(changes, { tables: [id] })
      }
    )
  }

  /**
   * Store a change and compute it in one transaction: a change the engine
   * cannot compute (text concatenated with itself until it outgrows memory,
   * =A1&A1 over a row) is not stored, for stored it would stop the report's
   * data from loading ever again; the engine, left half-way, is rebuilt from
   * the file.
   */
  private storeAndCompute<T>(store: () => void, compute: () => T): T {
    let computing = false
    try {
      return this.data.transaction(() => {
        store()
        computing = true
        return compute()
      })
    } catch (e) {
      if (!computing) throw e
      this.discardEngine()
      if (e instanceof UserError) throw e
      throw new UserError('BAD_FORMULA', '公式的结果过大，无法计算（例如公式把文字与自身反复连接，如 =A1&A1），这次修改没有保存。请改写公式。')
    }
  }

  /**
   * Insert or remove rows or columns. Formulas anywhere that pointed at
   * cells that moved are rewritten, in tables and in the inline fields of
   * every chapter; the fields of `openChapterId` are left to the editor
   * holding it (the delta lists them in fieldRenames).
   */
  reshape(id: string, op: ReshapeOp, openChapterId: string | null = null): DataDelta {
    const current = this.engine.tableSpec(id)
    if (!current) throw new UserError('NOT_FOUND', '找不到这张表格，它可能已被删除。')
    const width = Math.max(...current.rows.map((r) => r.length))
    const isRows = op.kind === 'insertRows' || op.kind === 'removeRows'
    const size = isRows ? current.rows.length : width
    if (op.at > size || (op.kind.startsWith('remove') && op.at + op.count > size)) throw new UserError('BAD_INPUT', '要插入或删除的位置超出了表格范围。')
    if (op.kind === 'removeRows' && op.count >= size) throw new UserError('BAD_INPUT', '表格至少要保留一行。')
    if (op.kind === 'removeCols' && op.count >= size) throw new UserError('BAD_INPUT', '表格至少要保留一列。')
    if (op.kind === 'insertRows' && size + op.count > 500) throw new UserError('TOO_LARGE', '表格最多 500 行。')
    if (op.kind === 'insertCols' && size + op.count > 40) throw new UserError('TOO_LARGE', '表格最多 40 列。')

    // Fields of every chapter that quote this table must be known to the engine so their references move too.
    const chapters = this.chaptersQuoting(id)
    this.engine.registerFields(chapters.flatMap((c) => c.refs))
    const { changes, rewritten, rewrittenFields } = this.engine.reshape(id, op, (s) => reshapeSpec(s, op))
    const tablesTouched = new Set([id, ...rewritten.map((r) => r.tableId)])
    const renames = new Map(rewrittenFields.map((r) => [r.from, r.to]))
    try {
      this.data.transaction(() => {
        for (const t of tablesTouched) this.data.putTable(clone(this.engine.tableSpec(t)!))
        for (const ch of chapters) {
          if (ch.id === openChapterId || !ch.refs.some((r) => renames.has(r))) continue
          const record = this.report.getChapter(ch.id)
          const doc = renameFieldRefs(record.doc, renames)
          this.report.saveChapter(ch.id, doc, summarizeChapter(doc))
        }
      })
    } catch (e) {
      // The engine has moved cells and formulas the file does not have (a full disk): go on from the file,
      // or the next edit of this table would store the moved rows without the other tables' rewritten formulas.
      this.discardEngine()
      throw e
    }
    const d = this.delta(changes, { tables: [...tablesTouched], figuresOfTables: [...tablesTouched] })
    d.fieldRenames = rewrittenFields
    return d
  }

  private chaptersQuoting(tableId: string): { id: string; refs: string[] }[] {
    const needle = `'${tableId}'!`
    const out: { id: string; refs: string[] }[] = []
    for (const c of this.report.listChapters()) {
      const refs: string[] = []
      walk(this.report.getChapter(c.id).doc, (n) => {
        if (n.type === 'dataField' && typeof n.attrs?.ref === 'string' && n.attrs.ref.includes(needle)) refs.push(n.attrs.ref)
      })
      if (refs.length) out.push({ id: c.id, refs })
    }
    return out
  }

  // ---- figures --------------------------------------------------------------------------------

  /** Create or replace a figure from a full spec (import, templates). */
  putFigure(spec: FigureSpec, chapterId: string | null = null): DataDelta {
    void this.engine
    const exists = this.figures.has(spec.id)
    const s = clone(spec)
    this.data.transaction(() => this.data.putFigure(s, exists ? undefined : chapterId))
    this.figures.set(s.id, s)
    return this.delta(emptyChanges(), { figures: [s.id] })
  }

  createFigure(input: { chapterId: string | null; caption: string; note: string; chart: ChartSpec }): { id: string; delta: DataDelta } {
    const id = newId('fig')
    return { id, delta: this.putFigure({ id, caption: input.caption.trim(), note: input.note.trim(), kind: 'chart', chart: input.chart }, input.chapterId) }
  }

  duplicateFigure(id: string, chapterId: string | null, to?: string): { id: string; delta: DataDelta } {
    const spec = this.figureSpec(id)
    if (!spec) throw new UserError('NOT_FOUND', '找不到要复制的图。')
    if (to && this.figures.has(to)) return { id: to, delta: this.delta(emptyChanges(), { figures: [to] }) }
    const copy = { ...spec, id: to ?? newId('fig') }
    // A chart's own data sheet is its own: the copy gets a copy of it, so editing one leaves the other as it was.
    const src = copy.chart?.source
    if (copy.chart && src?.kind === 'sheet' && this.engine.hasTable(src.tableId)) {
      const sheet = this.duplicateTable(src.tableId, null).id
      copy.chart = { ...copy.chart, source: { ...src, tableId: sheet } }
    }
    return { id: copy.id, delta: this.putFigure(copy, chapterId) }
  }

  /**
   * A new data sheet for a chart (图表自带的数据表): empty but for a two-year
   * layout, or holding what `from` shows now. It belongs to no chapter; the
   * chart dialog edits it like any table.
   */
  createChartSheet(from?: ChartSpec): { id: string; delta: DataDelta } {
    const id = newId('tbl')
    return { id, delta: this.putTable(seedSheet(this.engine, id, from), null) }
  }

  /** Forget a data sheet made for a chart that was never inserted (the dialog was cancelled); one a figure reads stays. */
  dropChartSheet(id: string): void {
    const spec = this.engine.tableSpec(id)
    if (!spec) return
    const used = [...this.figures.values()].some((f) => f.chart && f.chart.source.kind !== 'indicators' && f.chart.source.tableId === id)
    if (used || this.data.tableChapter(id) !== null) throw new UserError('BAD_INPUT', '这张数据表正被图表或正文使用，不能删除。')
    this.deleteTable(id)
  }

  updateFigure(id: string, patch: { caption?: string; note?: string; chart?: ChartSpec }): DataDelta {
    const spec = this.figureSpec(id)
    if (!spec) throw new UserError('NOT_FOUND', '找不到这幅图，它可能已被删除。')
    if (patch.caption !== undefined) spec.caption = patch.caption.trim()
    if (patch.note !== undefined) spec.note = patch.note.trim()
    if (patch.chart !== undefined) {
      spec.chart = patch.chart
      spec.kind = 'chart'
    }
    return this.putFigure(spec)
  }

  deleteFigure(id: string): void {
    void this.engine
    this.data.transaction(() => this.data.deleteFigure(id))
    this.figures.delete(id)
  }

  // ---- deltas ---------------------------------------------------------------------------------

  private delta(
    changes: EngineChanges,
    extra: { tables?: string[]; indicators?: string[]; figures?: string[]; figuresOfTables?: string[]; figuresOfIndicators?: string[]; allFigures?: boolean }
  ): DataDelta {
    const e = this.engine
    const full = new Set((extra.tables ?? []).filter((id) => e.hasTable(id)))
    const d = emptyDelta()
    d.tables = [...full].map((id) => this.tableView(id))
    for (const [tableId, cells] of changes.cells) {
      if (full.has(tableId)) continue
      for (const rc of cells) {
        const [row, col] = rc.split(',').map(Number)
        d.cells.push({ tableId, row, col, cell: e.resolveCell(tableId, row, col) })
      }
    }
    d.fields = [...changes.fields].map((ref) => e.resolveField(ref))
    const inds = new Set([...(extra.indicators ?? []), ...(extra.figuresOfIndicators ?? [])])
    d.indicators = (extra.indicators ?? []).flatMap((id) => {
      const ind = e.indicator(id)
      return ind ? [{ ...ind, values: e.valuesOf(id) }] : []
    })
    const tablesChanged = new Set([...changes.cells.keys(), ...(extra.figuresOfTables ?? []), ...full])
    const figs = new Set(extra.figures ?? [])
    for (const [id, f] of this.figures) {
      if (extra.allFigures) figs.add(id)
      const src = f.chart?.source
      if (!src) continue
      if (src.kind !== 'indicators' && tablesChanged.has(src.tableId)) figs.add(id)
      if (src.kind === 'indicators' && src.indicators.some((ref) => inds.has(ref) || inds.has(e.indicator(ref)?.id ?? ''))) figs.add(id)
    }
    d.figures = [...figs].filter((id) => this.figures.has(id)).map((id) => this.figureView(id))
    return d
  }
}

export function emptyDelta(): DataDelta {
  return { tables: [], cells: [], fields: [], figures: [], indicators: [], removedIndicators: [] }
}

function merge(into: EngineChanges, from: EngineChanges): void {
  for (const [t, cells] of from.cells) {
    const s = into.cells.get(t) ?? new Set<string>()
    for (const c of cells) s.add(c)
    into.cells.set(t, s)
  }
  for (const f of from.fields) into.fields.add(f)
}

function clone<T>(v: T): T {
  return structuredClone(v)
}

function renameFieldRefs(doc: DocNode, renames: Map<string, string>): DocNode {
  const fix = (n: DocNode): DocNode => {
    let out = n
    if (n.type === 'dataField' && typeof n.attrs?.ref === 'string' && renames.has(n.attrs.ref)) out = { ...n, attrs: { ...n.attrs, ref: renames.get(n.attrs.ref) } }
    if (n.content) out = { ...out, content: n.content.map(fix) }
    return out
  }
  return fix(doc)
}

function blankLayout(id: string, caption: string, rows: number, cols: number): ReportTableSpec {
  return {
    id,
    caption,
    note: '',
    headerRows: 1,
    columnWidths: Array.from({ length: cols }, (_, i) => (i === 0 ? 2 : 1)),
    rows: Array.from({ length: rows }, () => Array.from({ length: cols }, () => ({ input: '' }))),
    merges: []
  }
}

/** 指标 | 上年 | 本年 | 变化情况: the year headers follow the data year, the change is of the values as displayed. */
function compareLayout(id: string, caption: string, rows: number): ReportTableSpec {
  const body = Array.from({ length: rows - 1 }, (_, i) => {
    const r = i + 2
    return [
      { input: '' },
      { input: '' },
      { input: '' },
      { input: `=IF(COUNT(B${r}:C${r})<2,"",ROUND(C${r},2)-ROUND(B${r},2))`, format: { kind: 'change', decimals: 2 } as CellFormat }
    ]
  })
  return {
    id,
    caption,
    note: '',
    headerRows: 1,
    columnWidths: [3, 1.2, 1.2, 1.2],
    rows: [[{ input: '基本检测指标' }, { input: '=上年&"年"' }, { input: '=本年&"年"' }, { input: '变化情况' }], ...body],
    merges: []
  }
}
