import type { ImportIssue, IssueTarget } from '@shared/contract/import'
import { paragraphOfPlace, type ChapterDraft, type Item } from './recognise/structure'

interface Anchor {
  para: number
  target: IssueTarget
}

/**
 * Where the places of the import report are in the new report, so a click
 * goes there: the chapter, and the heading, case, table or figure at or
 * before the old document's paragraph (a paragraph itself has no id; the
 * section that holds it is where to look). Places outside the chapters
 * (cover, old lists, the whole document) have none.
 */
export function issueTargets(chapters: readonly ChapterDraft[], ids: ReadonlyMap<Item | ChapterDraft, string>): (para: number) => IssueTarget | undefined {
  const anchors: Anchor[] = []
  for (const ch of chapters) {
    const chapterId = ids.get(ch)
    if (!chapterId) continue
    anchors.push({ para: ch.para, target: { chapterId } })
    const visit = (items: readonly Item[]) => {
      for (const i of items) {
        const id = i.t === 'heading' || i.t === 'case' || i.t === 'table' || i.t === 'figure' ? ids.get(i) : undefined
        if (id) anchors.push({ para: i.para, target: { chapterId, id } })
        if (i.t === 'case') visit(i.items)
      }
    }
    visit(ch.items)
  }
  // Document order; an item given the paragraph of its caption keeps its place among equals.
  anchors.sort((a, b) => a.para - b.para)
  return (para) => {
    let lo = 0
    let hi = anchors.length - 1
    let found: Anchor | undefined
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (anchors[mid].para <= para) {
        found = anchors[mid]
        lo = mid + 1
      } else hi = mid - 1
    }
    return found?.target
  }
}

/** Give every issue whose place names a paragraph of the chapters its target. */
export function addTargets(issues: ImportIssue[], targetAt: (para: number) => IssueTarget | undefined): void {
  for (const issue of issues) {
    if (issue.target) continue
    const para = paragraphOfPlace(issue.place)
    const target = para === null ? undefined : targetAt(para)
    if (target) issue.target = target
  }
}
