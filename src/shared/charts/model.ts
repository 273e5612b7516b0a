/**
 * A chart's description, bound to data: the live-data layer fills in the
 * numbers (from a table range, the chart's own data sheet, or indicators)
 * and ECharts draws it, in the editor and, through server-side rendering,
 * for Word, with the same option builder (src/shared/charts/option.ts).
 */
export type ChartType =
  /** Columns (one series: no legend). */
  | 'bar'
  /** Columns side by side, one colour per series (two years compared). */
  | 'groupedBar'
  /** Columns stacked on each other (parts of a whole per category). */
  | 'stackedBar'
  | 'line'
  | 'pie'
  /** A pie with a hole. */
  | 'doughnut'
  /** Columns and lines in one chart (柱线组合图), with an optional second value axis on the right. */
  | 'combo'

/** A year as a chart names it: relative to the report's data year, or absolute. */
export type ChartYear = 'current' | 'previous' | 'beforePrevious' | number

export type ChartSource =
  /**
   * A rectangle of a report table, e.g. "A1:C6", or several of the same
   * height (or width) read as one, as Excel writes a chart's data
   * ("A1:A4,E1:E4": the labels and one column further right). Its first row
   * and first column are labels. seriesIn 'columns': each further column is
   * a series (named by its top cell) over the categories of the first column
   * (表 1-2: 2020年, 2021年 over 教职工数, 专任教师…); 'rows': the other way round.
   */
  | { kind: 'table'; tableId: string; range: string; seriesIn: 'rows' | 'columns' }
  /**
   * The chart's own data sheet (as Word keeps one per chart): a table that
   * belongs to the figure and is shown only in the chart dialog, read whole,
   * its first row and first column being labels. It is a table of the
   * formula engine like any other, so formulas, indicators and years
   * relative to the data year (=上年&"年") work in it.
   */
  | { kind: 'sheet'; tableId: string; seriesIn: 'rows' | 'columns' }
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
  /** The values are percentages (97.87 for 97.87%): labels and the value axis read "97.87%". */
  percent?: boolean
  /** Bars run left to right (条形图): bar, groupedBar and stackedBar. */
  horizontal?: boolean
  /** Lines (line, and the lines of a combo) mark their points; true when absent. */
  markers?: boolean
  /** Combo: the series (by position, 0-based) drawn as lines; the others are columns. */
  lineSeries?: number[]
  /** Combo: the series (by position) measured on the second value axis, on the right. */
  secondarySeries?: number[]
  /** Axis titles, as Word charts carry them: the category axis, the value axis, the second value axis. */
  categoryTitle?: string
  valueTitle?: string
  secondaryTitle?: string
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
  groupedBar: '簇状柱形图（对比）',
  stackedBar: '堆积柱形图',
  line: '折线图',
  pie: '饼图',
  doughnut: '圆环图',
  combo: '柱线组合图'
}

/** Types whose bars may run horizontally (条形图). */
export const BAR_TYPES: ReadonlySet<ChartType> = new Set(['bar', 'groupedBar', 'stackedBar'])
/** Types that show one series as slices of a whole. */
export const ROUND_TYPES: ReadonlySet<ChartType> = new Set(['pie', 'doughnut'])

/** How a chart type reads in a message ("簇状条形图", "带数据标记的折线图"). */
export function chartKindName(spec: Pick<ChartSpec, 'type' | 'horizontal' | 'markers'>): string {
  if (spec.type === 'line') return spec.markers === false ? '折线图' : '带数据标记的折线图'
  if (spec.horizontal && BAR_TYPES.has(spec.type)) return CHART_TYPE_LABELS[spec.type].replace('柱形图', '条形图')
  return CHART_TYPE_LABELS[spec.type]
}

export function resolveChartYear(y: ChartYear, dataYear: number): number {
  if (y === 'current') return dataYear
  if (y === 'previous') return dataYear - 1
  if (y === 'beforePrevious') return dataYear - 2
  return y
}

/** A chart source that reads a table (a range of a report table, or the chart's own sheet): its table. */
export function chartTableId(source: ChartSource): string | null {
  return source.kind === 'indicators' ? null : source.tableId
}
