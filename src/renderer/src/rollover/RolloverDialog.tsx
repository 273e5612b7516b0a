import { useEffect, useRef, useState } from 'react'
import type { LastYearReport } from '@shared/contract/rollover'
import type { RecentFile } from '@shared/model/report'
import { errorMessage } from '../api/client'
import { Dialog, DialogButtons } from '../components/Dialog'
import { FormError, useFormDialog } from '../components/FormDialog'
import { importController } from '../import/controller'
import { checkDocx, pickFile } from '../import/files'
import { readLastYear, rollover, type LastYearRequest } from './controller'
import './rollover.css'

interface Props {
  /** Reports the browser host can start from (its workspace and recent files). */
  files: RecentFile[]
  busy: boolean
}

type Source = 'current' | 'dialog' | 'path' | 'upload'

/**
 * 从上一年报告新建: which report last year's is (the open one, a file, or an
 * uploaded .docx) and which year the new one is for.
 */
export function RolloverDialog({ files, busy }: Props) {
  const current = importController.current
  const native = importController.nativeDialogs
  const [source, setSource] = useState<Source>(current ? 'current' : native ? 'dialog' : files.length ? 'path' : 'upload')
  const [path, setPath] = useState(files[0]?.path ?? '')
  const [file, setFile] = useState<File | null>(null)
  const [year, setYear] = useState(current ? String(current.meta.year + 1) : '')
  const form = useFormDialog()
  const { fail } = form
  // Last year's report as read from the chosen file (its 数据年度), per source; the year proposed is the one after.
  const [read, setRead] = useState<Partial<Record<Source, LastYearReport>>>({})
  const [reading, setReading] = useState(false)
  const asked = useRef(0)
  const readPath = useRef<string | null>(null)

  const learn = async (from: Source, req: LastYearRequest) => {
    const ticket = ++asked.current
    setReading(true)
    fail(null)
    try {
      const r = await readLastYear(req)
      if (ticket !== asked.current || !r) return
      setRead((m) => ({ ...m, [from]: r }))
      setYear(String(r.year + 1))
    } catch (e) {
      if (ticket === asked.current) fail(errorMessage(e))
    } finally {
      if (ticket === asked.current) setReading(false)
    }
  }

  // A listed report: its year is read as soon as it is the one chosen.
  useEffect(() => {
    if (source === 'path' && path && readPath.current !== path) {
      readPath.current = path
      void learn('path', { source: 'path', path })
    }
    if (source === 'current' && current) setYear(String(current.meta.year + 1))
    if (source !== 'current' && read[source]) setYear(String(read[source]!.year + 1))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, path])

  const chosenYear = source === 'current' ? current?.meta.year : read[source]?.year

  /** What is missing or wrong in the choice, before asking main (which checks again). */
  const problem = (): string | null => {
    const y = Number(year)
    if (source === 'path' && !path) return '请选择上一年的报告。'
    if (source === 'upload' && !file) return '请选择上一年的 Word 文档（.docx）。'
    if (source === 'dialog' && !read.dialog) return '请先选择上一年的报告文件。'
    if (!year || !Number.isInteger(y) || y < 2000 || y > 2100) return '年度应是 2000 至 2100 之间的整数。'
    if (chosenYear !== undefined && y <= chosenYear) return `新报告的年度应晚于上一年报告的数据年度（${chosenYear}）。`
    return null
  }

  const submit = () => {
    if (reading) return
    const y = Number(year)
    void form.submit(async () => {
      if (source === 'current') await rollover({ source, year: y })
      else if (source === 'dialog') await rollover({ source, year: y })
      else if (source === 'path') await rollover({ source, path, year: y })
      else if (file) await rollover({ source, file, year: y })
    }, problem)
  }

  const choose = async () => {
    const f = await pickFile('.docx')
    if (!f) return
    try {
      checkDocx(f)
      setFile(f)
      fail(null)
      await learn('upload', { source: 'upload', file: f })
    } catch (e) {
      fail((e as Error).message)
    }
  }

  return (
    <Dialog
      title="从上一年报告新建"
      onClose={() => !busy && importController.closeRollover()}
      testId="rollover-dialog"
      width={600}
      footer={
        <DialogButtons
          onCancel={() => importController.closeRollover()}
          onConfirm={submit}
          confirmLabel="新建"
          busy={busy || form.busy}
          disabled={reading}
          cancelDisabled={busy}
          confirmTestId="rollover-submit"
        />
      }
    >
      <p className="dialog-message">保留上一年的大纲和文字（作为草稿，浅色显示，修改后即成为本年的正文）；表格中上一年的数字移到“上年”一列，本年的一列空出待填；标题和日期改为新的年度。上一年的文件不会被改动。</p>
      <fieldset className="rollover-sources">
        <legend>上一年的报告</legend>
        {current && (
          <label className="rollover-option" data-testid="rollover-option">
            <input type="radio" name="rollover-source" checked={source === 'current'} onChange={() => setSource('current')} />
            <span className="rollover-option-body">
              <span className="rollover-option-title">当前打开的报告（{current.meta.year} 年度）</span>
              <span className="rollover-file-name">{current.meta.title}</span>
            </span>
          </label>
        )}
        {native && (
          <label className="rollover-option" data-testid="rollover-option">
            <input type="radio" name="rollover-source" checked={source === 'dialog'} onChange={() => setSource('dialog')} />
            <span className="rollover-option-body">
              <span className="rollover-option-title">电脑上的报告文件（.nianbao 或 Word 文档 .docx）</span>
              <span className="rollover-option-row">
                <button type="button" className="btn btn-small" onClick={() => (setSource('dialog'), void learn('dialog', { source: 'dialog' }))} data-testid="rollover-choose">
                  {read.dialog ? '换一个…' : '选择文件…'}
                </button>
                {read.dialog && <span className="rollover-file-name">{read.dialog.fileName}</span>}
              </span>
            </span>
          </label>
        )}
        {!native &&
          files.map((f) => (
            <label key={f.path} className="rollover-option" data-testid="rollover-option">
              <input type="radio" name="rollover-source" checked={source === 'path' && path === f.path} onChange={() => (setPath(f.path), setSource('path'))} data-testid="rollover-file" />
              <span className="rollover-option-body">
                <span className="rollover-option-title">工作文件夹中的报告：{f.title}</span>
                <span className="rollover-file-name">{f.fileName}</span>
              </span>
            </label>
          ))}
        {!native && (
          <label className="rollover-option" data-testid="rollover-option">
            <input type="radio" name="rollover-source" checked={source === 'upload'} onChange={() => setSource('upload')} />
            <span className="rollover-option-body">
              <span className="rollover-option-title">上一年的 Word 文档（.docx）</span>
              <span className="rollover-option-row">
                <button type="button" className="btn btn-small" onClick={() => (setSource('upload'), void choose())}>
                  {file ? '换一个…' : '选择文件…'}
                </button>
                {file && <span className="rollover-file-name">{file.name}</span>}
              </span>
            </span>
          </label>
        )}
      </fieldset>
      <div className="rollover-year">
        <label htmlFor="rollover-year">新报告的数据年度</label>
        <input id="rollover-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} data-testid="rollover-year" />
        <span className="hint" data-testid="rollover-from-year">
          {reading ? '正在读取上一年报告的数据年度…' : chosenYear !== undefined ? `上一年报告的数据年度：${chosenYear}` : ''}
        </span>
      </div>
      <FormError error={form.error} />
    </Dialog>
  )
}
