import { join } from 'node:path'
import { ReportSession } from '../../../src/main/services/reportSession'
import { templateChapters, templateMeta } from '../../../src/main/templates/outline'
import { reportData } from '../../../src/main/data'
import type { TableCell } from '../../../src/shared/model/table'
import { tempDir } from '../../helpers/reports'

/**
 * Text concatenated with itself along a row (=A1&A1, =B1&B1 …) grows past
 * what the engine can hold. Such a change used to be stored before the
 * engine failed on it, and from then on the report's tables, fields and
 * charts could not load at all. Now it is refused with a Chinese message,
 * nothing of it is stored, and the table goes on as it was.
 */
it('a change the engine cannot compute is refused and not stored; the report still opens', () => {
  const file = join(tempDir('nianbao-engine-failure-'), 'f.nianbao')
  const session = new ReportSession({ now: () => new Date() })
  session.create(file, templateMeta('school', { region: '某校', year: 2021 }), templateChapters('school'))
  let data = reportData(session.require())
  const row: TableCell[] = [{ input: 'x'.repeat(2000) }, ...Array.from({ length: 29 }, () => ({ input: '' }))]
  data.putTable({ id: 'tbl_c', caption: '连接', note: '', headerRows: 0, columnWidths: row.map(() => 1), rows: [row, row.map(() => ({ input: '1' }))], merges: [] })
  const chain = Array.from({ length: 29 }, (_, i) => {
    const prev = String.fromCharCode(65 + i)
    return { row: 0, col: i + 1, input: `=${prev}1&${prev}1` }
  })

  expect(() => data.setCells('tbl_c', chain)).toThrow(/公式的结果过大.*没有保存/)
  expect(data.resolveTable('tbl_c').rows[1][0].text).toBe('1')
  expect(data.tableView('tbl_c').spec.rows[0][1].input).toBe('')
  // Editing goes on.
  data.setCells('tbl_c', [{ row: 1, col: 0, input: '=B2+C2' }])
  expect(data.resolveTable('tbl_c').rows[1][0].text).toBe('2')

  session.close()
  session.open(file)
  data = reportData(session.require())
  expect(data.resolveTable('tbl_c').rows[1][0].text).toBe('2')
  session.close()
})
