import type { XlsxWorkbook } from '../xlsx'

/**
 * How a data kit describes itself: a very hidden sheet that names the
 * report, the data year, the school and, for each row of the data sheet,
 * the key of the figure it asks for. Reading a kit back uses it to tie
 * rows to figures exactly (a renamed row is still read by its name); the
 * kit is otherwise an ordinary workbook, read by the same rules as any other.
 */
export const KIT_META_SHEET = '_nianbao'
export const KIT_DATA_SHEET = '数据'
export const KIT_SIGNATURE = 'nianbao-kit'
export const KIT_VERSION = 1

export interface KitMeta {
  version: number
  report: string
  region: string
  year: number
  /** The school it was made for; '' for a blank kit. */
  school: string
  dataSheet: string
  /** 1-based row of the data sheet → figure. */
  figures: { row: number; key: string; name: string; unit: string }[]
}

export function kitMetaRows(meta: KitMeta): (string | number)[][] {
  return [
    [KIT_SIGNATURE, meta.version],
    ['report', meta.report],
    ['region', meta.region],
    ['year', meta.year],
    ['school', meta.school],
    ['sheet', meta.dataSheet],
    ...meta.figures.map((f) => ['figure', f.row, f.key, f.name, f.unit])
  ]
}

/** The kit's own description, or null when the workbook is not a kit (or its description was tampered with beyond use). */
export function readKitMeta(book: XlsxWorkbook): KitMeta | null {
  const sheet = book.sheets.find((s) => s.name === KIT_META_SHEET)
  if (!sheet) return null
  const rows = sheet.rows.map((r) => (r ?? []).map((c) => c?.value ?? null))
  if (rows[0]?.[0] !== KIT_SIGNATURE) return null
  const field = (name: string) => rows.find((r) => r?.[0] === name)?.[1]
  const year = Number(field('year'))
  if (!Number.isInteger(year) || year < 1990 || year > 2100) return null
  const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '')
  const figures: KitMeta['figures'] = []
  for (const r of rows) {
    if (r?.[0] !== 'figure' || figures.length >= 2000) continue
    const row = Number(r[1])
    if (!Number.isInteger(row) || row < 1 || row > 100_000 || typeof r[2] !== 'string') continue
    figures.push({ row, key: str(r[2], 80), name: str(r[3], 100), unit: str(r[4], 20) })
  }
  return {
    version: Number(rows[0][1]) || 1,
    report: str(field('report')),
    region: str(field('region'), 60),
    year,
    school: str(field('school'), 60).trim(),
    dataSheet: str(field('sheet'), 31) || KIT_DATA_SHEET,
    figures
  }
}
