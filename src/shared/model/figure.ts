import type { ChartData, ChartSpec } from '../charts/model'

/**
 * A figure (图 N-M) as stored in its own row: a chart bound to data, or an
 * image (e.g. imported from last year's document).
 */
export interface FigureSpec {
  id: string
  caption: string
  /** 数据来源 line under the figure; empty when none. */
  note: string
  kind: 'chart' | 'image'
  /** For images: the asset's hash. */
  asset?: string
  /** For charts. */
  chart?: ChartSpec
}

/** A figure as it appears in the editor and in Word. */
export interface ResolvedFigure {
  id: string
  number: string | null
  caption: string
  note: string
  kind: 'chart' | 'image'
  asset?: string
  chart?: ChartSpec
  /** For charts: the numbers, computed from the chart's source. */
  data?: ChartData
}
