import type { ChartSpec, ChartYear } from '@shared/charts/model'
import { resolveChartYear } from '@shared/charts/model'
import { parseAreas } from '@shared/charts/data'
import { indicatorCall, scanFormula } from '@shared/model/formula'
import { plainNumber } from '@shared/model/format'
import type { ReportTableSpec, TableCell } from '@shared/model/table'
import type { DataEngine } from './engine'

/**
 * A chart's own data sheet (图表自带的数据表): a report table that belongs
 * to one figure and is edited in its chart dialog. A new one starts as a
 * small two-year layout; one made for a chart that read indicators or a
 * table range starts with that chart's data, keeping what follows the data
 * year (indicator references, year labels such as =上年&"年") and copying
 * the rest as it reads.
 */
const YEAR_LABEL = (y: string) => `=${y}&"年"`

/** A formula that reads no cell (years, indicators, constants) stays the same formula in another sheet. */
function portable(input: string): boolean {
  const t = input.trim()
  if (!t.startsWith('=')) return true
  return !scanFormula(t).segments.some((s) => s.kind === 'text' && /(^|[^A-Za-z_\u4e00-\u9fff])\$?[A-Za-z]{1,3}\$?\d{1,7}(?![\d(])/.test(s.text))
}

function blank(id: string): ReportTableSpec {
  const row = (label: string): TableCell[] => [{ input: label }, { input: '' }, { input: '' }]
  return {
    id,
    caption: '',
    note: '',
    headerRows: 1,
    columnWidths: [2, 1, 1],
    rows: [[{ input: '' }, { input: YEAR_LABEL('上年') }, { input: YEAR_LABEL('本年') }], row('类别一'), row('类别二'), row('类别三')],
    merges: []
  }
}

function yearInput(y: ChartYear): string {
  if (y === 'current') return YEAR_LABEL('本年')
  if (y === 'previous') return YEAR_LABEL('上年')
  if (y === 'beforePrevious') return YEAR_LABEL('前年')
  return `${y}年`
}

/** A sheet holding what `chart` shows now, laid out with categories down the first column. */
export function seedSheet(engine: DataEngine, id: string, chart?: ChartSpec): ReportTableSpec {
  const src = chart?.source
  if (!src) return blank(id)
  let rows: TableCell[][]
  if (src.kind === 'indicators') {
    const inds = src.indicators.map((ref) => engine.indicator(ref)).filter((i) => i !== null)
    if (!inds.length) return blank(id)
    const label = (name: string, key: string) => src.labels?.[key] ?? src.labels?.[name] ?? name
    const cell = (name: string, y: ChartYear): TableCell => ({
      input: `=${indicatorCall(name, typeof y === 'number' ? { abs: y } : { rel: engine.year - resolveChartYear(y, engine.year) })}`
    })
    rows =
      (src.categoriesFrom ?? 'indicators') === 'indicators'
        ? [[{ input: '' }, ...src.years.map((y) => ({ input: yearInput(y) }))], ...inds.map((i) => [{ input: label(i.name, i.id) }, ...src.years.map((y) => cell(i.name, y))])]
        : [[{ input: '' }, ...inds.map((i) => ({ input: label(i.name, i.id) }))], ...src.years.map((y) => [{ input: yearInput(y) }, ...inds.map((i) => cell(i.name, y))])]
  } else {
    const from = engine.tableSpec(src.tableId)
    if (!from) return blank(id)
    const areas = src.kind === 'sheet' ? [{ r0: 0, c0: 0, r1: from.rows.length - 1, c1: Math.max(...from.rows.map((r) => r.length)) - 1 }] : parseAreas(src.range)
    if (!areas?.length) return blank(id)
    // The cells the chart reads, in its reading order: the label column (row) first, then each series.
    const first = areas[0]
    const lines: number[] = []
    for (const a of areas) {
      if (src.seriesIn === 'columns') for (let c = a.c0; c <= a.c1; c++) lines.push(c)
      else for (let r = a.r0; r <= a.r1; r++) lines.push(r)
    }
    const across = src.seriesIn === 'columns' ? { from: first.r0, to: first.r1 } : { from: first.c0, to: first.c1 }
    const copy = (r: number, c: number): TableCell => {
      const cell = from.rows[r]?.[c]
      if (!cell) return { input: '' }
      if (portable(cell.input)) return { input: cell.input, ...(cell.format ? { format: cell.format } : {}) }
      const shown = engine.resolveCell(src.tableId, r, c)
      return { input: typeof shown.value === 'number' ? plainNumber(shown.value) : shown.text, ...(cell.format ? { format: cell.format } : {}) }
    }
    rows = []
    for (let k = across.from; k <= across.to; k++) rows.push(lines.map((l) => (src.seriesIn === 'columns' ? copy(k, l) : copy(l, k))))
  }
  const width = Math.max(2, ...rows.map((r) => r.length))
  return {
    id,
    caption: '',
    note: '',
    headerRows: 1,
    columnWidths: Array.from({ length: width }, (_, i) => (i === 0 ? 2 : 1)),
    rows: rows.slice(0, 500).map((r) => [...r, ...Array.from({ length: width - r.length }, () => ({ input: '' }))].slice(0, 40)),
    merges: []
  }
}
