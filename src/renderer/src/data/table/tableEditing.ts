import type { TableView } from '@shared/contract/data'
import { parseTypedNumber } from '@shared/model/format'
import type { CellAlign, CellFormat, ResolvedCell, TableMerge } from '@shared/model/table'
import { overwriteQuestion, overwrittenFormulas } from '@shared/model/cellPlace'
import type { ChapterHistory } from '../../editor/history/chapterHistory'
import { Store } from '../../components/store'
import { chartRangeOf, intersects, mergeMap, rectOf, type CellPos, type Rect, type Selection } from './grid'
import { pastedCells, selectionText } from './clipboard'
import { TableChanges, type CellInput, type CellPatch, type IndicatorValue, type TableData } from './tableChanges'

/** A cell being typed in. 'value': the cell shows one indicator for one year, and a typed number sets that indicator. */
export interface Editing {
  at: CellPos
  text: string
  mode: 'input' | 'value'
}

export interface Removal {
  kind: 'removeRows' | 'removeCols'
  at: number
  count: number
}

/** What the view does for the model: focus, and where the keys go back to. */
export interface TableScreen {
  /** Put the keys on the selected cell (the input that follows it). */
  focusGrid(): void
  /** Run after the browser drew the change (the input exists then). */
  later(f: () => void): void
  /** Leave the table: back to the text. */
  done(): void
}

/** The two lines of a table edited in place: the caption above it, the 数据来源 note below. */
export type TableText = 'caption' | 'note'

export interface TableUiState {
  sel: Selection | null
  editing: Editing | null
  /** The formula bar's text while it is typed in; null: it shows the selected cell's input. */
  bar: string | null
  /** The caption or the note being edited, null when not. */
  caption: string | null
  note: string | null
  /** Rows or columns holding content, waiting for the removal to be confirmed. */
  confirmRemove: Removal | null
  /** Derived cells about to be typed, pasted or cleared over, waiting for 保留公式 or 替换公式. */
  overwrite: Overwrite | null
}

/** Inputs that would replace cells computed by a formula, and the question that names them. */
export interface Overwrite {
  cells: CellInput[]
  question: string
}

const NO_SCREEN: TableScreen = { focusGrid: () => undefined, later: (f) => f(), done: () => undefined }

/**
 * Editing one report table: the selection, the cell being typed in, the
 * formula bar, the commits to main (cells, indicator values, merges, rows
 * and columns), undo and redo through the chapter's history, the clipboard
 * and the keys. Plain TypeScript: ReportTableView draws it.
 */
export class TableEditing extends Store<TableUiState> {
  private screen: TableScreen = NO_SCREEN
  private mergesOf: TableMerge[] | null = null
  private mergeIndex: ReturnType<typeof mergeMap> = new Map()

  /** The table's changes to main and their undo steps. */
  readonly changes: TableChanges

  constructor(
    private current: TableView,
    data: TableData,
    history: ChapterHistory,
    chapterId: string | null
  ) {
    super()
    this.state = { sel: null, editing: null, bar: null, caption: null, note: null, confirmRemove: null, overwrite: null }
    this.changes = new TableChanges(() => this.current, data, history, chapterId, () => this.set({ sel: null }))
  }

  get id(): string {
    return this.view.id
  }

  // ---- state ---------------------------------------------------------------------------------

  /** The table as main last sent it (each render hands the newest one). */
  setView(view: TableView): void {
    this.current = view
  }

  get view(): TableView {
    return this.current
  }

  bind(screen: TableScreen): void {
    this.screen = screen
  }

  get rows(): number {
    return this.view.spec.rows.length
  }

  get cols(): number {
    return Math.max(...this.view.spec.rows.map((r) => r.length))
  }

  get rect(): Rect | null {
    return this.state.sel ? rectOf(this.state.sel) : null
  }

  /** The current cell. */
  get at(): CellPos | null {
    return this.state.sel?.focus ?? null
  }

  /** What the current cell holds (text, a number or a formula). */
  get cellInput(): string {
    const at = this.at
    return at ? (this.view.spec.rows[at.r]?.[at.c]?.input ?? '') : ''
  }

  get cellView(): ResolvedCell | undefined {
    const at = this.at
    return at ? this.view.resolved.rows[at.r]?.[at.c] : undefined
  }

  get barText(): string {
    return this.state.bar ?? this.cellInput
  }

  get format(): CellFormat {
    const at = this.at
    return (at && this.view.spec.rows[at.r]?.[at.c]?.format) || { kind: 'general' }
  }

  /** Merged cells by "row,col": the anchor with its spans, or 'covered'. */
  get merges(): ReturnType<typeof mergeMap> {
    if (this.mergesOf !== this.view.spec.merges) {
      this.mergesOf = this.view.spec.merges
      this.mergeIndex = mergeMap(this.view.spec.merges)
    }
    return this.mergeIndex
  }

  // ---- selecting and typing ---------------------------------------------------------------

  select(p: CellPos, extend = false): void {
    const clamp = { r: Math.max(0, Math.min(this.rows - 1, p.r)), c: Math.max(0, Math.min(this.cols - 1, p.c)) }
    const s = this.state.sel
    this.set({ sel: extend && s ? { anchor: s.anchor, focus: clamp } : { anchor: clamp, focus: clamp }, bar: null })
  }

  startEdit(p: CellPos, initial?: string): void {
    const cell = this.view.resolved.rows[p.r]?.[p.c]
    const input = this.view.spec.rows[p.r]?.[p.c]?.input ?? ''
    const valueMode = !!cell?.binding && (initial === undefined || !initial.startsWith('='))
    const current = valueMode ? (typeof cell?.value === 'number' ? String(cell.value) : '') : input
    this.set({ editing: { at: p, text: initial ?? current, mode: valueMode ? 'value' : 'input' } })
    this.screen.later(() => this.screen.focusGrid())
  }

  cancelEdit(): void {
    this.set({ editing: null })
  }

  /** Typing (or an IME composition) on a selected cell starts editing it with what was typed. */
  type(text: string): void {
    const e = this.state.editing
    if (e) return this.set({ editing: { ...e, text } })
    if (this.at) this.startEdit(this.at, text)
  }

  /** An IME composition starts on a selected cell: editing starts empty. */
  compositionStart(): void {
    if (!this.state.editing && this.at) this.startEdit(this.at, '')
  }

  /** Store what was typed; the selection moves at once (to `move`), the change is stored in the background, in order. */
  async commitEdit(move: CellPos | null = null): Promise<void> {
    const e = this.state.editing
    if (!e) return
    this.set({ editing: null })
    if (move) this.select(move)
    this.screen.focusGrid()
    const cell = this.view.resolved.rows[e.at.r]?.[e.at.c]
    if (e.mode === 'value' && cell?.binding) {
      const t = e.text.trim()
      const n = t === '' ? null : parseTypedNumber(t)
      if (t !== '' && n === null) {
        this.changes.data.warn(`“${t.slice(0, 20)}”不是数字。这个单元格显示一个指标的数值，请输入数字；如要改成文字或公式，请在上方的公式栏中修改。`)
        return
      }
      if (n !== (typeof cell.value === 'number' ? cell.value : null)) await this.changes.setValues([{ indicator: cell.binding.indicator, year: cell.binding.year, value: n }])
    } else if (e.text !== (this.view.spec.rows[e.at.r]?.[e.at.c]?.input ?? '')) {
      await this.setInputsAsking([{ row: e.at.r, col: e.at.c, input: e.text }], e.text)
    }
  }

  /** Typing, pasting or clearing over derived cells asks first: their formula would be lost (overwrittenFormulas). `typed`: what was typed, null for a paste. */
  private async setInputsAsking(cells: CellInput[], typed: string | null): Promise<void> {
    const lost = overwrittenFormulas(this.view.spec, this.view.resolved.rows, cells)
    if (lost.length) this.set({ overwrite: { cells, question: overwriteQuestion(lost, typed) } })
    else await this.changes.setCells(cells)
  }

  /** 替换公式: the waiting inputs are stored, the formulas go. */
  async confirmOverwrite(): Promise<void> {
    const o = this.state.overwrite
    if (!o) return
    this.set({ overwrite: null })
    this.screen.focusGrid()
    await this.changes.setCells(o.cells)
  }

  /** 保留公式: nothing changes. */
  keepFormulas(): void {
    this.set({ overwrite: null })
    this.screen.focusGrid()
  }

  /** A cell is pressed: what was being typed is stored, the cell selected (Shift extends). False on the cell being typed in (the input keeps the click). */
  pressCell(p: CellPos, extend: boolean): boolean {
    const e = this.state.editing
    if (e && e.at.r === p.r && e.at.c === p.c) return false
    if (e) void this.commitEdit(null)
    this.select(p, extend)
    this.screen.focusGrid()
    return true
  }

  // ---- formula bar, format, alignment ------------------------------------------------------

  typeInBar(text: string): void {
    this.set({ bar: text })
  }

  resetBar(): void {
    this.set({ bar: null })
    this.screen.focusGrid()
  }

  async commitBar(): Promise<void> {
    const at = this.at
    if (!at) return
    const text = this.barText
    this.set({ bar: null })
    if (text !== this.cellInput) await this.changes.setCells([{ row: at.r, col: at.c, input: text }])
    this.screen.focusGrid()
  }

  async setFormat(format: CellFormat): Promise<void> {
    await this.changes.setCells(this.eachSelected((row, col) => ({ row, col, format })))
  }

  async setAlign(align: CellAlign): Promise<void> {
    await this.changes.setCells(this.eachSelected((row, col) => ({ row, col, align })))
  }

  /** Delete: the selected cells are emptied (an indicator's value cleared). */
  async clearCells(): Promise<void> {
    const rect = this.rect
    if (!rect) return
    const inputs: CellInput[] = []
    const values: IndicatorValue[] = []
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) {
        const b = this.view.resolved.rows[r]?.[c]?.binding
        if (b) values.push({ indicator: b.indicator, year: b.year, value: null })
        else if (this.view.spec.rows[r]?.[c]?.input) inputs.push({ row: r, col: c, input: '' })
      }
    await this.setInputsAsking(inputs, '')
    await this.changes.setValues(values)
  }

  private eachSelected(f: (row: number, col: number) => CellPatch): CellPatch[] {
    const rect = this.rect
    const cells: CellPatch[] = []
    if (rect) for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) cells.push(f(r, c))
    return cells
  }

  // ---- rows, columns, merges ---------------------------------------------------------------

  /** Removing rows or columns cannot be undone: when they hold anything, ask first. */
  askRemove(kind: Removal['kind'], at: number, count: number): void {
    const inRange = (r: number, c: number) => (kind === 'removeRows' ? r >= at && r < at + count : c >= at && c < at + count)
    const filled = this.view.spec.rows.some((row, r) => row.some((cell, c) => inRange(r, c) && (cell?.input ?? '').trim() !== ''))
    if (filled) this.set({ confirmRemove: { kind, at, count } })
    else void this.changes.reshape(kind, at, count)
  }

  confirmRemoval(): void {
    const c = this.state.confirmRemove
    if (!c) return
    this.set({ confirmRemove: null })
    void this.changes.reshape(c.kind, c.at, c.count)
  }

  cancelRemoval(): void {
    this.set({ confirmRemove: null })
    this.screen.focusGrid()
  }

  async mergeSelection(): Promise<void> {
    const rect = this.rect
    if (!rect || (rect.r0 === rect.r1 && rect.c0 === rect.c1)) return
    const kept = this.view.spec.merges.filter((g) => !intersects(g, rect))
    await this.changes.updateTable({ merges: [...kept, { row: rect.r0, col: rect.c0, rowSpan: rect.r1 - rect.r0 + 1, colSpan: rect.c1 - rect.c0 + 1 }] })
  }

  async unmergeSelection(): Promise<void> {
    const rect = this.rect
    if (!rect) return
    await this.changes.updateTable({ merges: this.view.spec.merges.filter((g) => !intersects(g, rect)) })
  }

  setHeaderRows(n: number): Promise<void> {
    return this.changes.updateTable({ headerRows: n })
  }

  // ---- caption and note (not undo steps: they are edited in place) ------------------------

  /** Start editing the caption or the note (from what it says), or change what is typed in it. */
  editText(which: TableText, text: string = this.view.spec[which]): void {
    this.set(which === 'caption' ? { caption: text } : { note: text })
  }

  /** Store what was typed in the caption or the note; a note left at its prompt (数据来源：) is no note. */
  async finishText(which: TableText): Promise<void> {
    const typed = this.state[which]
    if (typed === null) return
    this.cancelText(which)
    const v = which === 'note' && typed.trim() === '数据来源：' ? '' : typed
    if (v !== this.view.spec[which]) await this.changes.updateText(which === 'caption' ? { caption: v } : { note: v })
  }

  cancelText(which: TableText): void {
    this.set(which === 'caption' ? { caption: null } : { note: null })
  }

  /** After the caption or the note: back to the selected cell, or to the text. */
  backToWork(): void {
    this.screen.later(() => (this.state.sel ? this.screen.focusGrid() : this.screen.done()))
  }

  // ---- clipboard -----------------------------------------------------------------------------

  /** The selected cells as tab-separated text (Excel, WPS), as displayed; null when nothing is selected or a cell is being typed in. */
  copyText(): string | null {
    const rect = this.rect
    return rect && !this.state.editing ? selectionText(this.view.resolved.rows, rect) : null
  }

  /** Pasted text fills the cells from the current one; a number (or nothing) pasted on an indicator's cell sets the indicator. False when the paste is not the table's. */
  paste(text: string): boolean {
    const at = this.at
    if (this.state.editing || !text || !at) return false
    const { inputs, values } = pastedCells(this.view.resolved.rows, at, text, this.rows, this.cols)
    void (async () => {
      await this.setInputsAsking(inputs, null)
      await this.changes.setValues(values)
    })()
    return true
  }

  /** The range 生成图表 starts from (grid.ts chartRangeOf). */
  chartRange(): string {
    return chartRangeOf(this.rect, { headerRows: this.view.spec.headerRows, rows: this.rows, cols: this.cols })
  }

  /** Escape on a selected cell: the selection goes, the keys go back to the text. */
  leave(): void {
    this.set({ sel: null })
    this.screen.done()
  }
}
