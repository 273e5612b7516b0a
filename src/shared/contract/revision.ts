import { z } from 'zod'
import type { DocNode } from '../model/doc'
import type { ChapterRecord, ReportState } from '../model/report'
import { call, Id } from './define'

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

export const revisionCalls = {
  list: call<RevisionInfo[]>()(z.object({ chapterId: Id }).strict()),
  get: call<RevisionRecord>()(z.object({ id: z.number().int().positive() }).strict()),
  create: call<RevisionInfo | null>()(z.object({ chapterId: Id, reason: z.enum(['auto', 'manual', 'switch']).default('manual') }).strict()),
  restore: call<{ chapter: ChapterRecord; state: ReportState }>()(z.object({ id: z.number().int().positive() }).strict())
}
