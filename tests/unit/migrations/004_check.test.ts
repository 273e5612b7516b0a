import { columns, describeMigration, tables } from '../../helpers/migrations'
import { checkSettings, clearVerified, markVerified, saveCheckSettings, unmarkVerified, verifiedMarks } from '../../../src/main/store/checkStore'

// 004: 体检 — findings marked 已核实 (who, when) and the report's check settings.
describeMigration(4, (db) => {
  expect(tables(db)).toEqual(expect.arrayContaining(['check_verified', 'check_setting']))
  expect(columns(db, 'check_verified')).toEqual(['finding_id', 'rule', 'summary', 'verified_by', 'verified_at'])
  expect(columns(db, 'check_setting')).toEqual(['key', 'value'])

  // Defaults until set: 1000 字 per case, 50% change.
  expect(checkSettings(db)).toEqual({ caseWordLimit: 1000, changeThreshold: 50 })
  saveCheckSettings(db, { caseWordLimit: 1500, changeThreshold: 30 })
  expect(checkSettings(db)).toEqual({ caseWordLimit: 1500, changeThreshold: 30 })
  // A value out of range (written by hand) reads as the default.
  db.prepare("UPDATE check_setting SET value = 'x' WHERE key = 'caseWordLimit'").run()
  expect(checkSettings(db).caseWordLimit).toBe(1000)

  markVerified(db, 'abc', { by: '张老师', at: '2022-03-01T08:00:00.000Z', rule: 'samePlaces', summary: '生师比…' })
  markVerified(db, 'abc', { by: '李老师', at: '2022-03-02T08:00:00.000Z', rule: 'samePlaces', summary: '生师比…' })
  expect(verifiedMarks(db).get('abc')).toEqual({ by: '李老师', at: '2022-03-02T08:00:00.000Z', rule: 'samePlaces', summary: '生师比…' })
  expect(unmarkVerified(db, 'abc')).toBe(true)
  expect(unmarkVerified(db, 'abc')).toBe(false)
  markVerified(db, 'def', { by: 'x', at: 'y', rule: 'data', summary: '' })
  clearVerified(db)
  expect(verifiedMarks(db).size).toBe(0)
})
