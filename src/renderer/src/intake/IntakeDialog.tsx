import { useEffect, useMemo, useState } from 'react'
import type { FilePreview, IntakeIssue, SchoolPreview } from '@shared/contract/intake'
import { plainNumber } from '@shared/model/format'
import { Dialog } from '../components/Dialog'
import { transport } from '../api/client'
import { intakeController, type IntakeUiState } from './controller'

const KIND: Record<string, string> = { kit: '填报表', workbook: '工作簿', report: '年报报告', docx: 'Word 文档' }
const FROM: Record<SchoolPreview['nameFrom'], string> = { kit: '填报表', cell: '表中的学校名称', sheet: '工作表名称', file: '文件名', report: '报告属性' }
const SEVERITY: Record<IntakeIssue['severity'], string> = { error: '错误', warning: '请核实', note: '说明' }

export function shortDate(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/**
 * 汇总学校数据: choose files (or drop them on the window), read what each
 * school sent, per cell, and take it into the report — or not. Nothing is
 * stored before 接收.
 */
export function IntakeDialog({ ui }: { ui: IntakeUiState }) {
  const preview = ui.preview
  const files = preview?.files ?? []
  const readable = files.filter((f) => !f.refused && f.schools.length)
  const schools = readable.flatMap((f) => f.schools)
  const errors = schools.reduce((n, s) => n + s.errors, 0)
  const warnings = schools.reduce((n, s) => n + s.warnings, 0)
  const word = preview?.word ?? '学校'
  return (
    <Dialog
      title={`汇总${word === '学校' ? '学校' : '各单位'}数据${preview ? `（${preview.year} 年度）` : ''}`}
      onClose={() => intakeController.close()}
      width={880}
      testId="intake-dialog"
      footer={
        <>
          <span className="dialog-footer-note">{files.length ? '点击“接收”之前，报告中的数据不会有任何改动。' : ''}</span>
          {files.length > 0 && (
            <button type="button" className="btn" onClick={() => void intakeController.discard()} disabled={Boolean(ui.busy)}>
              放弃
            </button>
          )}
          <button type="button" className="btn btn-primary" onClick={() => void intakeController.accept()} disabled={Boolean(ui.busy) || readable.length === 0} data-testid="intake-accept">
            {readable.length ? `接收 ${readable.length} 个文件` : '接收'}
          </button>
        </>
      }
    >
      <Sources ui={ui} />
      {ui.busy && (
        <p className="intake-busy" role="status">
          <span className="import-spinner small" aria-hidden="true" />
          {ui.busy}
        </p>
      )}
      {files.length > 0 && (
        <>
          <p className="intake-summary" data-testid="intake-summary">
            已读取 {files.length} 个文件：{schools.length} 个{word}
            {files.length - readable.length ? `，${files.length - readable.length} 个文件无法读取` : ''}；
            {errors ? <b className="bad"> {errors} 处错误（这些单元格不会接收）</b> : ' 没有错误'}
            {warnings ? `，${warnings} 处请核实` : ''}。
          </p>
          <ol className="intake-files" data-testid="intake-files">
            {files.map((f) => (
              <FileCard key={f.id} file={f} word={word} />
            ))}
          </ol>
        </>
      )}
    </Dialog>
  )
}

function Sources({ ui }: { ui: IntakeUiState }) {
  const native = transport.transport === 'electron'
  const [listOpen, setListOpen] = useState(false)
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  useEffect(() => {
    if (listOpen) void intakeController.loadWorkspaceFiles()
  }, [listOpen])
  const pickFiles = () => {
    if (native) return void intakeController.readFromDialog()
    const input = document.createElement('input')
    input.type = 'file'
    input.multiple = true
    input.accept = '.xlsx,.nianbao,.docx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    input.style.display = 'none'
    input.dataset.testid = 'intake-file-input'
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? [])
      input.remove()
      if (files.length) void intakeController.readFiles(files)
    })
    input.addEventListener('cancel', () => input.remove())
    document.body.appendChild(input)
    input.click()
  }
  return (
    <div className="intake-sources">
      <div className="intake-source-buttons">
        <button type="button" className="btn" onClick={pickFiles} disabled={Boolean(ui.busy)} data-testid="intake-pick">
          选择文件…
        </button>
        {!native && (
          <button type="button" className="btn" onClick={() => setListOpen((o) => !o)} aria-expanded={listOpen} data-testid="intake-workspace">
            从工作文件夹选择…
          </button>
        )}
        <span className="hint">可一次选择或拖入多个文件：填报表、各单位自己的工作簿、学校的年报（.nianbao 或 Word 文档）。</span>
      </div>
      {listOpen && (
        <div className="intake-workspace">
          {ui.workspaceFiles === null ? (
            <p className="hint">正在列出工作文件夹中的文件…</p>
          ) : ui.workspaceFiles.length === 0 ? (
            <p className="hint">工作文件夹中没有 .xlsx、.nianbao 或 .docx 文件。</p>
          ) : (
            <>
              <ul>
                {ui.workspaceFiles.map((f) => (
                  <li key={f.name}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={chosen.has(f.name)}
                        onChange={(e) => {
                          const next = new Set(chosen)
                          if (e.target.checked) next.add(f.name)
                          else next.delete(f.name)
                          setChosen(next)
                        }}
                      />
                      {f.name}
                      <small>
                        {(f.bytes / 1024).toFixed(0)} KB · {shortDate(f.modified)}
                      </small>
                    </label>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="btn btn-small"
                disabled={chosen.size === 0 || Boolean(ui.busy)}
                onClick={() => {
                  void intakeController.readWorkspace([...chosen])
                  setChosen(new Set())
                  setListOpen(false)
                }}
              >
                读取所选的 {chosen.size} 个文件
              </button>
            </>
          )}
        </div>
      )}
    </div>
  )
}

function FileCard({ file, word }: { file: FilePreview; word: string }) {
  return (
    <li className={`intake-file${file.refused ? ' refused' : ''}`} data-file={file.fileName}>
      <div className="intake-file-head">
        <span className="mark" aria-hidden="true">
          {file.refused ? '✘' : '✔'}
        </span>
        <b>{file.fileName}</b>
        {file.kind && <span className="tag">{KIND[file.kind]}</span>}
        {file.fileDate && <small>文件日期 {shortDate(file.fileDate)}</small>}
      </div>
      {file.refused && (
        <p className="bad" data-testid="intake-refused">
          {file.refused}
        </p>
      )}
      {file.issues.length > 0 && <IssueList issues={file.issues} />}
      {file.schools.map((s) => (
        <SchoolRow key={`${s.name}-${s.sheet ?? ''}`} school={s} word={word} startOpen={file.schools.length === 1 && s.errors > 0} />
      ))}
    </li>
  )
}

function SchoolRow({ school, word, startOpen }: { school: SchoolPreview; word: string; startOpen: boolean }) {
  const [open, setOpen] = useState(startOpen)
  const own = school.values.filter((v) => v.year === Math.max(...school.values.map((x) => x.year)))
  const years = useMemo(() => [...new Set(school.values.map((v) => v.year))].sort(), [school.values])
  return (
    <div className={`intake-school${open ? ' open' : ''}`} data-school={school.name}>
      <button type="button" className="intake-school-head" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        <span className="caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="name">{school.name}</span>
        <small className="from">
          {word}名称取自{FROM[school.nameFrom]}
          {school.sheet ? `（工作表“${school.sheet}”）` : ''}
        </small>
        <span className="chips">
          <span className="chip">{school.values.length} 个数值</span>
          {school.missing.length > 0 && <span className="chip muted">缺 {school.missing.length} 项</span>}
          {school.errors > 0 && <span className="chip bad">错误 {school.errors}</span>}
          {school.warnings > 0 && <span className="chip warn">核实 {school.warnings}</span>}
          {school.cases.length > 0 && <span className="chip">案例 {school.cases.length}</span>}
          {school.replaces && <span className="chip note">替换原数据</span>}
        </span>
      </button>
      {open && (
        <div className="intake-school-body">
          {school.issues.length > 0 && <IssueList issues={school.issues} />}
          {school.values.length > 0 && (
            <table className="intake-values" data-testid="intake-values">
              <thead>
                <tr>
                  <th>指标</th>
                  {years.map((y) => (
                    <th key={y}>{y} 年</th>
                  ))}
                  <th>单位</th>
                  <th>位置</th>
                </tr>
              </thead>
              <tbody>
                {[...new Map(school.values.map((v) => [v.figure, v])).values()].map((v) => (
                  <tr key={v.figure}>
                    <td>{v.name}</td>
                    {years.map((y) => {
                      const c = school.values.find((x) => x.figure === v.figure && x.year === y)
                      return (
                        <td key={y} className="num" title={c?.note ?? ''}>
                          {c ? plainNumber(c.value) : ''}
                          {c?.note ? ' *' : ''}
                        </td>
                      )
                    })}
                    <td>{v.unit}</td>
                    <td className="place">{own.find((x) => x.figure === v.figure)?.place ?? v.place}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {school.missing.length > 0 && (
            <details className="intake-missing">
              <summary>本年没有填写的 {school.missing.length} 项</summary>
              <p>{school.missing.join('、')}</p>
            </details>
          )}
          {school.cases.length > 0 && (
            <p className="hint">
              案例：{school.cases.map((c) => `${c.title}${c.photos ? `（${c.photos} 张照片）` : ''}`).join('；')}。接收后可在“案例库”中选入报告。
            </p>
          )}
        </div>
      )}
    </div>
  )
}

export function IssueList({ issues }: { issues: IntakeIssue[] }) {
  const [notesOpen, setNotesOpen] = useState(false)
  const main = issues.filter((i) => i.severity !== 'note')
  const notes = issues.filter((i) => i.severity === 'note')
  return (
    <ul className="intake-issues" data-testid="intake-issues">
      {main.map((i, n) => (
        <li key={n} className={i.severity}>
          <span className="sev">{SEVERITY[i.severity]}</span>
          <span className="place">{i.place}</span>
          <span className="msg">{i.message}</span>
        </li>
      ))}
      {notes.length > 0 &&
        (notesOpen ? (
          notes.map((i, n) => (
            <li key={`n${n}`} className="note">
              <span className="sev">{SEVERITY.note}</span>
              <span className="place">{i.place}</span>
              <span className="msg">{i.message}</span>
            </li>
          ))
        ) : (
          <li className="note">
            <button type="button" className="link" onClick={() => setNotesOpen(true)}>
              另有 {notes.length} 条说明…
            </button>
          </li>
        ))}
    </ul>
  )
}
