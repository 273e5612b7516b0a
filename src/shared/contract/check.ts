import { z } from 'zod'
import type { CheckResult, CheckSettings } from '../check/types'
import type { ReportState } from '../model/report'
import type { DataDelta } from './data'
import { call, Empty, Id } from './define'

/**
 * 体检 (the report health check): findings about what the sentences claim
 * with their numbers, the structure and the data, with one-click fixes and
 * 已核实; numbers that quote the data proposed as live fields. The open
 * chapter is fixed and bound in the editor (so undo works there); these
 * calls change the stored chapters that are not open.
 */
const FindingId = z.string().min(1).max(40).regex(/^[a-z0-9-]+$/, '体检结果的标识无效')

export interface FixResult {
  /** The chapter whose text changed (null when a table cell did). */
  chapterId: string | null
  state: ReportState
  /** A table cell that took its computed value. */
  delta: DataDelta | null
  result: CheckResult
}

export interface BindResult {
  /** Numbers that became fields. */
  bound: number
  /** Proposals whose words had changed since the check (not bound). */
  skipped: number
  chapters: string[]
  state: ReportState
  result: CheckResult
}

export const checkCalls = {
  /** Check the open report (chapters whose text and data did not change are not read again). */
  run: call<CheckResult>()(Empty),
  /**
   * A finding's one-click fix, in the stored chapter (the open chapter is fixed
   * in the editor): the number replaced by what it should read; for a table
   * cell whose printed value its formula contradicts, the computed value.
   */
  fix: call<FixResult>()(z.object({ id: FindingId }).strict()),
  /** 已核实: kept as it is, with who and when, not listed as open until its numbers change. */
  verify: call<CheckResult>()(z.object({ id: FindingId }).strict()),
  unverify: call<CheckResult>()(z.object({ id: FindingId }).strict()),
  /**
   * Numbers become live fields: the proposals given by id, or all of them
   * (全部采用). `exceptChapterId`: the chapter open in the editor, which binds
   * its own.
   */
  bind: call<BindResult>()(
    z
      .object({
        ids: z.array(FindingId).max(5000).optional(),
        all: z.boolean().optional(),
        exceptChapterId: Id.optional()
      })
      .strict()
      .refine((x) => x.all || (x.ids && x.ids.length > 0), '请指定要采用的数字')
  ),
  /** The report's check settings; given values are stored first. */
  settings: call<CheckSettings>()(
    z
      .object({
        caseWordLimit: z.number().int('案例字数上限应为整数').min(100, '案例字数上限不能少于 100 字').max(100_000, '案例字数上限不能超过 100000 字').optional(),
        changeThreshold: z.number().min(1, '变化幅度应在 1% 至 10000% 之间').max(10_000, '变化幅度应在 1% 至 10000% 之间').optional()
      })
      .strict()
      .optional()
  )
}


