import type { ChapterKind, ReportNumbering } from './numbering'
import type { ChapterSummary } from './summary'
import type { DocNode } from './doc'

export type ReportLevel = 'province' | 'city' | 'school'
export type TemplateId = 'city' | 'province' | 'school'

/** The report's own properties (报告属性), one row per file. */
export interface ReportMeta {
  title: string
  region: string
  level: ReportLevel
  /** 数据年度: the school year the figures describe, e.g. 2021. */
  year: number
  /** 编制单位, e.g. 清远市教育局. */
  issuer: string
  /** 发布日期 as shown on the cover, ISO date (YYYY-MM-DD). */
  issueDate: string
  template: TemplateId
}

export interface ChapterListItem {
  id: string
  position: number
  title: string
  kind: ChapterKind
  summary: ChapterSummary
  updatedAt: string
}

export interface ChapterRecord {
  id: string
  title: string
  kind: ChapterKind
  doc: DocNode
  /** Incremented on every save; lets the editor detect a stale copy. */
  version: number
  updatedAt: string
}

/** Everything the main window shows about the open report, outline included. */
export interface ReportState {
  path: string
  fileName: string
  meta: ReportMeta
  chapters: ChapterListItem[]
  numbering: ReportNumbering
  words: number
}

export interface TemplateInfo {
  id: TemplateId
  name: string
  level: ReportLevel
  description: string
  /** Numbered chapters (the annex not counted). */
  chapters: number
  /** Annex chapters (附件), unnumbered. */
  appendices: number
  headings: number
}

export interface RecentFile {
  path: string
  fileName: string
  title: string
  openedAt: string
  exists: boolean
}

export const LEVEL_NAMES: Record<ReportLevel, string> = { province: '省级', city: '地市级', school: '学校' }
