import type { IntakeIssue } from '@shared/contract/intake'
import { cellAddress } from '@shared/model/cellAddress'
import { mergeAt, rangeName, type XlsxCell, type XlsxSheet, type XlsxWorkbook } from '../../xlsx'
import { KIT_META_SHEET, readKitMeta, type KitMeta } from '../kitFormat'
import { looksLikeContributor, matchKey, nameFromFile, SCHOOL_LABEL, splitLabel } from '../names'
import { IntakeRefusal, type FileReading, type RawCell, type RawRow, type RawSchool } from './types'

/**
 * A workbook as bureaus and schools lay them out, read without assuming the
 * data kit: indicator names down a column (units in a 单位 column or in
 * brackets), years across a header row (2021, 2021年, “2021 年度”), one
 * school per workbook (named by a 学校名称 cell or the file's name) or one
 * school per sheet (named by the sheet, or its own 学校名称 cell). A title
 * row above the header and a header of two rows (年份 over the years) are
 * fine; a year heading merged over several columns is not (which column
 * holds the year's value?), and says so.
 */
const YEAR = /^((?:19|20)\d{2})\s*(?:年|年度|学年)?$/
const UNIT_HEADER = /^(?:计量)?单位$/
const SOURCE_HEADER = /^(?:数据)?来源$|^数据来源/
/** Rows that close a form (填表人、联系电话、审核人、说明), never indicators. */
const FOOTER = /^(?:填表人|填报人|联系人|联系电话|审核人|单位负责人)|^(?:说明|备注|注)\s*[:：\d]/
const HEADER_SCAN = 20

function text(c: XlsxCell | undefined): string {
  if (!c || c.value === null || c.value === undefined) return ''
  return String(c.value).replace(/[\s\u00a0\u3000]+/g, ' ').trim()
}

function yearOf(c: XlsxCell | undefined): number | null {
  if (!c || c.error) return null
  if (typeof c.value === 'number') return Number.isInteger(c.value) && c.value >= 1990 && c.value <= 2100 ? c.value : null
  const m = YEAR.exec(text(c).normalize('NFKC'))
  return m ? Number(m[1]) : null
}

interface SheetTable {
  sheet: XlsxSheet
  headerRow: number
  years: Map<number, number>
  labelCol: number
  unitCol: number | null
  sourceCol: number | null
  /** A 学校名称 cell above the table (or anywhere in the first rows). */
  school: string | null
}

/** The header row: the first (of the first 20) holding a year heading. */
function findTable(sheet: XlsxSheet): SheetTable | { problem: string } | null {
  let headerRow = -1
  for (let r = 0; r < Math.min(HEADER_SCAN, sheet.rows.length); r++) {
    if ((sheet.rows[r] ?? []).some((c) => yearOf(c) !== null)) {
      headerRow = r
      break
    }
  }
  if (headerRow < 0) return null
  const years = new Map<number, number>()
  const row = sheet.rows[headerRow] ?? []
  for (let c = 0; c < row.length; c++) {
    const y = yearOf(row[c])
    if (y === null) continue
    const m = mergeAt(sheet, headerRow, c)
    if (m && m.right > m.left) {
      return {
        problem: `工作表“${sheet.name}”的表头“${text(row[c])}”合并了 ${m.right - m.left + 1} 列（${rangeName(m)}），无法确定 ${y} 年的数值在哪一列。请取消合并单元格，让每一年只占一列后再提交。`
      }
    }
    const had = [...years.entries()].find(([, yy]) => yy === y)
    if (had) return { problem: `工作表“${sheet.name}”的表头中有两列都是 ${y} 年（${cellAddress(headerRow, had[0])} 和 ${cellAddress(headerRow, c)}），无法确定用哪一列。` }
    years.set(c, y)
  }

  // Header words may sit in this row or in a merged heading above it (指标 over two header rows).
  const headerText = (c: number): string => {
    for (let r = headerRow; r >= Math.max(0, headerRow - 2); r--) {
      const m = mergeAt(sheet, r, c)
      const t = m ? text(sheet.rows[m.top]?.[m.left]) : text(sheet.rows[r]?.[c])
      if (t) return t.normalize('NFKC').replace(/\s+/g, '')
    }
    return ''
  }
  const width = Math.max(...sheet.rows.slice(headerRow, headerRow + 200).map((r) => r?.length ?? 0), row.length)
  let unitCol: number | null = null
  let sourceCol: number | null = null
  for (let c = 0; c < width; c++) {
    if (years.has(c)) continue
    const h = headerText(c)
    if (unitCol === null && UNIT_HEADER.test(h)) unitCol = c
    else if (sourceCol === null && SOURCE_HEADER.test(h)) sourceCol = c
  }

  // The label column: of the columns that are not years, unit or source, the one with the most words below the header.
  let labelCol = -1
  let best = 0
  for (let c = 0; c < width; c++) {
    if (years.has(c) || c === unitCol || c === sourceCol) continue
    let words = 0
    for (let r = headerRow + 1; r < Math.min(sheet.rows.length, headerRow + 300); r++) {
      const t = text(sheet.rows[r]?.[c])
      if (t && !/^[\d.,\s%-]+$/.test(t)) words++
    }
    if (words > best) {
      best = words
      labelCol = c
    }
  }
  if (labelCol < 0) return { problem: `工作表“${sheet.name}”中找到了年份表头，但没有找到指标名称所在的列。` }
  return { sheet, headerRow, years, labelCol, unitCol, sourceCol, school: schoolCell(sheet, headerRow) }
}

/** 学校名称：XX学校 in one cell, or 学校名称 | XX学校 side by side, above the header. */
function schoolCell(sheet: XlsxSheet, headerRow: number): string | null {
  for (let r = 0; r < headerRow; r++) {
    const row = sheet.rows[r] ?? []
    for (let c = 0; c < row.length; c++) {
      const m = SCHOOL_LABEL.exec(text(row[c]).normalize('NFKC'))
      if (!m) continue
      if (m[1]?.trim()) return m[1].trim()
      for (let k = c + 1; k < row.length; k++) {
        const t = text(row[k])
        if (t) return t
      }
    }
  }
  return null
}

function rowsOf(t: SheetTable, kit: KitMeta | null): { rows: RawRow[]; issues: IntakeIssue[] } {
  const { sheet } = t
  const rows: RawRow[] = []
  const issues: IntakeIssue[] = []
  const kitRows = kit && sheet.name === kit.dataSheet ? new Map(kit.figures.map((f) => [f.row, f])) : null
  for (let r = t.headerRow + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r]
    if (!row) continue
    // A form's footer (填表人、联系电话…) may start in any column: nothing below it is data.
    const firstText = row.map((c) => text(c)).find(Boolean) ?? ''
    if (FOOTER.test(firstText.normalize('NFKC'))) break
    const labelCell = mergeAt(sheet, r, t.labelCol)
    const rawLabel = labelCell && labelCell.top !== r ? '' : text(row[t.labelCol])
    if (!rawLabel) continue
    const { name, unit: labelUnit } = splitLabel(rawLabel)
    const unitText = t.unitCol !== null ? text(row[t.unitCol]) : ''
    const cells: RawCell[] = []
    for (const [c, year] of t.years) {
      const m = mergeAt(sheet, r, c)
      // A merged cell's value belongs to its top-left cell only.
      if (m && (m.top !== r || m.left !== c)) continue
      const cell = row[c]
      if (!cell) continue
      const place = `${sheet.name}!${cellAddress(r, c)}`
      if (cell.error) cells.push({ year, value: null, error: cell.error, place })
      else if (cell.formula && cell.value === null) cells.push({ year, value: null, uncalculated: true, place })
      else if (cell.value !== null && !(typeof cell.value === 'string' && cell.value.trim() === '')) cells.push({ year, value: cell.value, place })
    }
    const kitRow = kitRows?.get(r + 1)
    const key = kitRow && matchKey(kitRow.name) === matchKey(name) ? kitRow.key : undefined
    if (kitRow && !key) {
      issues.push({ severity: 'warning', place: `${sheet.name}!${cellAddress(r, t.labelCol)}`, message: `填报表第 ${r + 1} 行的指标名称被改成了“${rawLabel}”（原为“${kitRow.name}”），按改后的名称读取。` })
    }
    rows.push({
      label: name || rawLabel,
      unit: unitText || labelUnit,
      ...(key ? { key } : {}),
      ...(t.sourceCol !== null && text(row[t.sourceCol]) ? { source: text(row[t.sourceCol]).slice(0, 200) } : {}),
      place: `${sheet.name}!${cellAddress(r, t.labelCol)}`,
      cells
    })
  }
  return { rows, issues }
}

/** Read a workbook's schools and their rows. Throws IntakeRefusal when nothing in it can be read. */
export function readWorkbook(book: XlsxWorkbook, fileName: string): Omit<FileReading, 'assets' | 'fileDate'> {
  const kit = readKitMeta(book)
  const visible = book.sheets.filter((s) => !s.hidden && s.name !== KIT_META_SHEET)
  const candidates = visible.length ? visible : book.sheets.filter((s) => s.name !== KIT_META_SHEET)
  const issues: IntakeIssue[] = []
  const tables: SheetTable[] = []
  const problems: string[] = []
  for (const sheet of candidates) {
    const t = findTable(sheet)
    if (!t) {
      if (sheet.rows.some((r) => r?.some((c) => typeof c?.value === 'number'))) issues.push({ severity: 'note', place: `工作表“${sheet.name}”`, message: `工作表“${sheet.name}”中没有找到年份（如“2021”或“2021 年”）所在的表头行，没有读取。` })
      continue
    }
    if ('problem' in t) {
      problems.push(t.problem)
      continue
    }
    tables.push(t)
  }
  if (tables.length === 0) {
    if (problems.length) throw new IntakeRefusal(problems[0])
    throw new IntakeRefusal('工作簿中没有找到可以读取的数据：需要一列指标名称和一行年份表头（如“2021”或“2021 年”）。')
  }
  for (const p of problems) issues.push({ severity: 'error', place: '工作簿', message: p })

  const schools: RawSchool[] = []
  const add = (name: string, nameFrom: RawSchool['nameFrom'], t: SheetTable, sheet?: string) => {
    const { rows, issues: rowIssues } = rowsOf(t, kit)
    const same = schools.find((s) => s.name === name)
    if (same) {
      same.rows.push(...rows)
      same.issues.push(...rowIssues)
      return
    }
    schools.push({ name, nameFrom, ...(sheet ? { sheet } : {}), rows, issues: rowIssues, cases: [] })
  }

  if (kit) {
    const t = tables.find((x) => x.sheet.name === kit.dataSheet) ?? tables[0]
    const typed = t.school && !/^[（(]?请填写/.test(t.school) ? t.school : null
    const name = kit.school || typed
    add(name ?? nameFromFile(fileName), name ? (kit.school ? 'kit' : 'cell') : 'file', t)
  } else if (tables.length > 1 && tables.every((t) => t.school || looksLikeContributor(t.sheet.name))) {
    // One school per sheet.
    for (const t of tables) add(t.school ?? t.sheet.name.trim(), t.school ? 'cell' : 'sheet', t, t.sheet.name)
  } else {
    // One school per workbook, its rows possibly spread over several sheets (基本情况, 就业情况).
    const named = tables.find((t) => t.school)?.school ?? null
    for (const t of tables) add(named ?? nameFromFile(fileName), named ? 'cell' : 'file', t, tables.length > 1 ? undefined : t.sheet.name)
  }
  return { kind: kit ? 'kit' : 'workbook', schools, issues, ...(kit ? { year: kit.year } : {}) }
}
