/**
 * A chart's description, bound to data: the live-data layer fills in the
 * numbers (from a table range or from indicators) and ECharts draws it, in
 * the editor and, through server-side rendering, for Word, with the same
 * option builder (src/shared/charts/option.ts).
 */
export type ChartType = 'bar' | 'groupedBar' | 'line' | 'pie'

/** A year as a chart names it: relative to the report's data year, or absolute. */
export type ChartYear = 'current' | 'previous' | 'beforePrevious' | number

export type ChartSource =
  /**
   * A rectangle of a report table, e.g. "A1:C6". Its first row and first
   * column are labels. seriesIn 'columns': each further column is a series
   * (named by its top cell) over the categories of the first column (表 1-2:
   * 2020年, 2021年 over 教职工数, 专任教师…); 'rows': the other way round.
   */
  | { kind: 'table'; tableId: string; range: string; seriesIn: 'rows' | 'columns' }
  /**
   * Indicators (by key) for some years. categoriesFrom 'indicators': the
   * indicators along the axis, one series per year (grouped bars 2020 / 2021);
   * 'years': the years along the axis, one series per indicator (a line over
   * three years).
   */
  | { kind: 'indicators'; indicators: string[]; years: ChartYear[]; categoriesFrom?: 'indicators' | 'years'; labels?: Record<string, string> }

export interface ChartSpec {
  type: ChartType
  source: ChartSource
  title?: string
  /** Unit shown on the value axis (人, %, 元). */
  unit?: string
  /** Values written on the bars, points or slices. */
  showLabels?: boolean
  /** Decimals of the values written on the chart; as computed when absent. */
  decimals?: number
}

/** A chart's numbers, as computed from its source. */
export interface ChartData {
  categories: string[]
  series: { name: string; values: (number | null)[] }[]
  /** A Chinese explanation when the source cannot be read (table deleted, range outside the table…). */
  error?: string
}

export const CHART_TYPE_LABELS: Record<ChartType, string> = {
  bar: '柱形图',
  groupedBar: '分组柱形图（两年对比）',
  line: '折线图',
  pie: '饼图'
}

export function resolveChartYear(y: ChartYear, dataYear: number): number {
  if (y === 'current') return dataYear
  if (y === 'previous') return dataYear - 1
  if (y === 'beforePrevious') return dataYear - 2
  return y
}
