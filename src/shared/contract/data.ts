import { z } from 'zod'
import type { ChartData } from '../charts/model'
import type { ResolvedField } from '../model/fields'
import type { FigureSpec, ResolvedFigure } from '../model/figure'
import type { IndicatorWithValues } from '../model/indicator'
import type { ReportTableSpec, ResolvedCell, ResolvedTable } from '../model/table'
import { call, Empty, Id } from './define'

/**
 * Live data: indicators, report tables, figures and inline fields. Every
 * call that changes data returns a DataDelta: what the renderer must redraw
 * (cells, fields, charts, indicators) without reloading anything.
 */

// ---- limits -------------------------------------------------------------------

export const MAX_TABLE_ROWS = 500
export const MAX_TABLE_COLS = 40
export const MAX_CELL_INPUT = 2000
const Caption = z.string().max(200, '标题不能超过 200 个字符')
const Note = z.string().max(1000, '注释不能超过 1000 个字符')
const Year = z.number().int().min(1900, '年份无效').max(2200, '年份无效')

// ---- specs (also checked when read from a file) -----------------------------------

const Decimals = z.number().int().min(0).max(6)
export const CellFormatSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('general') }).strict(),
  z.object({ kind: z.literal('fixed'), decimals: Decimals }).strict(),
  z.object({ kind: z.literal('percent'), decimals: Decimals }).strict(),
  z.object({ kind: z.literal('change'), decimals: Decimals }).strict(),
  z.object({ kind: z.literal('arrow'), decimals: Decimals }).strict(),
  z.object({ kind: z.literal('ratio'), decimals: Decimals }).strict(),
  z.object({ kind: z.literal('trend'), decimals: Decimals, up: z.string().max(8).optional(), down: z.string().max(8).optional() }).strict()
])

const Align = z.enum(['left', 'center', 'right'])

export const TableCellSchema = z
  .object({
    input: z.string().max(MAX_CELL_INPUT, `单元格内容不能超过 ${MAX_CELL_INPUT} 个字符`),
    format: CellFormatSchema.optional(),
    align: Align.optional(),
    derived: z.string().max(MAX_CELL_INPUT).startsWith('=').optional()
  })
  .strict()

export const TableMergeSchema = z
  .object({
    row: z.number().int().min(0).max(MAX_TABLE_ROWS),
    col: z.number().int().min(0).max(MAX_TABLE_COLS),
    rowSpan: z.number().int().min(1).max(MAX_TABLE_ROWS),
    colSpan: z.number().int().min(1).max(MAX_TABLE_COLS)
  })
  .strict()

export const ReportTableSpecSchema = z
  .object({
    id: Id,
    caption: Caption,
    note: Note,
    headerRows: z.number().int().min(0).max(10),
    columnWidths: z.array(z.number().min(0).max(1000)).max(MAX_TABLE_COLS),
    rows: z.array(z.array(TableCellSchema).min(1).max(MAX_TABLE_COLS)).min(1).max(MAX_TABLE_ROWS),
    merges: z.array(TableMergeSchema).max(1000)
  })
  .strict()

const ChartYearSchema = z.union([z.enum(['current', 'previous', 'beforePrevious']), Year])
const IndicatorRef = z.string().min(1).max(64)
const CellRange = z
  .string()
  .max(120)
  .regex(/^[A-Za-z]{1,2}[0-9]{1,3}:[A-Za-z]{1,2}[0-9]{1,3}(,[A-Za-z]{1,2}[0-9]{1,3}:[A-Za-z]{1,2}[0-9]{1,3}){0,7}$/, '区域应写成 A1:C5 的形式（几个区域用逗号隔开，如 A1:A4,E1:E4）')
const SeriesIndexes = z.array(z.number().int().min(0).max(MAX_TABLE_COLS)).max(MAX_TABLE_COLS)
const AxisTitle = z.string().max(60, '坐标轴标题不能超过 60 个字符')

export const ChartSpecSchema = z
  .object({
    type: z.enum(['bar', 'groupedBar', 'stackedBar', 'line', 'pie', 'doughnut', 'combo']),
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('table'), tableId: Id, range: CellRange, seriesIn: z.enum(['rows', 'columns']) }).strict(),
      z.object({ kind: z.literal('sheet'), tableId: Id, seriesIn: z.enum(['rows', 'columns']) }).strict(),
      z
        .object({
          kind: z.literal('indicators'),
          indicators: z.array(IndicatorRef).min(1, '请至少选择一个指标').max(30),
          years: z.array(ChartYearSchema).min(1, '请至少选择一个年份').max(10),
          categoriesFrom: z.enum(['indicators', 'years']).optional(),
          labels: z
            .record(IndicatorRef, z.string().max(40))
            .refine((l) => Object.keys(l).length <= 30, '图例名称不能超过 30 个')
            .optional()
        })
        .strict()
    ]),
    title: z.string().max(100).optional(),
    unit: z.string().max(20).optional(),
    showLabels: z.boolean().optional(),
    decimals: Decimals.optional(),
    percent: z.boolean().optional(),
    horizontal: z.boolean().optional(),
    markers: z.boolean().optional(),
    lineSeries: SeriesIndexes.optional(),
    secondarySeries: SeriesIndexes.optional(),
    categoryTitle: AxisTitle.optional(),
    valueTitle: AxisTitle.optional(),
    secondaryTitle: AxisTitle.optional()
  })
  .strict()

export const FigureSpecSchema = z
  .object({
    id: Id,
    caption: Caption,
    note: Note,
    kind: z.enum(['chart', 'image']),
    asset: z.string().regex(/^[a-f0-9]{64}$/).optional(),
    chart: ChartSpecSchema.optional()
  })
  .strict()

const IndicatorFields = {
  name: z.string().trim().min(1, '指标名称不能为空').max(60, '指标名称不能超过 60 个字符'),
  unit: z.string().trim().max(20),
  group: z.string().trim().max(40),
  chapterId: Id.nullable(),
  source: z.string().trim().max(300),
  format: CellFormatSchema
}

const FieldRef = z.string().min(2).max(MAX_CELL_INPUT).startsWith('=', '字段公式应以“=”开头')

// ---- results ----------------------------------------------------------------------

/** One changed cell of a table. */
export interface CellChange {
  tableId: string
  row: number
  col: number
  cell: ResolvedCell
}

export interface DataDelta {
  /** Tables whose layout or spec changed: the whole table again. */
  tables: TableView[]
  /** Cells whose value changed (in tables not listed above). */
  cells: CellChange[]
  /** Inline fields whose value changed. */
  fields: ResolvedField[]
  /** Charts whose numbers or spec changed. */
  figures: FigureView[]
  /** Indicators created, renamed or given new values. */
  indicators: IndicatorWithValues[]
  /** Indicators deleted. */
  removedIndicators: string[]
  /**
   * Inline field formulas the engine rewrote because the table cells they
   * quote moved (rows or columns inserted or removed): the editor holding the
   * open chapter replaces `from` by `to` in its dataField nodes.
   */
  fieldRenames?: { from: string; to: string }[]
}

/** What the editor needs to show and edit a table: what was typed, and what it displays. */
export interface TableView {
  id: string
  spec: ReportTableSpec
  resolved: ResolvedTable
}

export interface FigureView {
  id: string
  spec: FigureSpec
  resolved: ResolvedFigure
  data: ChartData | null
}

export interface DataOverview {
  /** The report's data year (本年). */
  year: number
  indicators: IndicatorWithValues[]
}

export interface ChapterDataViews {
  tables: TableView[]
  figures: FigureView[]
  fields: ResolvedField[]
  /** Ids asked for that have no row (a node whose table was lost): the editor marks them. */
  missingTables: string[]
  missingFigures: string[]
}

// ---- calls ------------------------------------------------------------------------

const TableId = Id
const Row = z.number().int().min(0).max(MAX_TABLE_ROWS)
const Col = z.number().int().min(0).max(MAX_TABLE_COLS)

export const dataCalls = {
  /** Every indicator with its values, and the data year: the 数据 panel. */
  overview: call<DataOverview>()(Empty),
  /** The tables, figures and fields one chapter shows (one call when a chapter opens). */
  views: call<ChapterDataViews>()(
    z
      .object({
        tables: z.array(TableId).max(2000).default([]),
        figures: z.array(Id).max(2000).default([]),
        fields: z.array(FieldRef).max(5000).default([])
      })
      .strict()
  ),
  table: call<TableView>()(z.object({ id: TableId }).strict()),
  /** Every report table in report order, as displayed, numbered as the saved chapters give them (nianbao tables). */
  tables: call<ResolvedTable[]>()(Empty),
  /** The data sheets of the report's charts (a chart's own table, shown in its dialog), in report order, each with its figure's number (nianbao tables). */
  chartSheets: call<{ table: ResolvedTable; figure: string | null }[]>()(Empty),
  /** Every chart of the report in order, with the numbers it shows (nianbao data). */
  charts: call<ResolvedFigure[]>()(Empty),
  figure: call<FigureView>()(z.object({ id: Id }).strict()),
  fields: call<ResolvedField[]>()(z.object({ refs: z.array(FieldRef).max(5000) }).strict()),
  /** The numbers a chart spec would show (the chart dialog's preview). */
  chartData: call<ChartData>()(z.object({ chart: ChartSpecSchema }).strict()),

  // indicators
  setValue: call<DataDelta>()(z.object({ indicator: IndicatorRef, year: Year, value: z.number().finite().nullable() }).strict()),
  setValues: call<DataDelta>()(
    z.object({ values: z.array(z.object({ indicator: IndicatorRef, year: Year, value: z.number().finite().nullable() }).strict()).min(1).max(5000) }).strict()
  ),
  createIndicator: call<{ id: string; delta: DataDelta }>()(
    z
      .object({
        ...IndicatorFields,
        unit: IndicatorFields.unit.default(''),
        group: IndicatorFields.group.default(''),
        chapterId: IndicatorFields.chapterId.default(null),
        source: IndicatorFields.source.default(''),
        format: CellFormatSchema.default({ kind: 'general' })
      })
      .strict()
  ),
  updateIndicator: call<DataDelta>()(
    z
      .object({
        id: IndicatorRef,
        name: IndicatorFields.name.optional(),
        unit: IndicatorFields.unit.optional(),
        group: IndicatorFields.group.optional(),
        chapterId: IndicatorFields.chapterId.optional(),
        source: IndicatorFields.source.optional(),
        format: CellFormatSchema.optional()
      })
      .strict()
  ),
  deleteIndicator: call<DataDelta>()(z.object({ id: IndicatorRef }).strict()),

  // tables
  createTable: call<{ id: string; delta: DataDelta }>()(
    z
      .object({
        chapterId: Id.nullable().default(null),
        caption: Caption.default(''),
        rows: z.number().int().min(1).max(MAX_TABLE_ROWS).default(4),
        cols: z.number().int().min(1).max(MAX_TABLE_COLS).default(4),
        /** 'compare': the usual 指标 | 上年 | 本年 | 变化情况 layout with the year headers as formulas. */
        layout: z.enum(['blank', 'compare']).default('blank')
      })
      .strict()
  ),
  /** A copy of a table under a new id (a pasted table node gets its own row); `to` is the id the pasted node already carries. */
  duplicateTable: call<{ id: string; delta: DataDelta }>()(z.object({ id: TableId, to: TableId.optional(), chapterId: Id.nullable().default(null) }).strict()),
  updateTable: call<DataDelta>()(
    z
      .object({
        id: TableId,
        caption: Caption.optional(),
        note: Note.optional(),
        headerRows: z.number().int().min(0).max(10).optional(),
        columnWidths: z.array(z.number().min(0).max(1000)).max(MAX_TABLE_COLS).optional(),
        merges: z.array(TableMergeSchema).max(1000).optional()
      })
      .strict()
  ),
  setCells: call<DataDelta>()(
    z
      .object({
        id: TableId,
        cells: z
          .array(
            z
              .object({
                row: Row,
                col: Col,
                input: z.string().max(MAX_CELL_INPUT, `单元格内容不能超过 ${MAX_CELL_INPUT} 个字符`).optional(),
                format: CellFormatSchema.optional(),
                align: Align.optional()
              })
              .strict()
          )
          .min(1)
          .max(20_000)
      })
      .strict()
  ),
  /** Rows and columns; `openChapterId` is the chapter the editor holds (its fields are renamed there, see DataDelta.fieldRenames). */
  insertRows: call<DataDelta>()(z.object({ id: TableId, at: Row, count: z.number().int().min(1).max(100).default(1), openChapterId: Id.nullable().default(null) }).strict()),
  removeRows: call<DataDelta>()(
    z.object({ id: TableId, at: Row, count: z.number().int().min(1).max(MAX_TABLE_ROWS).default(1), openChapterId: Id.nullable().default(null) }).strict()
  ),
  insertCols: call<DataDelta>()(z.object({ id: TableId, at: Col, count: z.number().int().min(1).max(20).default(1), openChapterId: Id.nullable().default(null) }).strict()),
  removeCols: call<DataDelta>()(
    z.object({ id: TableId, at: Col, count: z.number().int().min(1).max(MAX_TABLE_COLS).default(1), openChapterId: Id.nullable().default(null) }).strict()
  ),

  // figures
  createFigure: call<{ id: string; delta: DataDelta }>()(
    z.object({ chapterId: Id.nullable().default(null), caption: Caption.default(''), note: Note.default(''), chart: ChartSpecSchema }).strict()
  ),
  duplicateFigure: call<{ id: string; delta: DataDelta }>()(z.object({ id: Id, to: Id.optional(), chapterId: Id.nullable().default(null) }).strict()),
  updateFigure: call<DataDelta>()(
    z.object({ id: Id, caption: Caption.optional(), note: Note.optional(), chart: ChartSpecSchema.optional() }).strict()
  ),
  /** A chart's own data sheet: blank (a two-year layout), or holding what `from` shows now; the chart dialog edits it with the table calls. */
  createChartSheet: call<{ id: string; delta: DataDelta }>()(z.object({ from: ChartSpecSchema.optional() }).strict()),
  /** Forget a data sheet made in a chart dialog that was then cancelled (refused while a figure reads it). */
  dropChartSheet: call<void>()(z.object({ id: TableId }).strict())
}
