import type { CellAlign, CellFormat } from '@shared/model/table'
import { liveData } from '../store'
import { FormatKindSelect } from '../field/FormatPicker'
import { address, intersects, rangeText, type Rect } from './grid'
import type { TableEditing, TableUiState } from './tableEditing'

const ALIGN_TITLES: Record<CellAlign, string> = { left: '左对齐', center: '居中', right: '右对齐' }
const ALIGN_SIGNS: Record<CellAlign, string> = { left: '⇤', center: '≡', right: '⇥' }

/** The words of the row and column tools. */
const LINES = {
  rows: { insert: 'insertRows', remove: 'removeRows', before: '上方插入行', beforeTitle: '在选中行的上方插入一行', after: '下方插入行', afterTitle: '在选中行的下方插入一行', afterTestId: 'rt-row-below', removeLabel: '删除行' },
  cols: { insert: 'insertCols', remove: 'removeCols', before: '左侧插入列', beforeTitle: undefined, after: '右侧插入列', afterTitle: undefined, afterTestId: undefined, removeLabel: '删除列' }
} as const

/** Insert a row (column) before or after the selection, or remove the selected ones (never all of them). */
function LineTools({ t, rect, axis }: { t: TableEditing; rect: Rect | null; axis: keyof typeof LINES }) {
  const w = LINES[axis]
  const [first, last, total] = !rect ? [0, 0, 0] : axis === 'rows' ? [rect.r0, rect.r1, t.rows] : [rect.c0, rect.c1, t.cols]
  return (
    <>
      <button type="button" disabled={!rect} onClick={() => void t.changes.reshape(w.insert, first, 1)} title={w.beforeTitle}>
        {w.before}
      </button>
      <button type="button" disabled={!rect} onClick={() => void t.changes.reshape(w.insert, last + 1, 1)} title={w.afterTitle} data-testid={w.afterTestId}>
        {w.after}
      </button>
      <button type="button" disabled={!rect || last - first + 1 >= total} onClick={() => t.askRemove(w.remove, first, last - first + 1)}>
        {w.removeLabel}
      </button>
    </>
  )
}

/** The table's tools above the grid: rows, columns, merges, header rows, the note and a chart. */
export function TableTools({ t, onChart, sheet = false }: { t: TableEditing; onChart?: (range: string) => void; sheet?: boolean }) {
  const rect = t.rect
  const { spec } = t.view
  return (
    <div className="rt-tools" role="toolbar" aria-label="表格工具">
      <LineTools t={t} rect={rect} axis="rows" />
      <span className="sep" />
      <LineTools t={t} rect={rect} axis="cols" />
      <span className="sep" />
      <button type="button" disabled={!rect || (rect.r0 === rect.r1 && rect.c0 === rect.c1)} onClick={() => void t.mergeSelection()} title="合并选中的单元格（按住 Shift 点击可选中多个）">
        合并单元格
      </button>
      <button type="button" disabled={!rect || !spec.merges.some((g) => intersects(g, rect))} onClick={() => void t.unmergeSelection()}>
        取消合并
      </button>
      <span className="sep" />
      <label>
        标题行
        <select value={spec.headerRows} onChange={(e) => void t.setHeaderRows(Number(e.target.value))}>
          {[0, 1, 2, 3].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {!sheet && (
        <button type="button" onClick={() => t.editText('note', spec.note || '数据来源：')} title="表格下方的注，如“数据来源：…”">
          数据来源…
        </button>
      )}
      {onChart && (
        <button type="button" onClick={() => onChart(t.chartRange())} title="用这张表的数据画一幅图">
          生成图表…
        </button>
      )}
    </div>
  )
}

/** The formula bar of the selected cell (its address, what it holds, format and alignment), and what the cell means or why it fails. */
export function FormulaBar({ t, ui }: { t: TableEditing; ui: TableUiState }) {
  const at = t.at
  if (!at) return null
  const rect = t.rect
  const cellView = t.cellView
  const formatOf: CellFormat = t.format
  const indicatorName = cellView?.binding ? liveData.label(cellView.binding.indicator) : null
  return (
    <>
      <div className="rt-formula" data-testid="formula-bar">
        <span className="rt-addr" data-testid="formula-address">
          {rect ? rangeText(rect) : address(at)}
        </span>
        <span className="rt-fx">fx</span>
        <input
          value={t.barText}
          onChange={(e) => t.typeInBar(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              void t.commitBar()
            } else if (e.key === 'Escape') {
              t.resetBar()
            }
          }}
          onBlur={() => ui.bar !== null && void t.commitBar()}
          placeholder="文字、数字，或以 = 开头的公式"
          maxLength={2000}
          spellCheck={false}
          data-testid="formula-input"
        />
        <FormatKindSelect value={formatOf} onChange={(f) => void t.setFormat(f)} title="数字格式" testId="cell-format" />
        {formatOf.kind !== 'general' && (
          <select value={formatOf.decimals} onChange={(e) => void t.setFormat({ ...formatOf, decimals: Number(e.target.value) })} title="小数位数" data-testid="cell-decimals">
            {[0, 1, 2, 3, 4].map((d) => (
              <option key={d} value={d}>
                {d} 位小数
              </option>
            ))}
          </select>
        )}
        <span className="rt-align">
          {(['left', 'center', 'right'] as CellAlign[]).map((a) => (
            <button key={a} type="button" title={ALIGN_TITLES[a]} className={cellView?.align === a ? 'on' : ''} onClick={() => void t.setAlign(a)}>
              {ALIGN_SIGNS[a]}
            </button>
          ))}
        </span>
      </div>
      {(cellView?.error || indicatorName) && (
        <div className={`rt-cellinfo${cellView?.error ? ' err' : ''}`} data-testid="cell-info">
          {cellView?.error ?? `这个单元格显示指标“${indicatorName}”${cellView?.binding?.year} 年的数值：直接输入数字即修改该指标，报告中用到它的表格、文字和图都会随之更新。`}
        </div>
      )}
    </>
  )
}
