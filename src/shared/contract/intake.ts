import { z } from 'zod'
import type { ReportState } from '../model/report'
import type { DataDelta } from './data'
import { Base64, call, Empty, FileName, Id } from './define'

/**
 * 汇总: schools (or, for a provincial report, cities and schools) send
 * their figures and cases; the bureau's report compiles them. 生成填报表
 * writes the data kit; 汇总学校数据 reads what came back (kit workbooks,
 * plain workbooks, school reports as .nianbao or .docx), shows what it read
 * per school and per cell, and stores it only when the user accepts.
 * City figures become the schools' sums, derived figures are recomputed
 * from the sums, and every compiled figure keeps where it came from.
 */

/** What came in: the data kit filled in, a workbook of another layout, a school's own report, or its Word document. */
export type IntakeFileKind = 'kit' | 'workbook' | 'report' | 'docx'

export interface IntakeIssue {
  /** error: the cell is not taken; warning: taken, but worth a look; note: for information. */
  severity: 'error' | 'warning' | 'note'
  /** Where, in the sender's terms: 数据!D7, 工作表“基本情况”第 5 行, 指标“在校生数”. */
  place: string
  /** The figure it concerns, by its name in this report. */
  figure?: string
  year?: number
  message: string
}

/** A value as it will be (or was) taken: one figure for one year from one school. */
export interface IntakeCellValue {
  figure: string
  name: string
  unit: string
  year: number
  value: number
  place: string
  /** How it was obtained when not typed as is: 由元换算为万元, 由生均值推算. */
  note?: string
}

export interface SchoolPreview {
  /** The school (or city) as it will be known in this report. */
  name: string
  /** Where the name comes from: the kit, a 学校名称 cell, the sheet's name, the file's name, the report's own properties. */
  nameFrom: 'kit' | 'cell' | 'sheet' | 'file' | 'report'
  sheet?: string
  values: IntakeCellValue[]
  /** Figures this report asks for that the file leaves empty for the data year, by name. */
  missing: string[]
  errors: number
  warnings: number
  issues: IntakeIssue[]
  /** Cases (案例) found in the school's report. */
  cases: { title: string; photos: number }[]
  /** The school already contributed: accepting replaces its figures. */
  replaces: boolean
}

export interface FilePreview {
  id: string
  fileName: string
  bytes: number
  kind: IntakeFileKind | null
  /** Set when the whole file is refused (not a workbook, hostile, unreadable): nothing of it will be taken. */
  refused?: string
  /** When the file was last saved, as far as it says (ISO), or null. */
  fileDate: string | null
  schools: SchoolPreview[]
  /** About the file as a whole (sheets that were skipped, …). */
  issues: IntakeIssue[]
}

export interface IntakePreview {
  /** 数据年度 of the report the files are read for. */
  year: number
  /** How the report calls its contributors: 学校 (city report) or 填报单位 (provincial report). */
  word: string
  files: FilePreview[]
}

export interface ContributorFile {
  fileName: string
  kind: IntakeFileKind
  fileDate: string | null
  receivedAt: string
  errors: number
  warnings: number
  /** Its figures are the ones in effect (a later file from the same school replaced the others). */
  current: boolean
}

export interface ContributorStatus {
  name: string
  /** On the list the data kit was made for. */
  expected: boolean
  /** received: every figure of the data year; incomplete: some missing; errors: cells refused; missing: nothing received yet. */
  status: 'received' | 'incomplete' | 'errors' | 'missing'
  files: ContributorFile[]
  /** Figures with a value for the data year. */
  values: number
  missing: string[]
  errors: number
  warnings: number
  cases: number
}

export interface CompiledFigure {
  indicator: string
  name: string
  unit: string
  /** How it is compiled, in Chinese: 各校求和; Σ校舍建筑面积 ÷ Σ在校生数; 按直接就业人数加权. */
  rule: string
  /** The compiled value for the data year (null when no school gave what it needs). */
  value: number | null
  /** What the report holds now (it differs when typed over by hand). */
  reportValue: number | null
  contributors: number
}

export interface IntakeOverview {
  year: number
  word: string
  contributors: ContributorStatus[]
  compiled: CompiledFigure[]
  /** Indicators the report fills itself (not from schools): 高中阶段毛入学率, 一般公共预算教育经费 … */
  notCompiled: string[]
  /** Figures the data kit asks for. */
  asked: { name: string; unit: string }[]
  cases: { total: number; picked: number }
}

export interface ProvenancePart {
  figure: string
  name: string
  unit: string
  /** The sum over the schools that count (null for the figure a weighted one weighs: its sum means nothing). */
  total: number | null
}

export interface ProvenanceRow {
  contributor: string
  /** One value per part (null: not given). */
  values: (number | null)[]
  /** The school counts towards the figure (it gave every part). */
  used: boolean
  place: string
  fileName: string
  fileDate: string | null
  note?: string
}

export interface Provenance {
  indicator: string
  name: string
  unit: string
  year: number
  rule: string
  value: number | null
  reportValue: number | null
  parts: ProvenancePart[]
  rows: ProvenanceRow[]
  /** Contributors who gave nothing for it. */
  missing: string[]
}

export interface LibraryCase {
  id: string
  title: string
  /** The school the case is about (its own 案例所属学校, else the sender). */
  school: string
  /** Who sent it. */
  contributor: string
  fileName: string
  photos: number
  words: number
  /** The first lines of its text. */
  excerpt: string
  /** Picked into the report: the case's id there (null when not, or when it was deleted from the text since). */
  picked: { caseId: string; chapterId: string } | null
  receivedAt: string
}

export interface KitResult {
  /** Folder the workbooks were written to. */
  dir: string
  files: string[]
  /** Indicators asked for. */
  figures: number
}

export interface IntakeAcceptResult {
  overview: IntakeOverview
  delta: DataDelta
  taken: { files: number; schools: number; values: number; cases: number }
}

/** Largest file taken through an upload (a workbook is far smaller; a school's report with photos may not be). */
export const MAX_INTAKE_UPLOAD_BYTES = 40 * 1024 * 1024
/** Files read in one call (more are sent in several calls). */
export const MAX_INTAKE_FILES = 50

const Upload = z
  .object({
    name: FileName,
    data: Base64.max(Math.ceil(MAX_INTAKE_UPLOAD_BYTES / 3) * 4 + 4, '文件太大，提交的文件不能超过 40 MB'),
    /** When the file was last modified, as the browser knows it (ISO). */
    modified: z.string().max(40).optional()
  })
  .strict()

/** A file in the workspace folder, by its path below it (收到的材料/清远市职业技术学校.xlsx). */
const WorkspaceName = z
  .string()
  .min(1)
  .max(300)
  .refine((s) => !/[\\:*?"<>|\u0000-\u001f]/.test(s) && !s.startsWith('/') && !s.split('/').some((p) => p === '..' || p === '.' || p === ''), '文件名无效')

const SchoolName = z.string().trim().min(1, '名称不能为空').max(60, '名称不能超过 60 个字符')

export const intakeCalls = {
  /** The 汇总 panel: per school what was received, what is missing, the compiled figures. */
  overview: call<IntakeOverview>()(Empty),
  /**
   * Read files: uploads (browser, drag and drop), files chosen in the native
   * dialog (Electron; the CLI answers it with its arguments), or files in the
   * workspace folder (browser host). Adds them to what waits for 接收; null
   * when a dialog was cancelled. Nothing is stored.
   */
  read: call<IntakePreview | null>()(
    z
      .object({
        source: z.enum(['upload', 'dialog', 'workspace']),
        uploads: z.array(Upload).max(MAX_INTAKE_FILES).optional(),
        names: z.array(WorkspaceName).max(MAX_INTAKE_FILES).optional()
      })
      .strict()
  ),
  /** What waits for 接收 (read, not yet stored). */
  pending: call<IntakePreview>()(Empty),
  /** Take what was read (all readable files, or those listed) into the report, in one transaction, and compile. */
  accept: call<IntakeAcceptResult>()(z.object({ files: z.array(Id).max(1000).optional() }).strict()),
  /** Forget what was read without storing anything. */
  discard: call<IntakePreview>()(Empty),
  /** Workbooks and reports in the workspace folder that could be read (browser host). */
  workspaceFiles: call<{ name: string; bytes: number; modified: string }[]>()(Empty),
  /** 生成填报表: one workbook per school on the list (or one blank one), in a folder the user chooses (the workspace in the browser). */
  kit: call<KitResult | null>()(z.object({ schools: z.array(SchoolName).max(2000).default([]) }).strict()),
  /** Which schools gave what for one compiled figure. */
  provenance: call<Provenance>()(z.object({ indicator: z.string().min(1).max(80), year: z.number().int().min(1900).max(2200).optional() }).strict()),
  /** Withdraw a school's figures (its cases stay in the library) and compile again. */
  withdraw: call<IntakeAcceptResult>()(z.object({ name: SchoolName }).strict()),
  /** 案例库: the cases schools sent. */
  cases: call<LibraryCase[]>()(Empty),
  /** Put a case of the library into a chapter (at the end, or at the end of a section): it becomes the report's 案例 N. */
  pickCase: call<{ state: ReportState; caseId: string }>()(
    z.object({ id: Id, chapterId: Id, afterHeadingId: Id.optional(), keepSchool: z.boolean().default(true) }).strict()
  )
}
