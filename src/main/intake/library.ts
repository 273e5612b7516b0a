import type { LibraryCase } from '@shared/contract/intake'
import { newId } from '@shared/editor/ids'
import { UserError } from '@shared/errors'
import { textOf, walk, type DocNode } from '@shared/model/doc'
import type { FigureSpec } from '@shared/model/figure'
import type { ReportTableSpec } from '@shared/model/table'
import { countWords } from '@shared/model/wordCount'
import { storeChapterDoc, type ChapterContext } from '../chapters/documents'
import { insertionIndex, withBlocks } from '../chapters/moves'
import type { ReportData } from '../data'
import { IntakeStore, type CaseRow } from '../store/intakeStore'
import type { ReportStore } from '../store/reportStore'

/**
 * 案例库: the cases schools sent, with the school's name, ready to be
 * picked into a chapter. Picking copies the case into the chapter (at its
 * end or at the end of a section) with fresh ids: it is then the report's
 * own 案例 N, numbered with the others, its photos and captions with it,
 * its tables and pictures as tables and figures of this report, and the
 * school kept as 案例所属学校 (for the 案例目录 note) unless declined.
 */
function parse<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T
  } catch {
    return fallback
  }
}

export function libraryCases(report: ReportStore): LibraryCase[] {
  const intake = new IntakeStore(report.db)
  const names = new Map(intake.contributors().map((c) => [c.id, c.name]))
  const files = new Map(intake.files().map((f) => [f.id, f.fileName]))
  const inReport = new Map((report.db.prepare('SELECT id, chapter_id FROM case_study').all() as { id: string; chapter_id: string }[]).map((r) => [r.id, r.chapter_id]))
  return intake.cases().map((c) => {
    const doc = parse<DocNode>(c.doc, { type: 'caseStudy' })
    let photos = 0
    walk(doc, (n) => {
      if (n.type === 'photo') photos++
    })
    const body = (doc.content ?? []).filter((n) => n.type !== 'caseTitle' && n.type !== 'photo').map(textOf).join('')
    const chapterId = c.pickedCase ? inReport.get(c.pickedCase) : undefined
    const contributor = names.get(c.contributorId) ?? ''
    return {
      id: c.id,
      title: c.title || '（未填写标题）',
      school: c.school || contributor,
      contributor,
      fileName: c.fileId !== null ? (files.get(c.fileId) ?? '') : '',
      photos,
      words: countWords(body),
      excerpt: body.slice(0, 90),
      picked: c.pickedCase && chapterId ? { caseId: c.pickedCase, chapterId } : null,
      receivedAt: c.receivedAt
    }
  })
}

export interface PickInput {
  id: string
  chapterId: string
  afterHeadingId?: string
  keepSchool: boolean
}

/** The case as it goes into a chapter: fresh ids for it, its tables and figures (and the references to them inside it). */
export function caseForReport(row: CaseRow, school: string): { node: DocNode; tables: ReportTableSpec[]; figures: FigureSpec[] } {
  const doc = parse<DocNode | null>(row.doc, null)
  if (!doc || doc.type !== 'caseStudy') throw new UserError('DAMAGED', '案例库中的这个案例已损坏，无法放入报告。')
  const ids = new Map<string, string>()
  const tables = parse<ReportTableSpec[]>(row.tables, []).map((t) => {
    const id = newId('tbl')
    ids.set(t.id, id)
    return { ...t, id }
  })
  const figures = parse<FigureSpec[]>(row.figures, []).map((f) => {
    const id = newId('fig')
    ids.set(f.id, id)
    return { ...f, id }
  })
  const rename = (n: DocNode): DocNode => {
    const attrs = n.attrs && typeof n.attrs.id === 'string' && ids.has(n.attrs.id) ? { ...n.attrs, id: ids.get(n.attrs.id) } : n.attrs
    return { ...n, ...(attrs ? { attrs } : {}), ...(n.content ? { content: n.content.map(rename) } : {}) }
  }
  const node = rename(doc)
  node.attrs = { ...node.attrs, id: newId('case'), school }
  return { node, tables, figures }
}

export function pickCase(ctx: ChapterContext, report: ReportStore, data: ReportData, input: PickInput): string {
  const intake = new IntakeStore(report.db)
  const row = intake.caseById(input.id)
  if (!row) throw new UserError('NOT_FOUND', '案例库中找不到这个案例，它可能已被删除。')
  if (!report.hasChapter(input.chapterId)) throw new UserError('NOT_FOUND', '找不到这一章，它可能已被删除。')
  const contributor = intake.contributors().find((c) => c.id === row.contributorId)?.name ?? ''
  const { node, tables, figures } = caseForReport(row, input.keepSchool ? row.school || contributor : '')
  const caseId = String(node.attrs?.id)
  // The case's tables and pictures, the chapter and the library's mark: stored together or not at all.
  report.transaction(() => {
    for (const t of tables) data.putTable(t, input.chapterId)
    for (const f of figures) data.putFigure(f, input.chapterId)
    const chapter = report.getChapter(input.chapterId)
    storeChapterDoc(ctx, input.chapterId, withBlocks(chapter.doc, insertionIndex(chapter.doc, input.afterHeadingId), [node]))
    intake.markPicked(input.id, caseId)
  })
  return caseId
}
