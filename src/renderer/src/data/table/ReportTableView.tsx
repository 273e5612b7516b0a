import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import { createPortal } from 'react-dom'
import { NodeViewWrapper, type NodeViewProps } from '@tiptap/react'
import type { TableView } from '@shared/contract/data'
import { FORMAT_LABELS, parseTypedNumber } from '@shared/model/format'
import { tableLabel } from '@shared/model/numbering'
import type { CellAlign, CellFormat, ResolvedCell, TableMerge } from '@shared/model/table'
import { useTableNumber } from '../../editor/numbering/NumberingProvider'
import { api } from '../../api/client'
import { ConfirmDialog } from '../../components/Dialog'
import { liveData, useTableView } from '../store'
import { openDataDialog } from '../dialogs'
import { address, intersects, mergeAt, mergeMap, parseTsv, rangeText, rectOf, type CellPos, type Rect, type Selection } from './grid'
import { dropTableRedo, dropTableStep, forgetTableSteps, noteTableStep, noteTableUndone, registerTableUndo } from './chapterUndo'

interface Editing {
  at: CellPos
  text: string
  /** 'value': the cell shows one indicator for one year, and a typed number sets that indicator. */
  mode: 'input' | 'value'
}

type CellPatch = { row: number; col: number; input?: string; format?: CellFormat; align?: CellAlign }
type ReshapeKind = 'insertRows' | 'removeRows' | 'insertCols' | 'removeCols'

/**
 * The table's own undo and redo (Ctrl+Z, Ctrl+Y while a cell is selected):
 * what each change replaced, restored through the same calls; undoing a step
 * keeps what it replaced in turn, for redo. The chapter editor's undo never
 * sees table changes, so it cannot put a table half back.
 */
type UndoStep =
  | { kind: 'cells'; cells: CellPatch[] }
  | { kind: 'values'; values: { indicator: string; year: number; value: number | null }[] }
  | { kind: 'table'; patch: { merges?: TableMerge[]; headerRows?: number } }
  /** Rows or columns that were inserted (undone by removing them again), or removed by an undo (redone by inserting them). */
  | { kind: 'reshape'; op: ReshapeKind; at: number; count: number }

/** How a change is kept: a new change (undo step, ends redo), an undo (redo step), a redo (undo step again). */
type StepRecord = 'change' | 'undo' | 'redo'

const INVERSE_RESHAPE: Record<ReshapeKind, ReshapeKind> = { insertRows: 'removeRows', removeRows: 'insertRows', insertCols: 'removeCols', removeCols: 'insertCols' }

/**
 * 表 N-M: a report table in the chapter. The caption sits above ("表 1-2
 * 标题", numbered per chapter in order), the 数据来源 note below. Click a
 * cell to select it; type to replace it, Enter or F2 to edit it, Delete to
 * clear it; the formula bar above the grid shows and edits what the cell
 * holds (text, a number, or a formula). A cell that shows one indicator for
 * one year takes a typed number as that indicator's value. Errors show in
 * their cell with a Chinese explanation.
 */
export function ReportTableNodeView({ node, selected, editor, getPos }: NodeViewProps) {
  const id = String(node.attrs.id ?? '')
  const { view, missing } = useTableView(id)
  const number = useTableNumber(id)
  const chapterId = (editor.view.dom as HTMLElement).getAttribute('data-chapter-id')

  return (
    <NodeViewWrapper className={`report-table${selected ? ' is-selected' : ''}`} data-type="report-table" data-id={id} data-testid="report-table">
      <div className="rt-drag" contentEditable={false} data-drag-handle draggable title="拖动以移动表格">
        ⠿
      </div>
      {missing ? (
        <div className="rt-missing" contentEditable={false}>
          这张表格的数据在报告文件中找不到了（可能已被删除）。请删除这个表格后重新插入。
        </div>
      ) : !view ? (
        <div className="rt-loading" contentEditable={false}>
          正在载入表格…
        </div>
      ) : (
        <TableEditor
          view={view}
          number={number}
          chapterId={chapterId}
          editable={editor.isEditable}
          onDone={() => editor.commands.focus()}
          onChart={(range) => {
            // The chart goes right after the table.
            const pos = typeof getPos === 'function' ? getPos() : undefined
            openDataDialog({ kind: 'chart', editor, chapterId, tableId: id, range, at: typeof pos === 'number' ? pos + node.nodeSize : undefined })
          }}
        />
      )}
    </NodeViewWrapper>
  )
}

/**
 * The grid editor of a table: in the chapter (a report table, with its
 * caption and note), or in the chart dialog (`sheet`: a chart's own data
 * sheet, without caption, note or 生成图表).
 */
export function TableEditor({
  view,
  number,
  chapterId,
  editable,
  onDone,
  onChart,
  sheet = false
}: {
  view: TableView
  number: string | null
  chapterId: string | null
  editable: boolean
  onDone: () => void
  onChart?: (range: string) => void
  sheet?: boolean
}) {
  const { spec, resolved } = view
  const id = view.id
  const [sel, setSel] = useState<Selection | null>(null)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [bar, setBar] = useState('')
  const [barDirty, setBarDirty] = useState(false)
  const [caption, setCaption] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [confirmRemove, setConfirmRemove] = useState<{ kind: 'removeRows' | 'removeCols'; at: number; count: number } | null>(null)
  const grid = useRef<HTMLDivElement>(null)
  /** One input follows the current cell: it takes the keys (and IME compositions) and becomes the cell's editor. */
  const sink = useRef<HTMLInputElement>(null)
  const [box, setBox] = useState<{ left: number; top: number; width: number; height: number } | null>(null)
  const undo = useRef<UndoStep[]>([])
  const redo = useRef<UndoStep[]>([])
  /** What a change replaced: undone by the table's or the chapter's Ctrl+Z, redone by Ctrl+Y; the chapter knows when each happened. */
  const remember = (step: UndoStep, how: StepRecord) => {
    if (how === 'undo') {
      redo.current.push(step)
      noteTableUndone(id)
      return
    }
    undo.current.push(step)
    noteTableStep(id, how === 'redo' ? 'redone' : 'change')
  }
  const rows = spec.rows.length
  const cols = Math.max(...spec.rows.map((r) => r.length))
  const merges = useMemo(() => mergeMap(spec.merges), [spec.merges])
  const rect = sel ? rectOf(sel) : null
  const at = sel?.focus ?? null
  const cellInput = at ? (spec.rows[at.r]?.[at.c]?.input ?? '') : ''
  const cellView: ResolvedCell | undefined = at ? resolved.rows[at.r]?.[at.c] : undefined

  // The formula bar shows the selected cell's input until the editor types in it.
  useEffect(() => {
    if (!barDirty) setBar(cellInput)
  }, [cellInput, barDirty, at?.r, at?.c])

  const focusGrid = () => sink.current?.focus({ preventScroll: true })

  // Ctrl+Z in the text undoes this table's newest step when it is the chapter's newest change; Ctrl+Y likewise.
  // Only the editable chapter's tables (not those of a 历史版本 preview showing the same tables).
  const undoLatest = useRef<() => void>(() => undefined)
  const redoLatest = useRef<() => void>(() => undefined)
  useEffect(() => {
    if (!editable) return
    return registerTableUndo(id, { undo: () => undoLatest.current(), redo: () => redoLatest.current(), clearRedo: () => (redo.current = []) })
  }, [id, editable])
  /** After the caption or the note: back to the selected cell, or to the text. */
  const backToWork = () => requestAnimationFrame(() => (sel ? focusGrid() : onDone()))

  // Keep the input over the current cell (merged cells included); it follows the cell's position, not the object.
  useEffect(() => {
    if (!at || !grid.current) return setBox(null)
    const anchor = mergeAt(spec.merges, at)
    const key = address(anchor ? { r: anchor.row, c: anchor.col } : at)
    const td = grid.current.querySelector<HTMLElement>(`td[data-cell="${key}"]`)
    if (td) setBox({ left: td.offsetLeft, top: td.offsetTop, width: td.offsetWidth, height: td.offsetHeight })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [at?.r, at?.c, spec.merges, resolved, editing?.at.r, editing?.at.c])

  const select = (p: CellPos, extend = false) => {
    const clamp = { r: Math.max(0, Math.min(rows - 1, p.r)), c: Math.max(0, Math.min(cols - 1, p.c)) }
    setSel((s) => (extend && s ? { anchor: s.anchor, focus: clamp } : { anchor: clamp, focus: clamp }))
    setBarDirty(false)
  }

  // ---- changes -------------------------------------------------------------------------------

  /** Set cells (inputs, formats or alignment); what they held before goes on the undo stack. */
  const setCells = useCallback(
    async (cells: CellPatch[], how: StepRecord = 'change') => {
      if (!cells.length) return
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
      const r = await liveData.run(() => api.data.setCells({ id, cells }))
      if (r) remember({ kind: 'cells', cells: before }, how)
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id, spec.rows, resolved.rows]
  )
  const setInputs = useCallback((cells: { row: number; col: number; input: string }[]) => setCells(cells), [setCells])

  const updateTable = async (patch: { merges?: TableMerge[]; headerRows?: number }, how: StepRecord = 'change') => {
    const before = { ...(patch.merges ? { merges: spec.merges } : {}), ...(patch.headerRows !== undefined ? { headerRows: spec.headerRows } : {}) }
    const r = await liveData.run(() => api.data.updateTable({ id, ...patch }))
    if (r) remember({ kind: 'table', patch: before }, how)
  }

  const setValues = useCallback(
    async (values: { indicator: string; year: number; value: number | null }[], how: StepRecord = 'change') => {
      if (!values.length) return
      // What the table shows is what is undone to; the indicator list is only loaded once the 数据 panel has been open.
      const shown = (indicator: string, year: number): number | null | undefined => {
        for (const row of resolved.rows)
          for (const cell of row) if (cell.binding?.indicator === indicator && cell.binding.year === year) return typeof cell.value === 'number' ? cell.value : null
        return undefined
      }
      const before = values.map((v) => ({ ...v, value: shown(v.indicator, v.year) ?? liveData.indicator(v.indicator)?.values[String(v.year)] ?? null }))
      const r = await liveData.run(() => (values.length === 1 ? api.data.setValue(values[0]) : api.data.setValues({ values })))
      if (r) remember({ kind: 'values', values: before }, how)
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [resolved.rows]
  )

  const commitEdit = async (e: Editing, move: CellPos | null) => {
    setEditing(null)
    // The selection moves at once; the change is stored in the background (changes are queued in order).
    if (move) select(move)
    focusGrid()
    const cell = resolved.rows[e.at.r]?.[e.at.c]
    if (e.mode === 'value' && cell?.binding) {
      const t = e.text.trim()
      const n = t === '' ? null : parseTypedNumber(t)
      if (t !== '' && n === null) {
        liveData.warn(`“${t.slice(0, 20)}”不是数字。这个单元格显示一个指标的数值，请输入数字；如要改成文字或公式，请在上方的公式栏中修改。`)
        return
      }
      if (n !== (typeof cell.value === 'number' ? cell.value : null)) await setValues([{ indicator: cell.binding.indicator, year: cell.binding.year, value: n }])
    } else if (e.text !== (spec.rows[e.at.r]?.[e.at.c]?.input ?? '')) {
      await setInputs([{ row: e.at.r, col: e.at.c, input: e.text }])
    }
  }

  const startEdit = (p: CellPos, initial?: string) => {
    const cell = resolved.rows[p.r]?.[p.c]
    const input = spec.rows[p.r]?.[p.c]?.input ?? ''
    const valueMode = !!cell?.binding && (initial === undefined || !initial.startsWith('='))
    const current = valueMode ? (typeof cell?.value === 'number' ? String(cell.value) : '') : input
    setEditing({ at: p, text: initial ?? current, mode: valueMode ? 'value' : 'input' })
    requestAnimationFrame(() => sink.current?.focus({ preventScroll: true }))
  }

  const clearSelection = async () => {
    if (!rect) return
    const inputs: { row: number; col: number; input: string }[] = []
    const values: { indicator: string; year: number; value: null }[] = []
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) {
        const b = resolved.rows[r]?.[c]?.binding
        if (b) values.push({ indicator: b.indicator, year: b.year, value: null })
        else if (spec.rows[r]?.[c]?.input) inputs.push({ row: r, col: c, input: '' })
      }
    await setInputs(inputs)
    await setValues(values)
  }

  /** Put a kept step back; what it replaces is kept in turn (for redo after an undo, for undo after a redo). */
  const apply = async (step: UndoStep, how: 'undo' | 'redo') => {
    if (step.kind === 'cells') await setCells(step.cells, how)
    else if (step.kind === 'values') await setValues(step.values, how)
    else if (step.kind === 'table') await updateTable(step.patch, how)
    else {
      const r = await liveData.run(() => api.data[step.op]({ id, at: step.at, count: step.count, openChapterId: chapterId }))
      if (!r) return
      setSel(null)
      remember({ kind: 'reshape', op: INVERSE_RESHAPE[step.op], at: step.at, count: step.count }, how)
    }
  }

  const undoLast = async () => {
    const step = undo.current.pop()
    if (!step) return
    dropTableStep(id)
    await apply(step, 'undo')
  }

  const redoLast = async () => {
    const step = redo.current.pop()
    if (!step) return
    dropTableRedo(id)
    await apply(step, 'redo')
  }

  undoLatest.current = () => void undoLast()
  redoLatest.current = () => void redoLast()

  const commitBar = async () => {
    if (!at) return
    setBarDirty(false)
    if (bar !== cellInput) await setInputs([{ row: at.r, col: at.c, input: bar }])
    focusGrid()
  }

  const setFormat = async (format: CellFormat) => {
    if (!rect) return
    const cells: CellPatch[] = []
    for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) cells.push({ row: r, col: c, format })
    await setCells(cells)
  }
  const setAlign = async (align: CellAlign) => {
    if (!rect) return
    const cells: CellPatch[] = []
    for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) cells.push({ row: r, col: c, align })
    await setCells(cells)
  }

  const reshape = async (kind: ReshapeKind, at: number, count: number) => {
    const r = await liveData.run(() => api.data[kind]({ id, at, count, openChapterId: chapterId }))
    if (!r) return
    setSel(null)
    // Undoing an insertion puts every cell back in its place, so the steps before it stay valid under it.
    // A removal cannot be undone (it asked first), and the earlier steps name cells that moved: they go.
    if (kind === 'insertRows' || kind === 'insertCols') remember({ kind: 'reshape', op: INVERSE_RESHAPE[kind], at, count }, 'change')
    else {
      undo.current = []
      redo.current = []
      forgetTableSteps(id, true)
    }
  }

  /** Removing rows or columns cannot be undone: when they hold anything, ask first. */
  const askRemove = (kind: 'removeRows' | 'removeCols', at: number, count: number) => {
    let filled = false
    for (let r = 0; r < rows && !filled; r++)
      for (let c = 0; c < cols && !filled; c++) {
        const inRange = kind === 'removeRows' ? r >= at && r < at + count : c >= at && c < at + count
        if (inRange && (spec.rows[r]?.[c]?.input ?? '').trim() !== '') filled = true
      }
    if (filled) setConfirmRemove({ kind, at, count })
    else void reshape(kind, at, count)
  }

  const mergeSelection = async () => {
    if (!rect || (rect.r0 === rect.r1 && rect.c0 === rect.c1)) return
    const kept = spec.merges.filter((g) => !intersects(g, rect))
    await updateTable({ merges: [...kept, { row: rect.r0, col: rect.c0, rowSpan: rect.r1 - rect.r0 + 1, colSpan: rect.c1 - rect.c0 + 1 }] })
  }
  const unmergeSelection = async () => {
    if (!rect) return
    await updateTable({ merges: spec.merges.filter((g) => !intersects(g, rect)) })
  }

  const pasteAt = async (text: string) => {
    if (!at) return
    const block = parseTsv(text)
    const inputs: { row: number; col: number; input: string }[] = []
    const values: { indicator: string; year: number; value: number | null }[] = []
    block.forEach((line, i) =>
      line.forEach((t, j) => {
        const r = at.r + i
        const c = at.c + j
        if (r >= rows || c >= cols) return
        const b = resolved.rows[r]?.[c]?.binding
        const n = parseTypedNumber(t)
        if (b && (n !== null || t.trim() === '')) values.push({ indicator: b.indicator, year: b.year, value: n })
        else inputs.push({ row: r, col: c, input: t })
      })
    )
    await setInputs(inputs)
    await setValues(values)
  }

  const copySelection = (e: ClipboardEvent | React.ClipboardEvent) => {
    if (!rect || editing) return
    const lines: string[] = []
    for (let r = rect.r0; r <= rect.r1; r++) {
      const cells: string[] = []
      for (let c = rect.c0; c <= rect.c1; c++) cells.push(resolved.rows[r]?.[c]?.text ?? '')
      lines.push(cells.join('\t'))
    }
    e.clipboardData?.setData('text/plain', lines.join('\n'))
    e.preventDefault()
  }

  // ---- keyboard --------------------------------------------------------------------------------

  const onSinkKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return
    if (editing) {
      const m = merges.get(`${editing.at.r},${editing.at.c}`)
      const span = m && m !== 'covered' ? m : { rowSpan: 1, colSpan: 1 }
      if (e.key === 'Enter') {
        e.preventDefault()
        void commitEdit(editing, { r: Math.min(rows - 1, editing.at.r + span.rowSpan), c: editing.at.c })
      } else if (e.key === 'Tab') {
        e.preventDefault()
        void commitEdit(editing, { r: editing.at.r, c: Math.max(0, Math.min(cols - 1, editing.at.c + (e.shiftKey ? -1 : span.colSpan))) })
      } else if (e.key === 'Escape') {
        e.preventDefault()
        setEditing(null)
      }
      return
    }
    if ((e.ctrlKey || e.metaKey) && (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey))) {
      e.preventDefault()
      void redoLast()
      return
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault()
      void undoLast()
      return
    }
    if (!at) return
    const move = (dr: number, dc: number) => {
      e.preventDefault()
      const next = { r: at.r + dr, c: at.c + dc }
      // Step over the covered part of a merged cell.
      const g = mergeAt(spec.merges, at)
      if (g && (dr > 0 || dc > 0)) {
        if (dr > 0) next.r = g.row + g.rowSpan
        if (dc > 0) next.c = g.col + g.colSpan
      }
      select(next, e.shiftKey)
    }
    switch (e.key) {
      case 'ArrowUp':
        return move(-1, 0)
      case 'ArrowDown':
        return move(1, 0)
      case 'ArrowLeft':
        return move(0, -1)
      case 'ArrowRight':
        return move(0, 1)
      case 'Tab':
        return move(0, e.shiftKey ? -1 : 1)
      case 'Enter':
      case 'F2':
        e.preventDefault()
        startEdit(at)
        return
      case 'Delete':
      case 'Backspace':
        e.preventDefault()
        void clearSelection()
        return
      case 'Escape':
        e.preventDefault()
        setSel(null)
        onDone()
        return
    }
  }

  /** Typing (or an IME composition) on a selected cell starts editing it with what was typed. */
  const onSinkInput = (text: string) => {
    if (editing) return setEditing({ ...editing, text })
    if (!at) return
    startEdit(at, text)
  }

  // ---- rendering ---------------------------------------------------------------------------------

  const widths = spec.columnWidths.length === cols ? spec.columnWidths : Array.from({ length: cols }, () => 1)
  const total = widths.reduce((a, b) => a + b, 0) || 1
  const inRect = (r: number, c: number, x: Rect | null) => !!x && r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1
  const formatOf: CellFormat = (at && spec.rows[at.r]?.[at.c]?.format) || { kind: 'general' }
  const indicatorName = cellView?.binding ? (liveData.indicator(cellView.binding.indicator)?.name ?? cellView.binding.indicator) : null

  return (
    <div className="rt-body" contentEditable={false} onCopy={(e) => copySelection(e)}>
      {!sheet && (
      <div className="rt-caption" data-testid="table-caption">
        <span className="rt-label">{tableLabel(number)}</span>{' '}
        {caption === null ? (
          <span className="rt-caption-text" title="点击修改表题" onClick={() => setCaption(spec.caption)}>
            {resolved.caption || '（点击填写表题）'}
          </span>
        ) : (
          <input
            className="rt-caption-input"
            autoFocus
            value={caption}
            maxLength={200}
            onChange={(e) => setCaption(e.target.value)}
            onBlur={() => {
              const v = caption
              setCaption(null)
              if (v !== spec.caption) void liveData.run(() => api.data.updateTable({ id, caption: v }))
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') (e.target as HTMLInputElement).blur()
              if (e.key === 'Escape') setCaption(null)
              if (e.key === 'Enter' || e.key === 'Escape') backToWork()
            }}
            data-testid="table-caption-input"
          />
        )}
      </div>
      )}

      <div className="rt-stage">
      <div className="rt-float">
      <div className="rt-tools" role="toolbar" aria-label="表格工具">
        <button type="button" disabled={!rect} onClick={() => rect && void reshape('insertRows', rect.r0, 1)} title="在选中行的上方插入一行">
          上方插入行
        </button>
        <button type="button" disabled={!rect} onClick={() => rect && void reshape('insertRows', rect.r1 + 1, 1)} title="在选中行的下方插入一行" data-testid="rt-row-below">
          下方插入行
        </button>
        <button type="button" disabled={!rect || rect.r1 - rect.r0 + 1 >= rows} onClick={() => rect && askRemove('removeRows', rect.r0, rect.r1 - rect.r0 + 1)}>
          删除行
        </button>
        <span className="sep" />
        <button type="button" disabled={!rect} onClick={() => rect && void reshape('insertCols', rect.c0, 1)}>
          左侧插入列
        </button>
        <button type="button" disabled={!rect} onClick={() => rect && void reshape('insertCols', rect.c1 + 1, 1)}>
          右侧插入列
        </button>
        <button type="button" disabled={!rect || rect.c1 - rect.c0 + 1 >= cols} onClick={() => rect && askRemove('removeCols', rect.c0, rect.c1 - rect.c0 + 1)}>
          删除列
        </button>
        <span className="sep" />
        <button type="button" disabled={!rect || (rect.r0 === rect.r1 && rect.c0 === rect.c1)} onClick={() => void mergeSelection()} title="合并选中的单元格（按住 Shift 点击可选中多个）">
          合并单元格
        </button>
        <button type="button" disabled={!rect || !spec.merges.some((g) => intersects(g, rect))} onClick={() => void unmergeSelection()}>
          取消合并
        </button>
        <span className="sep" />
        <label>
          标题行
          <select value={spec.headerRows} onChange={(e) => void updateTable({ headerRows: Number(e.target.value) })}>
            {[0, 1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {!sheet && (
          <button type="button" onClick={() => setNote(spec.note || '数据来源：')} title="表格下方的注，如“数据来源：…”">
            数据来源…
          </button>
        )}
        {onChart && (
          <button
            type="button"
            onClick={() =>
              onChart(
                rect && (rect.r0 !== rect.r1 || rect.c0 !== rect.c1)
                  ? // The chart's range holds the names too: its header row (series) and first column (categories), even when only figures were selected.
                    rangeText({ r0: Math.min(rect.r0, Math.max(0, spec.headerRows - 1)), c0: 0, r1: rect.r1, c1: rect.c1 })
                  : `A1:${address({ r: rows - 1, c: Math.min(2, cols - 1) })}`
              )
            }
            title="用这张表的数据画一幅图"
          >
            生成图表…
          </button>
        )}
      </div>

      {at && (
        <div className="rt-formula" data-testid="formula-bar">
          <span className="rt-addr" data-testid="formula-address">
            {rect ? rangeText(rect) : address(at)}
          </span>
          <span className="rt-fx">fx</span>
          <input
            value={bar}
            onChange={(e) => {
              setBar(e.target.value)
              setBarDirty(true)
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                void commitBar()
              } else if (e.key === 'Escape') {
                setBarDirty(false)
                setBar(cellInput)
                focusGrid()
              }
            }}
            onBlur={() => barDirty && void commitBar()}
            placeholder="文字、数字，或以 = 开头的公式"
            maxLength={2000}
            spellCheck={false}
            data-testid="formula-input"
          />
          <select value={formatOf.kind} onChange={(e) => {
            const kind = e.target.value as CellFormat['kind']
            void setFormat(kind === 'general' ? { kind } : { kind, decimals: formatOf.kind === 'general' ? 2 : formatOf.decimals })
          }} title="数字格式" data-testid="cell-format">
            {(Object.keys(FORMAT_LABELS) as CellFormat['kind'][]).map((k) => (
              <option key={k} value={k}>
                {FORMAT_LABELS[k]}
              </option>
            ))}
          </select>
          {formatOf.kind !== 'general' && (
            <select value={formatOf.decimals} onChange={(e) => void setFormat({ ...formatOf, decimals: Number(e.target.value) })} title="小数位数" data-testid="cell-decimals">
              {[0, 1, 2, 3, 4].map((d) => (
                <option key={d} value={d}>
                  {d} 位小数
                </option>
              ))}
            </select>
          )}
          <span className="rt-align">
            {(['left', 'center', 'right'] as CellAlign[]).map((a) => (
              <button key={a} type="button" title={{ left: '左对齐', center: '居中', right: '右对齐' }[a]} className={cellView?.align === a ? 'on' : ''} onClick={() => void setAlign(a)}>
                {{ left: '⇤', center: '≡', right: '⇥' }[a]}
              </button>
            ))}
          </span>
        </div>
      )}
      {at && (cellView?.error || indicatorName) && (
        <div className={`rt-cellinfo${cellView?.error ? ' err' : ''}`} data-testid="cell-info">
          {cellView?.error ?? `这个单元格显示指标“${indicatorName}”${cellView?.binding?.year} 年的数值：直接输入数字即修改该指标，报告中用到它的表格、文字和图都会随之更新。`}
        </div>
      )}

      </div>
      <div
        className="rt-grid"
        ref={grid}
        onPaste={(e) => {
          if (editing) return
          const text = e.clipboardData.getData('text/plain')
          if (text && at) {
            e.preventDefault()
            void pasteAt(text)
          }
        }}
        data-testid="table-grid"
      >
        <input
          ref={sink}
          className={`rt-sink${editing ? ' editing' : ''}`}
          style={box ? { left: box.left, top: box.top, width: box.width, height: box.height, textAlign: cellView?.align } : { left: 0, top: 0, width: 1, height: 1 }}
          value={editing?.text ?? ''}
          onChange={(e) => onSinkInput(e.target.value)}
          onCompositionStart={() => !editing && at && startEdit(at, '')}
          onKeyDown={onSinkKey}
          onBlur={() => editing && void commitEdit(editing, null)}
          spellCheck={false}
          maxLength={2000}
          aria-label={at ? `单元格 ${address(at)}` : '表格'}
          data-testid="cell-input"
        />
        <table className="rt-table">
          <colgroup>
            {widths.map((w, i) => (
              <col key={i} style={{ width: `${((w / total) * 100).toFixed(2)}%` }} />
            ))}
          </colgroup>
          <tbody>
            {resolved.rows.map((row, r) => (
              <tr key={r} className={r < resolved.headerRows ? 'rt-head' : undefined}>
                {row.map((cell, c) => {
                  const m = merges.get(`${r},${c}`)
                  if (m === 'covered') return null
                  const isEditing = editing && editing.at.r === r && editing.at.c === c
                  const classes = ['rt-cell']
                  if (inRect(r, c, rect)) classes.push('sel')
                  if (at && at.r === r && at.c === c) classes.push('cur')
                  if (cell.error) classes.push('error')
                  if (cell.missing) classes.push('missing')
                  if (cell.finding) classes.push('finding')
                  if (cell.binding) classes.push('bound')
                  if (cell.formula && !cell.binding) classes.push('formula')
                  const title = cell.error ?? cell.finding ?? (cell.missing ? '等待填写数据' : cell.binding ? `指标：${liveData.indicator(cell.binding.indicator)?.name ?? ''}（${cell.binding.year} 年）` : undefined)
                  return (
                    <td
                      key={c}
                      rowSpan={m?.rowSpan}
                      colSpan={m?.colSpan}
                      className={classes.join(' ')}
                      style={{ textAlign: cell.align }}
                      title={title}
                      data-cell={address({ r, c })}
                      onMouseDown={(e) => {
                        if (isEditing) return
                        e.preventDefault()
                        if (editing) void commitEdit(editing, null)
                        select({ r, c }, e.shiftKey)
                        focusGrid()
                      }}
                      onDoubleClick={() => startEdit({ r, c })}
                    >
                      {isEditing ? '\u00a0' : cell.text || '\u00a0'}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      </div>

      {confirmRemove &&
        createPortal(
          <ConfirmDialog
            title={confirmRemove.kind === 'removeRows' ? '删除行' : '删除列'}
            danger
            message={`${removalName(confirmRemove)}中有内容，删除后不能撤销；其他单元格、正文中引用这些单元格的公式会显示错误。确定删除吗？`}
            confirmLabel="删除"
            onCancel={() => {
              setConfirmRemove(null)
              focusGrid()
            }}
            onConfirm={() => {
              const c = confirmRemove
              setConfirmRemove(null)
              void reshape(c.kind, c.at, c.count)
            }}
          />,
          document.body
        )}
      {sheet ? null : note !== null ? (
        <input
          className="rt-note-input"
          autoFocus
          value={note}
          maxLength={1000}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            const v = note.trim() === '数据来源：' ? '' : note
            setNote(null)
            if (v !== spec.note) void liveData.run(() => api.data.updateTable({ id, note: v }))
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur()
            if (e.key === 'Escape') setNote(null)
            if (e.key === 'Enter' || e.key === 'Escape') backToWork()
          }}
          data-testid="table-note-input"
        />
      ) : (
        resolved.note && (
          <div className="rt-note" onClick={() => setNote(spec.note)} title="点击修改">
            {resolved.note}
          </div>
        )
      )}
    </div>
  )
}

/** "第 3 行", "第 3–4 行", "第 B 列", "第 B–C 列" for the confirmation. */
function removalName(r: { kind: 'removeRows' | 'removeCols'; at: number; count: number }): string {
  const name = (i: number) => (r.kind === 'removeRows' ? String(i + 1) : address({ r: 0, c: i }).replace(/\d+$/, ''))
  const span = r.count > 1 ? `${name(r.at)}–${name(r.at + r.count - 1)}` : name(r.at)
  return `第 ${span} ${r.kind === 'removeRows' ? '行' : '列'}`
}
