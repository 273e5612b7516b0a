import { join } from 'node:path'
import { ReportSession } from '../../../src/main/services/reportSession'
import { templateChapters, templateMeta } from '../../../src/main/templates/outline'
import { reportData } from '../../../src/main/data'
import type { ReportTableSpec } from '../../../src/shared/model/table'
import { tempDir } from '../../helpers/reports'

/**
 * Inserting rows moves the references of other tables in the engine before
 * the file is written. When that write fails (a full disk), the app must
 * go on from what the file holds: before, the engine kept the moved rows,
 * the next edit of the table stored them, and the other table's formula,
 * never rewritten in the file, then quoted the wrong row.
 */
function table(id: string, rows: string[][]): ReportTableSpec {
  return { id, caption: id, note: '', headerRows: 1, columnWidths: rows[0].map(() => 1), rows: rows.map((r) => r.map((input) => ({ input }))), merges: [] }
}

it('a failed row insertion leaves the engine as the file is, and no formula quoting the wrong row', () => {
  const file = join(tempDir('nianbao-reshape-fail-'), 'f.nianbao')
  const session = new ReportSession({ now: () => new Date() })
  session.create(file, templateMeta('school', { region: '某校', year: 2021 }), templateChapters('school'))
  let data = reportData(session.require())
  data.putTable(table('tbl_src', [['项目', '数'], ['甲', '10'], ['乙', '20']]))
  data.putTable(table('tbl_use', [['引用'], ["='tbl_src'!B3"]]))

  const store = data.data
  const put = store.putTable.bind(store)
  store.putTable = () => {
    throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
  }
  expect(() => data.reshape('tbl_src', { kind: 'insertRows', at: 1, count: 1 })).toThrow()
  store.putTable = put

  // What the editor is shown now is what the file holds.
  expect(data.resolveTable('tbl_src').rows).toHaveLength(3)
  expect(data.tableView('tbl_use').spec.rows[1][0].input).toBe("='tbl_src'!B3")
  // The next edit of the table stores only that edit.
  data.setCells('tbl_src', [{ row: 1, col: 1, input: '11' }])
  expect(data.resolveTable('tbl_use').rows[1][0].text).toBe('20')

  session.close()
  session.open(file)
  data = reportData(session.require())
  expect(data.resolveTable('tbl_src').rows.map((r) => r.map((c) => c.text))).toEqual([['项目', '数'], ['甲', '11'], ['乙', '20']])
  expect(data.resolveTable('tbl_use').rows[1][0].text).toBe('20')
  session.close()
})
