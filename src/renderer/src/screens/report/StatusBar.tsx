import type { SaveStatus } from '../../editor/useAutosave'

interface Props {
  status: SaveStatus
  chapterWords: number
  reportWords: number
  fileName: string
}

const LABEL: Record<SaveStatus['kind'], string> = { saved: '已保存', saving: '正在保存…', dirty: '有未保存的修改', error: '保存失败' }

/** 状态栏: save state (with the reason when it failed) and 字数. */
export function StatusBar({ status, chapterWords, reportWords, fileName }: Props) {
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`save-state save-${status.kind}`} data-testid="save-state" role={status.kind === 'error' ? 'alert' : undefined}>
        {LABEL[status.kind]}
        {status.kind === 'error' && `：${status.message}`}
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
