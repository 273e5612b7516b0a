import { columns, describeMigration, tables } from '../../helpers/migrations'

// 001: the report, its chapters, images, history and the case index.
describeMigration(1, (db) => {
  expect(tables(db)).toEqual(expect.arrayContaining(['asset', 'case_study', 'chapter', 'report', 'revision']))
  expect(columns(db, 'report')).toEqual(['id', 'title', 'region', 'level', 'year', 'issuer', 'issue_date', 'template', 'created_at', 'updated_at'])
  expect(columns(db, 'chapter')).toEqual(['id', 'position', 'title', 'kind', 'doc', 'summary', 'version', 'updated_at'])
  expect(columns(db, 'asset')).toEqual(['hash', 'mime', 'width', 'height', 'bytes', 'created_at'])
  expect(columns(db, 'revision')).toEqual(['id', 'chapter_id', 'chapter_title', 'reason', 'doc', 'words', 'created_at'])
  expect(columns(db, 'case_study')).toEqual(['id', 'chapter_id', 'position', 'title', 'school'])

  const at = '2022-01-01T00:00:00.000Z'
  const insertReport = db.prepare(
    `INSERT INTO report (id, title, region, level, year, issuer, issue_date, template, created_at, updated_at)
     VALUES (?, '报告', '清远市', ?, 2021, '', '2021-11-30', 'city', ?, ?)`
  )
  // One report per file, and only the three levels.
  expect(() => insertReport.run(1, 'county', at, at)).toThrow(/CHECK/)
  insertReport.run(1, 'city', at, at)
  expect(() => insertReport.run(2, 'city', at, at)).toThrow(/CHECK/)

  db.prepare(`INSERT INTO chapter (id, position, title, doc, summary, updated_at) VALUES ('c1', 0, '基本情况', '{}', '{}', ?)`).run(at)
  const row = db.prepare("SELECT kind, version FROM chapter WHERE id = 'c1'").get()
  expect(row).toEqual({ kind: 'chapter', version: 1 })
  expect(() => db.prepare(`INSERT INTO chapter (id, position, title, kind, doc, summary, updated_at) VALUES ('c2', 1, 'x', 'annex', '{}', '{}', ?)`).run(at)).toThrow(
    /CHECK/
  )

  // The case index follows its chapter.
  db.prepare("INSERT INTO case_study (id, chapter_id, position, title) VALUES ('k1', 'c1', 0, '案例')").run()
  expect(() => db.prepare("INSERT INTO case_study (id, chapter_id, position, title) VALUES ('k2', 'nope', 0, '案例')").run()).toThrow(/FOREIGN KEY/)
  db.prepare("DELETE FROM chapter WHERE id = 'c1'").run()
  expect(db.prepare('SELECT count(*) AS n FROM case_study').get()).toEqual({ n: 0 })
})
