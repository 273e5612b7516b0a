import { isUnit } from './units'

/**
 * Indicator names as schools write them, compared as this report means
 * them. “在校生数（人）”, “在校生人数”, “在校生” and “ 在校生数 ” are one
 * figure; full-width and half-width brackets, quotes (“双师型”教师), list
 * numbers (1. 、（一）、①), “其中：” and the 数 / 人数 / 总数 endings make
 * no difference. A bracket at the end is a unit only when it reads as one
 * (其他培训项目（含网络）keeps its bracket).
 */
export interface SplitLabel {
  /** The name without its unit, as written (trimmed). */
  name: string
  /** The unit the label carries (in brackets or after a slash), or ''. */
  unit: string
}

const LIST_NUMBER = /^(?:\d{1,3}(?:\.\d{1,3})*[.、)\s]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.]|[①-⑳])\s*/
const TRAILING_BRACKET = /[(（[【]\s*([^()（）[\]【】]{1,12})\s*[)）\]】]\s*$/
const TRAILING_SLASH_UNIT = /[/／]\s*([^/／]{1,6})$/

export function splitLabel(label: string): SplitLabel {
  let t = label.replace(/[\s\u00a0\u3000]+/g, ' ').trim()
  t = t.replace(LIST_NUMBER, '').replace(/^其中\s*[:：，,]?\s*/, '').trim()
  let unit = ''
  const b = TRAILING_BRACKET.exec(t)
  if (b) {
    const inner = b[1].replace(/^单位\s*[:：]\s*/, '')
    if (isUnit(inner)) {
      unit = inner.trim()
      t = t.slice(0, b.index).trim()
    }
  }
  if (!unit) {
    const s = TRAILING_SLASH_UNIT.exec(t)
    if (s && isUnit(s[1])) {
      unit = s[1].trim()
      t = t.slice(0, s.index).trim()
    }
  }
  if (!unit && /[%％]$/.test(t)) {
    unit = '%'
    t = t.slice(0, -1).trim()
  }
  return { name: t, unit }
}

const ENDINGS = /(?:总人数|总数量|人数|总数|数量|总量|总计|合计|数)$/

/**
 * A comparison key: full-width folded to half-width (NFKC), no spaces, no
 * quotes, no list numbers or unit, the 数-like endings dropped and 总 before
 * 值/额/面积 dropped (教学仪器设备总值 = 教学仪器设备值).
 */
export function nameKey(label: string): string {
  const { name } = splitLabel(label)
  let k = name
    .normalize('NFKC')
    .replace(/[\s"'“”‘’「」『』《》]/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase()
  k = k.replace(/总(?=(值|额|面积|金额))/g, '')
  const stripped = k.replace(ENDINGS, '')
  return stripped || k
}

/**
 * Words that name the same thing in the standard city indicators and the
 * school template (or as bureaus' own workbooks write them), compared by key.
 */
const SYNONYMS: string[][] = [
  ['在校生', '在校学生', '全日制在校生', '中职在校生', '学历教育在校生'],
  ['招生', '招生人', '招收学生', '新生'],
  ['毕业生', '毕业学生'],
  ['教职工', '在岗教职工', '教职员工'],
  ['专任教师', '专任教师总'],
  ['实训实习工位', '实训工位', '实习实训工位'],
  ['教学用计算机', '计算机', '教学计算机'],
  ['纸质图书', '图书', '纸质图书藏量'],
  ['校舍建筑面积', '校舍面积'],
  ['升学', '升入高一级学校'],
  ['享受免学费学生', '享受免学费补助学生', '免学费学生'],
  ['享受国家助学金学生', '国家助学金学生'],
  ['教职工额定编制', '教职工编制'],
  ['双师型教师', '双师型专任教师']
]
const SYNONYM_OF = new Map<string, string>()
for (const group of SYNONYMS) for (const w of group) SYNONYM_OF.set(w, group[0])

const memo = new Map<string, string>()

/** The key with synonyms folded onto one word (remembered: the same labels come back in every workbook). */
export function matchKey(label: string): string {
  let k = memo.get(label)
  if (k === undefined) {
    const key = nameKey(label)
    k = SYNONYM_OF.get(key) ?? key
    if (memo.size > 20_000) memo.clear()
    memo.set(label, k)
  }
  return k
}

/** Text in a cell that says which school a workbook is: 学校名称、单位名称、填报单位、地市 … */
export const SCHOOL_LABEL = /^(?:(?:学校|填报单位|报送单位|地市|地区|城市|市州)(?:名称)?|单位名称|学校全称)\s*(?:[:：]\s*(.*))?$/

/** Names that look like a school or a place, not like a part of a workbook (基本情况, Sheet1). */
export function looksLikeContributor(name: string): boolean {
  const n = name.trim()
  if (!n || n.length > 40) return false
  if (/^(sheet|工作表|数据|表|汇总|说明|填写说明|指标|基本情况|基础数据)\s*\d*$/i.test(n)) return false
  return /(学校|学院|职校|职中|中学|技校|中专|中心|校区|学堂|校|[市县区州盟旗])$/.test(n)
}

const TRAILING_NOISE = /(?:数据填报表|填报表|数据表|基础数据|数据|报表|统计表|质量年报|年报|报送|汇总表|汇总|最终版|修改版|修订版|定稿|终稿|副本|v\d+)$/i

/** One part of a file name without its year and the words that say what kind of file it is. */
function cleanPart(part: string): string {
  let p = part.replace(/^\d{4}\s*年度?/, '').replace(/(?<=.)\d{4}\s*年度?.*$/, '').trim()
  for (let prev = ''; prev !== p; ) {
    prev = p
    p = p.replace(TRAILING_NOISE, '').trim()
  }
  return p
}

/** A school's name from a file's name: 清远市职业技术学校-2021年数据填报表（2）.xlsx → 清远市职业技术学校. */
export function nameFromFile(fileName: string): string {
  const stem = fileName.replace(/\.[a-z0-9]{1,8}$/i, '').normalize('NFKC').trim()
  const parts = stem
    .split(/[-_—–·\s()[\]【】]+/)
    .map(cleanPart)
    .filter(Boolean)
  return parts.find((p) => looksLikeContributor(p)) ?? (parts.join('') || stem)
}
