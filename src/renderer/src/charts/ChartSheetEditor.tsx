import { TableEditor } from '../data/table/ReportTableView'
import { useTableView } from '../data/store'

/**
 * A chart's own data sheet, edited in the chart dialog with the table editor
 * of the report (formula bar, rows and columns, formats, indicator cells
 * that take a typed number as this year's value). Every change is stored at
 * once, as in a report table; the chart follows it.
 */
export function ChartSheetEditor({ id, chapterId }: { id: string; chapterId: string | null }) {
  const { view, missing } = useTableView(id)
  if (missing) return <p className="form-error">图表的数据表在报告文件中找不到了。</p>
  if (!view) return <p className="hint">正在载入数据表…</p>
  return (
    <div className="report-table chart-sheet" data-testid="chart-sheet">
      <TableEditor view={view} number={null} chapterId={chapterId} editable onDone={() => undefined} sheet />
    </div>
  )
}
