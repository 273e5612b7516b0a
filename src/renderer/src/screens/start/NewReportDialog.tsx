import { useState } from 'react'
import type { AppInfo } from '@shared/api'
import type { ReportState, TemplateId } from '@shared/model/report'
import { api } from '../../api/client'
import { FormDialog, useFormDialog } from '../../components/FormDialog'
import './start.css'

interface Props {
  info: AppInfo
  onCreated: (r: ReportState) => void
  onClose: () => void
}

const thisYear = new Date().getFullYear()

/** 新建报告: template, region, data year and issuer; main creates the file from the template. */
export function NewReportDialog({ info, onCreated, onClose }: Props) {
  const [template, setTemplate] = useState<TemplateId>('city')
  const [region, setRegion] = useState('')
  const [year, setYear] = useState(String(thisYear - 1))
  const [issuer, setIssuer] = useState('')
  const form = useFormDialog()

  const placeholder = template === 'school' ? '如：清远市职业技术学校' : template === 'province' ? '如：广东省' : '如：清远市'
  const issuerPlaceholder = template === 'school' ? region || '学校名称' : region ? `${region}教育${template === 'province' ? '厅' : '局'}` : '编制单位'

  const y = Number(year)
  /** What is wrong with what was typed, before asking main (which checks again). */
  const problem = () => {
    if (!region.trim()) return template === 'school' ? '请填写学校名称。' : '请填写地区名称。'
    if (!Number.isInteger(y) || y < 2000 || y > 2100) return '数据年度应是 2000 至 2100 之间的年份。'
    return null
  }
  const submit = () =>
    void form.submit(async () => {
      const r = await api.report.create({ template, region: region.trim(), year: y, issuer: issuer.trim() || undefined })
      if (r) onCreated(r)
    }, problem)

  return (
    <FormDialog title="新建报告" onClose={onClose} onSubmit={submit} form={form} confirmLabel="创建报告" busyLabel="正在创建…" width={560} testId="new-report-dialog">
      <fieldset className="template-choice">
        <legend>模板</legend>
        {info.templates.map((t) => (
          <label key={t.id} className={`template-card${template === t.id ? ' selected' : ''}`}>
            <input type="radio" name="template" value={t.id} checked={template === t.id} onChange={() => setTemplate(t.id)} />
            <span className="template-name">{t.name}</span>
            <span className="template-desc">{t.description}</span>
            <span className="template-count">
              {t.chapters} 章{t.appendices ? ' + 附件' : ''} · {t.headings} 个小节
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{template === 'school' ? '学校名称' : '地区'}</span>
        <input name="region" value={region} onChange={(e) => setRegion(e.target.value)} placeholder={placeholder} maxLength={60} />
      </label>
      <label className="field">
        <span>数据年度</span>
        <input name="year" value={year} onChange={(e) => setYear(e.target.value)} inputMode="numeric" maxLength={4} />
      </label>
      <label className="field">
        <span>编制单位</span>
        <input name="issuer" value={issuer} onChange={(e) => setIssuer(e.target.value)} placeholder={issuerPlaceholder} maxLength={80} />
      </label>
    </FormDialog>
  )
}
