import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closeReportDatabase, openReportDatabase } from '../../../src/main/store/database'
import { ReportStore } from '../../../src/main/store/reportStore'
import { templateChapters, templateMeta } from '../../../src/main/templates/outline'
import type { DocNode } from '../../../src/shared/model/doc'
import { summarizeChapter } from '../../../src/shared/model/summary'
import { columns, databaseAt, describeMigration, insertChaptersAt, tables, userVersion } from '../../helpers/migrations'
import { qingyuanChapter } from '../../helpers/qingyuan'

// 006: a chapter's top-level blocks in rows of their own; the chapter keeps the shell and the order.
describeMigration(6, (db) => {
  expect(tables(db)).toEqual(expect.arrayContaining(['chapter', 'chapter_block']))
  expect(columns(db, 'chapter')).toEqual(['id', 'position', 'title', 'kind', 'doc', 'summary', 'version', 'updated_at', 'blocks'])
  expect(columns(db, 'chapter_block')).toEqual(['id', 'chapter_id', 'doc'])
  // A block belongs to a chapter that exists, and goes with it.
  db.prepare("INSERT INTO chapter (id, position, title, doc, summary, updated_at) VALUES ('m6', 99, 'x', '{}', '{}', 'x')").run()
  db.prepare("INSERT INTO chapter_block (chapter_id, doc) VALUES ('m6', '{}')").run()
  expect(() => db.prepare("INSERT INTO chapter_block (chapter_id, doc) VALUES ('nope', '{}')").run()).toThrow(/FOREIGN KEY/)
  db.prepare("DELETE FROM chapter WHERE id = 'm6'").run()
  expect(db.prepare("SELECT count(*) AS n FROM chapter_block WHERE chapter_id = 'm6'").get()).toEqual({ n: 0 })
})

describe('migration 006 on a report written at version 5', () => {
  const chapter = (title: string, doc: DocNode) => ({ title, kind: 'chapter' as const, doc, summary: summarizeChapter(doc) })

  it('stores every chapter as blocks that read back exactly as the whole documents did', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nianbao-mig6-')), 'old.nianbao')
    const old = databaseAt(5, path)
    ReportStore.insertMeta(old, templateMeta('city', { region: '清远市', year: 2021 }), '2022-01-01T00:00:00.000Z')
    const written = [
      ...templateChapters('city'),
      chapter('质量保障措施', qingyuanChapter(3)),
      chapter('有属性的文档', { type: 'doc', attrs: { note: '根节点的属性' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: '一段' }] }] }),
      chapter('空文档', { type: 'doc' })
    ]
    const ids = insertChaptersAt(old, written)
    const before = ids.map((id) => old.prepare('SELECT doc, summary, version FROM chapter WHERE id = ?').get(id) as { doc: string; summary: string; version: number })
    old.close()

    const db = openReportDatabase(path)
    try {
      expect(userVersion(db)).toBe(6)
      const store = new ReportStore(db)
      ids.forEach((id, i) => {
        const c = store.getChapter(id)
        expect(c.doc).toEqual(JSON.parse(before[i].doc))
        expect(JSON.stringify(c.doc)).toBe(before[i].doc)
        expect(c.version).toBe(before[i].version)
        expect(store.chapterSummary(id)).toEqual(JSON.parse(before[i].summary))
      })
      // Blocks moved out of the chapter rows: one row per top-level block, the chapter row keeps the shell.
      const blocks = written.reduce((n, c) => n + (c.doc.content?.length ?? 0), 0)
      expect(db.prepare('SELECT count(*) AS n FROM chapter_block').get()).toEqual({ n: blocks })
      expect(JSON.parse((db.prepare('SELECT doc FROM chapter WHERE id = ?').get(ids[0]) as { doc: string }).doc)).toEqual({ type: 'doc' })
      // The upgraded chapter is edited as any other.
      const doc = store.getChapter(ids[0]).doc
      const edited = { ...doc, content: [...doc.content!, { type: 'paragraph', content: [{ type: 'text', text: '升级后写的' }] }] }
      store.saveChapter(ids[0], edited, summarizeChapter(edited), before[0].version)
      expect(store.getChapter(ids[0]).doc).toEqual(edited)
      expect(db.pragma('foreign_key_check')).toEqual([])
    } finally {
      closeReportDatabase(db)
    }
  })

  it('leaves a damaged chapter document as it was: reading that chapter is refused, the others read', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nianbao-mig6-')), 'damaged.nianbao')
    const old = databaseAt(5, path)
    ReportStore.insertMeta(old, templateMeta('city', { region: '清远市', year: 2021 }), '2022-01-01T00:00:00.000Z')
    const [good, bad] = insertChaptersAt(old, templateChapters('city').slice(0, 2))
    old.prepare("UPDATE chapter SET doc = '{\"type\":\"doc\",\"content\":[' WHERE id = ?").run(bad)
    old.close()

    const db = openReportDatabase(path)
    try {
      const store = new ReportStore(db)
      expect(store.getChapter(good).doc.content!.length).toBeGreaterThan(0)
      expect(() => store.getChapter(bad)).toThrow()
      expect(store.listChapters()).toHaveLength(2)
    } finally {
      closeReportDatabase(db)
    }
  })
})
