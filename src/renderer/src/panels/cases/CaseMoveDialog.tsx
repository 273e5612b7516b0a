import { useState } from 'react'
import { api } from '../../api/client'
import { FormDialog, useFormDialog } from '../../components/FormDialog'
import { SelectField } from '../../components/fields'
import { FormProblem } from '../../components/formSubmit'
import { chapterLabel } from '@shared/model/numbering'
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
  const [chapterId, setChapterId] = useState(current?.chapterId ?? numbering.chapters[0]?.id ?? '')
  const [afterHeadingId, setAfterHeadingId] = useState('')
  const form = useFormDialog()
  const headings = numbering.headings.filter((h) => h.chapterId === chapterId)

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
      <SelectField
        label="移到哪一章"
        value={chapterId}
        onChange={(id) => {
          setChapterId(id)
          setAfterHeadingId('')
        }}
        choices={numbering.chapters.map((c) => ({ value: c.id, label: chapterLabel(c) }))}
        testId="case-move-chapter"
      />
      <SelectField
        label="放在"
        value={afterHeadingId}
        onChange={setAfterHeadingId}
        placeholder="本章末尾"
        choices={headings.map((h) => ({ value: h.id, label: `${'　'.repeat(Math.max(0, h.depth - 2))}${h.number ?? ''} ${h.text}的末尾` }))}
      />
    </FormDialog>
  )
}
