import { columns, describeMigration, tables } from '../../helpers/migrations'
import { IntakeStore, currentTotals } from '../../../src/main/store/intakeStore'

// 005: 汇总 — contributors, the files they sent, the values taken (with their cells), compiled values, the case library.
describeMigration(5, (db) => {
  expect(tables(db)).toEqual(expect.arrayContaining(['intake_contributor', 'intake_file', 'intake_value', 'intake_compiled', 'intake_case']))
  expect(columns(db, 'intake_value')).toEqual(['contributor_id', 'figure', 'year', 'value', 'file_id', 'place', 'note'])
  expect(columns(db, 'intake_file')).toEqual(['id', 'contributor_id', 'file_name', 'kind', 'sha256', 'bytes', 'file_date', 'received_at', 'sheet', 'issues', 'errors', 'warnings', 'replaced'])
  expect(columns(db, 'intake_case')).toEqual(['id', 'contributor_id', 'file_id', 'title', 'school', 'doc', 'tables', 'figures', 'picked_case', 'received_at'])

  const store = new IntakeStore(db)
  const at = '2022-04-01T00:00:00.000Z'
  const a = store.ensureContributor('甲校', at, true)
  const b = store.ensureContributor('乙校', at)
  expect(store.ensureContributor('甲校', at).id).toBe(a.id)
  expect(store.contributors().map((c) => [c.name, c.expected])).toEqual([
    ['甲校', true],
    ['乙校', false]
  ])
  const file = (contributorId: number, name: string) =>
    store.addFile({ contributorId, fileName: name, kind: 'kit', sha256: 'x'.repeat(64), bytes: 10, fileDate: null, receivedAt: at, sheet: '', issues: [], errors: 0, warnings: 0 })
  const fa = file(a.id, 'a.xlsx')
  store.replaceValues(a.id, fa, [{ figure: 'students.total', year: 2021, value: 100, place: '数据!D5', note: '' }])
  store.replaceValues(b.id, file(b.id, 'b.xlsx'), [{ figure: 'students.total', year: 2021, value: 50, place: '数据!D5', note: '' }])
  expect(currentTotals(db)).toEqual([{ figure: 'students.total', values: { '2021': 150 } }])
  // A newer file from 甲校 replaces its values only, and marks its earlier file.
  store.replaceValues(a.id, file(a.id, 'a2.xlsx'), [{ figure: 'students.total', year: 2021, value: 120, place: '数据!D5', note: '' }])
  expect(currentTotals(db)).toEqual([{ figure: 'students.total', values: { '2021': 170 } }])
  expect(store.files(a.id).map((f) => [f.fileName, f.replaced])).toEqual([
    ['a.xlsx', true],
    ['a2.xlsx', false]
  ])
  expect(() => db.prepare("INSERT INTO intake_file (contributor_id, file_name, kind, sha256, bytes, received_at) VALUES (1, 'x', 'pdf', 'x', 1, 'x')").run()).toThrow(/CHECK/)
  // A damaged issues column reads as no issues rather than breaking the panel.
  db.prepare("UPDATE intake_file SET issues = '{not json' WHERE id = ?").run(fa)
  expect(store.files(a.id)[0].issues).toEqual([])
  // Removing a contributor removes what it sent.
  db.prepare('DELETE FROM intake_contributor WHERE id = ?').run(b.id)
  expect(currentTotals(db)).toEqual([{ figure: 'students.total', values: { '2021': 120 } }])
})
