import { useEffect, useState, useSyncExternalStore } from 'react'
import type { ContributorStatus } from '@shared/contract/intake'
import { plainNumber } from '@shared/model/format'
import type { PanelDef, PanelProps } from '../panels/types'
import { intakeController } from './controller'
import { shortDate } from './IntakeDialog'
import './intake.css'

const STATUS: Record<ContributorStatus['status'], string> = { received: '已收到', incomplete: '有缺项', errors: '有错误', missing: '未收到' }

/**
 * 汇总: per school what was received (each file with its date), what is
 * missing and how many cells were refused; the compiled figures with their
 * rule, each one's provenance a click away.
 */
function IntakePanel({ report }: PanelProps) {
  const ui = useSyncExternalStore(intakeController.subscribe, intakeController.getSnapshot)
  const [open, setOpen] = useState<string | null>(null)
  const [showAll, setShowAll] = useState(false)
  const o = ui.overview
  useEffect(() => {
    void intakeController.loadOverview()
  }, [report.path, report.meta.year])
  if (!o) return <p className="panel-empty">正在读取汇总情况…</p>
  const word = o.word
  const received = o.contributors.filter((c) => c.status !== 'missing').length
  const compiled = o.compiled.filter((c) => showAll || c.value !== null)
  return (
    <div className="intake-panel" data-testid="intake-panel">
      <div className="dp-head">
        <div className="dp-year">
          {o.year} 年度 · 已收到 {received}/{o.contributors.length} 个{word}
        </div>
        <div className="dp-actions">
          <button type="button" className="btn btn-small" onClick={() => void intakeController.openIntake()} data-testid="panel-intake">
            汇总{word === '学校' ? '学校' : '各单位'}数据…
          </button>
          <button type="button" className="btn btn-small" onClick={() => intakeController.openKit()}>
            生成填报表…
          </button>
        </div>
      </div>
      {o.contributors.length === 0 ? (
        <p className="panel-empty">还没有收到任何{word}的数据。先“生成填报表”发给各{word}，收回后点“汇总{word === '学校' ? '学校' : '各单位'}数据…”，或把文件直接拖到窗口中。</p>
      ) : (
        <ul className="intake-contributors" data-testid="intake-contributors">
          {o.contributors.map((c) => (
            <li key={c.name} className={`status-${c.status}`} data-contributor={c.name}>
              <button type="button" className="intake-contributor" onClick={() => setOpen(open === c.name ? null : c.name)} aria-expanded={open === c.name}>
                <span className="name">{c.name}</span>
                <span className={`badge ${c.status}`}>
                  {STATUS[c.status]}
                  {c.status === 'incomplete' ? ` ${c.missing.length} 项` : c.status === 'errors' ? ` ${c.errors} 处` : ''}
                </span>
                <small>{c.files.length ? `文件日期 ${shortDate(c.files.filter((f) => f.current).at(-1)?.fileDate ?? c.files.at(-1)!.fileDate) || '不详'}` : c.expected ? '已发填报表' : ''}</small>
              </button>
              {open === c.name && (
                <div className="intake-contributor-body">
                  {c.files.map((f, i) => (
                    <p key={i} className={f.current ? '' : 'replaced'}>
                      {f.fileName}
                      <small>
                        {' '}
                        · 文件日期 {shortDate(f.fileDate) || '不详'} · 接收于 {shortDate(f.receivedAt)}
                        {f.errors ? ` · ${f.errors} 处错误` : ''}
                        {f.warnings ? ` · ${f.warnings} 处请核实` : ''}
                        {f.current ? '' : ' · 已被替换'}
                      </small>
                    </p>
                  ))}
                  <p className="hint">
                    本年已填 {c.values} 项{c.missing.length ? `，缺：${c.missing.slice(0, 12).join('、')}${c.missing.length > 12 ? ` 等 ${c.missing.length} 项` : ''}` : '，各项齐全'}。
                    {c.cases ? ` 案例 ${c.cases} 个。` : ''}
                  </p>
                  {c.files.some((f) => f.current) && (
                    <button type="button" className="link" onClick={() => void intakeController.withdraw(c.name)}>
                      撤回这个{word}的数据
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="dp-chapter">汇总指标</div>
      <div className="intake-compiled" role="table" aria-label="汇总指标" data-testid="intake-compiled">
        {compiled.map((c) => (
          <div key={c.indicator} className="intake-compiled-row" role="row" data-indicator={c.name}>
            <span className="name" role="cell" title={c.rule}>
              {c.name}
              <small>{c.rule}</small>
            </span>
            <span className="num" role="cell">
              {c.value === null ? '—' : plainNumber(c.value)}
              {c.reportValue !== null && c.value !== null && c.reportValue !== c.value && <small className="bad">报告中 {plainNumber(c.reportValue)}</small>}
            </span>
            <button type="button" className="btn btn-small" role="cell" onClick={() => void intakeController.openProvenance(c.indicator)} aria-label={`“${c.name}”的来源`} data-testid="provenance">
              来源
            </button>
          </div>
        ))}
        <button type="button" className="link" onClick={() => setShowAll((s) => !s)}>
          {showAll ? '只看已有汇总值的指标' : `显示全部 ${o.compiled.length} 项汇总指标`}
        </button>
      </div>
      {o.notCompiled.length > 0 && (
        <details className="intake-missing">
          <summary>由本级填写的 {o.notCompiled.length} 项指标</summary>
          <p>{o.notCompiled.join('、')}</p>
        </details>
      )}
    </div>
  )
}

export const intakePanel: PanelDef = { id: 'intake', title: '汇总', component: IntakePanel, available: (r) => r.meta.level !== 'school' }
