import { useCallback, useEffect, useRef, useState } from 'react'
import { type ExportJob, exportSummaryText } from '@shared/contract/export'
import { api, errorMessage } from '../api/client'
import { Dialog } from '../components/Dialog'
import type { HeaderItemProps } from '../editor/feature'
import './export.css'

type Props = Pick<HeaderItemProps, 'flush'> & Partial<Pick<HeaderItemProps, 'showPanel'>>

const POLL_MS = 250

type State =
  | { kind: 'idle' }
  | { kind: 'confirm'; errors: number }
  | { kind: 'running'; job: ExportJob }
  | { kind: 'done'; job: ExportJob }
  | { kind: 'failed'; message: string }

/**
 * 导出 Word: saves pending edits, starts the export in main (Electron asks
 * where to save it; the browser host writes into the workspace folder), and
 * shows its progress, then where the file went and what to check.
 */
export function ExportButton({ flush, showPanel }: Props) {
  const [state, setState] = useState<State>({ kind: 'idle' })
  const timer = useRef<number | null>(null)

  const stopPolling = () => {
    if (timer.current !== null) window.clearTimeout(timer.current)
    timer.current = null
  }
  useEffect(() => stopPolling, [])

  const poll = useCallback((id: string) => {
    timer.current = window.setTimeout(async () => {
      try {
        const job = await api.export.progress({ id })
        if (job.state === 'running') {
          setState({ kind: 'running', job })
          poll(id)
        } else if (job.state === 'done') setState({ kind: 'done', job })
        else setState({ kind: 'failed', message: job.error?.message ?? '导出 Word 时出错。' })
      } catch (e) {
        setState({ kind: 'failed', message: errorMessage(e) })
      }
    }, POLL_MS)
  }, [])

  const start = async (checked = false) => {
    if (state.kind === 'running') return
    if (!(await flush())) {
      setState({ kind: 'failed', message: '有内容未能保存，请先解决状态栏中提示的问题后再导出。' })
      return
    }
    // Errors 体检 found and nobody settled: say so before the document goes out.
    if (!checked) {
      try {
        const r = await api.check.run()
        if (r.counts.error > 0) return setState({ kind: 'confirm', errors: r.counts.error })
      } catch {
        // The check failing must not stop an export.
      }
    }
    try {
      const job = await api.export.start({})
      if (!job) return setState({ kind: 'idle' })
      setState({ kind: 'running', job })
      poll(job.id)
    } catch (e) {
      setState({ kind: 'failed', message: errorMessage(e) })
    }
  }

  const close = () => {
    if (state.kind === 'running') return
    stopPolling()
    setState({ kind: 'idle' })
  }

  return (
    <>
      <button type="button" className="btn" onClick={() => void start()} disabled={state.kind === 'running'} data-testid="export-word">
        导出 Word
      </button>
      {state.kind === 'confirm' && (
        <Dialog
          title="导出 Word"
          onClose={close}
          testId="export-check-warning"
          width={480}
          footer={
            <>
              <button type="button" className="btn" onClick={close}>
                取消
              </button>
              {showPanel && (
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    close()
                    // The 体检 panel, where the errors are listed.
                    showPanel('check')
                  }}
                >
                  查看体检结果
                </button>
              )}
              <button type="button" className="btn btn-primary" onClick={() => void start(true)}>
                仍然导出
              </button>
            </>
          }
        >
          <p className="export-warning" role="alert">
            体检发现报告中还有 {state.errors} 处错误没有处理（数字前后不一致、与数据不符或计算有误）。建议先在“体检”中修正或标为已核实，再导出。
          </p>
        </Dialog>
      )}
      {state.kind !== 'idle' && state.kind !== 'confirm' && (
        <Dialog
          title="导出 Word"
          onClose={close}
          testId="export-dialog"
          width={520}
          footer={
            <button type="button" className="btn btn-primary" onClick={close} disabled={state.kind === 'running'}>
              {state.kind === 'running' ? '正在导出…' : '关闭'}
            </button>
          }
        >
          {state.kind === 'running' && <ExportProgressView job={state.job} />}
          {state.kind === 'done' && state.job.result && <ExportDone job={state.job} />}
          {state.kind === 'failed' && (
            <p className="export-error" role="alert" data-testid="export-error">
              {state.message}
            </p>
          )}
        </Dialog>
      )}
    </>
  )
}

function ExportProgressView({ job }: { job: ExportJob }) {
  const percent = Math.round(job.progress.fraction * 100)
  return (
    <div className="export-progress" data-testid="export-progress">
      <div className="export-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label="导出进度">
        <div className="export-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="export-stage">
        {job.progress.label}…<span className="export-percent">{percent}%</span>
      </p>
    </div>
  )
}

function ExportDone({ job }: { job: ExportJob }) {
  const r = job.result!
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(r.path)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <div className="export-done" data-testid="export-done">
      <p>已导出 Word 文档：</p>
      <p className="export-path" data-testid="export-path">
        <code>{r.path}</code>
        <button type="button" className="btn btn-small" onClick={() => void copy()}>
          {copied ? '已复制' : '复制路径'}
        </button>
      </p>
      <p className="export-summary" data-testid="export-summary">
        {exportSummaryText(r)}。
      </p>
      <p className="export-hint">用 Word 打开时，如提示“是否更新域”，请选择“是”，目录页码会按 Word 的排版更新。</p>
      {r.drafts > 0 && <p className="export-warning">有 {r.drafts} 段文字仍是去年报告中的原文，尚未修改。</p>}
      {r.warnings.length > 0 && (
        <div className="export-warnings" data-testid="export-warnings">
          <p>请检查：</p>
          <ul>
            {r.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
