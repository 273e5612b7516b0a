import { useState } from 'react'
import { api } from '../../api/client'
import { ChapterPlaceFields, type ChapterPlace } from '../../components/ChapterPlaceFields'
import { FormDialog, useFormDialog } from '../../components/FormDialog'
import { FormProblem } from '../../components/formSubmit'
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
  const form = useFormDialog()

  const move = () =>
    void form.submit(async () => {
      if (!(await workspace.flush())) throw new FormProblem('当前内容还没有保存成功，请稍后再试。')
      const state = await api.chapter.moveCase({ caseId, toChapterId: chapterId, afterHeadingId: afterHeadingId || undefined })
      workspace.setReport(state)
      onClose()
      await workspace.reloadChapter()
      await workspace.openChapter(chapterId, caseId)
      workspace.notify('success', '案例已移动，编号已按新位置重新计算。')
    })

  return (
    <FormDialog title={current ? `移动案例 ${current.number}` : '移动案例'} onClose={onClose} onSubmit={move} form={form} confirmLabel="移动" disabled={!chapterId} width={520} testId="case-move-dialog">
      {current && <p className="hint">“{current.title || '（未填写标题）'}”</p>}
      <ChapterPlaceFields numbering={numbering} label="移到哪一章" place={place} onChange={setPlace} testId="case-move-chapter" />
    </FormDialog>
  )
}
