/**
 * Units as schools write them: 平方米, ㎡, m2; 万元 and 元; 人 and 名.
 * A unit names a family and a scale within it, so a value given in 元 for a
 * figure asked in 万元 is converted (and the conversion said), while one
 * given in 个 for a figure in 人 is refused.
 */
interface UnitInfo {
  family: string
  scale: number
  /** How the unit is written in this report. */
  canonical: string
}

const UNITS: Record<string, UnitInfo> = {}

function family(name: string, members: [written: string[], scale: number][]): void {
  for (const [written, scale] of members) for (const w of written) UNITS[w] = { family: name, scale, canonical: written[0] }
}

family('money', [
  [['元'], 1],
  [['千元'], 1e3],
  [['万元'], 1e4],
  [['百万元'], 1e6],
  [['亿元'], 1e8]
])
family('area', [
  [['平方米', '㎡', 'm2', 'm²', '平米', '平方'], 1],
  [['万平方米', '万㎡', '万m2', '万m²', '万平米'], 1e4]
])
family('people', [
  [['人', '名', '位', '人数'], 1],
  [['万人'], 1e4]
])
family('visits', [
  [['人次'], 1],
  [['万人次'], 1e4]
])
family('books', [
  [['册', '本(册)'], 1],
  [['万册'], 1e4]
])
family('percent', [[['%', '百分比', '百分点'], 1]])
for (const u of ['所', '个', '项', '家', '门', '本', '台', '套', '间', '亩', '学时', '课时', '人日', '天', '日', '小时', '次', '场', '部', '篇', '种', '门次', '台套', '元/人', '元/生'])
  family(u, [[[u], 1]])
UNITS['日'] = { family: '天', scale: 1, canonical: '天' }

function clean(unit: string): string {
  return unit
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^单位[:：]?/, '')
    .replace(/^[(（[【]|[)）\]】]$/g, '')
}

export function unitInfo(unit: string): UnitInfo | null {
  const u = clean(unit)
  return Object.hasOwn(UNITS, u) ? UNITS[u] : null
}

/** A unit as this report writes it (㎡ → 平方米, ％ → %); unknown units are kept as written. */
export function canonicalUnit(unit: string): string {
  return unitInfo(unit)?.canonical ?? clean(unit)
}

/** Text that is a unit (for telling "在校生数（人）" from "其他培训项目（含网络）"). */
export function isUnit(text: string): boolean {
  return unitInfo(text) !== null
}

export type UnitCheck = { ok: true; factor: number; note?: string } | { ok: false; message: string }

/**
 * How a value given in `given` becomes one in `wanted`: factor 1 when the
 * same (or when either is unknown and they read the same), a conversion
 * within a family, or a refusal naming both units.
 */
export function checkUnit(given: string, wanted: string): UnitCheck {
  const g = clean(given)
  const w = clean(wanted)
  if (!g || !w || g === w) return { ok: true, factor: 1 }
  const gi = unitInfo(g)
  const wi = unitInfo(w)
  if (gi && wi && gi.family === wi.family) {
    if (gi.scale === wi.scale) return { ok: true, factor: 1 }
    return { ok: true, factor: gi.scale / wi.scale, note: `由${gi.canonical}换算为${wi.canonical}` }
  }
  // 人/名 and ㎡/平方米 compare above; anything else that differs is a different quantity.
  return { ok: false, message: `单位不符：填写的单位是“${g}”，本指标的单位是“${w}”` }
}
