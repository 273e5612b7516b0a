import type { FigureSpec } from '@shared/model/figure'
import type { ReportTableSpec } from '@shared/model/table'
import type { DocNode } from '@shared/model/doc'
import type { ChapterKind } from '@shared/model/numbering'
import type { ReportMeta } from '@shared/model/report'
import type { ImportReport } from '@shared/contract/import'
import type { IndicatorWithValues } from '@shared/model/indicator'

/**
 * What an import produces, before anything is written: the report's
 * properties, its chapters as editor documents, the tables and figures the
 * documents point to, the images, and the import report. It crosses from
 * the worker to main by structured clone, so it holds only plain data.
 */
export interface ImportedAsset {
  hash: string
  mime: string
  width: number
  height: number
  bytes: Uint8Array
}

/** How a table's numbers are laid out by year, so its values can become indicator values. */
export interface YearAxis {
  /** Years along the columns (indicators in rows) or along the rows (indicators in columns). */
  along: 'columns' | 'rows'
  /** Index of the column (along columns) or row (along rows) holding each year, 0-based in the grid. */
  positions: { index: number; year: number }[]
  /** Grid indexes (rows when along columns, columns when along rows) of the indicators, with their labels. */
  series: { index: number; label: string }[]
}

export interface ImportedTable {
  spec: ReportTableSpec
  /** The caption number as typed in the old document, for messages. */
  typed: string | null
  yearAxis: YearAxis | null
}

export interface ImportedChapter {
  id: string
  title: string
  kind: ChapterKind
  doc: DocNode
}

export interface ImportedReport {
  meta: ReportMeta
  chapters: ImportedChapter[]
  tables: ImportedTable[]
  figures: FigureSpec[]
  /** Figures printed under a year in the tables, as indicators with their values. */
  indicators: IndicatorWithValues[]
  assets: ImportedAsset[]
  report: ImportReport
}
