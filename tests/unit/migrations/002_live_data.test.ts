import { columns, describeMigration, tables } from '../../helpers/migrations'

// 002: report tables and figures in their own rows, indicators and their values per year.
describeMigration(2, (db) => {
  expect(tables(db)).toEqual(expect.arrayContaining(['report_table', 'figure', 'indicator', 'indicator_value']))
  expect(columns(db, 'report_table')).toEqual(['id', 'chapter_id', 'spec', 'updated_at'])
  expect(columns(db, 'figure')).toEqual(['id', 'chapter_id', 'spec', 'updated_at'])
  expect(columns(db, 'indicator')).toEqual(['id', 'name', 'unit', 'grp', 'chapter_id', 'source', 'format', 'position'])
  expect(columns(db, 'indicator_value')).toEqual(['indicator_id', 'year', 'value'])

  const addIndicator = db.prepare("INSERT INTO indicator (id, name, position) VALUES (?, ?, 0)")
  addIndicator.run('teachers.fulltime', '专任教师')
  // Names are unique: formulas refer to indicators by name.
  expect(() => addIndicator.run('teachers.other', '专任教师')).toThrow(/UNIQUE/)

  const setValue = db.prepare('INSERT INTO indicator_value (indicator_id, year, value) VALUES (?, ?, ?)')
  setValue.run('teachers.fulltime', 2020, 1622)
  setValue.run('teachers.fulltime', 2021, 1649)
  // One value per indicator and year; no value without its indicator; no absurd year.
  expect(() => setValue.run('teachers.fulltime', 2021, 1650)).toThrow(/UNIQUE|PRIMARY/)
  expect(() => setValue.run('nope', 2021, 1)).toThrow(/FOREIGN KEY/)
  expect(() => setValue.run('teachers.fulltime', 20210, 1)).toThrow(/CHECK/)

  // A key change follows into the values; deleting an indicator deletes its values.
  db.prepare("UPDATE indicator SET id = 'teachers.ft' WHERE id = 'teachers.fulltime'").run()
  expect(db.prepare("SELECT count(*) AS n FROM indicator_value WHERE indicator_id = 'teachers.ft'").get()).toEqual({ n: 2 })
  db.prepare("DELETE FROM indicator WHERE id = 'teachers.ft'").run()
  expect(db.prepare('SELECT count(*) AS n FROM indicator_value').get()).toEqual({ n: 0 })

  // Tables and figures are not tied to a chapter row: a deleted chapter (kept in history) can be restored with them.
  db.prepare("INSERT INTO report_table (id, chapter_id, spec, updated_at) VALUES ('tbl_a', 'gone', '{}', 'x')").run()
  db.prepare("INSERT INTO figure (id, chapter_id, spec, updated_at) VALUES ('fig_a', NULL, '{}', 'x')").run()
  expect(db.prepare('SELECT count(*) AS n FROM report_table').get()).toEqual({ n: 1 })
})
