import type { CellFormat, TableCell, TableMerge } from '@shared/model/table'
import type { TableBlock } from '../docx/body'
import type { YearAxis } from '../model'
import { cellAddress as a1, columnName } from '@shared/model/cellAddress'
import { cellText, tidy } from './text'

/**
 * A table from the old document turned into a report table: the grid with
 * merged cells, header rows, and each printed number as a number with the
 * format it was printed in. Derived cells (变化, 合计, 占比, ratios) are
 * recognised from their headers and checked against the numbers; where the
 * relation holds they become formulas, and every printed value that differs
 * from what its formula gives is reported.
 */
export interface GridCell {
  text: string
  /** Set when the text is a number as printed. */
  num?: ParsedNumber
}

export interface ParsedNumber {
  value: number
  decimals: number
  style: 'plain' | 'signed' | 'arrow' | 'percent' | 'ratio'
}

export interface Grid {
  rows: GridCell[][]
  merges: TableMerge[]
  headerRows: number
  columnWidths: number[]
}

export interface ValueMismatch {
  /** A1 address of the cell, and its 0-based position. */
  cell: string
  row: number
  col: number
  /** The printed number, which the cell keeps (with the formula remembered). */
  printedValue: number
  /** Row and column labels, for a message a person can follow. */
  rowLabel: string
  colLabel: string
  printed: string
  computed: string
  formula: string
}

export interface TableData {
  cells: TableCell[][]
  yearAxis: YearAxis | null
  mismatches: ValueMismatch[]
  /** Relations named by a header but not borne out by any row's numbers. */
  unsupported: string[]
  formulas: number
}

const NUMBER = /^([+＋\-－−]|[↑↓]\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*([%％])?$/
const RATIO = /^(\d+(?:\.\d+)?)\s*[:：]\s*1$/
const YEAR = /^((?:19|20)\d{2})\s*(?:年|学年|年度)?$/
const CHANGE = /变化|增减|对比情况|比较|差值|增长量|增加值|同比/
const RATE = /增幅|增长率|增速|变化率/
const TOTAL = /^(合\s*计|总\s*计|小\s*计|共\s*计)$/
const SHARE = /占比|比例|比重/

export function parseNumber(raw: string): ParsedNumber | undefined {
  const t = raw.replace(/\s+/g, ' ').trim()
  if (!t) return undefined
  const r = RATIO.exec(t)
  if (r) return { value: Number(r[1]), decimals: (r[1].split('.')[1] ?? '').length, style: 'ratio' }
  const m = NUMBER.exec(t)
  if (!m) return undefined
  const sign = m[1]?.trim() ?? ''
  let value = Number(`${m[2].replace(/,/g, '')}${m[3] ? `.${m[3]}` : ''}`)
  if (sign === '-' || sign === '－' || sign === '−' || sign === '↓') value = -value
  const decimals = m[3]?.length ?? 0
  const style = sign === '↑' || sign === '↓' ? 'arrow' : m[4] ? 'percent' : sign ? 'signed' : 'plain'
  return { value, decimals, style }
}

/** The grid of a Word table: spans and vertical merges become merges; every row as wide as the widest. */
export function buildGrid(t: TableBlock): Grid {
  const rows: GridCell[][] = []
  const merges: TableMerge[] = []
  // Open vertical merges by column: the merge record that a "continue" cell extends.
  const open = new Map<number, TableMerge>()
  t.rows.forEach((row, r) => {
    const out: GridCell[] = []
    let c = 0
    for (const cell of row.cells) {
      if (cell.vMerge === 'continue' && open.has(c)) {
        const m = open.get(c)!
        if (m.row + m.rowSpan === r) m.rowSpan++
        for (let k = 0; k < cell.colSpan; k++) out[c + k] = { text: '' }
        c += cell.colSpan
        continue
      }
      const text = cellText(cell.blocks)
      out[c] = { text }
      for (let k = 1; k < cell.colSpan; k++) out[c + k] = { text: '' }
      if (cell.colSpan > 1 || cell.vMerge === 'restart') {
        const m: TableMerge = { row: r, col: c, rowSpan: 1, colSpan: cell.colSpan }
        merges.push(m)
        if (cell.vMerge === 'restart') for (let k = 0; k < cell.colSpan; k++) open.set(c + k, m)
      } else open.delete(c)
      c += cell.colSpan
    }
    rows.push(out)
  })
  const width = Math.max(1, ...rows.map((r) => r.length))
  for (const r of rows) for (let c = 0; c < width; c++) r[c] ??= { text: '' }
  const real = merges.filter((m) => m.rowSpan > 1 || m.colSpan > 1)
  const headerRows = inferHeaderRows(rows, t)
  if (real.length === 0) {
    if (headerRows >= 2) real.push(...inferHeaderMerges(rows, headerRows))
    real.push(...inferRowMerges(rows, headerRows))
  }
  for (const r of rows) for (const c of r) c.num = parseNumber(c.text)
  // Header cells are labels even when they look like numbers (a year, a code).
  for (let r = 0; r < headerRows; r++) for (const c of rows[r]) c.num = undefined
  const widths = t.gridCols.length === width && t.gridCols.every((w) => w > 0) ? t.gridCols : rows[0].map(() => 1)
  return { rows, merges: real, headerRows, columnWidths: widths }
}

function inferHeaderRows(rows: GridCell[][], t: TableBlock): number {
  let marked = 0
  while (marked < t.rows.length && t.rows[marked].header) marked++
  // Header rows are the rows above the first row that holds numbers; a table
  // without numbers (a list of schools) has one header row.
  const dataLike = (row: GridCell[]) =>
    parseNumber(row[0]?.text ?? '') !== undefined || row.slice(1).some((c) => parseNumber(c.text) !== undefined && !YEAR.test(c.text.replace(/\s+/g, '')))
  const firstData = rows.findIndex(dataLike)
  const inferred = firstData > 0 ? Math.min(firstData, 3) : 0
  return Math.max(marked, inferred, rows.length > 1 ? 1 : 0)
}

/**
 * Header merges a converter dropped (the cells survive, empty): a label with
 * empty cells to its right over a row of sub-labels spans them; a label with
 * nothing under it spans the header rows.
 */
function inferHeaderMerges(rows: GridCell[][], headerRows: number): TableMerge[] {
  const merges: TableMerge[] = []
  const covered = new Set<string>()
  const width = rows[0].length
  for (let r = 0; r < headerRows - 1; r++) {
    for (let c = 0; c < width; c++) {
      if (!rows[r][c].text || covered.has(`${r},${c}`)) continue
      let span = 1
      while (c + span < width && !rows[r][c + span].text && rows[r + 1][c + span].text && rows[r + 1][c].text) span++
      let down = 1
      while (r + down < headerRows && rows.slice(r + down, headerRows).every((row) => !row.slice(c, c + span).some((x) => x.text)) && span === 1) down++
      if (down > 1 && span === 1) {
        down = headerRows - r
        merges.push({ row: r, col: c, rowSpan: down, colSpan: 1 })
        for (let k = 1; k < down; k++) covered.add(`${r + k},${c}`)
      } else if (span > 1) {
        merges.push({ row: r, col: c, rowSpan: 1, colSpan: span })
        for (let k = 1; k < span; k++) covered.add(`${r},${c + k}`)
      }
    }
  }
  return merges
}

/**
 * Merges in the body of a text table that a converter dropped: a row whose
 * first cells are empty and whose other cells carry on the list ("| | |
 * 电子商务…") sat under cells that spanned it (序号 1, 英德市职业技术学校).
 */
function inferRowMerges(rows: GridCell[][], headerRows: number): TableMerge[] {
  const merges: TableMerge[] = []
  const open = new Map<number, TableMerge>()
  for (let r = headerRows + 1; r < rows.length; r++) {
    const row = rows[r]
    let lead = 0
    while (lead < row.length && !row[lead].text) lead++
    const rest = row.slice(lead)
    const textRow = lead > 0 && lead < row.length && rest.some((c) => c.text) && !rest.some((c) => parseNumber(c.text) !== undefined)
    for (let c = 0; c < row.length; c++) {
      if (!textRow || c >= lead) {
        open.delete(c)
        continue
      }
      const m = open.get(c)
      if (m && m.row + m.rowSpan === r) m.rowSpan++
      else if (rows[r - 1][c].text) {
        const nm = { row: r - 1, col: c, rowSpan: 2, colSpan: 1 }
        merges.push(nm)
        open.set(c, nm)
      }
    }
  }
  return merges
}

function formatOf(n: ParsedNumber): CellFormat {
  switch (n.style) {
    case 'arrow':
      return { kind: 'arrow', decimals: n.decimals }
    case 'signed':
      return { kind: 'change', decimals: n.decimals }
    case 'percent':
      return { kind: 'percent', decimals: n.decimals }
    case 'ratio':
      return { kind: 'ratio', decimals: n.decimals }
    default:
      return n.decimals > 0 ? { kind: 'fixed', decimals: n.decimals } : { kind: 'general' }
  }
}

function round(v: number, d: number): number {
  const f = 10 ** d
  return Math.round((v + Math.sign(v) * 1e-9) * f) / f
}

function same(printed: ParsedNumber, computed: number): boolean {
  return Math.abs(round(computed, printed.decimals) - printed.value) < 10 ** -(printed.decimals + 3)
}

function show(n: ParsedNumber | number, like: ParsedNumber): string {
  const v = typeof n === 'number' ? round(n, like.decimals) : n.value
  const s = Math.abs(v).toFixed(like.decimals)
  switch (like.style) {
    case 'arrow':
      return `${v < 0 ? '↓' : '↑'} ${s}`
    case 'signed':
      return v > 0 ? `+${s}` : v < 0 ? `-${s}` : s
    case 'percent':
      return `${v < 0 ? '-' : ''}${s}%`
    default:
      return `${v < 0 ? '-' : ''}${s}`
  }
}

/** "生均校舍建筑面积（平方米）" → "生均校舍建筑面积": labels compared without their unit. */
function bareLabel(s: string): string {
  return tidy(s).replace(/\s+/g, '').replace(/[（(][^）)]*[)）]\s*$/, '').replace(/[%％]$/, '')
}

/**
 * A change is the difference of the two values as displayed (rounded to the
 * change's decimals first), as published tables print it so a reader can
 * check it by eye; a rate (增幅) is relative to the earlier value.
 */
function changeRelation(r: number, c: number, P: string, L: string, a: number, b: number, d: number, rate: boolean): Relation {
  if (rate) return { r, c, formula: `=ROUND((${L}-${P})/${P}*100,${d})`, computed: a === 0 ? null : ((b - a) / a) * 100 }
  return { r, c, formula: `=ROUND(${L},${d})-ROUND(${P},${d})`, computed: round(b, d) - round(a, d) }
}

interface Relation {
  r: number
  c: number
  formula: string
  computed: number | null
}

/**
 * Cells, formulas and the year layout of one table. Numbers stay what was
 * printed unless a recognised relation holds for the table's numbers; then
 * the derived cells become formulas, except where a printed value is off:
 * that cell keeps the number as printed, remembers its formula (derived) and
 * is reported, for the user to keep it or take the computed value.
 */
export function tableData(g: Grid): TableData {
  const { rows, headerRows } = g
  const width = rows[0]?.length ?? 0
  // A column's label reads through merged header cells: "硕士以上学历(人)·占比/%".
  const anchor = (r: number, c: number) => {
    const m = g.merges.find((x) => r >= x.row && r < x.row + x.rowSpan && c >= x.col && c < x.col + x.colSpan)
    return m ? rows[m.row][m.col].text : rows[r][c]?.text ?? ''
  }
  const colLabel = (c: number) =>
    [...new Set(Array.from({ length: headerRows }, (_, r) => anchor(r, c)).filter(Boolean))].join('·') || columnName(c)
  const rowLabel = (r: number) => rows[r][0]?.text || `第 ${r + 1} 行`
  const rels: Relation[] = []
  const unsupported: string[] = []
  const mismatches: ValueMismatch[] = []
  const data = rows.map((_, r) => r).filter((r) => r >= headerRows)
  const isNum = (r: number, c: number) => rows[r]?.[c]?.num !== undefined
  const num = (r: number, c: number) => rows[r][c].num!.value

  // --- year layout ---------------------------------------------------------
  const yearCols: { index: number; year: number }[] = []
  for (let c = 1; c < width; c++) {
    for (let r = 0; r < headerRows; r++) {
      const y = YEAR.exec(rows[r][c].text.replace(/\s+/g, ''))
      if (y) {
        yearCols.push({ index: c, year: Number(y[1]) })
        break
      }
    }
  }
  const yearRows: { index: number; year: number }[] = []
  for (const r of data) {
    const y = YEAR.exec((rows[r][0]?.text ?? '').replace(/\s+/g, ''))
    if (y) yearRows.push({ index: r, year: Number(y[1]) })
  }
  let yearAxis: YearAxis | null = null
  if (yearCols.length >= 1 && yearRows.length === 0) {
    yearAxis = {
      along: 'columns',
      positions: yearCols,
      series: data.filter((r) => yearCols.some((y) => isNum(r, y.index))).map((r) => ({ index: r, label: rows[r][0].text }))
    }
  } else if (yearRows.length >= 1) {
    yearAxis = {
      along: 'rows',
      positions: yearRows,
      series: Array.from({ length: width - 1 }, (_, k) => k + 1)
        .filter((c) => yearRows.some((y) => isNum(y.index, c)))
        .map((c) => ({ index: c, label: colLabel(c) }))
    }
  }

  const consider = (label: string, cand: Relation[]) => {
    const checked = cand.filter((x) => x.computed !== null)
    const holds = checked.filter((x) => same(rows[x.r][x.c].num!, x.computed!))
    if (holds.length === 0) {
      if (checked.length) unsupported.push(label)
      return
    }
    rels.push(...cand)
  }
  const done = new Set<string>()
  const mark = (r: number, c: number) => done.add(`${r},${c}`)

  // --- change: a column after the year columns, or a row after the year rows
  if (yearCols.length >= 2) {
    const [prev, last] = yearCols.slice(-2)
    for (let c = last.index + 1; c < width; c++) {
      const head = colLabel(c)
      const rate = RATE.test(head)
      if (!CHANGE.test(head) && !rate) continue
      const cand: Relation[] = []
      for (const r of data) {
        if (!isNum(r, c) || !isNum(r, prev.index) || !isNum(r, last.index)) continue
        const a = num(r, prev.index)
        const b = num(r, last.index)
        const d = rows[r][c].num!.decimals
        const P = a1(r, prev.index)
        const L = a1(r, last.index)
        cand.push(changeRelation(r, c, P, L, a, b, d, rate))
      }
      consider(`${head}`, cand)
      cand.forEach((x) => mark(x.r, x.c))
    }
  }
  if (yearRows.length >= 2) {
    const [prev, last] = yearRows.slice(-2)
    for (const r of data) {
      if (r <= last.index) continue
      const head = rows[r][0].text
      const rate = RATE.test(head)
      if (!CHANGE.test(head) && !rate) continue
      const cand: Relation[] = []
      for (let c = 1; c < width; c++) {
        if (!isNum(r, c) || !isNum(prev.index, c) || !isNum(last.index, c)) continue
        const a = num(prev.index, c)
        const b = num(last.index, c)
        const d = rows[r][c].num!.decimals
        const P = a1(prev.index, c)
        const L = a1(last.index, c)
        cand.push(changeRelation(r, c, P, L, a, b, d, rate))
      }
      consider(head, cand)
      cand.forEach((x) => mark(x.r, x.c))
    }
  }

  // --- totals: a 合计 row sums the rows above it; a 合计 column the run of columns left of it
  for (const r of data) {
    if (!TOTAL.test(rows[r][0]?.text.replace(/\s+/g, '') ?? '')) continue
    const first = data.find((x) => x >= headerRows && !TOTAL.test(rows[x][0].text.replace(/\s+/g, '')))
    if (first === undefined || first >= r) continue
    const cand: Relation[] = []
    for (let c = 1; c < width; c++) {
      if (!isNum(r, c)) continue
      const above = data.filter((x) => x >= first && x < r && isNum(x, c))
      if (above.length < 2) continue
      cand.push({ r, c, formula: `=SUM(${a1(first, c)}:${a1(r - 1, c)})`, computed: above.reduce((s, x) => s + num(x, c), 0) })
    }
    consider(rows[r][0].text, cand)
    cand.forEach((x) => mark(x.r, x.c))
  }
  for (let c = 2; c < width; c++) {
    if (!TOTAL.test(colLabel(c).split('·').pop()!.replace(/\s+/g, ''))) continue
    let best: { s: number; hits: number } | null = null
    for (let s = 1; s <= c - 2; s++) {
      let hits = 0
      for (const r of data) {
        if (!isNum(r, c)) continue
        let sum = 0
        let ok = true
        for (let k = s; k < c; k++) {
          if (!isNum(r, k)) {
            ok = false
            break
          }
          sum += num(r, k)
        }
        if (ok && same(rows[r][c].num!, sum)) hits++
      }
      // Among the runs that fit as many rows, the widest wins (一等奖+二等奖+三等奖, not 二等奖+三等奖).
      if (!best || hits > best.hits) best = { s, hits }
    }
    const cand: Relation[] = []
    if (best && best.hits > 0) {
      for (const r of data) {
        if (!isNum(r, c) || done.has(`${r},${c}`)) continue
        let sum = 0
        let ok = true
        for (let k = best.s; k < c; k++) {
          if (!isNum(r, k)) ok = false
          else sum += num(r, k)
        }
        if (ok) cand.push({ r, c, formula: `=SUM(${a1(r, best.s)}:${a1(r, c - 1)})`, computed: sum })
      }
      rels.push(...cand)
      cand.forEach((x) => mark(x.r, x.c))
    } else unsupported.push(colLabel(c))
  }

  // --- shares: 占比 next to its count, over a denominator in the same row
  for (let c = 2; c < width; c++) {
    if (!SHARE.test(colLabel(c))) continue
    const count = c - 1
    if (SHARE.test(colLabel(count))) continue
    const rowsWith = data.filter((r) => isNum(r, c) && isNum(r, count) && !done.has(`${r},${c}`))
    let bestD = -1
    let bestHits = 0
    for (let d = 1; d < width; d++) {
      if (d === c || d === count || SHARE.test(colLabel(d))) continue
      const hits = rowsWith.filter((r) => isNum(r, d) && num(r, d) !== 0 && same(rows[r][c].num!, (num(r, count) / num(r, d)) * 100)).length
      if (hits > bestHits) {
        bestHits = hits
        bestD = d
      }
    }
    if (bestD < 0) continue
    const cand: Relation[] = rowsWith
      .filter((r) => isNum(r, bestD) && num(r, bestD) !== 0)
      .map((r) => ({
        r,
        c,
        formula: `=ROUND(${a1(r, count)}/${a1(r, bestD)}*100,${rows[r][c].num!.decimals})`,
        computed: (num(r, count) / num(r, bestD)) * 100
      }))
    rels.push(...cand)
    cand.forEach((x) => mark(x.r, x.c))
  }

  // --- ratio rows: "双师型教师/专业教师（%）" over the rows so named
  if (yearAxis?.along === 'columns') {
    const byLabel = new Map<string, number>()
    for (const r of data) byLabel.set(bareLabel(rows[r][0].text), r)
    for (const r of data) {
      const label = rows[r][0].text
      const m = /^(.+?)[/／](.+?)(?:[（(]\s*(%|％|百分比)\s*[)）])?$/.exec(tidy(label).replace(/\s+/g, ''))
      if (!m) continue
      const num1 = byLabel.get(bareLabel(m[1]))
      const den = byLabel.get(bareLabel(m[2]))
      if (num1 === undefined || den === undefined) continue
      const pct = Boolean(m[3])
      const cand: Relation[] = []
      for (const y of yearAxis.positions) {
        const c = y.index
        if (!isNum(r, c) || !isNum(num1, c) || !isNum(den, c) || num(den, c) === 0) continue
        const d = rows[r][c].num!.decimals
        cand.push({
          r,
          c,
          formula: `=ROUND(${a1(num1, c)}/${a1(den, c)}${pct ? '*100' : ''},${d})`,
          computed: (num(num1, c) / num(den, c)) * (pct ? 100 : 1)
        })
      }
      consider(label, cand)
      cand.forEach((x) => mark(x.r, x.c))
    }
  }

  // --- cells -------------------------------------------------------------------
  const formulaAt = new Map<string, Relation>()
  for (const x of rels) formulaAt.set(`${x.r},${x.c}`, x)
  const cells: TableCell[][] = rows.map((row, r) =>
    row.map((cell, c) => {
      const rel = formulaAt.get(`${r},${c}`)
      if (cell.num && r >= headerRows) {
        const format = formatOf(cell.num)
        if (rel) {
          if (rel.computed !== null && !same(cell.num, rel.computed)) {
            mismatches.push({
              cell: a1(r, c),
              row: r,
              col: c,
              printedValue: cell.num.value,
              rowLabel: rowLabel(r),
              colLabel: colLabel(c),
              printed: show(cell.num, cell.num),
              computed: show(rel.computed, cell.num),
              formula: rel.formula
            })
            return { input: String(cell.num.value), format, align: 'right' as const, derived: rel.formula }
          }
          return { input: rel.formula, format, align: 'right' as const }
        }
        return { input: String(cell.num.value), format, align: 'right' as const }
      }
      return { input: cell.text }
    })
  )
  return { cells, yearAxis, mismatches, unsupported, formulas: rels.length - mismatches.length }
}
