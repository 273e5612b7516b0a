/**
 * What 体检 (the report health check) finds. Shared by main (which computes
 * and stores findings), the CLI and the renderer's panel.
 */
export type Severity = 'error' | 'verify' | 'hint'

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', verify: '请核实', hint: '提示' }

export type RuleId =
  | 'difference'
  | 'growth'
  | 'share'
  | 'shareTotal'
  | 'partsTotal'
  | 'ratioTotal'
  | 'data'
  | 'samePlaces'
  | 'captionTwice'
  | 'brokenRef'
  | 'emptySection'
  | 'caseLength'
  | 'casePhoto'
  | 'templatePart'
  | 'yearChange'
  | 'import'

/** A claim found in one paragraph, before it is placed in the report. */
export interface LocalFinding {
  rule: RuleId
  severity: Severity
  /** Offsets of the words concerned in the paragraph text (inline atoms count one). */
  from: number
  to: number
  /** The numbers involved, as written. */
  numbers: string[]
  /** What the number should read, when clear. */
  expected?: string
  /** The one-click fix: replace [from, to) of the paragraph text with `text`. */
  fix?: { from: number; to: number; text: string }
  message: string
}

/** Where a finding is: chapter, section, the paragraph (path of child indexes from the chapter's root) and its sentence. */
export interface FindingPlace {
  chapterId: string | null
  /** "2 学生发展 › 2.2.3 就业质量" */
  label: string
  path?: number[]
  sentence?: string
}

export interface Finding extends Omit<LocalFinding, 'from' | 'to'> {
  /** Stable over edits that keep the numbers: 已核实 is remembered by it. */
  id: string
  place: FindingPlace
  from?: number
  to?: number
  /** Other places stating the same figure (18.28 in 1.3 and 表 1-2). */
  others?: { label: string; text: string }[]
  verified?: { by: string; at: string }
}

/** A number in a sentence that equals an indicator's value: it could be a live field. */
export interface BindingProposal {
  id: string
  chapterId: string
  label: string
  path: number[]
  from: number
  to: number
  text: string
  sentence: string
  indicator: string
  indicatorName: string
  year: number
  /** The field's formula and format (model/fields.ts). */
  ref: string
  format: string | null
  /** Import binds only unambiguous ones. */
  sure: boolean
}

export interface CheckResult {
  findings: Finding[]
  proposals: BindingProposal[]
  counts: { error: number; verify: number; hint: number; verified: number }
  ms: number
}
