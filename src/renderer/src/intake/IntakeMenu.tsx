import { useEffect, useSyncExternalStore } from 'react'
import type { ReportState } from '@shared/model/report'
import { useNotify } from '../components/Notice'
import { claimFileDrops } from '../components/fileDrop'
import { HeaderMenu } from '../components/HeaderMenu'
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
  const ui = useSyncExternalStore(intakeController.subscribe, intakeController.getSnapshot)
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

  if (!compiles) return null
  return (
    <>
      <HeaderMenu
        label="汇总"
        testId="intake-menu"
        items={[
          { label: '汇总学校数据…', onSelect: () => void intakeController.openIntake(), testId: 'menu-intake' },
          { label: '生成填报表…', onSelect: () => intakeController.openKit(), testId: 'menu-kit' },
          { label: '汇总情况', onSelect: () => showPanel('intake') },
          { label: '案例库', onSelect: () => showPanel('case-library') }
        ]}
      />
      {ui.dialog?.kind === 'intake' && <IntakeDialog ui={ui} />}
      {ui.dialog?.kind === 'kit' && <KitDialog ui={ui} result={ui.dialog.result} />}
      {ui.dialog?.kind === 'provenance' && <ProvenanceDialog data={ui.dialog.data} busy={Boolean(ui.busy)} />}
      {ui.dialog?.kind === 'docx-choice' && <DocxChoiceDialog file={ui.dialog.file} />}
    </>
  )
}
