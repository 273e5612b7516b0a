import Database from 'better-sqlite3'
import { UserError } from '@shared/errors'
import { readXlsx, XlsxFailure, type XlsxLimits } from '../../xlsx'
import { analyseDocx } from '../../import/pipeline'
import { ImportFailure } from '../../import/errors'
import { DEFAULT_LIMITS, type ImportLimits } from '../../import/limits'
import { fillImported } from '../../import/write'
import { openReportBytes } from '../../store/database'
import { migrate } from '../../store/migrations'
import { readReportDb } from './report'
import { readWorkbook } from './workbook'
import { IntakeRefusal, type FileReading } from './types'

/**
 * One file from outside, whatever it is: an .xlsx (the data kit or any
 * workbook), a .nianbao report, or a .docx report (read by the import, into
 * a report in memory). Recognised by its bytes as much as by its name, read
 * under the same limits as every file from outside, and refused with one
 * Chinese sentence when it cannot be used. Synchronous and pure: it runs in
 * the intake worker.
 */
export interface ReadLimits {
  xlsx?: Partial<XlsxLimits>
  docx?: Partial<ImportLimits>
}

const ZIP = [0x50, 0x4b]
const OLE = [0xd0, 0xcf, 0x11, 0xe0]
const SQLITE = 'SQLite format 3\0'

function starts(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b)
}

export function sniff(fileName: string, bytes: Uint8Array): 'xlsx' | 'docx' | 'report' | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''
  if (bytes.length >= 16 && Buffer.from(bytes.subarray(0, 16)).toString('latin1') === SQLITE) return 'report'
  if (starts(bytes, ZIP)) {
    if (ext === 'docx' || ext === 'docm') return 'docx'
    if (ext === 'xlsx' || ext === 'xlsm' || ext === 'et') return 'xlsx'
    // No telling extension: look for the parts' names in the zip's directory (stored as plain text).
    const head = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 65536))).toString('latin1')
    if (head.includes('word/document.xml')) return 'docx'
    if (head.includes('xl/workbook.xml')) return 'xlsx'
    return null
  }
  if (starts(bytes, OLE)) return ext === 'doc' || ext === 'wps' ? 'docx' : 'xlsx'
  if (ext === 'xlsx' || ext === 'xls') return 'xlsx'
  if (ext === 'docx' || ext === 'doc') return 'docx'
  if (ext === 'nianbao') return 'report'
  return null
}

export function readIntakeFile(fileName: string, bytes: Uint8Array, limits: ReadLimits = {}, now = new Date()): FileReading {
  const kind = sniff(fileName, bytes)
  if (bytes.length === 0) throw new IntakeRefusal('文件是空的（0 字节）。')
  try {
    if (kind === 'xlsx') {
      const book = readXlsx(bytes, limits.xlsx)
      return { ...readWorkbook(book, fileName), fileDate: book.modified ?? null, assets: [] }
    }
    if (kind === 'report') {
      const db = openReportBytes(bytes, fileName)
      try {
        return readReportDb(db, fileName, 'report')
      } finally {
        db.close()
      }
    }
    if (kind === 'docx') {
      const imported = analyseDocx({ bytes, fileName, limits: { ...DEFAULT_LIMITS, ...limits.docx }, now })
      // The import builds a report; here it is built in memory, read like a .nianbao and dropped.
      const db = new Database(':memory:')
      try {
        migrate(db)
        db.transaction(() => fillImported(db, imported, { now: () => now }))()
        return readReportDb(db, fileName, 'docx')
      } finally {
        db.close()
      }
    }
  } catch (e) {
    if (e instanceof XlsxFailure || e instanceof ImportFailure || e instanceof IntakeRefusal || e instanceof UserError) throw new IntakeRefusal(e.message)
    throw e
  }
  throw new IntakeRefusal(`“${fileName}”不是 Excel 工作簿（.xlsx）、年报报告（.nianbao）或 Word 文档（.docx），无法读取。`)
}
