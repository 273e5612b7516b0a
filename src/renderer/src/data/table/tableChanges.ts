import type { TableView } from '@shared/contract/data'
import type { CellAlign, CellFormat, TableMerge } from '@shared/model/table'
import type { ChapterHistory, StepRecord } from '../../editor/history/chapterHistory'

export type CellPatch = { row: number; col: number; input?: string; format?: CellFormat; align?: CellAlign }
/** A cell's new input (text, a number or a formula). */
export type CellInput = { row: number; col: number; input: string }
export type ReshapeKind = 'insertRows' | 'removeRows' | 'insertCols' | 'removeCols'
export type IndicatorValue = { indicator: string; year: number; value: number | null }
export type TablePatch = { merges?: TableMerge[]; headerRows?: number; caption?: string; note?: string }

/**
 * What a table change replaced, kept in the chapter's history: undone
 * through the same calls, and what an undo replaces is kept in turn, for
 * redo. Inserted rows or columns are undone by removing them again (and
 * rows removed by an undo are redone by inserting them).
 */
export type UndoStep =
  | { kind: 'cells'; cells: CellPatch[] }
  | { kind: 'values'; values: IndicatorValue[] }
  | { kind: 'table'; patch: { merges?: TableMerge[]; headerRows?: number } }
  | { kind: 'reshape'; op: ReshapeKind; at: number; count: number }

const INVERSE_RESHAPE: Record<ReshapeKind, ReshapeKind> = { insertRows: 'removeRows', removeRows: 'insertRows', insertCols: 'removeCols', removeCols: 'insertCols' }

/** The calls a table's changes go through; true when main stored the change (a refusal has been shown). Bound to the live data in tableData.ts. */
export interface TableData {
  setCells(id: string, cells: CellPatch[]): Promise<boolean>
  setValues(values: IndicatorValue[]): Promise<boolean>
  updateTable(id: string, patch: TablePatch): Promise<boolean>
  reshape(id: string, kind: ReshapeKind, at: number, count: number, openChapterId: string | null): Promise<boolean>
  /** An indicator's stored value for a year; undefined when the indicator list is not loaded. */
  storedValue(indicator: string, year: number): number | null | undefined
  /** Show a message (a number that is not one). */
  warn(message: string): void
}

/**
 * One report table's changes, sent to main one after another (the live
 * data queues them), each with what it replaced kept in the chapter's
 * history (editor/history/chapterHistory.ts) for Ctrl+Z and Ctrl+Y.
 */
export class TableChanges {
  constructor(
    private readonly view: () => TableView,
    readonly data: TableData,
    private readonly history: ChapterHistory,
    private readonly chapterId: string | null,
    /** Rows or columns were inserted or removed: the selection names other cells now. */
    private readonly reshaped: () => void
  ) {}

  private get id(): string {
    return this.view().id
  }

  /** Take part in the chapter's Ctrl+Z and Ctrl+Y while the table is on screen; returns the way to leave. */
  register(): () => void {
    return this.history.register(this.id, { undo: () => void this.undo(), redo: () => void this.redo() })
  }

  /** Set cells (inputs, formats or alignment); what they held before is kept for undo. */
  async setCells(cells: CellPatch[], how: StepRecord = 'change'): Promise<void> {
    if (!cells.length) return
    const { spec, resolved } = this.view()
    const before = cells.map((c): CellPatch => {
      const old = spec.rows[c.row]?.[c.col]
      return {
        row: c.row,
        col: c.col,
        ...(c.input !== undefined ? { input: old?.input ?? '' } : {}),
        ...(c.format !== undefined ? { format: old?.format ?? { kind: 'general' } } : {}),
        // A cell without its own alignment shows the default one; restoring that looks the same.
        ...(c.align !== undefined ? { align: old?.align ?? resolved.rows[c.row]?.[c.col]?.align ?? 'left' } : {})
      }
    })
    if (await this.data.setCells(this.id, cells)) this.remember({ kind: 'cells', cells: before }, how)
  }

  /** Set indicator values shown in the table; the values shown before are kept for undo. */
  async setValues(values: IndicatorValue[], how: StepRecord = 'change'): Promise<void> {
    if (!values.length) return
    const { resolved } = this.view()
    // What the table shows is what is undone to; the indicator list is only loaded once the 数据 panel has been open.
    const shown = (indicator: string, year: number): number | null | undefined => {
      for (const row of resolved.rows)
        for (const cell of row) if (cell.binding?.indicator === indicator && cell.binding.year === year) return typeof cell.value === 'number' ? cell.value : null
      return undefined
    }
    const before = values.map((v) => ({ ...v, value: shown(v.indicator, v.year) ?? this.data.storedValue(v.indicator, v.year) ?? null }))
    if (await this.data.setValues(values)) this.remember({ kind: 'values', values: before }, how)
  }

  /** Merged cells and header rows (kept for undo). */
  async updateTable(patch: { merges?: TableMerge[]; headerRows?: number }, how: StepRecord = 'change'): Promise<void> {
    const { spec } = this.view()
    const before = { ...(patch.merges ? { merges: spec.merges } : {}), ...(patch.headerRows !== undefined ? { headerRows: spec.headerRows } : {}) }
    if (await this.data.updateTable(this.id, patch)) this.remember({ kind: 'table', patch: before }, how)
  }

  /** The caption or the note: edited in place, not an undo step. */
  async updateText(patch: { caption?: string; note?: string }): Promise<void> {
    await this.data.updateTable(this.id, patch)
  }

  async reshape(kind: ReshapeKind, at: number, count: number): Promise<void> {
    if (!(await this.data.reshape(this.id, kind, at, count, this.chapterId))) return
    this.reshaped()
    // Undoing an insertion puts every cell back in its place, so the steps before it stay valid under it.
    // A removal cannot be undone (it asked first), and the earlier steps name cells that moved: they go.
    if (kind === 'insertRows' || kind === 'insertCols') this.remember({ kind: 'reshape', op: INVERSE_RESHAPE[kind], at, count }, 'change')
    else this.history.forget(this.id, true)
  }

  /** The table's newest step (Ctrl+Z in the table, or in the text when it is the chapter's newest change). */
  async undo(): Promise<void> {
    const step = this.history.takeUndo<UndoStep>(this.id)
    if (step) await this.apply(step, 'undo')
  }

  /** The table's most recently undone step. */
  async redo(): Promise<void> {
    const step = this.history.takeRedo<UndoStep>(this.id)
    if (step) await this.apply(step, 'redo')
  }

  private remember(step: UndoStep, how: StepRecord): void {
    this.history.record(this.id, step, how)
  }

  /** Put a kept step back; what it replaces is kept in turn (for redo after an undo, for undo after a redo). */
  private async apply(step: UndoStep, how: 'undo' | 'redo'): Promise<void> {
    if (step.kind === 'cells') await this.setCells(step.cells, how)
    else if (step.kind === 'values') await this.setValues(step.values, how)
    else if (step.kind === 'table') await this.updateTable(step.patch, how)
    else if (await this.data.reshape(this.id, step.op, step.at, step.count, this.chapterId)) {
      this.reshaped()
      this.remember({ kind: 'reshape', op: INVERSE_RESHAPE[step.op], at: step.at, count: step.count }, how)
    }
  }
}
