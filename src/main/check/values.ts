import type { DataValue } from '@shared/check/types'
import { labelName } from '@shared/check/names'
import { indicatorValues } from '@shared/check/dataValues'
import { cellAddress } from '@shared/model/cellAddress'
import { directBinding, fillYears } from '@shared/model/formula'
import type { ReportNumbering } from '@shared/model/numbering'
import type { ResolvedTable, ReportTableSpec } from '@shared/model/table'
import type { ReportData } from '../data'

/**
 * The figures of a report's data as 体检 reads them, for one year and the
 * one before: every indicator's values (quoted as 指标("key", 本年)), and
 * the cells of the tables' year columns (or rows) that are not simply an
 * indicator (a share, a ratio, a per-student figure computed in the table,
 * quoted as 'table'!C6). A change column is not a figure of a year.
 */
export interface DataSnapshot {
  values: DataValue[]
  indicators: { key: string; name: string; unit: string; values: Record<string, number>; tableId: string | null }[]
  tables: { id: string; caption: string; mismatches: { row: number; col: number; address: string; printed: string; computed: string }[] }[]
  figures: { id: string; caption: string }[]
}

const YEAR_TEXT = /^\s*((?:19|20)\d{2})\s*(年度|学年|年)?\s*$/
const CHANGE = /变化|增减|对比|比较|增幅|差/

export function dataSnapshot(data: ReportData, numbering: ReportNumbering): DataSnapshot {
  const year = data.year
  const years = new Set([year, year - 1])
  const tableLabel = new Map(numbering.tables.map((t) => [t.id, t.number ? `表 ${t.number}` : '附表']))
  const values: DataValue[] = []
  const indicators = data.indicators()
  const shownIn = new Map<string, string>()

  const resolved: { spec: ReportTableSpec; table: ResolvedTable }[] = []
  for (const t of numbering.tables) {
    const spec = data.engine.tableSpec(t.id)
    if (!spec) continue
    const table = data.resolveTable(t.id, t.number)
    resolved.push({ spec, table })
    for (const row of spec.rows)
      for (const c of row) {
        const b = directBinding(c.input)
        if (!b) continue
        const ind = data.engine.indicator(b.ref)
        if (ind && !shownIn.has(ind.id)) shownIn.set(ind.id, t.id)
      }
  }

  values.push(...indicatorValues(indicators, year, (key) => (shownIn.has(key) ? (tableLabel.get(shownIn.get(key)!) ?? '数据') : '数据面板')))

  for (const { spec, table } of resolved) {
    const label = tableLabel.get(spec.id) ?? '附表'
    const header = spec.headerRows
    const rows = table.rows
    const width = Math.max(0, ...rows.map((r) => r.length))
    // Years along the columns (a header cell reads "2021 年") or along the rows (the first column does).
    const colYears: { col: number; year: number }[] = []
    for (let c = 1; c < width; c++) {
      for (let r = 0; r < header; r++) {
        const m = YEAR_TEXT.exec(rows[r]?.[c]?.text ?? '')
        if (m && years.has(Number(m[1]))) colYears.push({ col: c, year: Number(m[1]) })
      }
    }
    const rowYears: { row: number; year: number }[] = []
    for (let r = header; r < rows.length; r++) {
      const m = YEAR_TEXT.exec(rows[r]?.[0]?.text ?? '')
      if (m && years.has(Number(m[1]))) rowYears.push({ row: r, year: Number(m[1]) })
    }
    const push = (r: number, c: number, yr: number, name: string) => {
      const cell = spec.rows[r]?.[c]
      const shown = rows[r]?.[c]
      if (!cell || !shown || typeof shown.value !== 'number' || directBinding(cell.input) || cell.derived) return
      const n = labelName(name)
      if (!n.name || CHANGE.test(n.name)) return
      values.push({ name: n.name, unit: n.unit, year: yr, value: shown.value, ref: `='${spec.id}'!${cellAddress(r, c)}`, source: label })
    }
    if (colYears.length) {
      for (let r = header; r < rows.length; r++) for (const { col, year: yr } of colYears) push(r, col, yr, rows[r]?.[0]?.text ?? '')
    } else if (rowYears.length) {
      for (let c = 1; c < width; c++) {
        const heads = [...new Set(Array.from({ length: header }, (_, r) => rows[r]?.[c]?.text?.trim() ?? '').filter(Boolean))]
        for (const { row, year: yr } of rowYears) push(row, c, yr, heads.join(''))
      }
    }
  }

  const tables = resolved.map(({ spec, table }) => ({
    id: spec.id,
    caption: table.caption,
    mismatches: table.rows.flatMap((r, ri) =>
      r.flatMap((c, ci) => (c.finding && c.computed !== undefined ? [{ row: ri, col: ci, address: cellAddress(ri, ci), printed: c.text, computed: c.computed }] : []))
    )
  }))
  const figures = numbering.figures.flatMap((f) => {
    const spec = data.figureSpec(f.id)
    return spec ? [{ id: f.id, caption: fillYears(spec.caption, year) }] : []
  })
  return {
    values,
    indicators: indicators.map((i) => ({ key: i.id, name: i.name, unit: i.unit, values: i.values, tableId: shownIn.get(i.id) ?? null })),
    tables,
    figures
  }
}
