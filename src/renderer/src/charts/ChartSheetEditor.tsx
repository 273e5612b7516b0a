import { useEffect, useRef, useState } from 'react'
import { TableEditor } from '../data/table/ReportTableView'
import { liveTableData } from '../data/table/tableData'
import { useTableView } from '../data/store'
import { ChapterHistory } from '../editor/history/chapterHistory'
import { typingIntoSheet } from './sheetTyping'
import { typedSheets } from './typedSheets'

/**
 * A chart's own data sheet, edited in the chart dialog with the table editor
 * of the report (formula bar, rows and columns, formats, indicator cells
 * that take a typed number as this year's value). Every change is stored at
 * once, as in a report table; the chart follows it, and every chart that
 * reads the sheet (the dialog's preview, the chart in the chapter) is told
 * the typed numbers before they are stored (`typedSheets`).
 * Ctrl+Z and Ctrl+Y in the sheet take back its own steps while the dialog
 * is open.
 */
export function ChartSheetEditor({ id, chapterId }: { id: string; chapterId: string | null }) {
  const { view, missing } = useTableView(id)
  const [history] = useState(() => new ChapterHistory())
  const current = useRef(view)
  current.current = view
  const sheetId = useRef(id)
  sheetId.current = id
  const [data] = useState(() => typingIntoSheet(liveTableData, () => current.current ?? null, (cells) => typedSheets.tell(sheetId.current, cells)))
  useEffect(() => typedSheets.opened(id), [id])
  if (missing) return <p className="form-error">图表的数据表在报告文件中找不到了。</p>
  if (!view) return <p className="hint">正在载入数据表…</p>
  return (
    <div className="report-table chart-sheet" data-testid="chart-sheet">
      <TableEditor key={view.id} view={view} number={null} chapterId={chapterId} history={history} onDone={() => undefined} sheet data={data} />
    </div>
  )
}
