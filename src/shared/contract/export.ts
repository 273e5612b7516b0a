import { z } from 'zod'
import type { ErrorPayload } from '../errors'
import { call, FileName, Id } from './define'

/** What an exported document holds, counted while it is laid out. */
export interface ExportCounts {
  chapters: number
  appendices: number
  headings: number
  cases: number
  tables: number
  figures: number
  /** Pictures in the document: photos and figures. */
  images: number
  /** Photos alone (pictures that are not figures). */
  photos: number
  /** Paragraphs still marked as carried over from last year's report. */
  drafts: number
}

/** What an export produced, for the app's message, `nianbao export --json` and the bench. */
export interface ExportSummary extends ExportCounts {
  path: string
  fileName: string
  bytes: number
  /** Estimated pages: the whole document, and the body alone (numbered from 1). */
  pages: number
  bodyPages: number
  /** Things the editor should look at (missing data, unreadable images…), in Chinese. */
  warnings: string[]
  ms: number
}

/**
 * The summary line the app and `nianbao export` print: "约 71 页（正文 62 页）：
 * 9 章，1 个附件，…，12 幅图，46 张照片；用时 2.0 秒". Figures and photos are
 * counted apart: "11 幅图，12 张图片" read as if a picture were missing.
 */
export function exportSummaryText(s: Omit<ExportSummary, 'path' | 'fileName' | 'bytes' | 'warnings' | 'drafts'>): string {
  const parts = [`${s.chapters} 章`, `${s.headings} 个小节`, `${s.cases} 个案例`, `${s.tables} 张表`, `${s.figures} 幅图`]
  if (s.appendices) parts.splice(1, 0, `${s.appendices} 个附件`)
  if (s.photos) parts.push(`${s.photos} 张照片`)
  return `约 ${s.pages} 页（正文 ${s.bodyPages} 页）：${parts.join('，')}；用时 ${(s.ms / 1000).toFixed(1)} 秒`
}

export type ExportStage = 'read' | 'charts' | 'layout' | 'build' | 'pack' | 'write' | 'done'

/** Chinese names of the stages, for progress lines and the progress bar. */
export const EXPORT_STAGE_LABELS: Record<ExportStage, string> = {
  read: '读取报告',
  charts: '生成图表',
  layout: '计算页码',
  build: '排版',
  pack: '打包 Word 文件',
  write: '写入文件',
  done: '完成'
}

export interface ExportProgress {
  stage: ExportStage
  /** 0…1 over the whole export. */
  fraction: number
  /** e.g. "生成图表（3/19）". */
  label: string
}

/** An export running (or finished) in main, polled by the renderer. */
export interface ExportJob {
  id: string
  state: 'running' | 'done' | 'failed'
  progress: ExportProgress
  result?: ExportSummary
  error?: ErrorPayload
}

export const exportCalls = {
  /**
   * Start exporting the open report to Word. In Electron a save dialog asks
   * where (null when cancelled); in the browser host the file goes to the
   * workspace folder, named after `fileName` or the report's title.
   */
  start: call<ExportJob | null>()(z.object({ fileName: FileName.optional() }).strict()),
  /** The job's progress; its result or error once finished. */
  progress: call<ExportJob>()(z.object({ id: Id }).strict())
}
