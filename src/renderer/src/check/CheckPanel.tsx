import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { RULE_LABEL, SEVERITY_LABEL, type BindingProposal, type CheckSettings, type Finding } from '@shared/check/types'
import { api, errorMessage } from '../api/client'
import { liveData } from '../data/store'
import type { PanelDef, PanelProps, Workspace } from '../panels/types'
import { bindInEditor, fixInEditor, goTo, openEditor } from './editorActions'
import { checkStore } from './store'
import './check.css'

/**
 * 体检: the findings of the report grouped by chapter, each with its
 * severity, place, sentence, numbers, what it should read and why; a click
 * goes to the words. One-click fixes and 已核实; numbers that quote the data
 * offered as live fields (全部采用 or one by one). Re-checked after each save.
 */
function when(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** The sentence with the words concerned marked; a long one is cut around them. */
function Sentence({ text, words }: { text: string; words?: string }) {
  const i = words ? text.indexOf(words) : -1
  if (!words || i < 0) return <q className="check-sentence">{text.length > 90 ? `${text.slice(0, 88)}…` : text}</q>
  const start = text.length > 90 ? Math.max(0, i - 36) : 0
  const end = text.length > 90 ? Math.min(text.length, i + words.length + 34) : text.length
  return (
    <q className="check-sentence">
      {start > 0 && '…'}
      {text.slice(start, i)}
      <mark>{words}</mark>
      {text.slice(i + words.length, end)}
      {end < text.length && '…'}
    </q>
  )
}

interface Actions {
  open: (f: Finding) => void
  fix: (f: Finding) => void
  verify: (f: Finding) => void
  unverify: (f: Finding) => void
}

function FindingItem({ f, act, busy }: { f: Finding; act: Actions; busy: boolean }) {
  const where = f.place.label.split(' › ').slice(1).join(' › ')
  const go = f.place.chapterId !== null
  return (
    <li className={`check-finding sev-${f.severity}${f.verified ? ' verified' : ''}`} data-testid="check-finding" data-rule={f.rule} data-id={f.id}>
      <div
        className={`check-body${go ? ' clickable' : ''}`}
        role={go ? 'button' : undefined}
        tabIndex={go ? 0 : undefined}
        title={go ? '在正文中查看' : undefined}
        onClick={() => go && act.open(f)}
        onKeyDown={(e) => {
          if (go && (e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault()
            act.open(f)
          }
        }}
      >
        <div className="check-head">
          <span className={`check-sev sev-${f.severity}`}>{SEVERITY_LABEL[f.severity]}</span>
          <span className="check-rule">{RULE_LABEL[f.rule]}</span>
          {where && <span className="check-where">{where}</span>}
        </div>
        {f.place.sentence && <Sentence text={f.place.sentence} words={f.words} />}
        <p className="check-message">{f.message}</p>
        {f.expected && (
          <p className="check-expected">
            应为 <b>{f.expected}</b>
          </p>
        )}
        {f.others && f.others.length > 0 && (
          <ul className="check-others">
            {f.others.map((o, i) => (
              <li key={i}>
                {o.label}：{o.text}
              </li>
            ))}
          </ul>
        )}
        {f.verified && (
          <p className="check-verified-by">
            {f.verified.by} 于 {when(f.verified.at)} 核实
          </p>
        )}
      </div>
      <div className="check-actions">
        {!f.verified && (f.fix || f.cell) && (
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => act.fix(f)} data-testid="check-fix">
            {f.cell ? `采用计算值 ${f.cell.computed}` : `改为 ${f.fix!.text}`}
          </button>
        )}
        {f.verified ? (
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => act.unverify(f)} data-testid="check-unverify">
            取消核实
          </button>
        ) : (
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => act.verify(f)} title="保留原样，不再列出（数字改变后会重新列出）" data-testid="check-verify">
            已核实
          </button>
        )}
      </div>
    </li>
  )
}

function ProposalItem({ p, onOpen, onBind, busy }: { p: BindingProposal; onOpen: () => void; onBind: () => void; busy: boolean }) {
  const where = p.label.split(' › ').slice(1).join(' › ') || p.label
  return (
    <li className="check-proposal" data-testid="check-proposal">
      <div className="check-body clickable" role="button" tabIndex={0} onClick={onOpen} onKeyDown={(e) => e.key === 'Enter' && onOpen()} title="在正文中查看">
        <div className="check-head">
          <span className="check-where">{where}</span>
        </div>
        <Sentence text={p.sentence} words={p.text} />
        <p className="check-message">
          “{p.text}”是{p.kind === 'change' ? `${p.name}比上年的变化` : p.kind === 'growth' ? `${p.name}的增幅` : p.name}（{p.source}，{p.year} 年）{p.sure ? '' : '，请确认'}
        </p>
      </div>
      <div className="check-actions">
        <button type="button" className="btn btn-small" disabled={busy} onClick={onBind} data-testid="check-bind">
          采用
        </button>
      </div>
    </li>
  )
}

function SettingsForm({ settings, onSaved, onClose }: { settings: CheckSettings; onSaved: () => void; onClose: () => void }) {
  const [limit, setLimit] = useState(String(settings.caseWordLimit))
  const [threshold, setThreshold] = useState(String(settings.changeThreshold))
  const [error, setError] = useState<string | null>(null)
  const save = async () => {
    try {
      await api.check.settings({ caseWordLimit: Number(limit), changeThreshold: Number(threshold) })
      setError(null)
      onSaved()
      onClose()
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  return (
    <form
      className="check-settings"
      data-testid="check-settings"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <label>
        案例超过
        <input type="number" min={100} max={100000} value={limit} onChange={(e) => setLimit(e.target.value)} aria-label="案例字数上限" />
        字时列出
      </label>
      <label>
        指标比上年变化超过
        <input type="number" min={1} max={10000} value={threshold} onChange={(e) => setThreshold(e.target.value)} aria-label="变化幅度" />% 时请核实
      </label>
      {error && <p className="check-error">{error}</p>}
      <div className="check-settings-buttons">
        <button type="button" className="btn btn-small" onClick={onClose}>
          取消
        </button>
        <button type="submit" className="btn btn-small btn-primary">
          保存
        </button>
      </div>
    </form>
  )
}

/** Fix, verify and bind, through the editor for the open chapter and through main for the others. */
function useActions(workspace: Workspace, setBusy: (b: boolean) => void) {
  const guard = async (f: () => Promise<void>) => {
    setBusy(true)
    try {
      await f()
    } catch (e) {
      workspace.notify('error', errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const afterEditor = async () => {
    await workspace.flush()
    await checkStore.request()
  }
  const act: Actions = {
    open: (f) => void goTo(workspace, { ...f.place, from: f.from, to: f.to, words: f.words }),
    fix: (f) =>
      void guard(async () => {
        const editor = f.cell ? null : openEditor(workspace, f.place.chapterId)
        if (editor) {
          if (!fixInEditor(editor, f)) {
            workspace.notify('info', '这处文字已经改过了，已重新体检。')
            await checkStore.request()
            return
          }
          await afterEditor()
          return
        }
        await workspace.flush()
        const r = await api.check.fix({ id: f.id })
        if (r.delta) liveData.apply(r.delta)
        workspace.setReport(r.state)
        checkStore.adopt(r.result)
      }),
    verify: (f) => void guard(async () => checkStore.adopt(await api.check.verify({ id: f.id }))),
    unverify: (f) => void guard(async () => checkStore.adopt(await api.check.unverify({ id: f.id })))
  }
  const bind = (list: BindingProposal[], all: boolean) =>
    guard(async () => {
      const open = workspace.editor()?.view.dom.getAttribute('data-chapter-id') ?? null
      const editor = openEditor(workspace, open)
      let bound = 0
      if (editor) bound += bindInEditor(editor, list.filter((p) => p.chapterId === open))
      await workspace.flush()
      const others = list.filter((p) => p.chapterId !== open)
      if (others.length || all) {
        const r = await api.check.bind(all ? { all: true, ...(open ? { exceptChapterId: open } : {}) } : { ids: others.map((p) => p.id), ...(open ? { exceptChapterId: open } : {}) })
        bound += r.bound
        workspace.setReport(r.state)
        checkStore.adopt(r.result)
      }
      await checkStore.request()
      workspace.notify('success', bound ? `已将 ${bound} 个数字改为数据字段，数据更新后随之更新。` : '这些数字已经改过了，没有改为数据字段。')
    })
  return { act, bind }
}

function CheckPanel({ workspace }: PanelProps) {
  const state = useSyncExternalStore(checkStore.subscribe, checkStore.getSnapshot)
  const [busy, setBusy] = useState(false)
  const [showSettings, setShowSettings] = useState(false)
  const [showVerified, setShowVerified] = useState(false)
  const [showProposals, setShowProposals] = useState(false)
  const [hidden, setHidden] = useState<Set<Finding['severity']>>(new Set())
  const { act, bind } = useActions(workspace, setBusy)

  useEffect(() => {
    void checkStore.request()
  }, [])

  const result = state.result
  const openFindings = useMemo(() => result?.findings.filter((f) => !f.verified && !hidden.has(f.severity)) ?? [], [result, hidden])
  const verified = useMemo(() => result?.findings.filter((f) => f.verified) ?? [], [result])
  // Grouped by chapter, in report order (the findings come in that order); the report-wide ones first.
  const groups = useMemo(() => {
    const m = new Map<string, Finding[]>()
    for (const f of openFindings) {
      const key = f.place.chapterId === null ? '' : f.place.label.split(' › ')[0]
      m.set(key, [...(m.get(key) ?? []), f])
    }
    return [...m.entries()]
  }, [openFindings])

  if (!result) {
    return <p className="panel-empty">{state.error ?? '正在体检…'}</p>
  }
  const c = result.counts
  return (
    <div className="check-panel">
      <div className="panel-head">
        <span className="panel-sub">报告体检</span>
        <span>
          <button type="button" className="btn btn-small" onClick={() => setShowSettings((s) => !s)} aria-expanded={showSettings}>
            设置
          </button>{' '}
          <button type="button" className="btn btn-small" disabled={state.running} onClick={() => void checkStore.request()} data-testid="check-rerun">
            {state.running ? '正在体检…' : '重新体检'}
          </button>
        </span>
      </div>
      <p className="check-summary" data-testid="check-summary">
        {(['error', 'verify', 'hint'] as const).map((sev) => (
          <button
            key={sev}
            type="button"
            className={`check-sev sev-${sev}${hidden.has(sev) ? ' off' : ''}`}
            aria-pressed={!hidden.has(sev)}
            title={hidden.has(sev) ? '点击显示' : '点击隐藏'}
            onClick={() =>
              setHidden((h) => {
                const next = new Set(h)
                if (next.has(sev)) next.delete(sev)
                else next.add(sev)
                return next
              })
            }
          >
            {SEVERITY_LABEL[sev]} {c[sev]}
          </button>
        ))}
        {c.verified > 0 && <span className="check-count-verified">已核实 {c.verified}</span>}
      </p>
      {state.error && <p className="check-error">{state.error}</p>}
      {showSettings && <SettingsForm settings={result.settings} onClose={() => setShowSettings(false)} onSaved={() => void checkStore.request()} />}

      {result.proposals.length > 0 && (
        <section className="check-group check-proposals" data-testid="check-proposals">
          <div className="check-group-head">
            <button type="button" className="check-toggle" aria-expanded={showProposals} onClick={() => setShowProposals((s) => !s)}>
              {showProposals ? '▾' : '▸'} 可改为数据字段的数字 <span className="check-count">{result.proposals.length}</span>
            </button>
            <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void bind(result.proposals, true)} data-testid="check-bind-all">
              全部采用
            </button>
          </div>
          {showProposals && (
            <>
              <p className="panel-note">这些数字与数据中同一年的数值相同。改为数据字段后，数据修改或报告滚动到下一年时，正文随之更新。</p>
              <ol className="check-list">
                {result.proposals.map((p) => (
                  <ProposalItem
                    key={p.id}
                    p={p}
                    busy={busy}
                    onOpen={() => void goTo(workspace, { chapterId: p.chapterId, path: p.path, from: p.from, to: p.to, words: p.text })}
                    onBind={() => void bind([p], false)}
                  />
                ))}
              </ol>
            </>
          )}
        </section>
      )}

      {openFindings.length === 0 && <p className="panel-empty check-clean">{c.error + c.verify + c.hint === 0 ? '没有发现需要处理的问题。' : '所选类别中没有问题。'}</p>}
      {groups.map(([chapter, list]) => (
        <section key={chapter || 'report'} className="check-group" data-testid="check-group">
          <h3 className="check-chapter">{chapter || '全文'}</h3>
          <ol className="check-list">
            {list.map((f) => (
              <FindingItem key={f.id} f={f} act={act} busy={busy} />
            ))}
          </ol>
        </section>
      ))}

      {verified.length > 0 && (
        <section className="check-group" data-testid="check-verified">
          <button type="button" className="check-toggle" aria-expanded={showVerified} onClick={() => setShowVerified((s) => !s)}>
            {showVerified ? '▾' : '▸'} 已核实 <span className="check-count">{verified.length}</span>
          </button>
          {showVerified && (
            <ol className="check-list">
              {verified.map((f) => (
                <FindingItem key={f.id} f={f} act={act} busy={busy} />
              ))}
            </ol>
          )}
        </section>
      )}
      <p className="panel-note check-time">用时 {result.ms} 毫秒</p>
    </div>
  )
}

export const checkPanel: PanelDef = { id: 'check', title: '体检', component: CheckPanel }
