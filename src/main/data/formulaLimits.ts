/**
 * What a formula may ask of the engine. A report table has at most 500 rows
 * and 40 columns, so no sensible formula reads a larger area; one that does
 * (=SUM(A1:OJ100000), a whole row, a whole column) or that makes data out of
 * nothing (SEQUENCE, OFFSET with a huge size, REPT with a huge count) can
 * exhaust main's memory. Such a formula would be stored before it is
 * computed, and then kill the app again each time the report opens; it is
 * refused when compiled instead, and its cell shows why.
 */
import { MAX_TABLE_COLS, MAX_TABLE_ROWS } from '@shared/contract/data'
import { columnIndex } from '@shared/model/cellAddress'
import { quotedEnd } from '@shared/model/formula'

/** Functions that build large arrays or strings from a few small arguments. */
const REFUSED_FUNCTIONS = ['SEQUENCE', 'OFFSET', 'REPT', 'MUNIT', 'RANDARRAY']

/** The rows and columns the engine gives a whole column or a whole row (DataEngine's HyperFormula configuration). */
const ENGINE_ROWS = 100_000
const ENGINE_COLS = 400

/** Engine text with string literals emptied and quoted sheet names replaced by a plain word: only addresses and names are left. */
function addressText(formula: string): string {
  let out = ''
  let i = 0
  while (i < formula.length) {
    const q = formula[i]
    if (q !== '"' && q !== "'") {
      out += q
      i++
      continue
    }
    const j = quotedEnd(formula, i)
    out += q === '"' ? '""' : 'S'
    i = j + 1
  }
  return out
}

const SHEET = String.raw`(?:[A-Za-z0-9_.]+!)?`
const CELL_RANGE = new RegExp(String.raw`(?<![A-Za-z0-9_.])${SHEET}\$?([A-Za-z]{1,3})\$?(\d{1,9})\s*:\s*${SHEET}\$?([A-Za-z]{1,3})\$?(\d{1,9})(?![A-Za-z0-9_(])`, 'g')
const COLUMN_RANGE = new RegExp(String.raw`(?<![A-Za-z0-9_.$])\$?([A-Za-z]{1,3})\s*:\s*${SHEET}\$?([A-Za-z]{1,3})(?![A-Za-z0-9_(])`, 'g')
const ROW_RANGE = new RegExp(String.raw`(?<![A-Za-z0-9_.$])\$?(\d{1,9})\s*:\s*${SHEET}\$?(\d{1,9})(?![A-Za-z0-9_.])`, 'g')
const FUNCTION = new RegExp(String.raw`(?<![A-Za-z0-9_.])(${REFUSED_FUNCTIONS.join('|')})\s*\(`, 'i')

function tooLarge(rows: number, cols: number): boolean {
  return rows > MAX_TABLE_ROWS || cols > MAX_TABLE_COLS
}

function rangeMessage(range: string): string {
  return `区域“${range.replace(/\s+/g, '').slice(0, 40)}”过大：公式中的区域最多 ${MAX_TABLE_ROWS} 行、${MAX_TABLE_COLS} 列（与表格的大小上限相同），也不能引用整行或整列。请写成 B2:B20 这样的区域。`
}

/** Why the engine must not compute this formula (engine text, indicators already compiled), or null when it may. */
export function formulaLimitProblem(formula: string): string | null {
  const text = addressText(formula)
  const fn = FUNCTION.exec(text)
  if (fn) return `公式中不能使用函数 ${fn[1].toUpperCase()}：它可能生成极大的数据，使程序停止响应。请改用单元格区域，如 B2:B20。`
  for (const m of text.matchAll(CELL_RANGE)) {
    const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1
    const cols = Math.abs(columnIndex(m[3]) - columnIndex(m[1])) + 1
    if (tooLarge(rows, cols)) return rangeMessage(m[0])
  }
  for (const m of text.matchAll(COLUMN_RANGE)) {
    const cols = Math.abs(columnIndex(m[2]) - columnIndex(m[1])) + 1
    if (tooLarge(ENGINE_ROWS, cols)) return rangeMessage(m[0])
  }
  for (const m of text.matchAll(ROW_RANGE)) {
    const rows = Math.abs(Number(m[2]) - Number(m[1])) + 1
    if (tooLarge(rows, ENGINE_COLS)) return rangeMessage(m[0])
  }
  return null
}
