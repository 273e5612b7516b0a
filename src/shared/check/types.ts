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
  | 'tableValue'
  | 'import'

/** What each rule checks, for the panel's filter and the CLI. */
export const RULE_LABEL: Record<RuleId, string> = {
  difference: '增减',
  growth: '增幅',
  share: '占比',
  shareTotal: '占比合计',
  partsTotal: '分项合计',
  ratioTotal: '比例',
  data: '与数据不符',
  samePlaces: '前后不一致',
  captionTwice: '标题重复',
  brokenRef: '引用失效',
  emptySection: '空白小节',
  caseLength: '案例字数',
  casePhoto: '案例照片',
  templatePart: '缺少部分',
  yearChange: '变化过大',
  tableValue: '表格数值',
  import: '导入时发现'
}

/** Rules about what sentences claim with their numbers (the rest are about structure and data). */
export const SENTENCE_RULES: RuleId[] = ['difference', 'growth', 'share', 'shareTotal', 'partsTotal', 'ratioTotal', 'data', 'samePlaces']

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
  /** The one-click fix: replace [from, to) of the paragraph text with `text` (`was`: the words there now). */
  fix?: { from: number; to: number; text: string; was?: string }
  message: string
}

/** Where a finding is: chapter, section, the paragraph (path of child indexes from the chapter's root) and its sentence. */
export interface FindingPlace {
  chapterId: string | null
  /** "2 学生发展 › 2.2.3 就业质量" */
  label: string
  path?: number[]
  sentence?: string
  /** A heading, case, table or figure the finding is about: clicking it goes there. */
  nodeId?: string
}

export interface Finding extends Omit<LocalFinding, 'from' | 'to'> {
  /** Stable over edits that keep the numbers: 已核实 is remembered by it. */
  id: string
  place: FindingPlace
  /** Offsets in the paragraph (place.path) of the words concerned, an inline atom counting one. */
  from?: number
  to?: number
  /** The words [from, to) read, to find them again after edits ("9.79"). */
  words?: string
  /** Other places stating the same figure (18.28 in 1.3 and 表 1-2). */
  others?: { label: string; text: string }[]
  /** A table cell whose printed value its formula contradicts: 采用计算值 fixes it. */
  cell?: { tableId: string; row: number; col: number; address: string; computed: string }
  verified?: { by: string; at: string }
}

/** Settings of 体检, kept in the report (migration 004). */
export interface CheckSettings {
  /** A case longer than this many 字 is listed. */
  caseWordLimit: number
  /** An indicator changing by more than this percentage year on year is listed (请核实). */
  changeThreshold: number
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = { caseWordLimit: 1000, changeThreshold: 50 }

/** A figure of the data for one year, as 体检 compares sentences with it and proposes fields for it. */
export interface DataValue {
  /** What it is: the indicator's name, or a table's row and column labels ("双师型教师/专业教师"). */
  name: string
  unit: string
  year: number
  value: number
  /** The dataField formula that quotes it (model/fields.ts). */
  ref: string
  /** Where it is shown, for messages: "表 1-2", "数据". */
  source: string
  /** The indicator's key, when it is one (change and growth fields need it). */
  indicator?: string
  /** The indicator's value a year earlier. */
  previous?: number
}

/** A number in a sentence that equals a figure of the data: it could be a live field. */
export interface BindingProposal {
  id: string
  chapterId: string
  /** "1 基本情况 › 1.3 教师队伍" */
  label: string
  path: number[]
  /** Offsets in the paragraph of the words the field replaces. */
  from: number
  to: number
  /** The words it replaces, as they read ("1649", "83.89%", "增加 15"). */
  text: string
  sentence: string
  /** What the field shows: 'value' (a figure), 'change' (比上年增加 N), 'growth' (增幅 P%). */
  kind: 'value' | 'change' | 'growth'
  /** The figure's name ("专任教师", "表 1-2 双师型教师/专业教师") and where it is shown. */
  name: string
  source: string
  year: number
  /** The field's formula and format (model/fields.ts, model/format.ts). */
  ref: string
  format: string
  /** The words name exactly this figure and no other figure has this value: import binds these on its own. */
  sure: boolean
}

export interface CheckResult {
  /** Open findings first (in report order), then those marked 已核实. */
  findings: Finding[]
  proposals: BindingProposal[]
  counts: { error: number; verify: number; hint: number; verified: number; proposals: number }
  settings: CheckSettings
  /** Chapters whose findings were computed afresh (the others came from the cache). */
  recomputed: number
  ms: number
}
