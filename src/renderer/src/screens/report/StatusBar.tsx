import { useSyncExternalStore } from 'react'
import type { SaveStatus, StatusStore } from '../../editor/save/status'
import type { NumberingStore } from '../../editor/numbering/store'
import './statusBar.css'

interface Props {
  status: StatusStore
  numbering: NumberingStore
  chapterId: string | null
  fileName: string
}

const LABEL: Record<SaveStatus['kind'], string> = { saved: '已保存', saving: '正在保存…', dirty: '正在保存…', error: '保存失败' }

/** 状态栏: save state (with the reason when it failed) and 字数 of the chapter and the report, live. */
export function StatusBar({ status: statusStore, numbering, chapterId, fileName }: Props) {
  const status = useSyncExternalStore(statusStore.subscribe, statusStore.getSnapshot)
  const reportWords = useSyncExternalStore(numbering.subscribe, numbering.getWords)
  const chapterWords = useSyncExternalStore(numbering.subscribe, () => (chapterId ? numbering.chapterWords(chapterId) : 0))
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`save-state save-${status.kind}`} data-testid="save-state" role={status.kind === 'error' ? 'alert' : 'status'}>
        <span className="save-dot" aria-hidden="true" />
        {LABEL[status.kind]}
        {status.kind === 'error' && `：${status.message}（正在自动重试）`}
      </span>
      <span className="spacer" />
      <span data-testid="word-count">
        本章 {chapterWords.toLocaleString('zh-CN')} 字 · 全文 {reportWords.toLocaleString('zh-CN')} 字
      </span>
      <span className="file-name" title={fileName}>
        {fileName}
      </span>
    </footer>
  )
}
