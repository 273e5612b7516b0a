import { useState, useSyncExternalStore } from 'react'
import type { ReportState } from '@shared/model/report'
import { ConfirmDialog } from '../../components/Dialog'
import { FormDialog } from '../../components/FormDialog'
import { TextPrompt } from '../../components/TextPrompt'
import { CaseMoveDialog } from '../../panels/cases/CaseMoveDialog'
import { PropertiesDialog } from './PropertiesDialog'
import type { ReportController } from './reportController'

/** The report screen's open dialog (reportDialogs.ts says which, and what its answer does). */
export function ReportDialogsView({ controller: c, report }: { controller: ReportController; report: ReportState }) {
  const d = c.dialogs
  const modal = useSyncExternalStore(d.subscribe, d.getSnapshot)
  switch (modal?.kind) {
    case undefined:
      return null
    case 'properties':
      return <PropertiesDialog report={report} onSaved={(r) => c.workspace.setReport(r)} onClose={d.close} />
    case 'add-chapter':
      return <TextPrompt title="添加章" label="章标题" confirmLabel="添加" onClose={d.close} onSubmit={(title) => void d.addChapter(title)} />
    case 'rename':
      return <TextPrompt title="重命名章" label="章标题" initial={modal.title} onClose={d.close} onSubmit={(title) => void d.renameChapter(modal.id, title)} />
    case 'delete':
      return (
        <ConfirmDialog
          title="删除章"
          danger
          message={modal.hasContent ? `“${modal.title}”中有内容，删除后可以在历史版本中找回。确定删除吗？` : `确定删除“${modal.title}”吗？`}
          confirmLabel="删除"
          onCancel={d.close}
          onConfirm={() => void d.deleteChapter(modal.id)}
        />
      )
    case 'add-section':
      return (
        <TextPrompt
          title={modal.afterId ? (modal.child ? '添加下级节' : '添加同级节') : '在本章末尾添加一节'}
          label="节标题"
          confirmLabel="添加"
          onClose={d.close}
          onSubmit={(title) => void d.addSection(modal, title)}
        />
      )
    case 'rename-section':
      return <TextPrompt title="重命名节" label="节标题" initial={modal.title} onClose={d.close} onSubmit={(title) => d.renameSection(modal, title)} />
    case 'delete-section':
      return (
        <ConfirmDialog
          title="删除节"
          danger
          message={`“${modal.label}”中有 ${modal.detail}，将一起删除。删除后可以用“撤销”（Ctrl+Z）恢复。确定删除吗？`}
          confirmLabel="删除"
          onCancel={d.close}
          onConfirm={() => d.deleteSection(modal)}
        />
      )
    case 'case-school':
      return <SchoolPrompt initial={modal.school} onClose={d.close} onSubmit={(school) => d.setCaseSchool(school)} />
    case 'case-delete':
      return (
        <ConfirmDialog
          title="删除案例"
          danger
          message={`删除案例“${modal.title || '（未填写标题）'}”及其正文和图片？删除后可以用“撤销”（Ctrl+Z）恢复。`}
          confirmLabel="删除"
          onCancel={d.close}
          onConfirm={() => d.deleteCase()}
        />
      )
    case 'case-move':
      return <CaseMoveDialog caseId={modal.caseId} workspace={c.workspace} onClose={d.close} />
    case 'save-as':
      return (
        <TextPrompt
          title="另存为"
          label="新文件名"
          initial={`${report.fileName.replace(/\.nianbao$/i, '')}-副本`}
          confirmLabel="保存"
          onClose={d.close}
          onSubmit={(fileName) => void d.saveAs(fileName)}
        />
      )
  }
}

/** 案例所属学校: may be left empty (a bureau's own case). */
function SchoolPrompt({ initial, onSubmit, onClose }: { initial: string; onSubmit: (s: string) => void; onClose: () => void }) {
  const [value, setValue] = useState(initial)
  return (
    <FormDialog title="案例所属学校" onClose={onClose} onSubmit={() => onSubmit(value)} testId="school-prompt">
      <label className="field">
        <span>学校名称</span>
        <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={100} placeholder="不填表示不属于某一所学校" />
      </label>
    </FormDialog>
  )
}
