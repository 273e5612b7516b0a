import type Database from 'better-sqlite3'
import type { DataDelta } from '@shared/contract/data'
import type { ImportReport, ValueChoice } from '@shared/contract/import'
import { UserError } from '@shared/errors'
import type { ReportData } from '../data'
import { latestImportReport, updateLatestImportReport } from '../store/importReportStore'

/**
 * 保留原文数字 / 采用计算值: a derived cell whose printed value its formula
 * contradicts shows the one the user chooses. The table cell and the choice
 * in the stored import report change in one transaction.
 */
export function chooseImportedValue(
  db: Database.Database,
  data: ReportData,
  at: { tableId: string; row: number; col: number; choice: ValueChoice['choice'] }
): { report: ImportReport; delta: DataDelta } {
  const report = latestImportReport(db)
  const issue = report?.inconsistencies.find((i) => i.cell && i.cell.tableId === at.tableId && i.cell.row === at.row && i.cell.col === at.col)
  if (!report || !issue?.cell) throw new UserError('NOT_FOUND', '导入报告中没有这个单元格，可能已是新的年度报告。')
  const cell = issue.cell
  // The cell must still be the one the import wrote (rows inserted or removed since then move it).
  const now = data.tableView(cell.tableId).spec.rows[cell.row]?.[cell.col]
  const input = now?.input.trim()
  if (!now || (input !== String(cell.printedValue) && input !== cell.formula && now.derived !== cell.formula)) {
    throw new UserError('BAD_INPUT', `表中的 ${cell.address} 单元格在导入后已被修改，不能再按导入报告选择；请直接在表格中修改。`)
  }
  return db.transaction(() => {
    const delta =
      at.choice === 'computed'
        ? data.setCells(cell.tableId, [{ row: cell.row, col: cell.col, input: cell.formula }])
        : data.setCells(cell.tableId, [{ row: cell.row, col: cell.col, input: String(cell.printedValue), derived: cell.formula }])
    cell.choice = at.choice
    updateLatestImportReport(db, report)
    return { report, delta }
  })()
}
