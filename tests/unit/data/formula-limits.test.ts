import { join } from 'node:path'
import { ReportSession } from '../../../src/main/services/reportSession'
import { templateChapters, templateMeta } from '../../../src/main/templates/outline'
import { reportData, type ReportData } from '../../../src/main/data'
import type { ReportTableSpec } from '../../../src/shared/model/table'
import { tempDir } from '../../helpers/reports'

/**
 * Formulas that would make the engine build huge ranges, arrays or strings
 * (=SUM(A1:OJ100000) ran main out of memory, and did so again on every
 * opening of the report that stored it) are refused in their cell with a
 * Chinese explanation; ordinary formulas and the rest of the table compute.
 * The refused examples here are small enough to compute without the check.
 */
let session: ReportSession
let data: ReportData
let file: string

function table(rows: string[][]): ReportTableSpec {
  return { id: 'tbl_lim', caption: '限制', note: '', headerRows: 0, columnWidths: rows[0].map(() => 1), rows: rows.map((r) => r.map((input) => ({ input }))), merges: [] }
}

beforeEach(() => {
  file = join(tempDir('nianbao-formula-limits-'), 'f.nianbao')
  session = new ReportSession({ now: () => new Date() })
  session.create(file, templateMeta('school', { region: '某校', year: 2021 }), templateChapters('school'))
  data = reportData(session.require())
})

afterEach(() => session.close())

const refused = [
  ['=SUM(A1:AP600)', '区域'],
  ['=SUM(B:B)', '区域'],
  ['=SUM(1:2)', '区域'],
  ["=SUM('tbl_lim'!$A$1:$A$501)", '区域'],
  ['=SUM(SEQUENCE(1000,100))', 'SEQUENCE'],
  ['=LEN(REPT("很",100000))', 'REPT'],
  ['=SUM(OFFSET(A1,0,0,600,1))', 'OFFSET']
]

describe('formula limits', () => {
  it.each(refused)('%s is refused with a Chinese explanation', (formula, word) => {
    data.putTable(table([['1', '2'], [formula, '=A1+B1']]))
    const rows = data.resolveTable('tbl_lim').rows
    expect(rows[1][0].text).toBe('#REF!')
    expect(rows[1][0].error).toContain(word)
    expect(rows[1][0].error).toMatch(/[\u4e00-\u9fff]/)
    // The rest of the table still computes.
    expect(rows[1][1].text).toBe('3')
  })

  it('allows ranges up to a whole table, and strings that merely look like ranges', () => {
    data.putTable({ ...table([['1', '2'], ['=SUM(A1:B1)&" 8:30 A:Z 1:500"', '']]), id: 'tbl_src' })
    data.putTable(table([["=SUM('tbl_src'!A1:AN500)", "=SUM(tbl_src!$A$1:$B$1)"]]))
    const rows = data.resolveTable('tbl_lim').rows
    expect(rows[0][0].error).toBeUndefined()
    expect(rows[0][0].text).toBe('3')
    expect(rows[0][1].text).toBe('3')
    expect(data.resolveTable('tbl_src').rows[1][0].text).toBe('3 8:30 A:Z 1:500')
  })

  it('refuses such a formula in an inline field, and in a table already stored in the file when it opens', () => {
    expect(data.fields(['=SUM(SEQUENCE(100,100))'])[0].error).toContain('SEQUENCE')
    data.putTable(table([['1', '=SUM(A1:A2)']]))
    // A formula written into the file by other means (an older version, a crafted file).
    session.require().store.db.prepare('UPDATE report_table SET spec = ? WHERE id = ?').run(JSON.stringify(table([['1', '=SUM(C:C)']])), 'tbl_lim')
    session.close()
    session.open(file)
    const reopened = reportData(session.require())
    expect(reopened.resolveTable('tbl_lim').rows[0][1].error).toContain('区域')
    expect(reopened.resolveTable('tbl_lim').rows[0][0].text).toBe('1')
  })
})
