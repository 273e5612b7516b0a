import type { Feature } from '../editor/feature'
import { IntakeMenu } from './IntakeMenu'
import { intakePanel } from './IntakePanel'
import { caseLibraryPanel } from './CaseLibraryPanel'

/** 汇总: the 汇总 menu of city and provincial reports (with its dialogs and files dropped on the window), the 汇总 and 案例库 panels. */
export const intakeFeature: Feature = {
  id: 'intake',
  panels: [intakePanel, caseLibraryPanel],
  header: [{ id: 'intake', component: IntakeMenu }]
}
