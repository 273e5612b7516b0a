import { useEffect, useMemo, useState } from 'react'
import { fieldFormula, formulaForPeople, formulaForStoring, presetFormat, presetOf, type FieldPreset } from '@shared/model/fields'
import { formatToString, formatValue, parseFormat } from '@shared/model/format'
import type { CellFormat } from '@shared/model/table'
import type { ResolvedField } from '@shared/model/fields'
import { Dialog, DialogButtons } from '../../components/Dialog'
import { DialogForm } from '../../components/FormDialog'
import { SelectField } from '../../components/fields'
import { api } from '../../api/client'
import { liveData, useIndicators } from '../store'
import type { DataDialogRequest } from '../dialogs'
import { useTableChoices } from '../table/useTableChoices'
import { CellPicker } from './CellPicker'
import { FormatPicker } from './FormatPicker'
import '../dialogs.css'

type Kind = FieldPreset['kind'] | 'formula'

const KIND_LABELS: Record<Kind, string> = {
  value: '指标数值（如 专任教师 1649）',
  change: '本年比上年的变化（如 增加 27）',
  growth: '增幅（如 18.75%）',
  share: '占比（如 86.43%）',
  cell: '表格中的单元格',
  formula: '自定义公式'
}
const KIND_CHOICES = (Object.keys(KIND_LABELS) as Kind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))
const YEARS = [
  { label: '本年', rel: 0 },
  { label: '上年', rel: 1 },
  { label: '前年', rel: 2 }
]

/**
 * Insert a figure quoted in the text, or change one: pick an indicator (by
 * typing part of its name), what to show of it, and the format; the preview
 * shows exactly what the text will read.
 */
export function FieldDialog({ request, onClose }: { request: Extract<DataDialogRequest, { kind: 'field' }>; onClose: () => void }) {
  const indicators = useIndicators()
  const initial = request.ref ? presetOf(request.ref) : null
  const [kind, setKind] = useState<Kind>(initial?.kind ?? (request.ref ? 'formula' : 'value'))
  const [query, setQuery] = useState(request.query ?? '')
  const [indicator, setIndicator] = useState(initial && 'indicator' in initial ? initial.indicator : '')
  const [of, setOf] = useState(initial?.kind === 'share' ? initial.of : '')
  const [yearRel, setYearRel] = useState(initial?.kind === 'value' && initial.year && 'rel' in initial.year ? initial.year.rel : 0)
  const [decimals, setDecimals] = useState(initial && 'decimals' in initial ? initial.decimals : 2)
  const [tableId, setTableId] = useState(initial?.kind === 'cell' ? initial.tableId : '')
  const [cell, setCell] = useState(initial?.kind === 'cell' ? initial.cell : '')
  // A formula reads with indicator names (the text keeps keys, see formulaForStoring); null until edited.
  const [typedFormula, setFormula] = useState<string | null>(null)
  const formula = typedFormula ?? (request.ref ? formulaForPeople(request.ref, (r) => liveData.indicator(r)) : '=')
  const [format, setFormat] = useState<CellFormat>(parseFormat(request.format))
  const [formatTouched, setFormatTouched] = useState(!!request.ref)
  const [preview, setPreview] = useState<ResolvedField | null>(null)
  const tables = useTableChoices()

  const matches = useMemo(() => {
    const q = query.trim()
    return indicators.filter((i) => !q || i.name.includes(q) || i.id.includes(q.toLowerCase()) || i.group.includes(q)).slice(0, 60)
  }, [indicators, query])

  const preset: FieldPreset | null = useMemo(() => {
    if (kind === 'formula') return null
    if (kind === 'cell') return tableId && /^[A-Za-z]{1,2}\d{1,3}$/.test(cell) ? { kind: 'cell', tableId, cell: cell.toUpperCase() } : null
    if (!indicator) return null
    if (kind === 'value') return { kind, indicator, year: { rel: yearRel } }
    if (kind === 'share') return of ? { kind, indicator, of, decimals } : null
    return { kind, indicator, decimals }
  }, [kind, indicator, of, yearRel, decimals, tableId, cell])

  const ref = kind === 'formula' ? formulaForStoring(formula.trim(), (r) => liveData.indicator(r)?.id) : preset ? fieldFormula(preset) : ''

  // The format follows the kind until the editor picks one.
  useEffect(() => {
    if (formatTouched || !preset) return
    setFormat(presetFormat(preset, liveData.indicator(preset.kind === 'cell' ? '' : preset.indicator)?.format))
  }, [preset, formatTouched])

  useEffect(() => {
    if (!ref || ref.length < 2 || !ref.startsWith('=')) return setPreview(null)
    let stale = false
    const t = setTimeout(() => {
      void api.data.fields({ refs: [ref] }).then(
        (r) => !stale && setPreview(r[0] ?? null),
        () => !stale && setPreview(null)
      )
    }, 150)
    return () => {
      stale = true
      clearTimeout(t)
    }
  }, [ref])

  const previewText = !preview ? '' : preview.error ? `〔数据错误〕${preview.error}` : preview.missing ? '〔待填〕还没有填写该年的数值' : formatValue(preview.value, format)

  const submit = () => {
    if (!ref || !ref.startsWith('=')) return
    const { editor } = request
    const attrs = { ref, format: formatToString(format) }
    onClose()
    if (typeof request.pos === 'number') {
      const node = editor.state.doc.nodeAt(request.pos)
      if (node?.type.name === 'dataField') editor.view.dispatch(editor.state.tr.setNodeMarkup(request.pos, undefined, attrs))
    } else {
      const range = request.replace ?? { from: editor.state.selection.from, to: editor.state.selection.to }
      editor.chain().insertContentAt(range, { type: 'dataField', attrs }).run()
    }
    editor.view.focus()
  }

  const pick = (id: string) => {
    setIndicator(id)
    const ind = liveData.indicator(id)
    if (ind && !formatTouched && kind === 'value') setFormat(ind.format)
  }

  return (
    <Dialog
      title={typeof request.pos === 'number' ? '修改数据字段' : '插入数据字段'}
      onClose={onClose}
      width={620}
      testId="field-dialog"
      footer={
        <DialogButtons onCancel={onClose} onConfirm={submit} confirmLabel={typeof request.pos === 'number' ? '确定' : '插入'} disabled={!ref || ref.length < 2} confirmTestId="field-ok">
          <span className="data-preview" data-testid="field-preview">
            {previewText && (
              <>
                预览：<b>{previewText}</b>
              </>
            )}
          </span>
        </DialogButtons>
      }
    >
      <DialogForm className="form data-form" onSubmit={submit}>
        <SelectField label="显示内容" value={kind} onChange={(k) => setKind(k as Kind)} choices={KIND_CHOICES} testId="field-kind" />

        {kind !== 'cell' && kind !== 'formula' && (
          <>
            <label className="field">
              <span>指标</span>
              <input
                value={query}
                placeholder="输入指标名称的一部分，如“专任”"
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && matches[0]) {
                    e.preventDefault()
                    // Enter picks the first match; Enter again inserts it.
                    if (matches[0].id === indicator) submit()
                    else pick(matches[0].id)
                  }
                }}
                data-testid="field-search"
              />
            </label>
            <ul className="data-pick-list" role="listbox" aria-label="指标" data-testid="field-indicators">
              {matches.map((i) => (
                <li key={i.id}>
                  <button type="button" role="option" aria-selected={i.id === indicator} className={i.id === indicator ? 'on' : ''} onClick={() => pick(i.id)}>
                    <span className="nm">{i.name}</span>
                    <span className="meta">
                      {i.unit && `${i.unit} · `}
                      {Object.entries(i.values)
                        .slice(-2)
                        .map(([y, v]) => `${y}：${v}`)
                        .join('，') || '未填写'}
                    </span>
                  </button>
                </li>
              ))}
              {matches.length === 0 && <li className="none">没有找到这个指标。可以在“数据”面板中新建。</li>}
            </ul>
          </>
        )}

        {kind === 'value' && (
          <SelectField label="年份" value={String(yearRel)} onChange={(y) => setYearRel(Number(y))} choices={YEARS.map((y) => ({ value: String(y.rel), label: y.label }))} />
        )}
        {kind === 'share' && (
          <SelectField label="占哪个指标的比例（分母）" value={of} onChange={setOf} placeholder="请选择…" choices={indicators.map((i) => ({ value: i.id, label: i.name }))} testId="field-of" />
        )}
        {(kind === 'change' || kind === 'growth' || kind === 'share') && (
          <label className="field">
            <span>计算保留的小数位数</span>
            <input type="number" min={0} max={6} value={decimals} onChange={(e) => setDecimals(Math.max(0, Math.min(6, Number(e.target.value) || 0)))} />
          </label>
        )}
        {kind === 'cell' && (
          <>
            <SelectField label="表格" value={tableId} onChange={(v) => (setTableId(v), setCell(''))} placeholder="请选择…" choices={tables.map((t) => ({ value: t.id, label: t.label }))} testId="field-table" />
            {tableId && <CellPicker tableId={tableId} cell={cell} onPick={setCell} />}
          </>
        )}
        {kind === 'formula' && (
          <label className="field">
            <span>公式（如 =指标("就业人数",本年)/指标("毕业生数",本年)*100）</span>
            <input value={formula} onChange={(e) => setFormula(e.target.value)} maxLength={2000} data-testid="field-formula" />
          </label>
        )}

        <FormatPicker
          value={format}
          onChange={(f) => {
            setFormat(f)
            setFormatTouched(true)
          }}
        />
      </DialogForm>
    </Dialog>
  )
}
