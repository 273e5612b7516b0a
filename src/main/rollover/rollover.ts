import { existsSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type Database from 'better-sqlite3'
import type { ImportIssue, ImportReport } from '@shared/contract/import'
import { UserError } from '@shared/errors'
import { numberReport } from '@shared/model/numbering'
import { summarizeChapter } from '@shared/model/summary'
import type { ReportTableSpec } from '@shared/model/table'
import { closeReportDatabase, openReportDatabase } from '../store/database'
import { DataStore } from '../store/dataStore'
import { latestImportReport, saveImportReport } from '../store/importReportStore'
import { clearVerified } from '../store/checkStore'
import { ReportStore } from '../store/reportStore'
import { linkYears } from '../import/recognise/indicators'
import { parseNumber, tableData, type Grid } from '../import/recognise/tables'
import { analyse, checkTarget, type ImportSource } from '../import/service'
import { writeImportedReport } from '../import/write'
import type { ImportedReport } from '../import/model'
import { literalNumbers, rollChapter, rollFigure, rollMeta, rollTable, shiftYearsInText } from './transform'
import { fillYears } from '@shared/model/formula'
import { syncFolder } from '../durable'

/**
 * 从上一年报告新建: a new report for the next year from last year's
 * .nianbao (or .docx, imported first). The same outline; last year's text
 * kept as draft; every table's year columns moved on (last year's 本年 is
 * the new 上年, the new 本年 waits for input); fields and charts follow;
 * title and dates updated. Last year's file is only read: the work happens
 * on a copy next to the new file, renamed into place when complete.
 */
export interface RolloverOptions {
  year: number
  nativeBinding?: string
  now?: () => Date
}

function tempNear(outPath: string, tag: string): string {
  return join(dirname(outPath), `.${basename(outPath)}.${process.pid}.${Date.now()}.${tag}`)
}

function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true })
}

/** Roll the report at `source` (a .nianbao, closed or open in this process via `copy`) over into `outPath`. */
export async function rolloverReport(
  source: { path: string; copy?: (to: string) => Promise<void> },
  outPath: string,
  options: RolloverOptions
): Promise<{ path: string; report: ImportReport }> {
  checkTarget(outPath)
  const tmp = tempNear(outPath, 'rollover')
  try {
    if (source.copy) await source.copy(tmp)
    else {
      if (!existsSync(source.path)) throw new UserError('FILE_NOT_FOUND', `找不到上一年的报告“${basename(source.path)}”。`)
      // Copied through SQLite, a consistent snapshot (never a raw copy of a file
      // another program may be writing): a report held by another window or
      // process is refused by the open, with its Chinese message.
      const last = openReportDatabase(source.path, { nativeBinding: options.nativeBinding, readOnly: true })
      try {
        await last.backup(tmp)
      } finally {
        last.close()
      }
    }
    const db = openReportDatabase(tmp, { nativeBinding: options.nativeBinding })
    let report: ImportReport
    try {
      report = rollOver(db, basename(source.path), options)
    } finally {
      closeReportDatabase(db)
    }
    if (existsSync(outPath)) throw new UserError('FILE_EXISTS', `文件“${basename(outPath)}”已存在，请换一个文件名。`)
    renameSync(tmp, outPath)
    syncFolder(dirname(outPath))
    return { path: outPath, report }
  } catch (e) {
    removeDb(tmp)
    throw e
  }
}

/** Roll a .docx over: import it into a temporary report (`imported`: already analysed), then roll that over. */
export async function rolloverDocx(src: ImportSource, outPath: string, options: RolloverOptions, analysed?: ImportedReport): Promise<{ path: string; report: ImportReport }> {
  checkTarget(outPath)
  const imported = analysed ?? (await analyse(src, { now: options.now }))
  const tmp = tempNear(outPath, 'imported')
  try {
    writeImportedReport(tmp, imported, { nativeBinding: options.nativeBinding, now: options.now })
    return await rolloverReport({ path: tmp }, outPath, options)
  } finally {
    removeDb(tmp)
  }
}

/** The data year and title of last year's report, read from its file without writing it (从上一年报告新建 proposes the year after). */
export function lastYearOf(path: string, nativeBinding?: string): { year: number; title: string } {
  if (!existsSync(path)) throw new UserError('FILE_NOT_FOUND', `找不到上一年的报告“${basename(path)}”。`)
  const db = openReportDatabase(path, { nativeBinding, readOnly: true })
  try {
    const meta = new ReportStore(db).meta()
    return { year: meta.year, title: meta.title }
  } finally {
    db.close()
  }
}

function asGrid(spec: ReportTableSpec): Grid {
  return {
    rows: spec.rows.map((row, r) => row.map((c) => ({ text: c.input, num: r >= spec.headerRows && !c.input.trim().startsWith('=') ? parseNumber(c.input) : undefined }))),
    merges: spec.merges,
    headerRows: spec.headerRows,
    columnWidths: spec.columnWidths
  }
}

/** Where a table or figure is, for the report's places to be clicked; none for one outside the chapters. */
function targetOf(chapterId: string | null, id: string): Pick<ImportIssue, 'target'> {
  return chapterId ? { target: { chapterId, id } } : {}
}

/** The rollover itself, in one transaction on the copy. */
function rollOver(db: Database.Database, sourceName: string, options: RolloverOptions): ImportReport {
  const now = options.now ?? (() => new Date())
  const store = new ReportStore(db, now)
  const data = new DataStore(db, now)
  const meta = store.meta()
  const from = meta.year
  const year = options.year
  if (year <= from) throw new UserError('BAD_INPUT', `新报告的年度（${year}）应晚于上一年报告的数据年度（${from}）。`)
  const by = year - from
  const warnings: ImportIssue[] = []
  const drafts = { paragraphs: 0 }

  db.transaction(() => {
    const chapters = store.listChapters()
    const numbering = numberReport(chapters)
    const tableNumber = new Map(numbering.tables.map((t) => [t.id, t.number]))
    const figureNumber = new Map(numbering.figures.map((f) => [f.id, f.number]))
    const chapterOfTable = new Map(numbering.tables.map((t) => [t.id, t.chapterId]))
    // A chart's own data sheet is named by its figure ("图 2-1 的数据表") and belongs to the figure's chapter.
    const sheetOf = new Map<string, { number: string | null; chapterId: string }>()
    for (const f of data.listFigures()) {
      const src = f.spec.chart?.source
      const n = numbering.figures.find((x) => x.id === f.spec.id)
      if (src?.kind === 'sheet' && n) sheetOf.set(src.tableId, { number: n.number, chapterId: n.chapterId })
    }
    const tableLabel = (id: string) => {
      const sheet = sheetOf.get(id)
      if (sheet) return `${sheet.number ? `图 ${sheet.number}` : '附图'}的数据表`
      const n = tableNumber.get(id)
      return n ? `表 ${n}` : '附表'
    }

    // Tables that still hold typed numbers under year labels get indicators first, as an import does.
    const existing = data.listIndicators().map((i) => ({ ...i, values: data.valuesOf(i.id) }))
    const tables = data.listTables()
    const literal = tables.map((t) => ({ spec: t.spec, typed: null, yearAxis: tableData(asGrid(t.spec)).yearAxis }))
    const linked = linkYears(literal, {
      year: from,
      existing,
      chapterOf: (id) => chapterOfTable.get(id) ?? sheetOf.get(id)?.chapterId ?? null,
      labelOf: (id) => (sheetOf.has(id) ? `图 ${sheetOf.get(id)!.number ?? ''}`.trim() : tableLabel(id))
    })
    for (const ind of linked.indicators) {
      const { values, ...props } = ind
      data.putIndicator(props)
      for (const [y, v] of Object.entries(values)) data.setValue(ind.id, Number(y), v)
    }
    // Group titles taken from a caption ("2020 和 2021 年…") move on with the years.
    for (const ind of data.listIndicators()) {
      const group = shiftYearsInText(ind.group, from, by)
      if (group !== ind.group) data.putIndicator({ ...ind, group })
    }
    linked.tables.forEach((t, i) => {
      const rolled = rollTable(t.spec, from, by)
      data.putTable(rolled, tables[i].chapterId)
      const left = literalNumbers(rolled)
      if (left > 0) {
        const label = tableLabel(rolled.id)
        warnings.push({
          code: 'TABLE_LAST_YEAR_NUMBERS',
          place: label,
          ...targetOf(tables[i].chapterId, rolled.id),
          message: `${label}“${fillYears(rolled.caption, year).slice(0, 40)}”中有 ${left} 个数字不随年度变化（没有对应的年份列），仍是上一年的数字，请核对更新。`
        })
      }
    })
    for (const f of data.listFigures()) {
      const rolled = rollFigure(f.spec, from, by)
      data.putFigure(rolled, f.chapterId)
      if (rolled.kind === 'image') {
        const n = figureNumber.get(rolled.id)
        warnings.push({ code: 'FIGURE_IS_IMAGE', place: n ? `图 ${n}` : '附图', ...targetOf(f.chapterId, rolled.id), message: `${n ? `图 ${n}` : '附图'}“${fillYears(rolled.caption, year).slice(0, 40)}”是上一年的图片，不会随数据更新，请替换为新图片或插入图表。` })
      }
    }

    for (const c of chapters) {
      const doc = rollChapter(store.getChapter(c.id).doc, from, by, drafts)
      store.saveChapter(c.id, doc, summarizeChapter(doc))
    }
    store.updateMeta(rollMeta(meta, year))
    // Last year's history belongs to last year's file, and so does what last year's 体检 was told was right.
    db.prepare('DELETE FROM revision').run()
    clearVerified(db)
  })()

  const previous = latestImportReport(db)
  const at = now().toISOString()
  const numbering = numberReport(store.listChapters())
  const report: ImportReport = {
    source: { fileName: sourceName, bytes: previous?.source.bytes ?? 0 },
    importedAt: at,
    counts: previous?.counts ?? {
      chapters: numbering.chapters.filter((c) => c.kind === 'chapter').length,
      appendices: numbering.chapters.filter((c) => c.kind === 'appendix').length,
      headings: numbering.headings.length,
      cases: numbering.cases.length,
      tables: numbering.tables.filter((t) => t.number).length,
      appendixTables: numbering.tables.filter((t) => !t.number).length,
      figures: numbering.figures.filter((f) => f.number).length,
      images: 0,
      photos: 0,
      crossRefs: 0,
      formulas: 0
    },
    // Last year's import findings were last year's to settle: the new report lists only what the rollover found.
    inconsistencies: [],
    warnings: [{ code: 'ROLLOVER_DRAFTS', place: '全文', message: `上一年的 ${drafts.paragraphs} 个段落保留为草稿（浅色显示），编辑后即成为本年的正文。` }, ...warnings],
    dropped: [],
    rollover: { fromYear: from, toYear: year, at }
  }
  saveImportReport(db, 'rollover', report, at)
  return report
}
