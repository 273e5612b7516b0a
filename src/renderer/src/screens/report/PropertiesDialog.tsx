import { useState } from 'react'
import type { ReportState } from '@shared/model/report'
import { LEVEL_NAMES } from '@shared/model/report'
import { api } from '../../api/client'
import { FormDialog, useFormDialog } from '../../components/FormDialog'

interface Props {
  report: ReportState
  onSaved: (r: ReportState) => void
  onClose: () => void
}

/** A value that follows a new 数据年度 (its year numbers moved by as much) until the user edits it. */
function useFollowsYear(initial: string, fromYear: number) {
  const [value, setValue] = useState(initial)
  const [edited, setEdited] = useState(false)
  return {
    value,
    edit(v: string) {
      setValue(v)
      setEdited(true)
    },
    follow(year: string) {
      if (!edited) setValue(titleForYear(initial, fromYear, year))
    }
  }
}

/** 报告属性: title, region, data year, issuer and issue date. */
export function PropertiesDialog({ report, onSaved, onClose }: Props) {
  const m = report.meta
  /** The title and the cover date follow a new 数据年度 until edited here ("2022年…报告" → "2023年…报告"). */
  const title = useFollowsYear(m.title, m.year)
  const date = useFollowsYear(m.issueDate, m.year)
  const [region, setRegion] = useState(m.region)
  const [year, setYear] = useState(String(m.year))
  const [issuer, setIssuer] = useState(m.issuer)
  const form = useFormDialog()

  /** The plain-language problem with what was typed, before asking main (which checks again). */
  const problem = (): string | null => {
    if (!title.value.trim()) return '报告标题不能为空。'
    if (!region.trim()) return m.level === 'school' ? '学校名称不能为空。' : '地区不能为空。'
    if (!/^\d{4}$/.test(year.trim()) || Number(year) < 2000 || Number(year) > 2100) return '数据年度应为 2000 至 2100 之间的四位年份，例如 2021。'
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value) || Number.isNaN(Date.parse(date.value))) return '请选择发布日期。'
    return null
  }

  const save = () =>
    void form.submit(async () => {
      onSaved(await api.report.updateMeta({ title: title.value.trim(), region: region.trim(), year: Number(year), issuer: issuer.trim(), issueDate: date.value }))
      onClose()
    }, problem)

  return (
    <FormDialog title="报告属性" onClose={onClose} onSubmit={save} form={form} confirmLabel="保存" width={560} testId="properties-dialog">
      <label className="field">
        <span>报告标题</span>
        <input name="title" value={title.value} onChange={(e) => title.edit(e.target.value)} maxLength={200} />
      </label>
      <label className="field">
        <span>{m.level === 'school' ? '学校名称' : '地区'}</span>
        <input name="region" value={region} onChange={(e) => setRegion(e.target.value)} maxLength={60} />
      </label>
      <label className="field">
        <span>数据年度</span>
        <input
          name="year"
          value={year}
          onChange={(e) => {
            setYear(e.target.value)
            title.follow(e.target.value)
            // The cover date moves with it, as in a report made from last year's.
            date.follow(e.target.value)
          }}
          inputMode="numeric"
          maxLength={4}
        />
      </label>
      <label className="field">
        <span>编制单位</span>
        <input name="issuer" value={issuer} onChange={(e) => setIssuer(e.target.value)} maxLength={80} />
      </label>
      <label className="field">
        <span>发布日期</span>
        <input name="issueDate" type="date" value={date.value} onChange={(e) => date.edit(e.target.value)} />
      </label>
      <p className="hint">
        模板：{LEVEL_NAMES[m.level]} · 文件：{report.fileName}
      </p>
    </FormDialog>
  )
}

/**
 * The report's title with its years moved along with the data year: a
 * title names the data year or the year after it (published then), e.g.
 * "2022年清远市…" for 2021 data or "…（2025年度）" for 2024 data.
 */
export function titleForYear(title: string, oldYear: number, typed: string): string {
  if (!/^\d{4}$/.test(typed.trim())) return title
  const delta = Number(typed) - oldYear
  if (!delta || Number(typed) < 2000 || Number(typed) > 2100) return title
  return title.replace(/(?<!\d)\d{4}(?!\d)/g, (y) => (Math.abs(Number(y) - oldYear) <= 1 ? String(Number(y) + delta) : y))
}
