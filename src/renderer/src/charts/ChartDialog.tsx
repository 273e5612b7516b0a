import { useEffect, useMemo, useRef, useState } from 'react'
import type { ChartData, ChartSpec, ChartType, ChartYear } from '@shared/charts/model'
import { BAR_TYPES, CHART_TYPE_LABELS, ROUND_TYPES } from '@shared/charts/model'
import { figureLabel } from '@shared/model/numbering'
import { fillYears } from '@shared/model/formula'
import { Dialog, DialogButtons } from '../components/Dialog'
import { FieldRow, Segmented, SelectField } from '../components/fields'
import { FormError, useFormDialog } from '../components/FormDialog'
import { api, errorMessage } from '../api/client'
import { liveData, useDataYear, useIndicators, useTableView } from '../data/store'
import type { DataDialogRequest } from '../data/dialogs'
import { ChartCanvas } from './ChartCanvas'
import { blockInsertPos } from '../data/insertPos'
import { useTableChoices } from '../data/table/useTableChoices'
import { ChartSheetEditor } from './ChartSheetEditor'
import { NOTHING_TYPED, typedSheetChartData } from './sheetTyping'
import { useTypedSheet } from './typedSheets'
import { newFigureNumber } from './figureNumber'
import { useFigureNumber, useNumberingValue } from '../editor/numbering/NumberingProvider'
import '../data/dialogs.css'
import './chartDialog.css'

const YEAR_CHOICES: { value: ChartYear; label: string }[] = [
  { value: 'beforePrevious', label: '前年' },
  { value: 'previous', label: '上年' },
  { value: 'current', label: '本年' }
]

type SourceKind = 'indicators' | 'table' | 'sheet'

const CHART_TYPES = (Object.keys(CHART_TYPE_LABELS) as ChartType[]).map((t) => ({ value: t, label: CHART_TYPE_LABELS[t] }))
const SOURCES = [
  { value: 'indicators', label: '数据指标' },
  { value: 'table', label: '表格中的区域' },
  { value: 'sheet', label: '图表自带的数据表', testId: 'chart-source-sheet' }
] as const

/**
 * 图表: choose the type (columns side by side or stacked, bars, lines with or
 * without markers, pie, doughnut, columns with lines on a second axis),
 * where the numbers come from (indicators for some years, a range of a
 * table, or the chart's own data sheet, edited right here like a table),
 * the labels, axis titles and the caption. The preview is the chart as it
 * will be printed; a chart reading its own sheet redraws as the sheet is
 * typed in, without asking main.
 */
export function ChartDialog({ request, onClose }: { request: Extract<DataDialogRequest, { kind: 'chart' }>; onClose: () => void }) {
  const indicators = useIndicators()
  const editing = request.figureId ? liveData.getFigure(request.figureId) : undefined
  const initial = editing?.spec.chart
  const [caption, setCaption] = useState(editing?.spec.caption ?? '')
  const [note, setNote] = useState(editing?.spec.note ?? '')
  const dataYear = useDataYear()
  const [type, setType] = useState<ChartType>(initial?.type ?? 'groupedBar')
  const [sourceKind, setSourceKind] = useState<SourceKind>(initial?.source.kind ?? (request.tableId ? 'table' : 'indicators'))
  const [picked, setPicked] = useState<string[]>(initial?.source.kind === 'indicators' ? initial.source.indicators : [])
  const [years, setYears] = useState<ChartYear[]>(initial?.source.kind === 'indicators' ? initial.source.years : ['previous', 'current'])
  const [categoriesFrom, setCategoriesFrom] = useState<'indicators' | 'years'>(initial?.source.kind === 'indicators' ? (initial.source.categoriesFrom ?? 'indicators') : 'indicators')
  const [labels, setLabels] = useState<Record<string, string>>(initial?.source.kind === 'indicators' ? (initial.source.labels ?? {}) : {})
  const [tableId, setTableId] = useState(initial?.source.kind === 'table' ? initial.source.tableId : (request.tableId ?? ''))
  const [range, setRange] = useState(initial?.source.kind === 'table' ? initial.source.range : (request.range ?? 'A1:C3'))
  const [seriesIn, setSeriesIn] = useState<'rows' | 'columns'>(initial?.source.kind && initial.source.kind !== 'indicators' ? initial.source.seriesIn : 'columns')
  const [sheetId, setSheetId] = useState(initial?.source.kind === 'sheet' ? initial.source.tableId : '')
  /** A sheet made in this dialog: forgotten again if the chart is not kept with it. */
  const madeSheet = useRef<string | null>(null)
  const [unit, setUnit] = useState(initial?.unit ?? '')
  const [showLabels, setShowLabels] = useState(initial?.showLabels ?? true)
  const [decimals, setDecimals] = useState<string>(initial?.decimals === undefined ? '' : String(initial.decimals))
  const [percent, setPercent] = useState(initial?.percent ?? false)
  const [horizontal, setHorizontal] = useState(initial?.horizontal ?? false)
  const [markers, setMarkers] = useState(initial?.markers ?? true)
  const [lineSeries, setLineSeries] = useState<number[]>(initial?.lineSeries ?? [1])
  const [secondarySeries, setSecondarySeries] = useState<number[]>(initial?.secondarySeries ?? [1])
  const [titles, setTitles] = useState({ category: initial?.categoryTitle ?? '', value: initial?.valueTitle ?? '', secondary: initial?.secondaryTitle ?? '' })
  const [query, setQuery] = useState('')
  const [preview, setPreview] = useState<ChartData | null>(null)
  const form = useFormDialog()
  const { fail } = form
  const tables = useTableChoices()
  const isImage = editing?.spec.kind === 'image'
  const sheet = useTableView(sheetId).view
  /** Numbers typed into the sheet and not stored yet: the preview shows them at once. */
  const typed = useTypedSheet(sheetId || undefined)
  /** The caption's label in the preview: the figure's number, or the one a new figure takes where it is inserted. */
  const figureNumber = useFigureNumber(request.figureId)
  const chapterNumber = useNumberingValue((n) => n.chapters.find((c) => c.id === request.chapterId)?.number ?? null)
  const label = figureLabel(
    request.figureId ? figureNumber : request.editor && !request.editor.isDestroyed ? newFigureNumber(request.editor.state.doc, request.at ?? blockInsertPos(request.editor), chapterNumber) : null
  )

  /** A pie shows one year's shares of the indicators: it keeps the latest chosen year (本年 by default). */
  const chooseType = (t: ChartType) => {
    setType(t)
    if (!ROUND_TYPES.has(t)) return
    setCategoriesFrom('indicators')
    setYears((ys) => [[...YEAR_CHOICES].reverse().find((y) => ys.includes(y.value))?.value ?? 'current'])
  }

  const spec: ChartSpec | null = useMemo(() => {
    const round = ROUND_TYPES.has(type)
    const common: Omit<ChartSpec, 'source'> = {
      type,
      ...(unit.trim() ? { unit: unit.trim() } : {}),
      showLabels,
      ...(decimals !== '' ? { decimals: Number(decimals) } : {}),
      ...(percent ? { percent: true } : {}),
      ...(horizontal && BAR_TYPES.has(type) ? { horizontal: true } : {}),
      ...(type === 'line' || type === 'combo' ? { markers } : {}),
      ...(type === 'combo' ? { lineSeries, secondarySeries } : {}),
      ...(!round && titles.category.trim() ? { categoryTitle: titles.category.trim() } : {}),
      ...(!round && titles.value.trim() ? { valueTitle: titles.value.trim() } : {}),
      ...(type === 'combo' && secondarySeries.length && titles.secondary.trim() ? { secondaryTitle: titles.secondary.trim() } : {}),
      ...(initial?.title ? { title: initial.title } : {})
    }
    if (sourceKind === 'sheet') return sheetId ? { ...common, source: { kind: 'sheet', tableId: sheetId, seriesIn } } : null
    if (sourceKind === 'indicators') {
      if (!picked.length || !years.length) return null
      const usedLabels = Object.fromEntries(Object.entries(labels).filter(([k, v]) => picked.includes(k) && v.trim()))
      const order = YEAR_CHOICES.map((y) => y.value).filter((y) => years.includes(y))
      return { ...common, source: { kind: 'indicators', indicators: picked, years: order, categoriesFrom, ...(Object.keys(usedLabels).length ? { labels: usedLabels } : {}) } }
    }
    const r = range.trim().toUpperCase()
    if (!tableId || !/^[A-Z]{1,2}\d{1,3}:[A-Z]{1,2}\d{1,3}(,[A-Z]{1,2}\d{1,3}:[A-Z]{1,2}\d{1,3})*$/.test(r)) return null
    return { ...common, source: { kind: 'table', tableId, range: r, seriesIn } }
  }, [type, unit, showLabels, decimals, percent, horizontal, markers, lineSeries, secondarySeries, titles, initial?.title, sourceKind, sheetId, picked, years, categoriesFrom, labels, tableId, range, seriesIn])

  // The chart's own sheet is read here as the engine would read it: typing in it redraws the preview at once.
  const sheetData = useMemo(() => (sheet ? typedSheetChartData(sheet, seriesIn, typed ?? NOTHING_TYPED) : null), [sheet, seriesIn, typed])

  useEffect(() => {
    if (!spec || spec.source.kind === 'sheet') return setPreview(null)
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
  const shown = spec?.source.kind === 'sheet' ? sheetData : preview

  /** The chart's own data sheet: made on first choice, holding what the chart showed until then. */
  const chooseSheet = async () => {
    setSourceKind('sheet')
    if (sheetId) return
    const from = spec && spec.source.kind !== 'sheet' ? spec : undefined
    const r = await liveData.run(() => api.data.createChartSheet(from ? { from } : {}))
    if (!r) return
    madeSheet.current = r.id
    setSheetId(r.id)
    setSeriesIn('columns')
  }

  /** A sheet made here and not kept (the dialog was cancelled, or another source chosen) is forgotten. */
  const forgetSheet = async (keep: string | null) => {
    const made = madeSheet.current
    const old = initial?.source.kind === 'sheet' ? initial.source.tableId : null
    for (const id of [made, old]) {
      if (id && id !== keep) await api.data.dropChartSheet({ id }).catch(() => undefined)
    }
  }

  const cancel = () => {
    void forgetSheet(initial?.source.kind === 'sheet' ? initial.source.tableId : null)
    onClose()
  }

  const submit = () =>
    void form.submit(save, () =>
      isImage || spec ? null : sourceKind === 'indicators' ? '请至少选择一个指标和一个年份。' : sourceKind === 'table' ? '请选择表格，并写出区域（如 A1:C5）。' : '数据表还没有准备好，请稍候。'
    )
  const save = async () => {
    if (isImage && request.figureId) {
      const r = await liveData.run(() => api.data.updateFigure({ id: request.figureId!, caption, note }))
      if (r) onClose()
      return
    }
    if (!spec) return
    const kept = spec.source.kind === 'sheet' ? spec.source.tableId : null
    if (request.figureId) {
      const r = await liveData.run(() => api.data.updateFigure({ id: request.figureId!, caption, note, chart: spec }))
      if (!r) return
      await forgetSheet(kept)
      onClose()
      return
    }
    const r = await liveData.run(() => api.data.createFigure({ chapterId: request.chapterId, caption, note, chart: spec }))
    if (!r) return
    await forgetSheet(kept)
    const editor = request.editor
    if (editor && !editor.isDestroyed) {
      const at = request.at ?? blockInsertPos(editor)
      editor.chain().focus().insertContentAt(Math.min(at, editor.state.doc.content.size), { type: 'figure', attrs: { id: r.id } }).run()
    }
    onClose()
  }

  const shownIndicators = indicators.filter((i) => !query || i.name.includes(query) || i.group.includes(query))
  const round = ROUND_TYPES.has(type)
  const seriesNames = shown?.series.map((s, i) => s.name || `系列 ${i + 1}`) ?? []
  const toggle = (list: number[], i: number, on: boolean) => (on ? [...new Set([...list, i])].sort((a, b) => a - b) : list.filter((x) => x !== i))

  return (
    <Dialog
      title={request.figureId ? (isImage ? '图的标题' : '编辑图表') : '插入图表'}
      onClose={cancel}
      width={isImage ? 520 : 980}
      testId="chart-dialog"
      footer={
        <DialogButtons onCancel={cancel} onConfirm={submit} confirmLabel={request.figureId ? '确定' : '插入'} busy={form.busy} confirmTestId="chart-ok">
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
              <div className="field">
                <span>图表类型</span>
                <Segmented aria="图表类型" value={type} onChange={chooseType} choices={CHART_TYPES} valueAttr="chart-type" />
                <div className="row chart-options">
                  {BAR_TYPES.has(type) && (
                    <label className="check inline">
                      <input type="checkbox" checked={horizontal} onChange={(e) => setHorizontal(e.target.checked)} data-testid="chart-horizontal" />
                      横向（条形图）
                    </label>
                  )}
                  {(type === 'line' || type === 'combo') && (
                    <label className="check inline">
                      <input type="checkbox" checked={markers} onChange={(e) => setMarkers(e.target.checked)} data-testid="chart-markers" />
                      折线上标出数据点
                    </label>
                  )}
                </div>
                {type === 'combo' && (
                  <div className="combo-series" data-testid="chart-combo">
                    {seriesNames.length === 0 && <p className="hint">选择数据后，在这里指定哪些系列画成折线、哪些用右侧的次坐标轴。</p>}
                    {seriesNames.map((name, i) => (
                      <div key={i} className="row">
                        <span className="nm">{name}</span>
                        <label className="check inline">
                          <input type="checkbox" checked={lineSeries.includes(i)} onChange={(e) => setLineSeries((l) => toggle(l, i, e.target.checked))} />
                          画成折线
                        </label>
                        <label className="check inline">
                          <input type="checkbox" checked={secondarySeries.includes(i)} onChange={(e) => setSecondarySeries((l) => toggle(l, i, e.target.checked))} />
                          次坐标轴（右侧）
                        </label>
                      </div>
                    ))}
                  </div>
                )}
              </div>
              <Segmented label="数据来自" aria="数据来自" value={sourceKind} onChange={(k) => (k === 'sheet' ? void chooseSheet() : setSourceKind(k))} choices={SOURCES} />
              {sourceKind === 'indicators' && (
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
                          type={round ? 'radio' : 'checkbox'}
                          name="chart-year"
                          checked={years.includes(y.value)}
                          onChange={(e) => setYears((ys) => (round ? [y.value] : e.target.checked ? [...ys, y.value] : ys.filter((x) => x !== y.value)))}
                        />
                        {y.label}
                      </label>
                    ))}
                  </FieldRow>
                  {round ? (
                    <p className="hint">{CHART_TYPE_LABELS[type]}显示所选年份中各指标所占的比例，只能选一个年份。</p>
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
              )}
              {sourceKind === 'table' && (
                <>
                  <SelectField label="表格" value={tableId} onChange={setTableId} placeholder="请选择…" choices={tables.map((t) => ({ value: t.id, label: t.label }))} testId="chart-table" />
                  <label className="field">
                    <span>区域（含标题行和首列，如 A1:C5；几块区域用逗号隔开，如 A1:A4,E1:E4）</span>
                    <input value={range} onChange={(e) => setRange(e.target.value)} maxLength={120} data-testid="chart-range" />
                  </label>
                </>
              )}
              {sourceKind !== 'indicators' && (
                <SelectField
                  label="系列"
                  value={seriesIn}
                  onChange={(v) => setSeriesIn(v as 'rows' | 'columns')}
                  choices={[
                    { value: 'columns', label: '每一列是一个系列（首列是类别）' },
                    { value: 'rows', label: '每一行是一个系列（首行是类别）' }
                  ]}
                  testId="chart-series-in"
                />
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
                {!round && (
                  <label className="check inline">
                    <input type="checkbox" checked={percent} onChange={(e) => setPercent(e.target.checked)} data-testid="chart-percent" />
                    数值是百分数
                  </label>
                )}
              </FieldRow>
              {!round && (
                <FieldRow label="坐标轴标题（可不填）">
                  <label className="inline">
                    {horizontal && BAR_TYPES.has(type) ? '纵轴（类别）' : '横轴（类别）'}
                    <input value={titles.category} onChange={(e) => setTitles((t) => ({ ...t, category: e.target.value }))} maxLength={60} data-testid="chart-category-title" />
                  </label>
                  <label className="inline">
                    数值轴
                    <input value={titles.value} onChange={(e) => setTitles((t) => ({ ...t, value: e.target.value }))} maxLength={60} placeholder={unit ? `单位：${unit}` : ''} data-testid="chart-value-title" />
                  </label>
                  {type === 'combo' && secondarySeries.length > 0 && (
                    <label className="inline">
                      次坐标轴
                      <input value={titles.secondary} onChange={(e) => setTitles((t) => ({ ...t, secondary: e.target.value }))} maxLength={60} />
                    </label>
                  )}
                </FieldRow>
              )}
            </>
          )}
          <label className="field">
            <span>注（显示在图题下方，如“数据来源：…”）</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
          </label>
        </div>
        {!isImage && (
          <div className="chart-preview" aria-label="预览" data-testid="chart-preview">
            {spec && shown ? <ChartCanvas spec={spec} data={shown} height={320} /> : <p className="hint">选择数据后在这里预览。</p>}
            {caption && <p className="chart-preview-caption">{label} {dataYear ? fillYears(caption, dataYear) : caption}</p>}
          </div>
        )}
      </div>
      {!isImage && sourceKind === 'sheet' && sheetId && (
        <div className="chart-sheet-area">
          <p className="hint">
            图表的数据表：首行是系列名称，首列是类别。修改立即保存，图随之更新；年份写成 =本年&amp;&quot;年&quot; 这样的公式、数值写成 指标(&quot;名称&quot;,本年)，换年度时会自动顺延。
          </p>
          <ChartSheetEditor id={sheetId} chapterId={request.chapterId} />
        </div>
      )}
    </Dialog>
  )
}
