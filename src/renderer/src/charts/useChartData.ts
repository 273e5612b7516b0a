import { useMemo } from 'react'
import type { ChartData, ChartSpec } from '@shared/charts/model'
import { useTableView } from '../data/store'
import { typedSheetChartData } from './sheetTyping'
import { useTypedSheet } from './typedSheets'

/**
 * The numbers a chart in the chapter draws: main's figure data, except while
 * the chart's own sheet is open in the chart dialog, when they are read from
 * the sheet and the numbers typed into it (so the chart behind the dialog
 * redraws in the frame a number is entered, like the preview).
 */
export function useChartData(spec: ChartSpec | undefined, stored: ChartData | null | undefined): ChartData | null | undefined {
  const sheetId = spec?.source.kind === 'sheet' ? spec.source.tableId : undefined
  const seriesIn = spec?.source.kind === 'sheet' ? spec.source.seriesIn : 'columns'
  const typed = useTypedSheet(sheetId)
  // The sheet's view is asked for only while it is open (the dialog has it already).
  const sheet = useTableView(typed && sheetId ? sheetId : '').view
  return useMemo(() => (typed && sheet ? typedSheetChartData(sheet, seriesIn, typed) : stored), [typed, sheet, seriesIn, stored])
}
