/**
 * What an export reads: the report's properties and chapters, its images,
 * and the live data (tables, figures, quoted figures, chart pictures). The
 * app and the CLI read it from the open report file; tests build it directly.
 */
import type { DocNode } from '@shared/model/doc'
import type { ResolvedFigure } from '@shared/model/figure'
import type { ChapterKind } from '@shared/model/numbering'
import type { ReportMeta } from '@shared/model/report'
import type { ResolvedTable } from '@shared/model/table'

export interface ExportChapter {
  id: string
  title: string
  kind: ChapterKind
  doc: DocNode
}

export interface ExportAsset {
  mime: string
  width: number
  height: number
  bytes: Uint8Array
}

/**
 * The live data as the editor shows it now. Tables and figures come with
 * their cells computed and formatted; charts are drawn on the main side.
 */
export interface ExportData {
  /** A report table with every cell computed and formatted; null when it no longer exists. */
  table(id: string): ResolvedTable | null
  figure(id: string): ResolvedFigure | null
  /** A quoted figure's text as shown in the editor (a dataField node); null when it cannot be computed. */
  fieldText(ref: string, format: string | null): string | null
  /** A chart as a PNG of the given size in pixels. */
  chartPng(figure: ResolvedFigure, size: { width: number; height: number }): Promise<Uint8Array>
  /** Several charts at once (in parallel, with one font subset), in order; a source without it is asked chart by chart. */
  chartPngs?(figures: ResolvedFigure[], size: { width: number; height: number }): Promise<Uint8Array[]>
}

export interface ExportSource {
  meta: ReportMeta
  chapters: ExportChapter[]
  asset(hash: string): ExportAsset | null
  data: ExportData
}
