import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { createPortal } from 'react-dom'
import { NodeViewWrapper, type NodeViewProps } from '@tiptap/react'
import type { TableView } from '@shared/contract/data'
import { tableLabel } from '@shared/model/numbering'
import { useTableNumber } from '../../editor/numbering/NumberingProvider'
import { chapterHistoryOf } from '../../editor/history/extension'
import type { ChapterHistory } from '../../editor/history/chapterHistory'
import { ConfirmDialog } from '../../components/Dialog'
import { liveData, useIndicators, useTableView } from '../store'
import { openDataDialog } from '../dialogs'
import { address, mergeAt, type Rect } from './grid'
import { TableEditing, type Removal, type TableText } from './tableEditing'
import { tableKey } from './tableKeys'
import { liveTableData } from './tableData'
import type { TableData } from './tableChanges'
import { FormulaBar, TableTools } from './TableTools'
import { reserveToolsSpace } from './toolsSpace'
import '../../components/reportBlock.css'
import './table.css'

/**
 * 表 N-M: a report table in the chapter. The caption sits above ("表 1-2
 * 标题", numbered per chapter in order), the 数据来源 note below. Click a
 * cell to select it; type to replace it, Enter or F2 to edit it, Delete to
 * clear it; the formula bar above the grid shows and edits what the cell
 * holds (text, a number, or a formula). A cell that shows one indicator for
 * one year takes a typed number as that indicator's value. Errors show in
 * their cell with a Chinese explanation. What happens is the table-editing
 * model's (tableEditing.ts); this draws it.
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
        <div className="rt-missing node-placeholder is-missing" contentEditable={false}>
          这张表格的数据在报告文件中找不到了（可能已被删除）。请删除这个表格后重新插入。
        </div>
      ) : !view ? (
        <div className="rt-loading node-placeholder" contentEditable={false}>
          正在载入表格…
        </div>
      ) : (
        <TableEditor
          key={view.id}
          view={view}
          number={number}
          chapterId={chapterId}
          history={chapterHistoryOf(editor)}
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

interface TableEditorProps {
  view: TableView
  number: string | null
  chapterId: string | null
  /** The chapter's Ctrl+Z and Ctrl+Y, which this table's steps take part in. */
  history: ChapterHistory
  onDone: () => void
  /** 生成图表… (a report table in the chapter); without it the button is not offered. */
  onChart?: (range: string) => void
  /** A chart's own data sheet in the chart dialog: no caption, no note. */
  sheet?: boolean
  /** Where the changes go (default: the live data). */
  data?: TableData
}

/**
 * The grid editor of a table: in the chapter (a report table, with its
 * caption and note), or in the chart dialog (`sheet`: a chart's own data
 * sheet, without caption, note or 生成图表).
 */
export function TableEditor({ view, number, chapterId, history, onDone, onChart, sheet = false, data = liveTableData }: TableEditorProps) {
  const [t] = useState(() => new TableEditing(view, data, history, chapterId))
  t.setView(view)
  const ui = useSyncExternalStore(t.subscribe, t.getSnapshot)
  // Indicators are shown by name and unit (liveData.label): redraw when they load or change.
  useIndicators()
  const grid = useRef<HTMLDivElement>(null)
  /** The floating tools open in room made above the table (toolsSpace.ts), never over the text above it. */
  const tools = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const table = tools.current?.closest<HTMLElement>('.report-table')
    return tools.current && table ? reserveToolsSpace(tools.current, table) : undefined
  }, [])
  /** One input follows the current cell: it takes the keys (and IME compositions) and becomes the cell's editor. */
  const sink = useRef<HTMLInputElement>(null)
  const [box, setBox] = useState<{ left: number; top: number; width: number; height: number } | null>(null)
  const done = useRef(onDone)
  done.current = onDone

  useEffect(() => {
    t.bind({ focusGrid: () => sink.current?.focus({ preventScroll: true }), later: (f) => requestAnimationFrame(f), done: () => done.current() })
    // Ctrl+Z in the text undoes this table's newest step when it is the chapter's newest change; Ctrl+Y likewise.
    return t.changes.register()
  }, [t])

  const { spec, resolved } = view
  const at = t.at
  const rect = t.rect
  const editing = ui.editing

  // Keep the input over the current cell (merged cells included); it follows the cell's position, not the object.
  useEffect(() => {
    if (!at || !grid.current) return setBox(null)
    const anchor = mergeAt(spec.merges, at)
    const key = address(anchor ? { r: anchor.row, c: anchor.col } : at)
    const td = grid.current.querySelector<HTMLElement>(`td[data-cell="${key}"]`)
    if (td) setBox({ left: td.offsetLeft, top: td.offsetTop, width: td.offsetWidth, height: td.offsetHeight })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [at?.r, at?.c, spec.merges, resolved, editing?.at.r, editing?.at.c])

  const widths = spec.columnWidths.length === t.cols ? spec.columnWidths : Array.from({ length: t.cols }, () => 1)
  const total = widths.reduce((a, b) => a + b, 0) || 1
  const inRect = (r: number, c: number, x: Rect | null) => !!x && r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1
  const cellView = t.cellView

  return (
    <div
      className="rt-body"
      contentEditable={false}
      onCopy={(e) => {
        const text = t.copyText()
        if (text === null) return
        e.clipboardData?.setData('text/plain', text)
        e.preventDefault()
      }}
    >
      {!sheet && (
      <div className="rt-caption" data-testid="table-caption">
        <span className="rt-label">{tableLabel(number)}</span>{' '}
        {ui.caption === null ? (
          <span className="rt-caption-text" title="点击修改表题" onClick={() => t.editText('caption')}>
            {resolved.caption || '（点击填写表题）'}
          </span>
        ) : (
          <TableTextInput t={t} which="caption" value={ui.caption} maxLength={200} />
        )}
      </div>
      )}

      <div className="rt-stage">
        <div className="rt-float" ref={tools}>
          <TableTools t={t} onChart={onChart} sheet={sheet} />
          <FormulaBar t={t} ui={ui} />
        </div>
        <div
          className="rt-grid"
          ref={grid}
          onPaste={(e) => {
            if (t.paste(e.clipboardData.getData('text/plain'))) e.preventDefault()
          }}
          data-testid="table-grid"
        >
          <input
            ref={sink}
            className={`rt-sink${editing ? ' editing' : ''}`}
            style={box ? { left: box.left, top: box.top, width: box.width, height: box.height, textAlign: cellView?.align } : { left: 0, top: 0, width: 1, height: 1 }}
            value={editing?.text ?? ''}
            onChange={(e) => t.type(e.target.value)}
            onCompositionStart={() => t.compositionStart()}
            onKeyDown={(e) => {
              if (!e.nativeEvent.isComposing && tableKey(t, e)) e.preventDefault()
            }}
            onBlur={() => void t.commitEdit(null)}
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
                    const m = t.merges.get(`${r},${c}`)
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
                    const title = cell.error ?? cell.finding ?? (cell.missing ? '等待填写数据' : cell.binding ? `指标：${liveData.label(cell.binding.indicator)}，${cell.binding.year} 年` : undefined)
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
                          if (t.pressCell({ r, c }, e.shiftKey)) e.preventDefault()
                        }}
                        onDoubleClick={() => t.startEdit({ r, c })}
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

      {ui.overwrite &&
        createPortal(
          <ConfirmDialog
            title="替换公式？"
            message={ui.overwrite.question}
            confirmLabel="替换公式"
            cancelLabel="保留公式"
            onCancel={() => t.keepFormulas()}
            onConfirm={() => void t.confirmOverwrite()}
          />,
          document.body
        )}
      {ui.confirmRemove &&
        createPortal(
          <ConfirmDialog
            title={ui.confirmRemove.kind === 'removeRows' ? '删除行' : '删除列'}
            danger
            message={`${removalName(ui.confirmRemove)}中有内容，删除后不能撤销；其他单元格、正文中引用这些单元格的公式会显示错误。确定删除吗？`}
            confirmLabel="删除"
            onCancel={() => t.cancelRemoval()}
            onConfirm={() => t.confirmRemoval()}
          />,
          document.body
        )}
      {sheet ? null : ui.note !== null ? (
        <TableTextInput t={t} which="note" value={ui.note} maxLength={1000} />
      ) : (
        resolved.note && (
          <div className="rt-note" onClick={() => t.editText('note')} title="点击修改">
            {resolved.note}
          </div>
        )
      )}
    </div>
  )
}

/** The caption or the note being typed: Enter stores it, Escape leaves it as it was; both go back to the table. */
function TableTextInput({ t, which, value, maxLength }: { t: TableEditing; which: TableText; value: string; maxLength: number }) {
  return (
    <input
      className={`rt-${which}-input`}
      autoFocus
      value={value}
      maxLength={maxLength}
      onChange={(e) => t.editText(which, e.target.value)}
      onBlur={() => void t.finishText(which)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur()
        if (e.key === 'Escape') t.cancelText(which)
        if (e.key === 'Enter' || e.key === 'Escape') t.backToWork()
      }}
      data-testid={`table-${which}-input`}
    />
  )
}

/** "第 3 行", "第 3–4 行", "第 B 列", "第 B–C 列" for the confirmation. */
function removalName(r: Removal): string {
  const name = (i: number) => (r.kind === 'removeRows' ? String(i + 1) : address({ r: 0, c: i }).replace(/\d+$/, ''))
  const span = r.count > 1 ? `${name(r.at)}–${name(r.at + r.count - 1)}` : name(r.at)
  return `第 ${span} ${r.kind === 'removeRows' ? '行' : '列'}`
}
