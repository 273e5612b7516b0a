import { useEffect, useSyncExternalStore } from 'react'
import { Dialog } from '../components/Dialog'
import { useNotify } from '../components/Notice'
import { dropHint, offerDrop } from '../components/fileDrop'
import { importController } from './controller'
import { isDocx } from './files'
import { ImportReportView } from './ImportReportView'
import type { WindowHostProps } from '../editor/feature'
import './import.css'

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files')
}

/**
 * Everything import draws over the window: the progress while a document
 * is read, the 导入报告 once the new report is open, and the drop target for a .docx dragged onto the window.
 */
export function ImportHost({ info, openReport: onOpened }: WindowHostProps) {
  const notify = useNotify()
  const ui = useSyncExternalStore(importController.subscribe, importController.getSnapshot)

  useEffect(() => importController.configure({ info, onOpened, notify }), [info, onOpened, notify])

  // Drag a .docx onto the window: 导入上一年报告. Anything else dropped is refused, never opened by the page.
  useEffect(() => {
    let depth = 0
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth++
      importController.setDragging(true)
    }
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) importController.setDragging(false)
    }
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth = 0
      importController.setDragging(false)
      // Another feature may take the files (汇总 takes what schools sent while a city report is open).
      const all = Array.from(e.dataTransfer?.files ?? [])
      if (all.length && offerDrop(all)) {
        e.preventDefault()
        e.stopPropagation()
        return
      }
      // A photo dropped into the text is the editor's; a .docx anywhere is an import.
      const file = all[0]
      if (!file || !(isDocx(file) || /\.doc$/i.test(file.name))) return
      e.preventDefault()
      e.stopPropagation()
      void importController.importDocx(file)
    }
    window.addEventListener('dragover', over)
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop, true)
    return () => {
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop, true)
    }
  }, [])

  return (
    <>
      {ui.dragging && !ui.busy && (
        <div className="import-drop" data-testid="import-drop">
          <div>{dropHint() ?? '松开鼠标，导入上一年的报告（Word 文档 .docx）'}</div>
        </div>
      )}
      {ui.busy && (
        <div className="dialog-backdrop import-busy" role="presentation" data-testid="import-busy">
          <div className="dialog" role="dialog" aria-modal="true" aria-label="正在导入">
            <div className="dialog-body">
              <div className="import-spinner" aria-hidden="true" />
              <p>{ui.busy}</p>
              <p className="hint">正在读取文档的结构、案例、表格和图片，请稍候。</p>
            </div>
          </div>
        </div>
      )}
      {ui.result && !ui.busy && (
        <Dialog
          title={ui.result.rollover ? `已新建 ${ui.result.rollover.toYear} 年度报告` : '导入完成'}
          onClose={() => importController.dismissResult()}
          testId="import-result"
          width={640}
          footer={
            <>
              <span className="dialog-footer-note">以后可在右侧“导入报告”中再次查看。</span>
              <button type="button" className="btn btn-primary" onClick={() => importController.dismissResult()}>
                开始编辑
              </button>
            </>
          }
        >
          <ImportReportView report={ui.result} compact />
        </Dialog>
      )}
    </>
  )
}
