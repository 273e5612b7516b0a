import type { CellFormat } from './table'

/**
 * How numbers read in the report: the same function formats table cells in
 * main (lists, Word, CLI) and inline fields in the editor, so a figure reads
 * the same everywhere.
 */

/** Round half away from zero on the decimal representation (Excel's ROUND), so 1.005 → 1.01. */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)))
  const sign = value < 0 ? -1 : 1
  const r = Number(`${Math.round(Number(`${Math.abs(value)}e${d}`))}e-${d}`)
  return r === 0 ? 0 : sign * r
}

function fixed(value: number, decimals: number): string {
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)))
  const s = roundTo(value, d).toFixed(d)
  // "-0.00" reads as a change where there is none.
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s
}

/** A number as typed: no float noise (0.1+0.2 → 0.3), no exponent, no thousands separators (the report uses none). */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const v = Number(value.toPrecision(12))
  if (v === 0) return '0'
  const s = String(v)
  if (!/e/i.test(s)) return s
  return Math.abs(v) < 1 ? v.toFixed(10).replace(/\.?0+$/, '') : v.toFixed(0)
}

export function formatNumber(value: number, format: CellFormat | undefined): string {
  const f = format ?? { kind: 'general' }
  switch (f.kind) {
    case 'general':
      return plainNumber(value)
    case 'fixed':
      return fixed(value, f.decimals)
    case 'percent':
      return `${fixed(value, f.decimals)}%`
    case 'change': {
      const s = fixed(value, f.decimals)
      return roundTo(value, f.decimals) > 0 ? `+${s}` : s
    }
    case 'arrow': {
      const r = roundTo(value, f.decimals)
      const s = fixed(Math.abs(value), f.decimals)
      return r > 0 ? `↑ ${s}` : r < 0 ? `↓ ${s}` : s
    }
    case 'ratio':
      return `${fixed(value, f.decimals)}:1`
    case 'trend': {
      const r = roundTo(value, f.decimals)
      if (r === 0) return '持平'
      return `${r > 0 ? f.up || '增加' : f.down || '减少'} ${fixed(Math.abs(value), f.decimals)}`
    }
  }
}

/** Any computed value as displayed: numbers through their format, text as is. */
export function formatValue(value: number | string | boolean | null | undefined, format?: CellFormat): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return formatNumber(value, format)
  if (typeof value === 'boolean') return value ? '是' : '否'
  return value
}

// ---- the compact form used in dataField attributes ("fixed:2") --------------

const KINDS = ['general', 'fixed', 'percent', 'change', 'arrow', 'ratio', 'trend'] as const

export function formatToString(f: CellFormat | undefined): string {
  if (!f || f.kind === 'general') return 'general'
  if (f.kind === 'trend' && (f.up || f.down)) return `trend:${f.decimals}:${f.up ?? ''}:${f.down ?? ''}`
  return `${f.kind}:${f.decimals}`
}

/** Parse "percent:2"; anything unrecognised reads as general (a field never fails to show). */
export function parseFormat(s: string | null | undefined): CellFormat {
  if (!s) return { kind: 'general' }
  const [kind, dec, up, down] = s.split(':')
  const decimals = Math.max(0, Math.min(6, Number.parseInt(dec ?? '0', 10) || 0))
  if (!(KINDS as readonly string[]).includes(kind) || kind === 'general') return { kind: 'general' }
  if (kind === 'trend') {
    const clean = (w?: string) => (w ? w.slice(0, 8) : undefined)
    return { kind: 'trend', decimals, ...(up ? { up: clean(up) } : {}), ...(down ? { down: clean(down) } : {}) }
  }
  return { kind: kind as Exclude<CellFormat['kind'], 'general' | 'trend'>, decimals }
}

/** Names of the formats as the UI shows them. */
export const FORMAT_LABELS: Record<CellFormat['kind'], string> = {
  general: '常规',
  fixed: '固定小数位',
  percent: '百分比（%）',
  change: '增减（+/-）',
  arrow: '箭头（↑/↓）',
  ratio: '比值（:1）',
  trend: '文字（增加/减少）'
}

/** Parse what a person typed as a number: "1 649", "1,649", "+4.65", "−0.01", full-width digits. Null when it is not a number. */
export function parseTypedNumber(text: string): number | null {
  const t = text
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．]/g, '.')
    .replace(/[−－]/g, '-')
    .replace(/[＋]/g, '+')
  if (!/^[+-]?(\d{1,3}([,，\s]\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/.test(t)) return null
  const n = Number(t.replace(/[,，\s]/g, ''))
  return Number.isFinite(n) ? n : null
}
