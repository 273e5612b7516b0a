import { useEffect, useRef, useState } from 'react'
import type { AppInfo, StartState } from '@shared/api'
import type { RecentFile, ReportState } from '@shared/model/report'
import { api, transport, errorMessage } from '../../api/client'
import { useNotify } from '../../components/Notice'
import { NewReportDialog } from './NewReportDialog'
import { ImportCards } from '../../import/ImportActions'
import './start.css'

interface Props {
  info: AppInfo
  start: StartState
  onOpened: (r: ReportState) => void
  onRefresh: () => Promise<void>
  /** Open 新建报告 at once (文件 › 新建报告 chosen while a report was open). */
  initialNew?: boolean
}

function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** 开始页: 新建报告, 打开, 最近使用的文件 (and, in the browser host, the workspace's reports). */
export function StartScreen({ info, start, onOpened, onRefresh, initialNew = false }: Props) {
  const [creating, setCreating] = useState(initialNew)
  const [browsing, setBrowsing] = useState(false)
  const notify = useNotify()

  const open = async (path: string) => {
    try {
      onOpened(await api.report.open({ path }))
    } catch (e) {
      notify('error', errorMessage(e))
      await onRefresh()
    }
  }

  const openDialog = async () => {
    if (!info.nativeDialogs) {
      // List what is in the workspace folder now, not what was there when the page loaded.
      if (!browsing) await onRefresh()
      return setBrowsing((b) => !b)
    }
    try {
      const r = await api.report.openDialog()
      if (r) onOpened(r)
    } catch (e) {
      notify('error', errorMessage(e))
    }
  }

  // 文件 › 新建报告 / 打开 (Ctrl+N / Ctrl+O) in Electron's menu.
  const openDialogRef = useRef(openDialog)
  openDialogRef.current = openDialog
  useEffect(
    () =>
      transport.onEvent((event) => {
        if (event.type !== 'menu') return
        if (event.command === 'new') setCreating(true)
        else if (event.command === 'open') void openDialogRef.current()
      }),
    []
  )

  const forget = async (f: RecentFile) => {
    await api.report.forgetRecent({ path: f.path })
    await onRefresh()
  }

  const fileList = (files: RecentFile[], testId: string, allowForget: boolean) => (
    <ul className="file-list" data-testid={testId}>
      {files.map((f) => (
        <li key={f.path} className={f.exists ? '' : 'missing'}>
          <button type="button" className="file-open" onClick={() => open(f.path)} disabled={!f.exists} title={f.path}>
            <span className="file-title">{f.title}</span>
            <span className="file-meta">
              {f.fileName} · {f.exists ? formatTime(f.openedAt) : '文件已不存在'}
            </span>
          </button>
          {allowForget && (
            <button type="button" className="file-forget" aria-label={`从列表中移除 ${f.fileName}`} onClick={() => forget(f)}>
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  )

  return (
    <div className="start-screen">
      <div className="start-brand">
        <div className="logo" aria-hidden="true">
          年报
        </div>
        <div>
          <h1>年报</h1>
          <p>中等职业教育质量年度报告编辑器</p>
        </div>
      </div>
      <div className="start-actions">
        <button type="button" className="action-card" onClick={() => setCreating(true)} data-testid="start-new">
          <span className="action-title">新建报告</span>
          <span className="action-desc">选择地市级、省级或学校模板，自动生成章节大纲</span>
        </button>
        <button type="button" className="action-card" onClick={openDialog} data-testid="start-open">
          <span className="action-title">打开</span>
          <span className="action-desc">{info.nativeDialogs ? '打开电脑上的 .nianbao 报告文件' : '从工作文件夹中选择报告'}</span>
        </button>
        <ImportCards />
      </div>

      {browsing && !info.nativeDialogs && (
        <section className="start-section">
          <h2>工作文件夹中的报告</h2>
          <p className="hint">{info.workspaceDir}</p>
          {start.workspaceFiles.length ? fileList(start.workspaceFiles, 'workspace-files', false) : <p className="empty">工作文件夹中还没有报告。</p>}
        </section>
      )}

      <section className="start-section">
        <h2>最近使用的文件</h2>
        {start.recent.length ? fileList(start.recent, 'recent-files', true) : <p className="empty">还没有打开过报告。</p>}
      </section>

      {creating && <NewReportDialog info={info} onCreated={onOpened} onClose={() => setCreating(false)} />}
    </div>
  )
}
