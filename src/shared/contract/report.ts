import { z } from 'zod'
import type { RecentFile, ReportState } from '../model/report'
import { call, Empty, FileName, FilePath, IsoDate, Title, Year } from './define'

export const TemplateIdSchema = z.enum(['city', 'province', 'school'])

export const NewReportInput = z
  .object({
    template: TemplateIdSchema,
    region: z.string().trim().min(1, '请填写地区或学校名称').max(60, '地区名称过长'),
    year: Year,
    issuer: z.string().trim().max(80, '编制单位名称过长').optional(),
    title: z.string().trim().max(200).optional(),
    fileName: FileName.optional()
  })
  .strict()

export const MetaPatch = z
  .object({
    title: Title.optional(),
    region: z.string().trim().min(1).max(60).optional(),
    year: Year.optional(),
    issuer: z.string().trim().max(80).optional(),
    issueDate: IsoDate.optional()
  })
  .strict()

export const reportCalls = {
  create: call<ReportState | null>()(NewReportInput),
  /** Open a file main listed (recent files or the workspace). */
  open: call<ReportState>()(z.object({ path: FilePath }).strict()),
  /**
   * Open the file the host's dialog chooses (Electron's native dialog, the
   * file named on a `nianbao` command line); null if cancelled. `readOnly`:
   * only to read it (nianbao info, tables, data), the file is never written,
   * not even upgraded.
   */
  openDialog: call<ReportState | null>()(z.object({ readOnly: z.boolean().optional() }).strict().optional()),
  state: call<ReportState | null>()(Empty),
  updateMeta: call<ReportState>()(MetaPatch),
  saveAs: call<ReportState | null>()(z.object({ fileName: FileName.optional() }).strict()),
  close: call<{ ok: true }>()(Empty),
  forgetRecent: call<RecentFile[]>()(z.object({ path: FilePath }).strict())
}
