/**
 * Live data — the public API of src/main/data (indicators, report tables
 * with formulas, figures/charts, inline fields). Other parts of main (Word
 * export, .docx import, rollover, CLI, handlers) use only what this module
 * exports.
 *
 * ## Getting at a report's data
 *
 *   const data = reportData(session.require())   // one per open report file (one formula engine)
 *   data.syncYear()                              // after the report's 数据年度 changed (properties, rollover)
 *
 * Writes go through ReportData: each is one SQLite transaction, then the
 * engine is updated incrementally, and a DataDelta says what changed.
 *
 * ## Reading (export, CLI, checks)
 *
 *   data.resolveTables(state.numbering)  → ResolvedTable[] in report order: number ("1-2"; null in
 *                                          appendices), caption (years filled in), note, headerRows,
 *                                          columnWidths, merges, rows of ResolvedCell { text (as displayed),
 *                                          align, value, error?, missing? }
 *   data.resolveFigures(state.numbering) → ResolvedFigure[] in report order, with chart spec and ChartData
 *   data.fieldText(ref, parseFormat(format))
 *                                        → the text of an inline dataField node (attrs ref, format) as it
 *                                          reads in the document; "（待填）" when its data is missing,
 *                                          "（数据错误）" when its formula fails
 *   data.indicators()                    → every indicator with its values per year
 *
 * Chart pictures for Word are drawn by src/main/charts (renderChartPng, with
 * the editor's option builder src/shared/charts/option.ts); report templates
 * and their standard tables live in src/main/templates.
 *
 * ## Writing (import, rollover, templates)
 *
 *   data.createIndicator({ id?, name, unit, group, chapterId, source, format }) → { id, delta }
 *   data.updateIndicator(id, patch)       a rename rewrites 指标("旧名",…) in every table formula
 *   data.deleteIndicator(id)              formulas that used it show an explanation in their cells
 *   data.setValue(nameOrKey, year, value | null) / data.setValues([...])
 *   data.putTable(spec, chapterId)        create or replace a table from a full ReportTableSpec (cells may
 *                                          hold text, numbers or formulas; see syntax below); the chapter
 *                                          doc holds { type: 'reportTable', attrs: { id: spec.id } }
 *   data.setCells(tableId, [{ row, col, input?, format?, align? }])
 *   data.reshape(tableId, { kind: 'insertRows'|'removeRows'|'insertCols'|'removeCols', at, count })
 *                                          references to moved cells are rewritten everywhere
 *   data.putFigure(spec, chapterId)       a chart ({ kind: 'chart', chart: ChartSpec }) or an image
 *                                          ({ kind: 'image', asset: sha256 }); node { type: 'figure', attrs: { id } }
 *   data.deleteTable(id) / data.deleteFigure(id)
 *
 * While a report file is being created (ReportSession.create's seed, inside
 * its transaction) use DataStore (src/main/store/dataStore.ts) directly: the
 * engine is built from the file when the report is first used.
 *
 * Rollover: copy the rows into the new file and set its data year. Values are
 * stored per absolute year, formulas name years relative to the data year
 * (本年/上年/前年), so the old 本年 column becomes 上年 and 本年 waits for input
 * (its cells show empty, marked `missing`).
 *
 * ## Formula syntax (cells and fields)
 *
 * Excel formulas computed by HyperFormula (GPL-3.0; the project is
 * GPL-3.0-or-later): =C3-B3, =ROUND(B4/B2*100,2), =SUM(B2:B14), IF, AVERAGE…
 * A table is a sheet addressed A1 from its top-left cell, header rows
 * included; another table's cell is '<tableId>'!C5. The report adds:
 *   指标("专任教师", 上年)   an indicator (by Chinese name or key) for a year:
 *                            本年, 上年, 前年, 本年-N or 2020; omitted = 本年
 *   本年 / 上年 / 前年        the year as a number (=上年&" 年" → "2020 年")
 * Full-width punctuation typed on a Chinese keyboard is accepted.
 * Captions and notes may contain {本年} {上年} {前年}.
 * A change column is the difference of the values as displayed:
 * =ROUND(C5,2)-ROUND(B5,2). Errors (#REF!, #DIV/0!, cycles, unknown
 * indicators) stay in their cell with a Chinese explanation
 * (ResolvedCell.error); missing data (#N/A from an indicator without a value
 * for the year) shows empty with `missing: true`.
 *
 * Number formats (CellFormat, src/shared/model/table.ts; formatting in
 * src/shared/model/format.ts): general, fixed (18.28), percent (95.56%),
 * change (+1.45 / -0.01), arrow (↑ 0.69), ratio (18.28:1), trend (增加 15).
 * Inline fields store them compactly: "fixed:2", "trend:0:上升:下降".
 */
export { reportData } from './registry'
export { ReportData, emptyDelta, type CellEdit, type NewIndicator } from './reportData'
export { DataEngine } from './engine'
export { columnName, columnIndex, cellAddress, parseRange } from '@shared/model/cellAddress'
export { DataStore } from '../store/dataStore'
export { parseFormat, formatValue, formatToString } from '@shared/model/format'
export { fieldFormula, presetOf, describeField, type FieldPreset, type ResolvedField } from '@shared/model/fields'
export { scanFormula, directBinding, indicatorCall, normalizeFormulaInput, fillYears } from '@shared/model/formula'
export type { DataDelta, TableView, FigureView, CellChange, DataOverview } from '@shared/contract/data'
