import type { BindingProposal, Finding } from '@shared/check/types'
import { applyEdits, editParagraphs, fieldNode, type ParagraphEdit } from '@shared/check/edit'
import type { DataDelta } from '@shared/contract/data'
import { UserError } from '@shared/errors'
import { storeChapterDoc, type ChapterContext } from '../chapters/documents'
import { reportData } from '../data'
import { chooseImportedValue } from '../import/valueChoice'
import { latestImportReport } from '../store/importReportStore'
import type { ReportStore } from '../store/reportStore'

/**
 * 体检's changes to the stored report: a finding's one-click fix and numbers
 * turned into fields, in chapters that are not open in the editor. Each
 * changed chapter is snapshotted first (历史版本), so a change can be undone
 * there, and stored the way every save is, in one transaction.
 */
export function fixFinding(ctx: ChapterContext, open: { store: ReportStore }, f: Finding): { chapterId: string | null; delta: DataDelta | null } {
  const store = open.store
  if (f.cell) {
    const data = reportData(open)
    data.syncYear()
    const listed = latestImportReport(store.db)?.inconsistencies.some((i) => i.cell && i.cell.tableId === f.cell!.tableId && i.cell.row === f.cell!.row && i.cell.col === f.cell!.col)
    if (listed) return { chapterId: null, delta: chooseImportedValue(store.db, data, { ...f.cell, choice: 'computed' }).delta }
    const cell = data.tableView(f.cell.tableId).spec.rows[f.cell.row]?.[f.cell.col]
    if (!cell?.derived) throw new UserError('CONFLICT', `表中的 ${f.cell.address} 单元格已经改过了，请重新体检。`)
    return { chapterId: null, delta: data.setCells(f.cell.tableId, [{ row: f.cell.row, col: f.cell.col, input: cell.derived }]) }
  }
  const chapterId = f.place.chapterId
  if (!f.fix || !chapterId || !f.place.path) throw new UserError('BAD_INPUT', '这条体检结果没有可以直接采用的修改，请在正文中修改。')
  const fix = f.fix
  store.transaction(() => {
    const doc = store.getChapter(chapterId).doc
    const next = editParagraphs(doc, [{ path: f.place.path!, from: fix.from, to: fix.to, was: fix.was ?? '', insert: fix.text }])
    if (!next) throw new UserError('CONFLICT', '这处文字在体检之后已经改过了，请重新体检。')
    store.addRevision(chapterId, 'auto')
    storeChapterDoc(ctx, chapterId, next)
  })
  return { chapterId, delta: null }
}

export function bindProposals(ctx: ChapterContext, open: { store: ReportStore }, proposals: BindingProposal[]): { bound: number; skipped: number; chapters: string[] } {
  const store = open.store
  const byChapter = new Map<string, BindingProposal[]>()
  for (const p of proposals) byChapter.set(p.chapterId, [...(byChapter.get(p.chapterId) ?? []), p])
  let bound = 0
  let skipped = 0
  const chapters: string[] = []
  store.transaction(() => {
    for (const [chapterId, list] of byChapter) {
      if (!store.hasChapter(chapterId)) {
        skipped += list.length
        continue
      }
      const doc = store.getChapter(chapterId).doc
      const edits: ParagraphEdit[] = list.map((p) => ({ path: p.path, from: p.from, to: p.to, was: p.text, insert: fieldNode(p.ref, p.format) }))
      const r = applyEdits(doc, edits)
      skipped += r.failed.length
      if (!r.applied.length) continue
      store.addRevision(chapterId, 'auto')
      storeChapterDoc(ctx, chapterId, r.doc)
      bound += r.applied.length
      chapters.push(chapterId)
    }
  })
  return { bound, skipped, chapters }
}
