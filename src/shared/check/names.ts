import { splitLabelUnit } from '../model/table'

/**
 * Whether the words before a number name a figure of the data: "清远市中职
 * 学校教职工总数" names 教职工数, "专任教师数" names 专任教师, but
 * "思想政治课专任教师" and "新增专任教师" do not. Only qualifiers that leave
 * the figure the same are dropped (the report's own region, 全市, 中职学校…,
 * a trailing 数/总数/人数); everything else must agree.
 */

/** Qualifiers that say the figure is the report's own, not a part of it. */
const LEAD = [
  '全市',
  '全省',
  '全区',
  '全县',
  '全州',
  '全盟',
  '我市',
  '本市',
  '我省',
  '本省',
  '我区',
  '本区',
  '全日制',
  '中等职业学校',
  '中等职业教育',
  '中职学校',
  '中职教育',
  '中职',
  '各中职学校',
  '各校',
  '学校',
  '学生',
  '全体',
  '现有',
  '共有',
  '其中'
]
const TAIL = /(总数|总人数|人数|数量|总量|总额|数|的|为|是|达到|达|有|共|合计|共计|总计)+$/

export function coreName(raw: string, region = ''): string {
  let s = raw.replace(/[“”"‘’'「」\s\u3000（）()：:，,、]/g, '').replace(/[（(][^）)]*[）)]$/, '')
  s = s.replace(/[/／]?[%％]$/, '')
  let changed = true
  while (changed && s) {
    changed = false
    if (region && s.startsWith(region)) {
      s = s.slice(region.length)
      changed = true
    }
    for (const w of LEAD) {
      if (s.startsWith(w) && s.length > w.length + 1) {
        s = s.slice(w.length)
        changed = true
      }
    }
    const t = s.replace(TAIL, '')
    if (t !== s && t.length >= 2) {
      s = t
      changed = true
    }
  }
  return s
}

/** The label of a table row or column as a name: "教职工数（人）" → 教职工数, "双师型教师/专业教师（%）" stays a ratio's name. */
export function labelName(label: string): { name: string; unit: string } {
  const { name, unit } = splitLabelUnit(label)
  return { name, unit: unit === '百分比' ? '%' : unit }
}

function longestCommon(a: string, b: string): number {
  let best = 0
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++
      if (k > best) best = k
    }
  }
  return best
}

export type NameMatch = 'strong' | 'weak' | null

/**
 * strong: the subject names exactly this figure (the same core name);
 * weak: they share a good part of their words (合格率 / 体质测评合格率,
 * 双师型教师比 / 双师型教师/专业教师): worth proposing, never enough to
 * bind on its own or to call a number wrong.
 */
export function matchName(subject: string, name: string, region = ''): NameMatch {
  const a = coreName(subject, region)
  const b = coreName(name, region)
  if (a.length < 2 || b.length < 2) return null
  if (a === b) return 'strong'
  if (a.endsWith(b) || b.endsWith(a) || a.includes(b) || b.includes(a)) return 'weak'
  const common = longestCommon(a, b)
  if (common >= 4 || (common >= 3 && common * 2 >= Math.min(a.length, b.length))) return 'weak'
  return null
}
