import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { ReportState } from '@shared/model/report'
import { useNotify } from '../components/Notice'
import { claimFileDrops } from '../components/fileDrop'
import { intakeController, isIntakeFile } from './controller'
import { IntakeDialog } from './IntakeDialog'
import { KitDialog } from './KitDialog'
import { ProvenanceDialog } from './ProvenanceDialog'
import { DocxChoiceDialog } from './DocxChoiceDialog'
import './intake.css'

interface Props {
  report: ReportState
  flush: () => Promise<boolean>
  /** Bring a side panel to the front (汇总, 案例库). */
  showPanel: (id: string) => void
}

/**
 * 汇总 in the top bar of a city or provincial report: 汇总学校数据… (also by
 * dropping files on the window), 生成填报表…, and the two panels. It also
 * draws the 汇总 dialogs.
 */
export function IntakeMenu({ report, flush, showPanel }: Props) {
  const notify = useNotify()
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)
  const ui = useSyncExternalStore(intakeController.subscribe, intakeController.snapshot)
  const compiles = report.meta.level !== 'school'

  useEffect(() => intakeController.attach({ report, flush, notify, showPanel }), [report, flush, notify, showPanel])

  // Files schools sent, dropped anywhere on the window.
  useEffect(() => {
    if (!compiles) return
    return claimFileDrops({
      take: (files) => {
        if (!files.some(isIntakeFile)) return false
        // One Word document alone could be last year's report to import: ask.
        if (files.length === 1 && /\.docx?$/i.test(files[0].name)) intakeController.askDocx(files[0])
        else void intakeController.readFiles(files)
        return true
      },
      hint: () => '松开鼠标：汇总各单位报送的填报表、工作簿和报告（.xlsx、.nianbao、.docx）'
    })
  }, [compiles])

  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false)
    }
    window.addEventListener('mousedown', close)
    return () => window.removeEventListener('mousedown', close)
  }, [open])

  if (!compiles) return null
  const pick = (f: () => void) => {
    setOpen(false)
    f()
  }
  return (
    <div className="import-menu" ref={ref}>
      <button type="button" className="btn" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="intake-menu">
        汇总 ▾
      </button>
      {open && (
        <div className="import-menu-list" role="menu">
          <button type="button" role="menuitem" onClick={() => pick(() => void intakeController.openIntake())} data-testid="menu-intake">
            汇总学校数据…
          </button>
          <button type="button" role="menuitem" onClick={() => pick(() => intakeController.openKit())} data-testid="menu-kit">
            生成填报表…
          </button>
          <button type="button" role="menuitem" onClick={() => pick(() => showPanel('intake'))}>
            汇总情况
          </button>
          <button type="button" role="menuitem" onClick={() => pick(() => showPanel('case-library'))}>
            案例库
          </button>
        </div>
      )}
      {ui.dialog?.kind === 'intake' && <IntakeDialog ui={ui} />}
      {ui.dialog?.kind === 'kit' && <KitDialog ui={ui} result={ui.dialog.result} />}
      {ui.dialog?.kind === 'provenance' && <ProvenanceDialog data={ui.dialog.data} busy={Boolean(ui.busy)} />}
      {ui.dialog?.kind === 'docx-choice' && <DocxChoiceDialog file={ui.dialog.file} />}
    </div>
  )
}
