import type { PanelDef } from './types'
import { casePanel } from './cases/CasePanel'
import { historyPanel } from './history/HistoryPanel'
import { dataPanel } from '../data/panel/DataPanel'
import { importPanel } from '../import/ImportPanel'
import { checkPanel } from '../check/CheckPanel'

/**
 * The side panels of the report screen, one line each, in tab order.
 * Add yours from your own folder, e.g.
 *   import { dataPanel } from '../live/DataPanel'   (issue 4: 数据)
 *   import { importPanel } from '../import/ImportPanel'
import { checkPanel } from '../check/CheckPanel'   (issue 6: 导入报告)
 */
export const sidePanels: PanelDef[] = [
  casePanel,
  historyPanel,
  dataPanel,
  importPanel,
  checkPanel
]
