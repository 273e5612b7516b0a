import { useState } from 'react'
import type { CellFormat } from '@shared/model/table'
import { parseTypedNumber, plainNumber } from '@shared/model/format'
import { useReportNumbering } from '../../editor/numbering/NumberingProvider'
import { ConfirmDialog, Dialog, DialogButtons } from '../../components/Dialog'
import { DialogForm, FormError, useFormDialog } from '../../components/FormDialog'
import { api } from '../../api/client'
import { liveData } from '../store'
import { FormatPicker } from '../field/FormatPicker'
import '../dialogs.css'

/**
 * A new indicator, or one's properties: its Chinese name (used in formulas:
 * renaming rewrites them), unit, group, chapter, 数据来源, format, and its
 * values for every year.
 */
export function IndicatorDialog({ id, onClose }: { id?: string; onClose: () => void }) {
  const existing = id ? liveData.indicator(id) : undefined
  const numbering = useReportNumbering()
  const [name, setName] = useState(existing?.name ?? '')
  const [unit, setUnit] = useState(existing?.unit ?? '')
  const [group, setGroup] = useState(existing?.group ?? '')
  const [chapterId, setChapterId] = useState<string | null>(existing?.chapterId ?? null)
  const [source, setSource] = useState(existing?.source ?? '')
  const [format, setFormat] = useState<CellFormat>(existing?.format ?? { kind: 'general' })
  const [values, setValues] = useState<{ year: string; text: string }[]>(() =>
    Object.entries(existing?.values ?? {}).map(([year, v]) => ({ year, text: plainNumber(v) }))
  )
  const [confirmDelete, setConfirmDelete] = useState(false)
  const form = useFormDialog()

  /** What was typed: the values by year, and a message when the name, a year or a value is not one. */
  const read = (): { parsed: { year: number; value: number | null }[]; problem: string | null } => {
    const parsed: { year: number; value: number | null }[] = []
    if (!name.trim()) return { parsed, problem: '请填写指标名称。' }
    for (const v of values) {
      const y = Number(v.year)
      if (!/^\d{4}$/.test(v.year) || y < 1900 || y > 2200) return { parsed, problem: `年份“${v.year}”无效。` }
      const n = v.text.trim() === '' ? null : parseTypedNumber(v.text)
      if (v.text.trim() !== '' && n === null) return { parsed, problem: `${v.year} 年的数值“${v.text}”不是数字。` }
      parsed.push({ year: y, value: n })
    }
    return { parsed, problem: null }
  }

  const submit = () => {
    const typed = read()
    void form.submit(() => save(typed.parsed), () => typed.problem)
  }
  const save = async (parsed: { year: number; value: number | null }[]) => {
    let key = existing?.id
    if (existing) {
      const r = await liveData.run(() => api.data.updateIndicator({ id: existing.id, name: name.trim(), unit, group, chapterId, source, format }))
      if (!r) return false
    } else {
      const r = await liveData.run(() => api.data.createIndicator({ name: name.trim(), unit, group, chapterId, source, format }))
      if (!r) return false
      key = r.id
    }
    const removed = Object.keys(existing?.values ?? {}).filter((y) => !parsed.some((p) => String(p.year) === y))
    const changes = [
      ...parsed.filter((p) => existing?.values[String(p.year)] !== (p.value ?? undefined)),
      ...removed.map((y) => ({ year: Number(y), value: null }))
    ]
    if (changes.length && key) await liveData.run(() => api.data.setValues({ values: changes.map((c) => ({ indicator: key!, ...c })) }))
    onClose()
  }

  return (
    <>
      <Dialog
        title={existing ? `指标：${existing.name}` : '新建指标'}
        onClose={onClose}
        width={560}
        testId="indicator-dialog"
        footer={
          <DialogButtons onCancel={onClose} onConfirm={submit} busy={form.busy} confirmTestId="indicator-ok">
            <FormError error={form.error} inline />
            {existing && (
              <button type="button" className="btn btn-danger" onClick={() => setConfirmDelete(true)}>
                删除指标
              </button>
            )}
            <span className="spacer" />
          </DialogButtons>
        }
      >
        <DialogForm className="form data-form" onSubmit={submit}>
          <label className="field">
            <span>名称（公式中写作 指标("名称", 本年)；改名后公式随之更新）</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} data-testid="indicator-name" />
          </label>
          <div className="row">
            <label className="field">
              <span>单位</span>
              <input value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={20} placeholder="人、%、元" />
            </label>
            <label className="field">
              <span>分组</span>
              <input value={group} onChange={(e) => setGroup(e.target.value)} maxLength={40} placeholder="如：教师队伍" />
            </label>
            <label className="field">
              <span>所在章</span>
              <select value={chapterId ?? ''} onChange={(e) => setChapterId(e.target.value || null)}>
                <option value="">（不限）</option>
                {numbering.chapters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.number ? `${c.number} ` : ''}
                    {c.title}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span>数据来源</span>
            <input value={source} onChange={(e) => setSource(e.target.value)} maxLength={300} placeholder="如：教育事业统计" />
          </label>
          <FormatPicker value={format} onChange={setFormat} label="在正文中引用时的格式" />
          <div className="field">
            <span>各年数值</span>
            <div className="year-values">
              {values.map((v, i) => (
                <div key={i} className="row">
                  <input className="yv-year" value={v.year} maxLength={4} onChange={(e) => setValues((vs) => vs.map((x, j) => (j === i ? { ...x, year: e.target.value } : x)))} aria-label="年份" />
                  <span>年</span>
                  <input className="yv-value" value={v.text} onChange={(e) => setValues((vs) => vs.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))} aria-label="数值" />
                  <button type="button" className="btn btn-small" onClick={() => setValues((vs) => vs.filter((_, j) => j !== i))} aria-label="删除这一年">
                    ×
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  const years = values.map((v) => Number(v.year)).filter(Number.isFinite)
                  const next = years.length ? Math.min(...years) - 1 : liveData.getYear() || new Date().getFullYear()
                  setValues((vs) => [{ year: String(next), text: '' }, ...vs])
                }}
              >
                添加年份
              </button>
            </div>
          </div>
        </DialogForm>
      </Dialog>
      {confirmDelete && existing && (
        <ConfirmDialog
          title="删除指标"
          danger
          message={`删除“${existing.name}”及其各年数值后，用到它的表格单元格和正文中的数据会显示错误。确定删除吗？`}
          confirmLabel="删除"
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false)
            void liveData.run(() => api.data.deleteIndicator({ id: existing.id })).then((r) => r && onClose())
          }}
        />
      )}
    </>
  )
}
