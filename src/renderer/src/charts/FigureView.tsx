import { NodeViewWrapper, type NodeViewProps } from '@tiptap/react'
import { figureLabel } from '@shared/model/numbering'
import { useFigureNumber } from '../editor/numbering/NumberingProvider'
import { transport } from '../api/client'
import { useFigureView } from '../data/store'
import { openDataDialog } from '../data/dialogs'
import { ChartCanvas } from './ChartCanvas'
import { useChartData } from './useChartData'
import '../components/reportBlock.css'
import './figure.css'

/**
 * 图 N-M: a chart (or an image) with its caption below, numbered per chapter
 * in order. The chart follows its data live; 编辑图表 opens the chart dialog.
 */
export function FigureNodeView({ node, selected, editor }: NodeViewProps) {
  const id = String(node.attrs.id ?? '')
  const { view, missing } = useFigureView(id)
  const number = useFigureNumber(id)
  const chapterId = (editor.view.dom as HTMLElement).getAttribute('data-chapter-id')
  const spec = view?.spec
  const data = useChartData(spec?.chart, view?.data)
  return (
    <NodeViewWrapper className={`report-figure${selected ? ' is-selected' : ''}`} data-type="figure" data-id={id} data-testid="report-figure">
      <div className="rf-body" contentEditable={false}>
        {missing && <div className="rf-missing node-placeholder is-missing">这幅图的数据在报告文件中找不到了（可能已被删除）。请删除这个图后重新插入。</div>}
        {!missing && !view && <div className="rf-loading node-placeholder">正在载入图表…</div>}
        {view && spec?.kind === 'chart' && spec.chart && data && <ChartCanvas spec={spec.chart} data={data} />}
        {view && spec?.kind === 'image' && spec.asset && <img className="rf-image" src={transport.assetUrl(spec.asset)} alt={view.resolved.caption} draggable={false} />}
        {view && spec?.kind === 'image' && (
          <div className="rf-actions">
            <button type="button" className="btn btn-small" onMouseDown={(e) => e.preventDefault()} onClick={() => openDataDialog({ kind: 'chart', editor, chapterId, figureId: id })}>
              图题…
            </button>
          </div>
        )}
        {view && spec?.kind === 'chart' && (
          <div className="rf-actions">
            <button
              type="button"
              className="btn btn-small"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => openDataDialog({ kind: 'chart', editor, chapterId, figureId: id })}
              data-testid="figure-edit"
            >
              编辑图表…
            </button>
          </div>
        )}
      </div>
      <div className="rf-caption" contentEditable={false} data-testid="figure-caption">
        <span className="rf-label">{figureLabel(number)}</span> {view?.resolved.caption || (view ? '（未命名图表）' : '')}
      </div>
      {view?.resolved.note && (
        <div className="rf-note" contentEditable={false}>
          {view.resolved.note}
        </div>
      )}
    </NodeViewWrapper>
  )
}
