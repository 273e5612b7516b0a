import type { IntakeFileKind, IntakeIssue } from '@shared/contract/intake'
import type { DocNode } from '@shared/model/doc'
import type { FigureSpec } from '@shared/model/figure'
import type { ReportTableSpec } from '@shared/model/table'

/**
 * What reading one file gives, before it is matched to the report: rows of
 * labelled values per year as the sender laid them out, for one or more
 * schools, and the cases of a school's report. Plain data: it crosses from
 * the intake worker to main by structured clone.
 */
export type RawValue = string | number | boolean | null

export interface RawCell {
  year: number
  value: RawValue
  /** An error value the cell holds (#DIV/0!). */
  error?: string
  /** A formula without a cached result (the file was never calculated). */
  uncalculated?: boolean
  /** Where: 数据!D7. */
  place: string
}

export interface RawRow {
  label: string
  /** The unit from a 单位 column or the label's brackets; '' when none. */
  unit: string
  /** The key the row was written under (the data kit, a report's indicator id). */
  key?: string
  source?: string
  /** Where the row is: 数据!A7, 指标“在校生数”. */
  place: string
  cells: RawCell[]
}

export interface RawCase {
  title: string
  /** The case's own 案例所属学校, if it has one. */
  school: string
  /** A caseStudy node, photos pointing at assets by hash, tables and figures at the specs below. */
  doc: DocNode
  /** Tables the case shows, numbers as they were printed (no formulas). */
  tables: ReportTableSpec[]
  /** Figures the case shows, as pictures. */
  figures: FigureSpec[]
}

export interface RawAsset {
  hash: string
  mime: string
  width: number
  height: number
  bytes: Uint8Array
}

export interface RawSchool {
  name: string
  nameFrom: 'kit' | 'cell' | 'sheet' | 'file' | 'report'
  sheet?: string
  rows: RawRow[]
  issues: IntakeIssue[]
  cases: RawCase[]
}

export interface FileReading {
  kind: IntakeFileKind
  schools: RawSchool[]
  /** When the sender last saved it (a workbook's own record, a report's last change), ISO, or null. */
  fileDate: string | null
  /** The data year the file was made for (a kit, a report), when it says. */
  year?: number
  issues: IntakeIssue[]
  assets: RawAsset[]
}

/** Why a whole file was refused: one Chinese sentence. */
export class IntakeRefusal extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IntakeRefusal'
  }
}
