import { useEffect } from 'react'
import type { HeaderItemProps } from '../editor/feature'
import { HeaderMenu } from '../components/HeaderMenu'
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
  useEffect(() => {
    importController.attach(report, flush, openChapter)
  }, [report, flush, openChapter])
  useEffect(() => () => importController.attach(null, null), [])
  return (
    <HeaderMenu
      label="上一年报告"
      testId="import-menu"
      items={[
        { label: '导入上一年报告（Word 文档）…', onSelect: () => void importController.importDocx(), testId: 'menu-import-docx' },
        { label: '从上一年报告新建本年度报告…', onSelect: () => importController.openRollover(), testId: 'menu-rollover' }
      ]}
    />
  )
}
