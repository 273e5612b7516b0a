import type { ComponentType } from 'react'
import type { Editor } from '@tiptap/core'
import type { ReportState } from '@shared/model/report'
import type { NoticeKind } from '../components/noticeKind'

/**
 * What the report screen offers its side panels. Panels read the live
 * numbering with useReportNumbering() (editor/numbering/NumberingProvider).
 */
export interface Workspace {
  /** Open a chapter (saving the one being left) and, if given, scroll to and select a node by id. */
  openChapter(chapterId: string, nodeId?: string): Promise<void>
  /** Save the open chapter now; false if saving failed (the status bar says why). */
  flush(): Promise<boolean>
  /** Reload the open chapter from the file (after a service call changed it). */
  reloadChapter(): Promise<void>
  /** The open chapter's editor, null while none is open. */
  editor(): Editor | null
  /** Adopt a new report state returned by a service call. */
  setReport(report: ReportState): void
  notify(kind: NoticeKind, text: string): void
  /** Bring a side panel to the front. */
  showPanel(id: string): void
}

export interface PanelProps {
  report: ReportState
  /** The chapter open in the editor. */
  chapterId: string | null
  workspace: Workspace
}

/** One tab of the side panel area (案例, 历史版本, 数据, 导入报告…). */
export interface PanelDef {
  id: string
  /** Tab label, Chinese. */
  title: string
  component: ComponentType<PanelProps>
  /** Shown only for some reports (汇总 for city and provincial ones); always when absent. */
  available?: (report: ReportState) => boolean
}
