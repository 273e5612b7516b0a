import type { ChartSource } from '@shared/charts/model'
import { columnName } from '@shared/model/cellAddress'
import { plainNumber } from '@shared/model/format'
import type { ReportTableSpec } from '@shared/model/table'
import type { ImportedTable } from '../model'
import type { ChartContent } from './charts'
import { parseNumber, tableData, type Grid, type GridCell } from './tables'
import { tidy } from './text'

/**
 * Where an imported chart's numbers live, so that a person can see and edit
 * them: a numbered table of the report that prints the same figures (the
 * chart then reads a range of it, and follows it), or else the chart's own
 * data sheet, a table that belongs to the figure (as Word keeps a workbook
 * per chart). Either way the figures are cells of the formula engine, and
 * years in the labels become years relative to the data year when the
 * report's year columns are linked.
 */

/** Labels compared as a reader would: spacing, full-width forms and a trailing unit ("教职工数（人）") aside. */
function norm(s: string): string {
  return tidy(s)
    .replace(/\s+/g, '')
    .replace(/[（(][^（）()]{0,8}[)）]$/, '')
    .replace(/[/／]?[%％]$/, '')
    .replace(/[：:]$/, '')
    .toLowerCase()
}

function sameLabel(table: string, chart: string): boolean {
  const a = norm(table)
  const b = norm(chart)
  return a !== '' && (a === b || (b.length >= 2 && (a.includes(b) || b.includes(a))))
}

/** A table cell's number as typed (a literal; formulas are not known before the engine runs). */
function cellNumber(spec: ReportTableSpec, r: number, c: number): number | null {
  const cell = spec.rows[r]?.[c]
  if (!cell || cell.input.trim().startsWith('=')) return null
  const n = Number(cell.input.trim())
  return cell.input.trim() !== '' && Number.isFinite(n) ? n : null
}

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}

/** Columns (or rows) grouped into runs of neighbours: "A, B, C, E" → A:C, E:E. */
function runs(indexes: number[]): [number, number][] {
  const out: [number, number][] = []
  for (const i of indexes) {
    const last = out[out.length - 1]
    if (last && last[1] + 1 === i) last[1] = i
    else out.push([i, i])
  }
  return out
}

/**
 * A range of one of `tables` that prints exactly this chart: its categories
 * down a column (or along a row) in order, each series a column (or row)
 * named like the series, with the same numbers. Null when none does.
 */
export function matchTable(content: ChartContent, tables: ReportTableSpec[]): Extract<ChartSource, { kind: 'table' }> | null {
  const { categories, series } = content
  if (categories.length === 0 || series.length === 0 || categories.length > 60) return null
  for (const spec of tables) {
    const hit = matchColumns(spec, categories, series) ?? matchRows(spec, categories, series)
    if (hit) return { kind: 'table', tableId: spec.id, ...hit }
  }
  return null
}

type Hit = { range: string; seriesIn: 'rows' | 'columns' }

function matchColumns(spec: ReportTableSpec, categories: string[], series: ChartContent['series']): Hit | null {
  const height = spec.rows.length
  const width = Math.max(...spec.rows.map((r) => r.length))
  const label = (r: number, c: number) => spec.rows[r]?.[c]?.input ?? ''
  for (let c0 = 0; c0 < width; c0++) {
    for (let r1 = 1; r1 + categories.length <= height; r1++) {
      if (!categories.every((cat, k) => sameLabel(label(r1 + k, c0), cat))) continue
      const head = r1 - 1
      const cols: number[] = []
      for (const s of series) {
        const col = Array.from({ length: width }, (_, c) => c).find(
          (c) => c !== c0 && !cols.includes(c) && sameLabel(label(head, c), s.name) && s.values.every((v, k) => sameNumber(cellNumber(spec, r1 + k, c), v))
        )
        if (col === undefined) break
        cols.push(col)
      }
      if (cols.length !== series.length || [...cols].sort((a, b) => a - b).some((c, i) => c !== cols[i])) continue
      const last = r1 + categories.length - 1
      const parts = runs([c0, ...cols].filter((c, i, all) => all.indexOf(c) === i))
      if (parts.length > 8 || cols[0] < c0) continue
      return { range: parts.map(([a, b]) => `${columnName(a)}${head + 1}:${columnName(b)}${last + 1}`).join(','), seriesIn: 'columns' }
    }
  }
  return null
}

function matchRows(spec: ReportTableSpec, categories: string[], series: ChartContent['series']): Hit | null {
  const height = spec.rows.length
  const width = Math.max(...spec.rows.map((r) => r.length))
  const label = (r: number, c: number) => spec.rows[r]?.[c]?.input ?? ''
  for (let r0 = 0; r0 < height; r0++) {
    for (let c1 = 1; c1 + categories.length <= width; c1++) {
      if (!categories.every((cat, k) => sameLabel(label(r0, c1 + k), cat))) continue
      const head = c1 - 1
      const rows: number[] = []
      for (const s of series) {
        const row = Array.from({ length: height }, (_, r) => r).find(
          (r) => r !== r0 && !rows.includes(r) && sameLabel(label(r, head), s.name) && s.values.every((v, k) => sameNumber(cellNumber(spec, r, c1 + k), v))
        )
        if (row === undefined) break
        rows.push(row)
      }
      if (rows.length !== series.length || [...rows].sort((a, b) => a - b).some((r, i) => r !== rows[i]) || rows[0] < r0) continue
      const last = c1 + categories.length - 1
      const parts = runs([r0, ...rows])
      if (parts.length > 8) continue
      return { range: parts.map(([a, b]) => `${columnName(head)}${a + 1}:${columnName(last)}${b + 1}`).join(','), seriesIn: 'rows' }
    }
  }
  return null
}

/**
 * The chart's own data sheet: a label row (the series) over one row per
 * category, as the chart's workbook lays it out. The year layout is found as
 * in any imported table, so linking years turns its figures into indicators
 * read for 本年/上年 and its year labels into =上年&"年".
 */
export function chartSheet(content: ChartContent, id: string, caption: string, note: string): ImportedTable {
  const text = (v: number | null, percent: boolean) => (v === null ? '' : `${plainNumber(v)}${percent ? '%' : ''}`)
  const rows: GridCell[][] = [
    [{ text: content.spec.categoryTitle ?? '' }, ...content.series.map((s) => ({ text: s.name }))],
    ...content.categories.map((cat, k) => [
      { text: cat },
      ...content.series.map((s) => {
        const t = text(s.values[k], s.format.kind === 'percent')
        return { text: t, num: parseNumber(t) }
      })
    ])
  ]
  const grid: Grid = { rows, merges: [], headerRows: 1, columnWidths: rows[0].map((_, i) => (i === 0 ? 2 : 1)) }
  const data = tableData(grid)
  // Figures keep the decimals the chart gave them where it asked for more than it stored (0.0 for 12).
  data.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      const f = content.series[c - 1]?.format
      if (r === 0 || c === 0 || !f || f.kind === 'general' || !cell.input) return
      const shown = cell.format && 'decimals' in cell.format ? cell.format.decimals : 0
      if (f.decimals > shown) cell.format = { kind: f.kind, decimals: f.decimals }
    })
  )
  const spec: ReportTableSpec = {
    id,
    caption: caption.slice(0, 200),
    note: note.slice(0, 1000),
    headerRows: 1,
    columnWidths: grid.columnWidths,
    rows: data.cells,
    merges: []
  }
  return { spec, typed: null, yearAxis: data.yearAxis }
}
