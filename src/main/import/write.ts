import { basename } from 'node:path'
import type Database from 'better-sqlite3'
import { normalizeDoc } from '@shared/editor/normalize'
import { summarizeChapter } from '@shared/model/summary'
import { createReportDatabase, closeReportDatabase } from '../store/database'
import { saveImportReport } from '../store/importReportStore'
import { ReportStore } from '../store/reportStore'
import { validateDoc } from '../chapters/documents'
import type { ImportedReport } from './model'
import { writeImportedData } from './writeData'

/**
 * Write an imported report as a new .nianbao. The file is built under a
 * temporary name in one transaction and renamed into place
 * (createReportDatabase), so an import either completes or leaves nothing.
 */
export interface WriteOptions {
  nativeBinding?: string
  now?: () => Date
  kind?: 'import' | 'rollover'
  /** Extra writes inside the same transaction. */
  extra?: (db: Database.Database, imported: ImportedReport) => void
}

export function fillImported(db: Database.Database, imported: ImportedReport, options: WriteOptions = {}): void {
  const now = options.now ?? (() => new Date())
  const at = now().toISOString()
  ReportStore.insertMeta(db, imported.meta, at)
  const store = new ReportStore(db, now)
  const seen = new Set<string>()
  store.insertChapters(
    imported.chapters.map((c) => {
      const { doc } = normalizeDoc(c.doc, seen)
      validateDoc(doc)
      return { id: c.id, title: c.title, kind: c.kind, doc, summary: summarizeChapter(doc) }
    })
  )
  for (const a of imported.assets) store.putAsset({ hash: a.hash, mime: a.mime, width: a.width, height: a.height, bytes: Buffer.from(a.bytes) })
  writeImportedData(db, imported)
  options.extra?.(db, imported)
  saveImportReport(db, options.kind ?? 'import', imported.report, at)
}

/** Create `path` from an imported report; throws (and leaves nothing) when it cannot. */
export function writeImportedReport(path: string, imported: ImportedReport, options: WriteOptions = {}): string {
  const db = createReportDatabase(path, (db) => fillImported(db, imported, options), { nativeBinding: options.nativeBinding })
  closeReportDatabase(db)
  return path
}

export function defaultReportName(imported: ImportedReport, sourceName: string): string {
  const m = imported.meta
  return m.region && m.region !== '未命名地区' ? `${m.region}${m.year}年度质量报告` : basename(sourceName).replace(/\.docx$/i, '')
}
