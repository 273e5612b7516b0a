import { numberReport, type ReportNumbering } from '@shared/model/numbering'
import type { ReportState } from '@shared/model/report'
import type { ChapterSummary } from '@shared/model/summary'

/** A chapter's place in the report, which the numbers drawn in its text start from. */
export interface NumberingContext {
  /** "3" for the third chapter, null for an appendix. */
  chapterNumber: string | null
  /** Cases in the chapters before this one: the first case here is number offset + 1. */
  caseOffset: number
}

/** The report's live numbering as node views and panels read it (a NumberingStore). */
export interface NumberingSource {
  subscribe(listener: () => void): () => void
  getSnapshot(): ReportNumbering
}

/**
 * The report's numbering as the screen shows it right now, in one place for
 * the whole renderer: the saved outline of every chapter, with the open
 * chapter's live document in place of its saved summary, so a table moved in
 * the editor shows its new number at once in the outline, the panels, every
 * node view and cross-reference. The chapter editor's decorations
 * (numbering/plugin.ts) draw the open chapter's own numbers with the same
 * shared function, from the chapter's place read here (contextOf).
 */
export class NumberingStore implements NumberingSource {
  private report: ReportState | null = null
  private live: { chapterId: string; summary: ChapterSummary } | null = null
  private snapshot: ReportNumbering = { chapters: [], headings: [], cases: [], tables: [], figures: [] }
  private words = 0
  private listeners = new Set<() => void>()

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): ReportNumbering => this.snapshot

  /** 字数 of the whole report, with the open chapter counted live. */
  getWords = (): number => this.words

  /** 字数 of one chapter (live for the open one). */
  chapterWords(chapterId: string): number {
    if (this.live?.chapterId === chapterId) return this.live.summary.words
    return this.report?.chapters.find((c) => c.id === chapterId)?.summary.words ?? 0
  }

  /** A chapter's place in the report: its number and how many cases come before it. */
  contextOf(chapterId: string): NumberingContext {
    const n = this.snapshot
    const mine = n.chapters.findIndex((x) => x.id === chapterId)
    const before = new Set(n.chapters.slice(0, Math.max(mine, 0)).map((c) => c.id))
    return { chapterNumber: n.chapters[mine]?.number ?? null, caseOffset: n.cases.filter((c) => before.has(c.chapterId)).length }
  }

  /** The report these numbers belong to. */
  getReport(): ReportState | null {
    return this.report
  }

  setReport(report: ReportState): void {
    if (report === this.report) return
    this.report = report
    // A saved summary newer than the live one replaces it (the open chapter was just saved).
    this.recompute()
  }

  setLive(chapterId: string, summary: ChapterSummary): void {
    this.live = { chapterId, summary }
    this.recompute()
  }

  clearLive(chapterId: string): void {
    if (this.live?.chapterId !== chapterId) return
    this.live = null
    this.recompute()
  }

  private recompute(): void {
    const r = this.report
    if (!r) return
    const live = this.live
    const chapters = r.chapters.map((c) => (live && c.id === live.chapterId ? { ...c, summary: live.summary } : c))
    this.snapshot = numberReport(chapters)
    this.words = chapters.reduce((n, c) => n + c.summary.words, 0)
    for (const l of this.listeners) l()
  }
}
