import { useState } from 'react'
import { api, errorMessage } from '../../api/client'
import { Dialog } from '../../components/Dialog'
import { ChapterPlaceFields, type ChapterPlace } from '../../components/ChapterPlaceFields'
import { useReportNumbering } from '../../editor/numbering/NumberingProvider'
import type { Workspace } from '../types'

interface Props {
  caseId: string
  workspace: Workspace
  onClose: () => void
}

/** 移动案例: choose the chapter (and, if wanted, the section) the case goes to; main moves it in one transaction. */
export function CaseMoveDialog({ caseId, workspace, onClose }: Props) {
  const numbering = useReportNumbering()
  const current = numbering.cases.find((c) => c.id === caseId)
  const [place, setPlace] = useState<ChapterPlace>({ chapterId: current?.chapterId ?? numbering.chapters[0]?.id ?? '', afterHeadingId: '' })
  const { chapterId, afterHeadingId } = place
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const move = async () => {
    setBusy(true)
    setError(null)
    try {
      if (!(await workspace.flush())) throw new Error('当前内容还没有保存成功，请稍后再试。')
      const state = await api.chapter.moveCase({ caseId, toChapterId: chapterId, afterHeadingId: afterHeadingId || undefined })
      workspace.setReport(state)
      onClose()
      await workspace.reloadChapter()
      await workspace.openChapter(chapterId, caseId)
      workspace.notify('success', '案例已移动，编号已按新位置重新计算。')
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : errorMessage(e))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={current ? `移动案例 ${current.number}` : '移动案例'}
      onClose={onClose}
      width={520}
      testId="case-move-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void move()} disabled={busy || !chapterId}>
            移动
          </button>
        </>
      }
    >
      <div className="form">
        {current && <p className="hint">“{current.title || '（未填写标题）'}”</p>}
        <ChapterPlaceFields numbering={numbering} label="移到哪一章" place={place} onChange={setPlace} testId="case-move-chapter" />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  )
}
