import { useEffect, useMemo, useState } from 'react'
import type { ChartData, ChartSpec, ChartType, ChartYear } from '@shared/charts/model'
import { CHART_TYPE_LABELS } from '@shared/charts/model'
import { fillYears } from '@shared/model/formula'
import { Dialog, DialogButtons } from '../components/Dialog'
import { FieldRow, Segmented, SelectField } from '../components/fields'
import { FormError, useFormDialog } from '../components/FormDialog'
import { api, errorMessage } from '../api/client'
import { liveData, useDataYear, useIndicators } from '../data/store'
import type { DataDialogRequest } from '../data/dialogs'
import { ChartCanvas } from './ChartCanvas'
import { blockInsertPos } from '../data/insertPos'
import { useTableChoices } from '../data/table/useTableChoices'

const YEAR_CHOICES: { value: ChartYear; label: string }[] = [
  { value: 'beforePrevious', label: '前年' },
  { value: 'previous', label: '上年' },
  { value: 'current', label: '本年' }
]

const CHART_TYPES = (Object.keys(CHART_TYPE_LABELS) as ChartType[]).map((t) => ({ value: t, label: CHART_TYPE_LABELS[t] }))
const SOURCES = [
  { value: 'indicators', label: '数据指标' },
  { value: 'table', label: '表格中的区域' }
] as const

/**
 * 图表: choose the type (bar, grouped bar for two years, line, pie), where the
 * numbers come from (indicators for some years, or a range of a table), the
 * labels and the caption. The preview is the chart as it will be printed.
 */
export function ChartDialog({ request, onClose }: { request: Extract<DataDialogRequest, { kind: 'chart' }>; onClose: () => void }) {
  const indicators = useIndicators()
  const editing = request.figureId ? liveData.getFigure(request.figureId) : undefined
  const initial = editing?.spec.chart
  const [caption, setCaption] = useState(editing?.spec.caption ?? '')
  const [note, setNote] = useState(editing?.spec.note ?? '')
  const dataYear = useDataYear()
  const [type, setType] = useState<ChartType>(initial?.type ?? (request.tableId ? 'groupedBar' : 'groupedBar'))
  const [sourceKind, setSourceKind] = useState<'indicators' | 'table'>(initial?.source.kind ?? (request.tableId ? 'table' : 'indicators'))
  const [picked, setPicked] = useState<string[]>(initial?.source.kind === 'indicators' ? initial.source.indicators : [])
  const [years, setYears] = useState<ChartYear[]>(initial?.source.kind === 'indicators' ? initial.source.years : ['previous', 'current'])
  const [categoriesFrom, setCategoriesFrom] = useState<'indicators' | 'years'>(initial?.source.kind === 'indicators' ? (initial.source.categoriesFrom ?? 'indicators') : 'indicators')
  /** A pie shows one year's shares of the indicators: it keeps the latest chosen year (本年 by default). */
  const chooseType = (t: ChartType) => {
    setType(t)
    if (t !== 'pie') return
    setCategoriesFrom('indicators')
    setYears((ys) => [[...YEAR_CHOICES].reverse().find((y) => ys.includes(y.value))?.value ?? 'current'])
  }
  const [labels, setLabels] = useState<Record<string, string>>(initial?.source.kind === 'indicators' ? (initial.source.labels ?? {}) : {})
  const [tableId, setTableId] = useState(initial?.source.kind === 'table' ? initial.source.tableId : (request.tableId ?? ''))
  const [range, setRange] = useState(initial?.source.kind === 'table' ? initial.source.range : (request.range ?? 'A1:C3'))
  const [seriesIn, setSeriesIn] = useState<'rows' | 'columns'>(initial?.source.kind === 'table' ? initial.source.seriesIn : 'columns')
  const [unit, setUnit] = useState(initial?.unit ?? '')
  const [showLabels, setShowLabels] = useState(initial?.showLabels ?? true)
  const [decimals, setDecimals] = useState<string>(initial?.decimals === undefined ? '' : String(initial.decimals))
  const [query, setQuery] = useState('')
  const [preview, setPreview] = useState<ChartData | null>(null)
  const form = useFormDialog()
  const { fail } = form
  const tables = useTableChoices()
  const isImage = editing?.spec.kind === 'image'

  const spec: ChartSpec | null = useMemo(() => {
    const common = { type, ...(unit.trim() ? { unit: unit.trim() } : {}), showLabels, ...(decimals !== '' ? { decimals: Number(decimals) } : {}) }
    if (sourceKind === 'indicators') {
      if (!picked.length || !years.length) return null
      const usedLabels = Object.fromEntries(Object.entries(labels).filter(([k, v]) => picked.includes(k) && v.trim()))
      const order = YEAR_CHOICES.map((y) => y.value).filter((y) => years.includes(y))
      return { ...common, source: { kind: 'indicators', indicators: picked, years: order, categoriesFrom, ...(Object.keys(usedLabels).length ? { labels: usedLabels } : {}) } }
    }
    if (!tableId || !/^[A-Za-z]{1,2}\d{1,3}:[A-Za-z]{1,2}\d{1,3}$/.test(range.trim())) return null
    return { ...common, source: { kind: 'table', tableId, range: range.trim().toUpperCase(), seriesIn } }
  }, [type, unit, showLabels, decimals, sourceKind, picked, years, categoriesFrom, labels, tableId, range, seriesIn])

  useEffect(() => {
    if (!spec) return setPreview(null)
    let stale = false
    const t = setTimeout(() => {
      void api.data.chartData({ chart: spec }).then(
        (d) => !stale && setPreview(d),
        (e) => !stale && fail(errorMessage(e))
      )
    }, 200)
    return () => {
      stale = true
      clearTimeout(t)
    }
  }, [spec, fail])

  const submit = () =>
    void form.submit(save, () => (isImage || spec ? null : sourceKind === 'indicators' ? '请至少选择一个指标和一个年份。' : '请选择表格，并写出区域（如 A1:C5）。'))
  const save = async () => {
    if (isImage && request.figureId) {
      const r = await liveData.run(() => api.data.updateFigure({ id: request.figureId!, caption, note }))
      if (r) onClose()
      return
    }
    if (!spec) return
    if (request.figureId) {
      const r = await liveData.run(() => api.data.updateFigure({ id: request.figureId!, caption, note, chart: spec }))
      if (r) onClose()
      return
    }
    const r = await liveData.run(() => api.data.createFigure({ chapterId: request.chapterId, caption, note, chart: spec }))
    if (!r) return
    const editor = request.editor
    if (editor && !editor.isDestroyed) {
      const at = request.at ?? blockInsertPos(editor)
      editor.chain().focus().insertContentAt(Math.min(at, editor.state.doc.content.size), { type: 'figure', attrs: { id: r.id } }).run()
    }
    onClose()
  }

  const shownIndicators = indicators.filter((i) => !query || i.name.includes(query) || i.group.includes(query))

  return (
    <Dialog
      title={request.figureId ? (isImage ? '图的标题' : '编辑图表') : '插入图表'}
      onClose={onClose}
      width={isImage ? 520 : 860}
      testId="chart-dialog"
      footer={
        <DialogButtons onCancel={onClose} onConfirm={submit} confirmLabel={request.figureId ? '确定' : '插入'} busy={form.busy} confirmTestId="chart-ok">
          <FormError error={form.error} inline />
        </DialogButtons>
      }
    >
      <div className={isImage ? 'form data-form' : 'chart-dialog-grid'}>
        <div className="form data-form">
          <label className="field">
            <span>图题（显示在图下方，编号自动生成；可写 {'{本年}'}、{'{上年}'}）</span>
            <input value={caption} onChange={(e) => setCaption(e.target.value)} maxLength={200} placeholder="如：近两年中等职业学校学生规模对比" data-testid="chart-caption" />
          </label>
          {!isImage && (
            <>
              <Segmented label="图表类型" aria="图表类型" value={type} onChange={chooseType} choices={CHART_TYPES} valueAttr="chart-type" />
              <Segmented label="数据来自" aria="数据来自" value={sourceKind} onChange={setSourceKind} choices={SOURCES} />
              {sourceKind === 'indicators' ? (
                <>
                  <label className="field">
                    <span>指标（按选择的顺序排列）</span>
                    <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="查找指标" data-testid="chart-search" />
                  </label>
                  <ul className="data-pick-list" aria-label="指标" data-testid="chart-indicators">
                    {shownIndicators.slice(0, 80).map((i) => (
                      <li key={i.id}>
                        <label className="check">
                          <input
                            type="checkbox"
                            checked={picked.includes(i.id)}
                            onChange={(e) => setPicked((p) => (e.target.checked ? [...p, i.id] : p.filter((x) => x !== i.id)))}
                          />
                          <span className="nm">{i.name}</span>
                          <span className="meta">{i.unit}</span>
                        </label>
                      </li>
                    ))}
                  </ul>
                  {picked.length > 0 && (
                    <div className="field">
                      <span>图中显示的名称（可改短）</span>
                      <div className="label-edits">
                        {picked.map((id) => (
                          <label key={id} className="inline">
                            <input value={labels[id] ?? ''} placeholder={liveData.lookup(id)?.name ?? '已删除的指标'} onChange={(e) => setLabels((l) => ({ ...l, [id]: e.target.value }))} maxLength={40} />
                          </label>
                        ))}
                      </div>
                    </div>
                  )}
                  <FieldRow label="年份">
                  {YEAR_CHOICES.map((y) => (
                    <label key={String(y.value)} className="check inline">
                      <input
                        type={type === 'pie' ? 'radio' : 'checkbox'}
                        name="chart-year"
                        checked={years.includes(y.value)}
                        onChange={(e) => setYears((ys) => (type === 'pie' ? [y.value] : e.target.checked ? [...ys, y.value] : ys.filter((x) => x !== y.value)))}
                      />
                      {y.label}
                    </label>
                  ))}
                  </FieldRow>
                  {type === 'pie' ? (
                    <p className="hint">饼图显示所选年份中各指标所占的比例，只能选一个年份。</p>
                  ) : (
                    <label className="field">
                      <span>横轴</span>
                      <select value={categoriesFrom} onChange={(e) => setCategoriesFrom(e.target.value as 'indicators' | 'years')}>
                        <option value="indicators">各指标（每个年份一组柱子，适合两年对比）</option>
                        <option value="years">各年份（每个指标一条线或一组柱子，适合看趋势）</option>
                      </select>
                    </label>
                  )}
                </>
              ) : (
                <>
                  <SelectField label="表格" value={tableId} onChange={setTableId} placeholder="请选择…" choices={tables.map((t) => ({ value: t.id, label: t.label }))} testId="chart-table" />
                  <label className="field">
                    <span>区域（含标题行和首列，如 A1:C5）</span>
                    <input value={range} onChange={(e) => setRange(e.target.value)} maxLength={11} data-testid="chart-range" />
                  </label>
                  <label className="field">
                    <span>系列</span>
                    <select value={seriesIn} onChange={(e) => setSeriesIn(e.target.value as 'rows' | 'columns')}>
                      <option value="columns">每一列是一个系列（首列是类别）</option>
                      <option value="rows">每一行是一个系列（首行是类别）</option>
                    </select>
                  </label>
                </>
              )}
              <FieldRow label="标注">
              <label className="inline">
                单位
                <input value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={20} placeholder="人、%、元" />
              </label>
              <label className="check inline">
                <input type="checkbox" checked={showLabels} onChange={(e) => setShowLabels(e.target.checked)} />
                显示数值
              </label>
              <label className="inline">
                小数位
                <input type="number" min={0} max={6} value={decimals} placeholder="自动" onChange={(e) => setDecimals(e.target.value)} />
              </label>
              </FieldRow>
            </>
          )}
          <label className="field">
            <span>注（显示在图题下方，如“数据来源：…”）</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
          </label>
        </div>
        {!isImage && (
          <div className="chart-preview" aria-label="预览" data-testid="chart-preview">
            {spec && preview ? <ChartCanvas spec={spec} data={preview} height={320} /> : <p className="hint">选择数据后在这里预览。</p>}
            {caption && <p className="chart-preview-caption">图 N-M {dataYear ? fillYears(caption, dataYear) : caption}</p>}
          </div>
        )}
      </div>
    </Dialog>
  )
}
