import { z } from 'zod'
import type { DocNode } from '../model/doc'
import type { ChapterRecord, ReportState } from '../model/report'
import type { ChapterSummary } from '../model/summary'
import { call, DocNodeSchema, Id, Title } from './define'

export interface SaveResult {
  version: number
  savedAt: string
  summary: ChapterSummary
  state: ReportState
  /** Set when main had to repair the document (missing or duplicate ids, unsafe links): the editor adopts it. */
  normalized: DocNode | null
}

export const chapterCalls = {
  get: call<ChapterRecord>()(z.object({ id: Id }).strict()),
  save: call<SaveResult>()(z.object({ id: Id, doc: DocNodeSchema, baseVersion: z.number().int().nonnegative().optional() }).strict()),
  add: call<ReportState>()(z.object({ title: Title, kind: z.enum(['chapter', 'appendix']).default('chapter'), afterId: Id.optional() }).strict()),
  rename: call<ReportState>()(z.object({ id: Id, title: Title }).strict()),
  remove: call<ReportState>()(z.object({ id: Id }).strict()),
  move: call<ReportState>()(z.object({ id: Id, toIndex: z.number().int().nonnegative().max(10_000) }).strict())
}
