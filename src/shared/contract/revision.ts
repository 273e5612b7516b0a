import { z } from 'zod'
import type { DocNode } from '../model/doc'
import type { ChapterRecord, ReportState } from '../model/report'
import { call, Empty, Id } from './define'

export interface RevisionInfo {
  id: number
  chapterId: string
  chapterTitle: string
  createdAt: string
  reason: 'auto' | 'manual' | 'switch' | 'restore' | 'before-restore'
  words: number
}

export interface RevisionRecord extends RevisionInfo {
  doc: DocNode
}

/** A deleted chapter, kept in history: restore it with revision.restore. */
export interface DeletedChapterInfo {
  chapterId: string
  title: string
  /** The snapshot taken when it was deleted: restore it with revision.restore. */
  revisionId: number
  deletedAt: string
  words: number
}

export const revisionCalls = {
  list: call<RevisionInfo[]>()(z.object({ chapterId: Id }).strict()),
  get: call<RevisionRecord>()(z.object({ id: z.number().int().positive() }).strict()),
  create: call<RevisionInfo | null>()(z.object({ chapterId: Id, reason: z.enum(['auto', 'manual', 'switch']).default('manual') }).strict()),
  /** Deleted chapters that can be brought back from history. */
  deletedChapters: call<DeletedChapterInfo[]>()(Empty),
  restore: call<{ chapter: ChapterRecord; state: ReportState }>()(z.object({ id: z.number().int().positive() }).strict())
}
