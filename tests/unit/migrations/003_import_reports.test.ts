import { columns, describeMigration, tables } from '../../helpers/migrations'
import { latestImportReport, saveImportReport } from '../../../src/main/store/importReportStore'
import type { ImportReport } from '../../../src/shared/contract/import'

// 003: the import report (导入报告) kept in the report it produced.
describeMigration(3, (db) => {
  expect(tables(db)).toContain('import_report')
  expect(columns(db, 'import_report')).toEqual(['id', 'kind', 'source_name', 'source_bytes', 'report', 'created_at'])
  expect(() => db.prepare("INSERT INTO import_report (kind, source_name, report, created_at) VALUES ('export', 'a.docx', '{}', 'x')").run()).toThrow(/CHECK/)

  const report = (fileName: string): ImportReport => ({
    source: { fileName, bytes: 10 },
    importedAt: '2022-01-01T00:00:00.000Z',
    counts: { chapters: 9, appendices: 1, headings: 67, cases: 25, tables: 13, appendixTables: 1, figures: 12, images: 58, photos: 46, crossRefs: 13, formulas: 53 },
    inconsistencies: [{ code: 'CASE_LIST_MISSING', place: '第 5 章', message: '案例 21 没有列入案例目录。' }],
    warnings: [],
    dropped: []
  })
  expect(latestImportReport(db)).toBeNull()
  saveImportReport(db, 'import', report('2021.docx'), '2022-01-01T00:00:00.000Z')
  saveImportReport(db, 'rollover', report('2021.nianbao'), '2022-01-02T00:00:00.000Z')
  // The newest one is the one shown.
  expect(latestImportReport(db)?.source.fileName).toBe('2021.nianbao')
  // A damaged row reads as no report rather than breaking the report.
  db.prepare("INSERT INTO import_report (kind, source_name, report, created_at) VALUES ('import', 'x', '{not json', 'x')").run()
  expect(latestImportReport(db)).toBeNull()
})
