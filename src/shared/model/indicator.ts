import type { CellFormat } from './table'

/**
 * 数据指标: a named figure of the report (专任教师, 人) with one value per
 * year and the source it comes from. Tables, inline fields and charts read
 * indicators; nothing else holds the number.
 */
export interface Indicator {
  /** Stable key (e.g. "teachers.fulltime"); inline fields and charts refer to it, so renaming never breaks them. */
  id: string
  /** The Chinese label, as it reads in the report and in formulas: 指标("专任教师", 本年). */
  name: string
  unit: string
  /** A heading under which the 数据 panel lists it (e.g. 教师队伍). */
  group: string
  /** The chapter it belongs to (for the panel); null when not tied to one. */
  chapterId: string | null
  /** 数据来源. */
  source: string
  /** How the value reads when quoted on its own. */
  format: CellFormat
  position: number
}

export interface IndicatorWithValues extends Indicator {
  /** Year → value ("2021": 1649). Years without a value are absent. */
  values: Record<string, number>
}

/** Indicator keys: ASCII, so that they never collide with Chinese names. */
export const INDICATOR_KEY = /^[a-z][a-z0-9_.-]{0,63}$/

export function isIndicatorKey(s: string): boolean {
  return INDICATOR_KEY.test(s)
}

/** Names: Chinese labels; no quotes or brackets, which would not survive inside a formula. */
export function checkIndicatorName(name: string): string | null {
  const n = name.trim()
  if (!n) return '指标名称不能为空。'
  if (n.length > 60) return '指标名称不能超过 60 个字符。'
  if (/["“”\\\u0000-\u001f]/.test(n)) return '指标名称不能包含引号或控制字符。'
  if (isIndicatorKey(n)) return '指标名称应使用中文（纯英文小写形式保留给指标标识）。'
  return null
}

/** How an indicator reads wherever a user sees it: its Chinese name and unit, "专任教师（人）". */
export function indicatorLabel(ind: Pick<Indicator, 'name' | 'unit'>): string {
  return ind.unit ? `${ind.name}（${ind.unit}）` : ind.name
}

/**
 * How a reference to an indicator reads: the label of the indicator it names
 * (by key or name); a key nobody has any more reads as 已删除的指标, never as
 * the key itself; a Chinese name not (yet) known reads as written.
 */
export function indicatorRefLabel(ref: string, find: (refOrName: string) => Pick<Indicator, 'name' | 'unit'> | undefined): string {
  const ind = find(ref)
  if (ind) return indicatorLabel(ind)
  return isIndicatorKey(ref) ? '已删除的指标' : ref
}
