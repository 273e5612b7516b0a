import { useEffect, useRef, useState } from 'react'
import type { HeaderItemProps } from '../editor/feature'
import { importController } from './controller'

/**
 * The two ways to start from last year's report: on the start screen as
 * cards, on the report screen as a menu in the top bar.
 */
export function ImportCards() {
  useEffect(() => importController.attach(null, null), [])
  return (
    <>
      <button type="button" className="action-card" onClick={() => void importController.importDocx()} data-testid="start-import">
        <span className="action-title">导入上一年报告</span>
        <span className="action-desc">读取上一年发布的 Word 文档（.docx），生成可编辑的报告，并列出原文中编号和目录的不一致（也可以把文件拖到窗口中）</span>
      </button>
      <button type="button" className="action-card" onClick={() => importController.openRollover()} data-testid="start-rollover">
        <span className="action-title">从上一年报告新建</span>
        <span className="action-desc">沿用上一年报告的大纲和文字，表格中的年份自动顺延，只需填写本年度的数字</span>
      </button>
    </>
  )
}

/** 上一年报告 ▾ in the report screen's header; the import report's places open through `openChapter`. */
export function ImportMenu({ report, flush, openChapter }: HeaderItemProps) {
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    importController.attach(report, flush, openChapter)
  }, [report, flush, openChapter])
  useEffect(() => () => importController.attach(null, null), [])
  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false)
    }
    window.addEventListener('mousedown', close)
    return () => window.removeEventListener('mousedown', close)
  }, [open])
  const pick = (f: () => void) => {
    setOpen(false)
    f()
  }
  return (
    <div className="import-menu" ref={ref}>
      <button type="button" className="btn" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="import-menu">
        上一年报告 ▾
      </button>
      {open && (
        <div className="import-menu-list" role="menu">
          <button type="button" role="menuitem" onClick={() => pick(() => void importController.importDocx())} data-testid="menu-import-docx">
            导入上一年报告（Word 文档）…
          </button>
          <button type="button" role="menuitem" onClick={() => pick(() => importController.openRollover())} data-testid="menu-rollover">
            从上一年报告新建本年度报告…
          </button>
        </div>
      )}
    </div>
  )
}
