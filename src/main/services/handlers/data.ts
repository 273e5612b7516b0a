import type { Handlers } from '@shared/api'
import { reportData, type ReportData } from '../../data'
import type { ServiceContext } from '../context'

/**
 * Live data: indicators, report tables, figures and inline fields. Reads use
 * the open report's engine; writes check first that the file is still where
 * it was (session.store()), and return a DataDelta for the editor.
 */
export function dataHandlers(ctx: ServiceContext): Handlers['data'] {
  const { session } = ctx
  const read = (): ReportData => {
    const d = reportData(session.require())
    d.syncYear()
    return d
  }
  const write = (): ReportData => {
    session.store()
    return read()
  }
  /** Numbers of tables and figures as the saved chapters give them ("1-2"). */
  const numberOf = () => {
    const n = ctx.state().numbering
    const m = new Map<string, string | null>([...n.tables, ...n.figures].map((x) => [x.id, x.number]))
    return (id: string) => m.get(id) ?? null
  }
  return {
    overview: () => read().overview(),
    views: (input) => read().views(input, numberOf()),
    table: ({ id }) => read().tableView(id, numberOf()),
    tables: () => read().resolveTables(ctx.state().numbering),
    chartSheets: () => read().chartSheets(ctx.state().numbering).map(({ t, figure }) => ({ table: t, figure })),
    charts: () => read().resolveFigures(ctx.state().numbering).filter((f) => f.kind === 'chart' && !!f.chart),
    figure: ({ id }) => read().figureView(id, numberOf()),
    fields: ({ refs }) => read().fields(refs),
    chartData: ({ chart }) => read().chartData(chart),

    setValue: ({ indicator, year, value }) => write().setValue(indicator, year, value),
    setValues: ({ values }) => write().setValues(values),
    createIndicator: (input) => write().createIndicator(input),
    updateIndicator: ({ id, ...patch }) => write().updateIndicator(id, patch),
    deleteIndicator: ({ id }) => write().deleteIndicator(id),

    createTable: (input) => write().createTable(input),
    duplicateTable: ({ id, to, chapterId }) => write().duplicateTable(id, chapterId, to),
    updateTable: ({ id, ...patch }) => write().updateTable(id, patch),
    setCells: ({ id, cells }) => write().setCells(id, cells),
    insertRows: ({ id, at, count, openChapterId }) => write().reshape(id, { kind: 'insertRows', at, count }, openChapterId),
    removeRows: ({ id, at, count, openChapterId }) => write().reshape(id, { kind: 'removeRows', at, count }, openChapterId),
    insertCols: ({ id, at, count, openChapterId }) => write().reshape(id, { kind: 'insertCols', at, count }, openChapterId),
    removeCols: ({ id, at, count, openChapterId }) => write().reshape(id, { kind: 'removeCols', at, count }, openChapterId),

    createFigure: (input) => write().createFigure(input),
    duplicateFigure: ({ id, to, chapterId }) => write().duplicateFigure(id, chapterId, to),
    updateFigure: ({ id, ...patch }) => write().updateFigure(id, patch),
    createChartSheet: ({ from }) => write().createChartSheet(from),
    dropChartSheet: ({ id }) => write().dropChartSheet(id)
  }
}
