/**
 * A chart's description, bound to data: the live-data layer fills in the
 * numbers (from a table range or from indicators) and ECharts draws it, in
 * the editor and, through server-side rendering, for Word.
 * (Owned by the live-data work; extend as needed.)
 */
export type ChartType = 'bar' | 'groupedBar' | 'line' | 'pie'

export interface ChartSpec {
  type: ChartType
  /** Where the numbers come from. */
  source:
    | { kind: 'table'; tableId: string; range: string; seriesIn: 'rows' | 'columns' }
    | { kind: 'indicators'; indicators: string[]; years: (number | 'current' | 'previous')[] }
  title?: string
  unit?: string
  showLabels?: boolean
}
