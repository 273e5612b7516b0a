import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import { imageSize } from 'image-size'
import type { IntakeIssue } from '@shared/contract/intake'
import type { DocNode } from '@shared/model/doc'
import type { FigureSpec } from '@shared/model/figure'
import { numberReport } from '@shared/model/numbering'
import { ReportData } from '../../data'
import { chartPng } from '../../charts/image'
import { ReportStore } from '../../store/reportStore'
import { DataStore } from '../../store/dataStore'
import { currentTotals } from '../../store/intakeStore'
import { buildCatalogue } from '../catalogue'
import { nameFromFile } from '../names'
import { extractCases, type CaseSource } from './cases'
import type { FileReading, RawAsset, RawRow, RawSchool } from './types'

/**
 * A school's own report (or a city's, for a provincial report), opened from
 * its bytes in memory and never written: its indicators are read directly
 * (by key and name, every year it holds), a city report adds the totals it
 * compiled from its own schools (校舍建筑面积 behind its 生均校舍建筑面积),
 * and its cases go to the case library with their photos. A .docx is first
 * turned into such a report by the import, in memory.
 */
const IMAGE_MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp', webp: 'image/webp' }
const MAX_IMAGE_BYTES = 30 * 1024 * 1024
const MAX_IMAGE_PIXELS = 80_000_000
const CHART_SIZE = { width: 1200, height: 675 }

export function readReportDb(db: Database.Database, fileName: string, kind: 'report' | 'docx'): FileReading {
  const store = new ReportStore(db)
  const meta = store.meta()
  const issues: IntakeIssue[] = []
  const named = meta.region && meta.region !== '未命名地区' ? meta.region.trim() : ''
  const name = named || nameFromFile(fileName)

  // Indicators as typed: each value the report holds, for every year.
  const dataStore = new DataStore(db)
  const indicators = dataStore.listIndicators()
  const values = new Map<string, Record<string, number>>()
  for (const v of dataStore.listValues()) (values.get(v.indicator) ?? values.set(v.indicator, {}).get(v.indicator)!)[String(v.year)] = v.value
  const rows: RawRow[] = indicators.map((ind) => ({
    label: ind.name,
    unit: ind.unit,
    key: ind.id,
    place: `指标“${ind.name}”`,
    cells: Object.entries(values.get(ind.id) ?? {}).map(([year, value]) => ({ year: Number(year), value, place: `指标“${ind.name}” ${year} 年` }))
  }))

  // A compiled report also gives the totals behind its derived figures.
  const own = new Set(indicators.map((i) => i.id))
  const catalogue = buildCatalogue(indicators)
  for (const t of currentTotals(db)) {
    const f = catalogue.figure(t.figure)
    if (!f || own.has(f.key)) continue
    rows.push({
      label: f.name,
      unit: f.unit,
      key: f.key,
      place: `汇总数据“${f.name}”`,
      cells: Object.entries(t.values).map(([year, value]) => ({ year: Number(year), value, place: `汇总数据“${f.name}” ${year} 年` }))
    })
  }

  // Cases, made to stand on their own.
  const chapters = store.listChapters()
  const numbering = numberReport(chapters.map((c) => ({ id: c.id, kind: c.kind, title: c.title, summary: c.summary })))
  let data: ReportData | null = null
  const live = () => (data ??= new ReportData(store))
  const assets = new Map<string, RawAsset>()
  const takeAsset = (hash: string): string | null => {
    const have = assets.get(hash)
    if (have) return have.hash
    const a = store.getAsset(hash)
    if (!a) return null
    const checked = checkImage(new Uint8Array(a.bytes))
    if (!checked) return null
    assets.set(hash, checked)
    return checked.hash
  }
  const source: CaseSource = {
    numbering,
    fieldText: (ref, format) => {
      try {
        const t = live().fieldText(ref, format)
        return t === '（待填）' || t === '（数据错误）' ? '' : t
      } catch {
        return ''
      }
    },
    table: (id) => {
      try {
        return live().resolveTable(id, numbering.tables.find((t) => t.id === id)?.number ?? null)
      } catch {
        return null
      }
    },
    figure: (id) => figureAsPicture(live(), id, takeAsset, (a) => assets.set(a.hash, a))
  }
  const docs: DocNode[] = chapters.map((c) => store.getChapter(c.id).doc)
  const { cases, notes } = extractCases(docs, source)
  for (const n of notes) issues.push({ severity: 'note', place: '案例', message: n })
  // Photos point at assets by hash; each is checked again (the file came from outside) and renamed by its true hash.
  for (const c of cases) {
    c.doc = mapPhotos(c.doc, (hash) => takeAsset(hash))
    if ((c.doc.content ?? []).length < 2) c.doc.content = [...(c.doc.content ?? []), { type: 'paragraph' }]
    for (const f of c.figures) if (f.asset) f.asset = takeAsset(f.asset) ?? undefined
    c.figures = c.figures.filter((f) => f.kind === 'image' && f.asset)
  }

  const school: RawSchool = { name, nameFrom: named ? 'report' : 'file', rows, issues: [], cases }
  const updated = chapters.reduce((m, c) => (c.updatedAt > m ? c.updatedAt : m), '')
  return { kind, schools: [school], fileDate: kind === 'report' && updated ? updated : null, year: meta.year, issues, assets: [...assets.values()] }
}

function figureAsPicture(data: ReportData, id: string, takeAsset: (hash: string) => string | null, add: (a: RawAsset) => void): FigureSpec | null {
  let spec: FigureSpec | null
  try {
    spec = data.figureSpec(id)
  } catch {
    return null
  }
  if (!spec) return null
  const resolved = data.resolveFigure(spec, null)
  const base = { id: spec.id, caption: resolved.caption, note: resolved.note }
  if (spec.kind === 'image') {
    const asset = spec.asset ? takeAsset(spec.asset) : null
    return asset ? { ...base, kind: 'image', asset } : null
  }
  try {
    const png = new Uint8Array(chartPng(data, id, CHART_SIZE))
    const a = checkImage(png)
    if (!a) return null
    add(a)
    return { ...base, kind: 'image', asset: a.hash }
  } catch {
    // No CJK font on this machine, or a chart that cannot be drawn: the case comes without it (and says so).
    return null
  }
}

/** Photos renamed by their checked hash; a photo whose picture cannot be had is left out (it would show as a blank frame). */
function mapPhotos(node: DocNode, map: (hash: string) => string | null): DocNode {
  if (!node.content) return node
  const content: DocNode[] = []
  for (const c of node.content) {
    if (c.type !== 'photo') {
      content.push(mapPhotos(c, map))
      continue
    }
    const hash = typeof c.attrs?.asset === 'string' ? map(c.attrs.asset) : null
    if (hash) content.push({ ...c, attrs: { ...c.attrs, asset: hash } })
  }
  return { ...node, content }
}

/** An image from a file from outside: a format Word and the editor show, within the size limits, named by its own hash. */
export function checkImage(bytes: Uint8Array): RawAsset | null {
  if (bytes.length === 0 || bytes.length > MAX_IMAGE_BYTES) return null
  try {
    const info = imageSize(bytes)
    const mime = info.type ? IMAGE_MIME[info.type] : undefined
    if (!mime || !info.width || !info.height || info.width * info.height > MAX_IMAGE_PIXELS) return null
    return { hash: createHash('sha256').update(bytes).digest('hex'), mime, width: info.width, height: info.height, bytes }
  } catch {
    return null
  }
}
