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

/** 报告属性: title, region, data year, issuer and issue date. */
export function PropertiesDialog({ report, onSaved, onClose }: Props) {
  const m = report.meta
  const [title, setTitle] = useState(m.title)
  /** The title follows a new 数据年度 until it is edited here ("2022年…报告" → "2023年…报告"). */
  const [titleEdited, setTitleEdited] = useState(false)
  const [region, setRegion] = useState(m.region)
  const [year, setYear] = useState(String(m.year))
  const [issuer, setIssuer] = useState(m.issuer)
  const [issueDate, setIssueDate] = useState(m.issueDate)
  const [dateEdited, setDateEdited] = useState(false)
  const form = useFormDialog()

  /** The plain-language problem with what was typed, before asking main (which checks again). */
  const problem = (): string | null => {
    if (!title.trim()) return '报告标题不能为空。'
    if (!region.trim()) return m.level === 'school' ? '学校名称不能为空。' : '地区不能为空。'
    if (!/^\d{4}$/.test(year.trim()) || Number(year) < 2000 || Number(year) > 2100) return '数据年度应为 2000 至 2100 之间的四位年份，例如 2021。'
    if (!/^\d{4}-\d{2}-\d{2}$/.test(issueDate) || Number.isNaN(Date.parse(issueDate))) return '请选择发布日期。'
    return null
  }

  const save = () =>
    void form.submit(async () => {
      onSaved(await api.report.updateMeta({ title: title.trim(), region: region.trim(), year: Number(year), issuer: issuer.trim(), issueDate }))
      onClose()
    }, problem)

  return (
    <FormDialog title="报告属性" onClose={onClose} onSubmit={save} form={form} confirmLabel="保存" width={560} testId="properties-dialog">
      <label className="field">
        <span>报告标题</span>
        <input
          name="title"
          value={title}
          onChange={(e) => {
            setTitle(e.target.value)
            setTitleEdited(true)
          }}
          maxLength={200}
        />
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
            if (!titleEdited) setTitle(titleForYear(m.title, m.year, e.target.value))
            // The cover date moves with it, as in a report made from last year's.
            if (!dateEdited) setIssueDate(titleForYear(m.issueDate, m.year, e.target.value))
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
        <input
          name="issueDate"
          type="date"
          value={issueDate}
          onChange={(e) => {
            setIssueDate(e.target.value)
            setDateEdited(true)
          }}
        />
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
