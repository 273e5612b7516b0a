import { DetailedCellError, HyperFormula, type CellValue, type ExportedChange, type RawCellContent } from 'hyperformula'
import type { ChartData, ChartSpec } from '@shared/charts/model'
import { resolveChartYear } from '@shared/charts/model'
import type { ResolvedField } from '@shared/model/fields'
import type { Indicator } from '@shared/model/indicator'
import { formatValue, parseTypedNumber } from '@shared/model/format'
import { directBinding, resolveYear, scanFormula, yearText, type YearSpec } from '@shared/model/formula'
import type { CellAlign, ReportTableSpec, ResolvedCell, TableCell } from '@shared/model/table'
import { columnName } from '@shared/model/cellAddress'
import { gridChartData, parseAreas, sheetChartData, tableCellLabel, type GridReader } from '@shared/charts/data'
import { errorCode, explainError } from './errors'
import { formulaLimitProblem } from './formulaLimits'

/**
 * The formula engine of one open report (HyperFormula). Every report table
 * is a sheet named by the table's id, addressed A1 from the top-left cell
 * (header rows included); indicators live in a hidden sheet, one row per
 * indicator and one column per year; inline fields are cells of another
 * hidden sheet. A change is applied incrementally: HyperFormula recomputes
 * only what depends on it and tells us which cells changed.
 *
 * The report's own formula tokens (指标("…", 上年), 本年, see
 * shared/model/formula.ts) are compiled to named expressions:
 *   NBI_<row>_R<n>  indicator on row <row>, n years before the data year
 *   NBI_<row>_A<y>  indicator on row <row>, year y
 *   NB_Y<n>         the year n years before the data year
 * so a new data year (rollover) is one redefinition of those names, and a
 * formula the engine rewrote (rows inserted) compiles back to the same text.
 */

export const INDICATOR_SHEET = '__ind'
export const FIELD_SHEET = '__fld'
const FIRST_YEAR = 1900

type CellKey = string
const key = (sheet: string, row: number, col: number): CellKey => `${sheet}\u0000${row}\u0000${col}`
const unkey = (k: CellKey): { sheet: string; row: number; col: number } => {
  const [sheet, row, col] = k.split('\u0000')
  return { sheet, row: Number(row), col: Number(col) }
}

interface TableState {
  spec: ReportTableSpec
  sheet: number
}

export interface EngineChanges {
  /** Table cells whose computed value changed: tableId → "row,col" list. */
  cells: Map<string, Set<string>>
  /** Field refs whose value changed. */
  fields: Set<string>
}

export interface CompiledCell {
  content: RawCellContent
  error: string | null
  indicators: string[]
  unresolved: string[]
}

const HF_CONFIG = {
  licenseKey: 'gpl-v3',
  // Excel's behaviour for the things reports do: 0.1+0.2 = 0.3, empty = 0 in arithmetic.
  smartRounding: true,
  useArrayArithmetic: false,
  // The report keeps its own history; HyperFormula's undo stack would make every operation scan it.
  undoLimit: 0,
  maxRows: 100_000,
  maxColumns: 400
}

export class DataEngine {
  hf: HyperFormula
  private dataYear: number
  private indSheet: number
  private fieldSheet: number
  /** While loading: the indicator sheet and names collected for one buildFromSheets (far faster than cell by cell). */
  private staging: { ind: RawCellContent[][]; names: { name: string; expression: string }[] } | null = null
  private readonly tables = new Map<string, TableState>()
  private readonly sheetTable = new Map<number, string>()
  private readonly indicators = new Map<string, { ind: Indicator; row: number }>()
  private readonly byName = new Map<string, string>()
  private readonly rowIndicator = new Map<number, string>()
  private nextIndRow = 0
  private readonly values = new Map<string, Map<number, number>>()
  /** Named expressions defined so far, with what they stand for. */
  private readonly names = new Map<string, { row: number; year: YearSpec } | { yearRel: number }>()
  /** Cells (and fields) whose formula names an indicator, by indicator id; and those naming one that does not exist, by the name used. */
  private readonly usedBy = new Map<string, Set<CellKey>>()
  private readonly unresolvedBy = new Map<string, Set<CellKey>>()
  /** The other way round: what each cell names (so forgetting a cell touches only its own entries). */
  private readonly cellRefs = new Map<CellKey, { ids: string[]; names: string[] }>()
  /** A Chinese explanation for cells whose formula could not be compiled. */
  private readonly compileErrors = new Map<CellKey, string>()
  private readonly fieldRows = new Map<string, number>()
  private readonly rowField: string[] = []

  constructor(dataYear: number) {
    this.dataYear = dataYear
    this.hf = HyperFormula.buildEmpty(HF_CONFIG)
    this.indSheet = this.hf.getSheetId(this.hf.addSheet(INDICATOR_SHEET))!
    this.fieldSheet = this.hf.getSheetId(this.hf.addSheet(FIELD_SHEET))!
  }

  get year(): number {
    return this.dataYear
  }

  // ---- loading ------------------------------------------------------------------

  /** Fill the engine with a report's data: everything is compiled first, then the workbook is built in one go. */
  load(input: { indicators: Indicator[]; values: { indicator: string; year: number; value: number }[]; tables: ReportTableSpec[] }): void {
    const stage: { ind: RawCellContent[][]; names: { name: string; expression: string }[] } = { ind: [], names: [] }
    this.staging = stage
    try {
      for (const ind of input.indicators) this.registerIndicator(ind)
      for (const v of input.values) {
        const entry = this.indicators.get(v.indicator)
        if (!entry) continue
        this.valueMap(v.indicator).set(v.year, v.value)
        ;(stage.ind[entry.row] ??= [])[v.year - FIRST_YEAR] = v.value
      }
      const sheets: Record<string, RawCellContent[][]> = {}
      // Sheet names are compared without case by the engine, and the hidden sheets are ours: a table that would clash is left out (its node shows it is missing) rather than breaking the report.
      const taken = new Set([INDICATOR_SHEET, FIELD_SHEET])
      const tables = input.tables.filter((t) => {
        const k = t.id.toLowerCase()
        if (taken.has(k) || k.startsWith('__')) return false
        taken.add(k)
        return true
      })
      for (const t of tables) {
        sheets[t.id] = t.rows.map((r, row) =>
          r.map((cell, col) => {
            const compiled = this.compile(cell.input)
            this.track(key(t.id, row, col), compiled)
            return compiled.content
          })
        )
      }
      const ind = Array.from({ length: stage.ind.length }, (_, i) => stage.ind[i] ?? [])
      this.hf.destroy()
      this.hf = HyperFormula.buildFromSheets({ [INDICATOR_SHEET]: ind, [FIELD_SHEET]: [], ...sheets }, HF_CONFIG, stage.names)
      this.indSheet = this.hf.getSheetId(INDICATOR_SHEET)!
      this.fieldSheet = this.hf.getSheetId(FIELD_SHEET)!
      for (const t of tables) {
        const sheet = this.hf.getSheetId(t.id)!
        this.tables.set(t.id, { spec: t, sheet })
        this.sheetTable.set(sheet, t.id)
      }
    } finally {
      this.staging = null
    }
  }

  // ---- indicators ---------------------------------------------------------------------

  private valueMap(id: string): Map<number, number> {
    let m = this.values.get(id)
    if (!m) this.values.set(id, (m = new Map()))
    return m
  }

  private registerIndicator(ind: Indicator): void {
    const row = this.nextIndRow++
    this.indicators.set(ind.id, { ind, row })
    this.byName.set(ind.name, ind.id)
    this.rowIndicator.set(row, ind.id)
  }

  indicator(refOrName: string): Indicator | null {
    const id = this.indicators.has(refOrName) ? refOrName : this.byName.get(refOrName)
    return id ? this.indicators.get(id)!.ind : null
  }

  indicatorList(): Indicator[] {
    return [...this.indicators.values()].map((x) => x.ind).sort((a, b) => a.position - b.position)
  }

  valuesOf(id: string): Record<string, number> {
    const m = this.values.get(id)
    if (!m) return {}
    return Object.fromEntries([...m.entries()].sort((a, b) => a[0] - b[0]).map(([y, v]) => [String(y), v]))
  }

  value(id: string, year: number): number | null {
    return this.values.get(id)?.get(year) ?? null
  }

  /** Add an indicator, or change its properties; formulas that named it (or its new name) are compiled again. */
  putIndicator(ind: Indicator): EngineChanges {
    return this.collect(() => {
      const old = this.indicators.get(ind.id)
      if (old) {
        if (old.ind.name !== ind.name) this.byName.delete(old.ind.name)
        old.ind = ind
        this.byName.set(ind.name, ind.id)
      } else this.registerIndicator(ind)
      const waiting = [...(this.unresolvedBy.get(ind.name) ?? []), ...(this.unresolvedBy.get(ind.id) ?? [])]
      this.recompile(waiting)
    })
  }

  removeIndicator(id: string): EngineChanges {
    const entry = this.indicators.get(id)
    if (!entry) return emptyChanges()
    return this.collect(() => {
      this.indicators.delete(id)
      this.byName.delete(entry.ind.name)
      this.values.delete(id)
      const users = [...(this.usedBy.get(id) ?? [])]
      this.usedBy.delete(id)
      // Clear the row; formulas naming the indicator now fail with an explanation.
      for (const [name, def] of this.names) {
        if ('row' in def && def.row === entry.row) {
          this.hf.removeNamedExpression(name)
          this.names.delete(name)
        }
      }
      const width = this.hf.getSheetDimensions(this.indSheet).width
      if (width > 0) this.hf.setCellContents({ sheet: this.indSheet, row: entry.row, col: 0 }, [new Array(width).fill(null)])
      this.recompile(users)
    })
  }

  /** Set (or clear, with null) one indicator value. */
  setValue(id: string, year: number, value: number | null): EngineChanges {
    return this.setValues([{ id, year, value }])
  }

  setValues(list: { id: string; year: number; value: number | null }[]): EngineChanges {
    return this.collect(() => {
      for (const { id, year, value } of list) {
        const entry = this.indicators.get(id)
        if (!entry) continue
        const m = this.valueMap(id)
        if (value === null) m.delete(year)
        else m.set(year, value)
        const address = { sheet: this.indSheet, row: entry.row, col: year - FIRST_YEAR }
        // A year a formula uses but nobody filled in yet reads as "missing" (#N/A), not as 0.
        this.hf.setCellContents(address, value === null ? '=NA()' : value)
      }
    })
  }

  /** Point 本年/上年/前年 at another data year (a rollover or a change of 数据年度). */
  setYear(year: number): EngineChanges {
    if (year === this.dataYear) return emptyChanges()
    return this.collect(() => {
      this.dataYear = year
      for (const [name, def] of this.names) {
        if ('yearRel' in def) this.hf.changeNamedExpression(name, `=${year - def.yearRel}`)
        else if ('rel' in def.year) this.hf.changeNamedExpression(name, this.indicatorCellFormula(def.row, def.year))
      }
    })
  }

  // ---- compiling the report's formula syntax ---------------------------------------

  private indicatorCellFormula(row: number, year: YearSpec): string {
    const y = resolveYear(year, this.dataYear)
    const col = y - FIRST_YEAR
    // The cell must say "missing" rather than be empty (which would read as 0).
    if (this.staging) {
      const r = (this.staging.ind[row] ??= [])
      if (r[col] === undefined) r[col] = '=NA()'
    } else {
      const address = { sheet: this.indSheet, row, col }
      if (this.hf.isCellEmpty(address)) this.hf.setCellContents(address, '=NA()')
    }
    return `='${INDICATOR_SHEET}'!$${columnName(col)}$${row + 1}`
  }

  private indicatorName(row: number, year: YearSpec): string {
    const name = `NBI_${row}_${'rel' in year ? `R${year.rel}` : `A${year.abs}`}`
    if (!this.names.has(name)) {
      const expression = this.indicatorCellFormula(row, year)
      if (this.staging) this.staging.names.push({ name, expression })
      else this.hf.addNamedExpression(name, expression)
      this.names.set(name, { row, year })
    }
    return name
  }

  private yearName(rel: number): string {
    const name = `NB_Y${rel}`
    if (!this.names.has(name)) {
      const expression = `=${this.dataYear - rel}`
      if (this.staging) this.staging.names.push({ name, expression })
      else this.hf.addNamedExpression(name, expression)
      this.names.set(name, { yearRel: rel })
    }
    return name
  }

  /** What one typed input becomes in the engine. */
  compile(input: string): CompiledCell {
    const t = input.trim()
    const none: CompiledCell = { content: null, error: null, indicators: [], unresolved: [] }
    if (t === '') return none
    if (!t.startsWith('=')) {
      const n = parseTypedNumber(t)
      // Text is kept as text ("2020-01-01", "TRUE", "12%"), never reinterpreted.
      return { ...none, content: n !== null ? n : `'${input}` }
    }
    const scanned = scanFormula(t)
    if (scanned.error) return { ...none, content: '=#REF!', error: scanned.error }
    const indicators: string[] = []
    const unresolved: string[] = []
    const parts = scanned.segments.map((seg) => {
      if (seg.kind === 'text') return seg.text
      if (seg.kind === 'year') return 'rel' in seg.year ? this.yearName(seg.year.rel) : String(seg.year.abs)
      const ind = this.indicator(seg.ref)
      if (!ind) {
        unresolved.push(seg.ref)
        return '#REF!'
      }
      indicators.push(ind.id)
      return this.indicatorName(this.indicators.get(ind.id)!.row, seg.year)
    })
    const content = parts.join('')
    // Checked here, so a formula stored before this check (or crafted in a file) is refused when the report opens too.
    const tooMuch = formulaLimitProblem(content)
    if (tooMuch) return { ...none, content: '=#REF!', error: tooMuch }
    const error = unresolved.length ? `指标“${unresolved[0]}”不存在（可能已被删除或改名）。请在数据面板中检查指标名称。` : null
    return { content, error, indicators, unresolved }
  }

  /** The report's syntax for a formula the engine holds (after it moved references). */
  decompile(formula: string, byKey = false): string {
    const scanned = scanFormula(formula)
    return scanned.segments
      .map((seg) => {
        if (seg.kind !== 'text') return seg.text
        // The engine drops the quotes around sheet names that do not need them; table references keep them.
        const quoted = seg.text.replace(/(^|[^'A-Za-z0-9_.-])([A-Za-z][A-Za-z0-9_-]*)!/g, (whole, pre: string, name: string) =>
          this.tables.has(name) ? `${pre}'${name}'!` : whole
        )
        return quoted.replace(/\b(NBI_(\d+)_(R|A)(\d+)|NB_Y(\d+))\b/gi, (whole, _n, row, kind, num, yrel) => {
          if (yrel !== undefined) return yearText({ rel: Number(yrel) })
          const id = this.rowIndicator.get(Number(row))
          const ind = id ? this.indicators.get(id)?.ind : undefined
          if (!ind) return '#REF!'
          const year: YearSpec = kind.toUpperCase() === 'R' ? { rel: Number(num) } : { abs: Number(num) }
          return `指标("${byKey ? ind.id : ind.name}",${yearText(year)})`
        })
      })
      .join('')
  }

  private track(k: CellKey, compiled: CompiledCell): void {
    this.untrack(k)
    if (compiled.error) this.compileErrors.set(k, compiled.error)
    if (!compiled.indicators.length && !compiled.unresolved.length) return
    for (const id of compiled.indicators) setOf(this.usedBy, id).add(k)
    for (const name of compiled.unresolved) setOf(this.unresolvedBy, name).add(k)
    this.cellRefs.set(k, { ids: compiled.indicators, names: compiled.unresolved })
  }

  private untrack(k: CellKey): void {
    this.compileErrors.delete(k)
    const refs = this.cellRefs.get(k)
    if (!refs) return
    this.cellRefs.delete(k)
    for (const id of refs.ids) this.usedBy.get(id)?.delete(k)
    for (const name of refs.names) this.unresolvedBy.get(name)?.delete(k)
  }

  private recompile(keys: CellKey[]): void {
    for (const k of new Set(keys)) {
      const { sheet, row, col } = unkey(k)
      if (sheet === FIELD_SHEET) {
        const ref = this.rowField[row]
        if (ref !== undefined) this.writeField(ref, row)
        continue
      }
      const t = this.tables.get(sheet)
      if (!t) continue
      this.writeCell(sheet, t, row, col)
    }
  }

  // ---- tables ---------------------------------------------------------------------------

  hasTable(id: string): boolean {
    return this.tables.has(id)
  }

  tableSpec(id: string): ReportTableSpec | null {
    return this.tables.get(id)?.spec ?? null
  }

  tableIds(): string[] {
    return [...this.tables.keys()]
  }

  /** Can a new table take this id? (Sheet names are compared without case; the hidden sheets are ours.) */
  tableIdFree(id: string): boolean {
    return !id.startsWith('__') && !this.hf.doesSheetExist(id)
  }

  private addTableSheet(spec: ReportTableSpec): void {
    const name = this.hf.addSheet(spec.id)
    const sheet = this.hf.getSheetId(name)!
    this.tables.set(spec.id, { spec, sheet })
    this.sheetTable.set(sheet, spec.id)
  }

  private writeTableContents(spec: ReportTableSpec): void {
    const t = this.tables.get(spec.id)!
    const content: RawCellContent[][] = spec.rows.map((r, row) =>
      r.map((cell, col) => {
        const compiled = this.compile(cell.input)
        this.track(key(spec.id, row, col), compiled)
        return compiled.content
      })
    )
    this.hf.setSheetContent(t.sheet, content)
  }

  private writeCell(tableId: string, t: TableState, row: number, col: number): void {
    const cell = t.spec.rows[row]?.[col]
    const compiled = this.compile(cell?.input ?? '')
    this.track(key(tableId, row, col), compiled)
    this.hf.setCellContents({ sheet: t.sheet, row, col }, compiled.content)
  }

  /** Add a table, or replace one's whole content (other tables' references to it stay). */
  putTable(spec: ReportTableSpec): EngineChanges {
    return this.collect(() => {
      const existing = this.tables.get(spec.id)
      if (existing) {
        for (let r = 0; r < existing.spec.rows.length; r++)
          for (let c = 0; c < (existing.spec.rows[r]?.length ?? 0); c++) this.untrack(key(spec.id, r, c))
        existing.spec = spec
        this.hf.clearSheet(existing.sheet)
      } else this.addTableSheet(spec)
      this.writeTableContents(spec)
    })
  }

  removeTable(id: string): EngineChanges {
    const t = this.tables.get(id)
    if (!t) return emptyChanges()
    return this.collect(() => {
      for (let r = 0; r < t.spec.rows.length; r++) for (let c = 0; c < t.spec.rows[r].length; c++) this.untrack(key(id, r, c))
      this.hf.removeSheet(t.sheet)
      this.tables.delete(id)
      this.sheetTable.delete(t.sheet)
    })
  }

  /** Change cells' inputs (the spec is updated in place: the caller owns persisting it). */
  setCells(tableId: string, cells: { row: number; col: number; input: string }[]): EngineChanges {
    const t = this.tables.get(tableId)
    if (!t) return emptyChanges()
    return this.collect(() => {
      for (const { row, col, input } of cells) {
        const r = t.spec.rows[row]
        if (!r || col >= r.length) continue
        r[col] = { ...r[col], input }
        this.writeCell(tableId, t, row, col)
      }
    })
  }

  /**
   * Insert or remove rows or columns. The engine moves every reference to
   * the cells that moved (in this table, other tables and fields); the
   * formulas it rewrote are returned in the report's syntax so the caller can
   * store them. `reshape` applies the same change to the spec's grid.
   */
  reshape(
    tableId: string,
    op: { kind: 'insertRows' | 'removeRows' | 'insertCols' | 'removeCols'; at: number; count: number },
    reshapeSpec: (spec: ReportTableSpec) => ReportTableSpec
  ): { changes: EngineChanges; rewritten: { tableId: string; row: number; col: number; input: string }[]; rewrittenFields: { from: string; to: string }[] } {
    const t = this.tables.get(tableId)
    if (!t) return { changes: emptyChanges(), rewritten: [], rewrittenFields: [] }
    const before = this.formulaSnapshot()
    const changes = this.collect(() => {
      if (op.kind === 'insertRows') this.hf.addRows(t.sheet, [op.at, op.count])
      else if (op.kind === 'removeRows') this.hf.removeRows(t.sheet, [op.at, op.count])
      else if (op.kind === 'insertCols') this.hf.addColumns(t.sheet, [op.at, op.count])
      else this.hf.removeColumns(t.sheet, [op.at, op.count])
      // Compile errors and indicator tracking follow the cells that moved.
      for (let r = 0; r < t.spec.rows.length; r++) for (let c = 0; c < t.spec.rows[r].length; c++) this.untrack(key(tableId, r, c))
      t.spec = reshapeSpec(t.spec)
      t.spec.rows.forEach((r, row) =>
        r.forEach((cell, col) => {
          const compiled = this.compile(cell.input)
          this.track(key(tableId, row, col), compiled)
        })
      )
    })
    // Every formula the engine now holds that differs from what the stored input compiles to was moved by the
    // engine: store it again, in the report's syntax.
    const rewritten: { tableId: string; row: number; col: number; input: string }[] = []
    for (const [id, st] of this.tables) {
      const formulas = this.hf.getSheetSerialized(st.sheet)
      st.spec.rows.forEach((r, row) =>
        r.forEach((cell, col) => {
          const f = formulas[row]?.[col]
          if (typeof f !== 'string' || !f.startsWith('=') || this.compileErrors.has(key(id, row, col))) return
          const expected = this.compile(cell.input).content
          if (typeof expected === 'string' && sameFormula(expected, f)) return
          const input = this.decompile(f)
          r[col] = { ...cell, input }
          rewritten.push({ tableId: id, row, col, input })
        })
      )
    }
    const rewrittenFields: { from: string; to: string }[] = []
    for (const [ref, row] of this.fieldRows) {
      const f = this.hf.getCellSerialized({ sheet: this.fieldSheet, row, col: 0 })
      if (typeof f !== 'string' || before.get(key(FIELD_SHEET, row, 0)) === f) continue
      // Fields name indicators by key (chapter text must not depend on names).
      const to = this.decompile(f, true)
      if (!sameFormula(to, ref)) rewrittenFields.push({ from: ref, to })
    }
    for (const { from, to } of rewrittenFields) {
      const row = this.fieldRows.get(from)!
      this.fieldRows.delete(from)
      if (!this.fieldRows.has(to)) {
        this.fieldRows.set(to, row)
        this.rowField[row] = to
      }
    }
    return { changes, rewritten, rewrittenFields }
  }

  private formulaSnapshot(): Map<CellKey, string> {
    const out = new Map<CellKey, string>()
    for (const [, row] of this.fieldRows) {
      const v = this.hf.getCellSerialized({ sheet: this.fieldSheet, row, col: 0 })
      if (typeof v === 'string') out.set(key(FIELD_SHEET, row, 0), v)
    }
    return out
  }

  // ---- reading results ------------------------------------------------------------------

  resolveCell(tableId: string, row: number, col: number): ResolvedCell {
    const t = this.tables.get(tableId)
    const cell: TableCell | undefined = t?.spec.rows[row]?.[col]
    if (!t || !cell) return { text: '', align: 'center' }
    const align: CellAlign = cell.align ?? (col === 0 && row >= t.spec.headerRows ? 'left' : 'center')
    const out: ResolvedCell = { text: '', align }
    const input = cell.input.trim()
    if (input.startsWith('=')) {
      out.formula = true
      const b = directBinding(input)
      const ind = b ? this.indicator(b.ref) : null
      if (b && ind) out.binding = { indicator: ind.id, year: resolveYear(b.year, this.dataYear) }
    }
    const compileError = this.compileErrors.get(key(tableId, row, col))
    const v = this.hf.getCellValue({ sheet: t.sheet, row, col })
    if (compileError) return { ...out, text: '#REF!', error: compileError, value: null }
    const shown = { ...out, ...this.present(v, cell) }
    if (cell.derived && !input.startsWith('=')) {
      const finding = this.keptValueFinding(t.sheet, cell, shown.text)
      if (finding) {
        shown.finding = finding.message
        shown.computed = finding.computed
      }
    }
    return shown
  }

  /** A printed value kept instead of its formula: what the formula gives, when that reads differently. */
  private keptValueFinding(sheet: number, cell: TableCell, shown: string): { message: string; computed: string } | null {
    const compiled = this.compile(cell.derived!)
    if (typeof compiled.content !== 'string' || compiled.error) return null
    let v: CellValue | CellValue[][]
    try {
      v = this.hf.calculateFormula(compiled.content, sheet)
    } catch {
      return null
    }
    if (Array.isArray(v) || v instanceof DetailedCellError || typeof v !== 'number') return null
    const computed = formatValue(v, cell.format)
    if (computed === shown) return null
    return { message: `保留了原文数字 ${shown}，按公式 ${cell.derived} 计算是 ${computed}，两者不一致。`, computed }
  }

  private present(v: CellValue, cell: Pick<TableCell, 'format'>): Pick<ResolvedCell, 'text' | 'value' | 'error' | 'missing'> {
    if (v instanceof DetailedCellError) {
      if (v.type === 'NA') return { text: '', value: null, missing: true }
      return { text: errorCode(v), value: null, error: explainError(v) }
    }
    if (typeof v === 'number') return { text: formatValue(v, cell.format), value: v }
    if (v === null) return { text: '', value: null }
    return { text: formatValue(v as string | boolean) }
  }

  resolveRows(tableId: string): ResolvedCell[][] {
    const t = this.tables.get(tableId)
    if (!t) return []
    return t.spec.rows.map((r, row) => r.map((_, col) => this.resolveCell(tableId, row, col)))
  }

  // ---- inline fields ---------------------------------------------------------------------

  private writeField(ref: string, row: number): void {
    const compiled = this.compile(ref)
    this.track(key(FIELD_SHEET, row, 0), compiled)
    this.hf.setCellContents({ sheet: this.fieldSheet, row, col: 0 }, compiled.content)
  }

  /** Make sure a field is computed (fields are registered the first time they are asked for). */
  registerFields(refs: string[]): void {
    const fresh = refs.filter((r) => !this.fieldRows.has(r))
    if (!fresh.length) return
    this.evaluateAfter(() => {
      for (const ref of fresh) {
        if (this.fieldRows.has(ref)) continue
        const row = this.rowField.length
        this.rowField.push(ref)
        this.fieldRows.set(ref, row)
        this.writeField(ref, row)
      }
    })
  }

  resolveField(ref: string): ResolvedField {
    this.registerFields([ref])
    const row = this.fieldRows.get(ref)!
    const compileError = this.compileErrors.get(key(FIELD_SHEET, row, 0))
    if (compileError) return { ref, value: null, error: compileError }
    const v = this.hf.getCellValue({ sheet: this.fieldSheet, row, col: 0 })
    if (v instanceof DetailedCellError) return v.type === 'NA' ? { ref, value: null, missing: true } : { ref, value: null, error: explainError(v) }
    return { ref, value: typeof v === 'number' || typeof v === 'string' ? v : v === null ? null : String(v) }
  }

  // ---- charts --------------------------------------------------------------------------------

  chartData(spec: ChartSpec): ChartData {
    const src = spec.source
    if (src.kind === 'table' || src.kind === 'sheet') {
      const t = this.tables.get(src.tableId)
      if (!t) return { categories: [], series: [], error: src.kind === 'sheet' ? '图表的数据表已丢失。' : '图表引用的表格已被删除。' }
      const grid: GridReader = {
        rows: t.spec.rows.length,
        cols: Math.max(...t.spec.rows.map((r) => r.length)),
        label: (r, c) => tableCellLabel((row, col) => this.resolveCell(src.tableId, row, col).text.trim(), t.spec.merges, t.spec.headerRows, r, c),
        value: (r, c) => {
          const v = this.resolveCell(src.tableId, r, c).value
          return typeof v === 'number' ? v : null
        }
      }
      if (src.kind === 'sheet') return sheetChartData(grid, src.seriesIn)
      const areas = parseAreas(src.range)
      if (!areas) return { categories: [], series: [], error: `区域“${src.range}”的写法不对，应写成 A1:C5 的形式。` }
      return gridChartData(grid, areas, src.seriesIn, src.range)
    }
    const inds = src.indicators.map((ref) => this.indicator(ref))
    const missing = src.indicators.find((_, i) => !inds[i])
    if (missing) return { categories: [], series: [], error: `图表用到的指标“${missing}”不存在（可能已被删除）。` }
    const years = src.years.map((y) => resolveChartYear(y, this.dataYear))
    const labelOf = (ind: Indicator) => src.labels?.[ind.id] ?? src.labels?.[ind.name] ?? ind.name
    if ((src.categoriesFrom ?? 'indicators') === 'indicators') {
      return {
        categories: inds.map((i) => labelOf(i!)),
        series: years.map((y) => ({ name: `${y}年`, values: inds.map((i) => this.value(i!.id, y)) }))
      }
    }
    return {
      categories: years.map((y) => `${y}年`),
      series: inds.map((i) => ({ name: labelOf(i!), values: years.map((y) => this.value(i!.id, y)) }))
    }
  }

  /** Does a chart read from this table / these indicators? (for deciding which charts a change touches) */
  static chartReads(spec: ChartSpec): { tableId?: string; indicators?: string[] } {
    return spec.source.kind === 'indicators' ? { indicators: spec.source.indicators } : { tableId: spec.source.tableId }
  }

  // ---- change collection --------------------------------------------------------------------

  /** Run engine operations as one evaluation and sort out what changed. */
  private collect(fn: () => void): EngineChanges {
    return this.sortChanges(this.evaluateAfter(fn))
  }

  /**
   * Run engine operations with evaluation suspended, then evaluate once.
   * (Not hf.batch(): its undo bookkeeping rescans the whole batch on every
   * operation, which made opening a 500-table report take seconds.)
   */
  private evaluateAfter(fn: () => void): ExportedChange[] {
    this.hf.suspendEvaluation()
    try {
      fn()
    } catch (e) {
      this.hf.resumeEvaluation()
      throw e
    }
    return this.hf.resumeEvaluation()
  }

  private sortChanges(changes: ExportedChange[]): EngineChanges {
    const out = emptyChanges()
    for (const ch of changes) {
      if (!('address' in ch)) continue
      const { sheet, row, col } = ch.address
      if (sheet === this.fieldSheet) {
        const ref = this.rowField[row]
        if (ref !== undefined) out.fields.add(ref)
        continue
      }
      const tableId = this.sheetTable.get(sheet)
      if (tableId) setOf(out.cells, tableId).add(`${row},${col}`)
    }
    return out
  }
}

export function emptyChanges(): EngineChanges {
  return { cells: new Map(), fields: new Set() }
}

function setOf<K, V>(m: Map<K, Set<V>>, k: K): Set<V> {
  let s = m.get(k)
  if (!s) m.set(k, (s = new Set()))
  return s
}

/** Two formula texts that differ only in spacing or letter case are the same formula. */
function sameFormula(a: string, b: string): boolean {
  return a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase()
}
