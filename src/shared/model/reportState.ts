import { numberReport } from './numbering'
import type { ChapterListItem, ReportMeta, ReportState } from './report'

/** The report as the main window shows it, for these chapters: the outline's numbers and the word count follow from them. */
export function reportStateOf(file: { path: string; fileName: string; meta: ReportMeta }, chapters: ChapterListItem[]): ReportState {
  return {
    path: file.path,
    fileName: file.fileName,
    meta: file.meta,
    chapters,
    numbering: numberReport(chapters),
    words: chapters.reduce((n, c) => n + c.summary.words, 0)
  }
}

/**
 * The report after a save stored one chapter: a save answers with that
 * chapter's outline entry only, and the numbers are computed from it here.
 * A chapter no longer in the report (deleted meanwhile) changes nothing.
 */
export function withChapter(state: ReportState, chapter: ChapterListItem): ReportState {
  if (!state.chapters.some((c) => c.id === chapter.id)) return state
  return reportStateOf(
    state,
    state.chapters.map((c) => (c.id === chapter.id ? chapter : c))
  )
}
