import { useEffect, useState, useSyncExternalStore } from 'react'
import { chapterLabel } from '@shared/model/numbering'
import type { LibraryCase } from '@shared/contract/intake'
import { api, errorMessage } from '../api/client'
import { ChapterPlaceFields, type ChapterPlace } from '../components/ChapterPlaceFields'
import { Dialog } from '../components/Dialog'
import { useReportNumbering } from '../editor/numbering/NumberingProvider'
import type { PanelDef, PanelProps, Workspace } from '../panels/types'
import { intakeController } from './controller'
import './intake.css'

/**
 * 案例库: the cases schools sent, with their school. 选入 puts one into a
 * chapter, where it becomes the report's 案例 N (numbered with the others,
 * its photos and captions with it).
 */
function CaseLibraryPanel({ report, workspace }: PanelProps) {
  const ui = useSyncExternalStore(intakeController.subscribe, intakeController.getSnapshot)
  const [picking, setPicking] = useState<LibraryCase | null>(null)
  const numbering = useReportNumbering()
  useEffect(() => {
    void intakeController.loadCases()
  }, [report.path, report.chapters])
  const cases = ui.cases
  if (!cases) return <p className="panel-empty">正在读取案例库…</p>
  if (cases.length === 0) return <p className="panel-empty">案例库是空的。学校报送的年报（.nianbao 或 Word 文档）中的案例，汇总后会出现在这里。</p>
  const chapters = new Map(numbering.chapters.map((c) => [c.id, c]))
  return (
    <div className="case-library" data-testid="case-library">
      <p className="panel-note">
        共 {cases.length} 个案例，已选入 {cases.filter((c) => c.picked).length} 个。
      </p>
      <ol className="case-list">
        {cases.map((c) => {
          const at = c.picked ? chapters.get(c.picked.chapterId) : undefined
          const no = c.picked ? numbering.cases.find((k) => k.id === c.picked!.caseId)?.number : undefined
          return (
            <li key={c.id} data-case={c.title}>
              <div className="case-item static">
                <span className="case-title">{c.title}</span>
                <span className="case-meta">
                  {c.school}
                  {c.school !== c.contributor ? `（${c.contributor}报送）` : ''} · {c.photos} 张照片 · {c.words} 字
                </span>
                <span className="case-excerpt">{c.excerpt}</span>
                {c.picked && at && (
                  <button type="button" className="link" onClick={() => void workspace.openChapter(c.picked!.chapterId, c.picked!.caseId)}>
                    已选入{at.number ? `第 ${at.number} 章` : chapterLabel(at)}{no ? `，为案例 ${no}` : ''}
                  </button>
                )}
              </div>
              <button type="button" className="btn btn-small" onClick={() => setPicking(c)} data-testid="pick-case">
                {c.picked ? '再选入…' : '选入…'}
              </button>
            </li>
          )
        })}
      </ol>
      {picking && <PickDialog item={picking} workspace={workspace} onClose={() => setPicking(null)} />}
    </div>
  )
}

function PickDialog({ item, workspace, onClose }: { item: LibraryCase; workspace: Workspace; onClose: () => void }) {
  const numbering = useReportNumbering()
  const [place, setPlace] = useState<ChapterPlace>({ chapterId: numbering.chapters.find((c) => c.number)?.id ?? numbering.chapters[0]?.id ?? '', afterHeadingId: '' })
  const { chapterId, afterHeadingId } = place
  const [keepSchool, setKeepSchool] = useState(true)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const pick = async () => {
    setBusy(true)
    setError(null)
    try {
      if (!(await workspace.flush())) throw new Error('当前内容还没有保存成功，请稍后再试。')
      const r = await api.intake.pickCase({ id: item.id, chapterId, afterHeadingId: afterHeadingId || undefined, keepSchool })
      workspace.setReport(r.state)
      onClose()
      await workspace.reloadChapter()
      await workspace.openChapter(chapterId, r.caseId)
      const n = r.state.numbering.cases.find((c) => c.id === r.caseId)?.number
      workspace.notify('success', `“${item.title}”已选入报告${n ? `，为案例 ${n}` : ''}。`)
      void intakeController.loadCases()
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : errorMessage(e))
      setBusy(false)
    }
  }
  return (
    <Dialog
      title="把案例选入报告"
      onClose={onClose}
      width={520}
      testId="pick-case-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void pick()} disabled={busy || !chapterId} data-testid="pick-case-confirm">
            选入
          </button>
        </>
      }
    >
      <div className="form">
        <p className="hint">
          “{item.title}”（{item.school}）
        </p>
        <ChapterPlaceFields numbering={numbering} label="放入哪一章" place={place} onChange={setPlace} testId="pick-case-chapter" />
        <label className="check">
          <input type="checkbox" checked={keepSchool} onChange={(e) => setKeepSchool(e.target.checked)} />
          注明所属学校（{item.school}），可用于案例目录
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  )
}

export const caseLibraryPanel: PanelDef = { id: 'case-library', title: '案例库', component: CaseLibraryPanel, available: (r) => r.meta.level !== 'school' }
