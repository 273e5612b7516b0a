/**
 * The Qingyuan 2021 report (tests/fixtures/qingyuan-2021/report.txt) as an
 * export source: chapter documents in the editor's schema (headings, cases
 * with photos, numbered tables and figures, quoted figures, cross references,
 * the appendix table), and the live data as the data layer would hand it
 * over (ResolvedTable / ResolvedFigure built directly, chart pictures drawn
 * with resvg). Used until the importer can read the published .docx.
 */
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import type { DocNode } from '@shared/model/doc'
import type { ResolvedFigure } from '@shared/model/figure'
import type { ReportMeta } from '@shared/model/report'
import type { CellAlign, CellFormat, ResolvedCell, ResolvedTable, TableMerge } from '@shared/model/table'
import { stripHeadingNumber } from '@shared/model/numbering'
import type { ExportAsset, ExportChapter, ExportData, ExportSource } from '../../src/main/export/source'
import { summarizeChapter } from '@shared/model/summary'
import { ReportSession } from '../../src/main/services/reportSession'
import { reportData } from '../../src/main/data'

export const QINGYUAN_TXT = join(__dirname, '..', 'fixtures', 'qingyuan-2021', 'report.txt')

export const QINGYUAN_META: ReportMeta = {
  title: '2022年清远市中等职业教育质量年度报告',
  region: '清远市',
  level: 'city',
  year: 2021,
  issuer: '清远市教育局',
  issueDate: '2021-11-30',
  template: 'city'
}

export interface FixtureReport {
  meta: ReportMeta
  chapters: ExportChapter[]
  tables: Map<string, ResolvedTable>
  figures: Map<string, ResolvedFigure>
  assets: Map<string, ExportAsset>
  fields: Map<string, string>
}

const text = (t: string): DocNode => ({ type: 'text', text: t })
const para = (content: DocNode[]): DocNode => ({ type: 'paragraph', content })

/** A picture for a photo: a coloured "photo" of the given size (PNG). */
export function photoPng(seed: number, width = 800, height = 600): Uint8Array {
  const hue = (seed * 47) % 360
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},45%,40%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.3}" cy="${height * 0.35}" r="${height * 0.15}" fill="rgba(255,255,255,0.5)"/>
    <rect x="${width * 0.1}" y="${height * 0.65}" width="${width * 0.8}" height="${height * 0.2}" fill="rgba(0,0,0,0.25)"/></svg>`
  return new Resvg(svg).render().asPng()
}

/** A stand-in chart picture (bars) of the requested size; the real one comes from the data layer. */
export function chartPng(seed: number, size: { width: number; height: number }): Uint8Array {
  const { width, height } = size
  const bars = Array.from({ length: 6 }, (_, i) => {
    const h = ((seed * 13 + i * 29) % 70) + 20
    return `<rect x="${80 + i * ((width - 120) / 6)}" y="${height - 60 - (h / 100) * (height - 100)}" width="${(width - 120) / 9}" height="${(h / 100) * (height - 100)}" fill="${i % 2 ? '#5470c6' : '#91cc75'}"/>`
  }).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>
    <line x1="60" y1="${height - 60}" x2="${width - 20}" y2="${height - 60}" stroke="#333" stroke-width="2"/><line x1="60" y1="20" x2="60" y2="${height - 60}" stroke="#333" stroke-width="2"/>${bars}</svg>`
  return new Resvg(svg).render().asPng()
}

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

const NUMERIC = /^[+\-↑↓]?\s*[\d.,]+\s*(%|:1)?$/

function alignOf(t: string): CellAlign {
  return NUMERIC.test(t.trim()) ? 'center' : t.length > 12 ? 'left' : 'center'
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim())
}

/**
 * A pipe table → ResolvedTable. Header: the row above the rule; a following
 * row with an empty first cell and label-like cells is a second header row
 * (人数 / 占比). Merges are inferred as the published table had them.
 */
function pipeTable(lines: string[], id: string, caption: string, number: string | null, appendix: boolean): ResolvedTable {
  const rule = lines.findIndex((l) => /^\|[-| ]+\|$/.test(l.trim()))
  let rows = lines.filter((l, i) => i !== rule && !/^\|[-| ]+\|$/.test(l.trim())).map(splitRow)
  const columns = Math.max(...rows.map((r) => r.length))
  rows = rows.map((r) => [...r, ...new Array(columns - r.length).fill('')])
  let headerRows = rule > 0 ? rule : 1
  if (appendix) {
    // Rows broken over a page in the published file continue the row above.
    const merged: string[][] = []
    for (const r of rows) {
      if (r.every((c) => c === '')) continue
      if (merged.length > 1 && r[0] === '') merged[merged.length - 1] = merged[merged.length - 1].map((c, i) => c + r[i])
      else merged.push(r)
    }
    rows = merged
  } else if (rows.length > headerRows + 1 && rows[headerRows][0] === '' && rows[headerRows].slice(1).filter(Boolean).every((c) => !NUMERIC.test(c))) {
    headerRows++
  }
  const merges: TableMerge[] = []
  if (headerRows === 2) {
    for (let c = 0; c < columns; c++) {
      if (rows[0][c] && !rows[1][c]) merges.push({ row: 0, col: c, rowSpan: 2, colSpan: 1 })
      else if (rows[0][c]) {
        let span = 1
        while (c + span < columns && !rows[0][c + span] && rows[1][c + span]) span++
        if (span > 1) merges.push({ row: 0, col: c, rowSpan: 1, colSpan: span })
      }
    }
  }
  if (!appendix) {
    // Leading columns left empty below a value: one cell over several rows (序号 / 试点学校).
    for (let c = 0; c < Math.min(2, columns); c++) {
      for (let r = headerRows; r < rows.length; r++) {
        if (!rows[r][c]) continue
        let span = 1
        while (r + span < rows.length && !rows[r + span][c] && rows[r + span].some(Boolean)) span++
        if (span > 1) merges.push({ row: r, col: c, rowSpan: span, colSpan: 1 })
      }
    }
  }
  const resolved: ResolvedCell[][] = rows.map((r) => r.map((t) => ({ text: t, align: alignOf(t) })))
  return { id, number, caption, note: appendix ? '' : '数据来源：清远市中等职业学校质量年度报告数据', headerRows, columnWidths: new Array(columns).fill(1), rows: resolved, merges }
}

/** Parse the published report's text into chapters and live data. */
export function qingyuanReport(): FixtureReport {
  const all = readFileSync(QINGYUAN_TXT, 'utf8').split('\n')
  const start = all.findIndex((l, i) => i > 100 && l.trim() === '1 基本情况')
  const lines = all.slice(start)
  const out: FixtureReport = { meta: QINGYUAN_META, chapters: [], tables: new Map(), figures: new Map(), assets: new Map(), fields: new Map() }

  let chapter = null as ExportChapter | null
  let target: DocNode[] = [] // where blocks go: the chapter, or the open case
  let caseNode: DocNode | null = null
  let caseHasPhoto = false
  let ids = 0
  let photos = 0
  let lastParagraph: DocNode | null = null
  let lastPhoto: DocNode | null = null
  const id = (p: string) => `${p}_${(++ids).toString(36).padStart(4, '0')}`
  const closeCase = () => {
    caseNode = null
    caseHasPhoto = false
    target = chapter!.doc.content!
  }
  const newChapter = (title: string, kind: 'chapter' | 'appendix') => {
    chapter = { id: id('ch'), title, kind, doc: { type: 'doc', content: [] } }
    out.chapters.push(chapter)
    target = chapter.doc.content!
    caseNode = null
    lastParagraph = null
    lastPhoto = null
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (!line) continue
    const chapterNo = out.chapters.filter((c) => c.kind === 'chapter').length
    const ch = /^(\d{1,2}) (\S.{0,30})$/.exec(line)
    if (ch && Number(ch[1]) === chapterNo + 1 && !/[。，]$/.test(line)) {
      newChapter(ch[2], 'chapter')
      continue
    }
    if (line === '附件') {
      let j = i + 1
      while (!lines[j].trim()) j++
      newChapter(lines[j].trim(), 'appendix')
      i = j
      continue
    }
    if (!chapter) continue
    const current: ExportChapter = chapter
    const sec = /^(\d+(?:\.\d+){1,3}) (\S.*)$/.exec(line)
    if (sec && !/。$/.test(line) && sec[2].length < 60) {
      closeCase()
      target.push({ type: 'heading', attrs: { id: id('h'), level: sec[1].split('.').length }, content: [text(stripHeadingNumber(line))] })
      lastParagraph = null
      continue
    }
    const cs = /^案例 ?\d+[：:](.+)$/.exec(line)
    if (cs) {
      closeCase()
      caseNode = { type: 'caseStudy', attrs: { id: id('case'), school: '' }, content: [{ type: 'caseTitle', content: [text(cs[1].trim())] }] }
      target.push(caseNode)
      target = caseNode.content!
      lastParagraph = null
      continue
    }
    const tb = /^表 ?\d+-\d+ ?(.+)$/.exec(line)
    if (tb || (current.kind === 'appendix' && line.startsWith('|'))) {
      if (caseNode && caseHasPhoto) closeCase()
      const rows: string[] = []
      let j = tb ? i + 1 : i
      for (; j < lines.length; j++) {
        const l = lines[j].trim()
        if (!l) continue
        if (!l.startsWith('|')) break
        rows.push(l)
      }
      i = j - 1
      const tid = id('tbl')
      out.tables.set(tid, pipeTable(rows, tid, tb ? tb[1].trim() : '', null, current.kind === 'appendix'))
      target.push({ type: 'reportTable', attrs: { id: tid } })
      lastParagraph = null
      continue
    }
    const fg = /^图 ?\d+-\d+ ?(.+)$/.exec(line)
    if (fg) {
      if (caseNode && caseHasPhoto) closeCase()
      const fid = id('fig')
      out.figures.set(fid, {
        id: fid,
        number: null,
        caption: fg[1].trim(),
        note: out.figures.size % 3 === 0 ? '数据来源：广东省中等职业教育质量年报平台' : '',
        kind: 'chart',
        chart: { type: 'bar', source: { kind: 'indicators', indicators: ['在校生数'], years: ['previous', 'current'] } }
      })
      target.push({ type: 'figure', attrs: { id: fid } })
      lastParagraph = null
      continue
    }
    if (caseNode) {
      // Short lines without closing punctuation in a case are the captions of its photos.
      if (line.length <= 24 && !/[。；：！？，]$/.test(line) && !line.startsWith('（')) {
        const short = (n: DocNode | null) => (n ? (n.content?.[0]?.text ?? '').length <= 7 : false)
        if (lastPhoto && (line.length <= 7 || short(lastPhoto))) {
          lastPhoto.content![0].text += line
          continue
        }
        const png = photoPng(++photos)
        const hash = sha(png)
        out.assets.set(hash, { mime: 'image/png', width: 800, height: 600, bytes: png })
        lastPhoto = { type: 'photo', attrs: { asset: hash, width: null, height: null }, content: [text(line)] }
        caseNode.content!.push(lastPhoto)
        caseHasPhoto = true
        lastParagraph = null
        continue
      }
      if (caseHasPhoto && line.length > 40 && !lastParagraph) closeCase()
    }
    lastPhoto = null
    // A paragraph broken over a page in the published file continues here.
    const prev = lastParagraph as DocNode | null
    if (prev && !/[。！？；：）)”]$/.test(prev.content![prev.content!.length - 1].text ?? '')) {
      prev.content!.push(text(line))
      continue
    }
    lastParagraph = para([text(line)])
    target.push(lastParagraph)
  }
  addLiveReferences(out)
  return out
}

/** Quoted figures and cross references, as an editor would have put them in. */
function addLiveReferences(r: FixtureReport): void {
  const first = r.chapters[0].doc
  const tableIds = [...r.tables.keys()]
  const swap = (node: DocNode, needle: string, make: () => DocNode): boolean => {
    for (const p of node.content ?? []) {
      if (p.type !== 'paragraph') {
        if (swap(p, needle, make)) return true
        continue
      }
      const idx = (p.content ?? []).findIndex((t) => t.type === 'text' && t.text?.includes(needle))
      if (idx < 0) continue
      const t = p.content![idx].text!
      const at = t.indexOf(needle)
      p.content!.splice(idx, 1, text(t.slice(0, at)), make(), text(t.slice(at + needle.length)))
      return true
    }
    return false
  }
  // Formulas the data layer computes: a constant, and 专任教师 2021 from 表 1-2 (cell C3).
  const schools = '=14'
  const teachers = `='${tableIds[1]}'!C3`
  r.fields.set(schools, '14')
  r.fields.set(teachers, '1649')
  swap(first, '现有中等职业学校 14 所', () => ({ type: 'dataField', attrs: { ref: schools, format: null } }))
  swap(first, '专任教师数 1649 人', () => ({ type: 'dataField', attrs: { ref: teachers, format: null } }))
  swap(first, '（见表 1-1）', () => ({ type: 'crossRef', attrs: { target: 'table', id: tableIds[0] } }))
  // The swapped texts lose their surroundings' words; put them back around the fields.
  fixAround(first, schools, '现有中等职业学校 ', ' 所')
  fixAround(first, teachers, '专任教师数 ', ' 人')
  fixCrossRef(first)
  // Charts drawn from 表 1-2 (the first columns of its first rows), as an editor binds them.
  // Each figure shows its own part of the table (12 different charts).
  ;[...r.figures.values()].forEach((f, i) => {
    const range = `A1:${i < 6 ? 'C' : 'B'}${3 + (i % 6)}`
    f.chart = { type: (['groupedBar', 'bar', 'line'] as const)[i % 3], source: { kind: 'table', tableId: tableIds[1], range, seriesIn: 'columns' }, unit: '人', showLabels: true }
  })
}

function fixAround(doc: DocNode, ref: string, before: string, after: string): void {
  for (const p of doc.content ?? []) {
    const idx = (p.content ?? []).findIndex((n) => n.type === 'dataField' && n.attrs?.ref === ref)
    if (idx < 0) continue
    p.content![idx - 1].text += before
    p.content![idx + 1].text = after + p.content![idx + 1].text
  }
}

function fixCrossRef(doc: DocNode): void {
  for (const p of doc.content ?? []) {
    const idx = (p.content ?? []).findIndex((n) => n.type === 'crossRef')
    if (idx < 0) continue
    p.content![idx - 1].text += '（见'
    p.content![idx + 1].text = '）' + p.content![idx + 1].text
  }
}

/** The live data of a fixture, as the data layer hands it to the export. */
export function fixtureData(r: FixtureReport): ExportData {
  let charts = 0
  const seeds = new Map<string, number>()
  return {
    table: (id) => r.tables.get(id) ?? null,
    figure: (id) => r.figures.get(id) ?? null,
    fieldText: (ref) => r.fields.get(ref) ?? null,
    chartPng: async (figure, size) => {
      if (!seeds.has(figure.id)) seeds.set(figure.id, ++charts)
      return chartPng(seeds.get(figure.id)!, size)
    }
  }
}

export function fixtureSource(r: FixtureReport = qingyuanReport()): ExportSource {
  return { meta: r.meta, chapters: r.chapters, asset: (h) => r.assets.get(h) ?? null, data: fixtureData(r) }
}

/** The same report `times` times over (chapters repeated, ids made unique), for the size bench. */
export function repeatedReport(r: FixtureReport, times: number): FixtureReport {
  const out: FixtureReport = { ...r, chapters: [], tables: new Map(r.tables), figures: new Map(r.figures), fields: r.fields, assets: r.assets }
  const body = r.chapters.filter((c) => c.kind === 'chapter')
  const appendix = r.chapters.filter((c) => c.kind === 'appendix')
  for (let k = 0; k < times; k++) {
    for (const c of body) {
      const doc = JSON.parse(JSON.stringify(c.doc), (key, v) => {
        if (key !== 'id' || typeof v !== 'string' || k === 0) return v
        const copy = `${v}_r${k}`
        if (r.tables.has(v)) out.tables.set(copy, { ...r.tables.get(v)!, id: copy })
        if (r.figures.has(v)) out.figures.set(copy, { ...r.figures.get(v)!, id: copy })
        return copy
      }) as DocNode
      out.chapters.push({ ...c, id: k === 0 ? c.id : `${c.id}_r${k}`, doc })
    }
  }
  out.chapters.push(...appendix)
  return out
}

/**
 * Write the fixture as a real report file: chapters, photos, and the live
 * data (tables with their cells as typed, charts bound to 表 1-2) through the
 * data layer, so the CLI and the app export it as they would a user's report.
 */
export function writeFixtureReport(path: string, r: FixtureReport = qingyuanReport()): void {
  const session = new ReportSession({ now: () => new Date() })
  try {
    const open = session.create(
      path,
      r.meta,
      r.chapters.map((c) => ({ id: c.id, title: c.title, kind: c.kind, doc: c.doc, summary: summarizeChapter(c.doc) }))
    )
    for (const [hash, a] of r.assets) open.store.putAsset({ hash, mime: a.mime, width: a.width, height: a.height, bytes: Buffer.from(a.bytes) })
    const data = reportData(open)
    const chapterOf = (id: string, type: string) => r.chapters.find((c) => JSON.stringify(c.doc).includes(`"type":"${type}","attrs":{"id":"${id}"`))?.id ?? null
    for (const t of r.tables.values()) {
      data.putTable(
        {
          id: t.id,
          caption: t.caption,
          note: t.note,
          headerRows: t.headerRows,
          columnWidths: t.columnWidths,
          rows: t.rows.map((row) => row.map((c) => ({ ...typedCell(c.text), align: c.align }))),
          merges: t.merges
        },
        chapterOf(t.id, 'reportTable')
      )
    }
    for (const f of r.figures.values()) data.putFigure({ id: f.id, caption: f.caption, note: f.note, kind: 'chart', chart: f.chart }, chapterOf(f.id, 'figure'))
  } finally {
    session.close()
  }
}

/** A displayed cell back to what an editor typed: the number and its format (+1.45, 95.56%, ↑ 0.69, 18.28:1). */
function typedCell(text: string): { input: string; format?: CellFormat } {
  const decimals = (n: string) => (n.split('.')[1] ?? '').length
  let m = /^([+-])\s*(\d+(?:\.\d+)?)$/.exec(text)
  if (m) return { input: `${m[1] === '-' ? '-' : ''}${m[2]}`, format: { kind: 'change', decimals: decimals(m[2]) } }
  m = /^(\d+(?:\.\d+)?)%$/.exec(text)
  if (m) return { input: m[1], format: { kind: 'percent', decimals: decimals(m[1]) } }
  m = /^([↑↓])\s*(\d+(?:\.\d+)?)$/.exec(text)
  if (m) return { input: `${m[1] === '↓' ? '-' : ''}${m[2]}`, format: { kind: 'arrow', decimals: decimals(m[2]) } }
  return { input: text }
}
