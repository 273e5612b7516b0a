import { createHash } from 'node:crypto'
import { imageSize } from 'image-size'
import type { ImportCounts, ImportIssue, ImportReport } from '@shared/contract/import'
import { walk, type DocNode } from '@shared/model/doc'
import type { FigureSpec } from '@shared/model/figure'
import type { ReportNumbering } from '@shared/model/numbering'
import { numberReport } from '@shared/model/numbering'
import type { ReportLevel, ReportMeta, TemplateId } from '@shared/model/report'
import { summarizeChapter } from '@shared/model/summary'
import { newId } from '@shared/editor/ids'
import { DocBuilder, type BuildResult } from './build'
import { readCharts } from './charts'
import { BlockReader } from './docx/body'
import { body, openPackage } from './docx/package'
import { StyleSheet } from './docx/styles'
import { fail } from './errors'
import { mb, type ImportLimits } from './limits'
import type { ImportedAsset, ImportedReport, ImportedTable } from './model'
import { chartSheet, matchTable } from './recognise/chartData'
import { checkCaptions, checkCases, checkHeadings, checkLists, type Numbers } from './recognise/consistency'
import type { CaseItem, ChapterDraft, FigureItem, HeadingItem, Item, Structure, TableItem } from './recognise/structure'
import { recogniseStructure } from './recognise/structure'
import { linkYears } from './recognise/indicators'
import { quote } from './recognise/text'
import type { ValueMismatch } from './recognise/tables'
import { DocxZip } from './zip'
import { checkChapter, proposalEdits } from '@shared/check/chapter'
import { indicatorValues } from '@shared/check/dataValues'
import { applyEdits } from '@shared/check/edit'
import { directBinding } from '@shared/model/formula'
import type { IndicatorWithValues } from '@shared/model/indicator'
import { addTargets, issueTargets } from './targets'

/**
 * The whole reading of a .docx, synchronous and pure: bytes in, an
 * ImportedReport out (or an ImportFailure). Runs inside the import worker;
 * tests call it directly.
 */
export interface AnalyseInput {
  bytes: Uint8Array
  fileName: string
  limits: ImportLimits
  now: Date
}

const IMAGE_MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp', webp: 'image/webp' }

export function analyseDocx(input: AnalyseInput): ImportedReport {
  const { limits } = input
  const zip = new DocxZip(input.bytes, limits)
  const pkg = openPackage(zip, limits)
  const styles = new StyleSheet(pkg.styles)
  const reader = new BlockReader(styles, pkg.rels)
  const blocks = reader.read(body(pkg))
  if (!blocks.some((b) => b.kind === 'table' || b.text.trim())) fail('empty', '这份 Word 文档没有任何正文内容，无法导入。')

  const structure = recogniseStructure(blocks)
  if (structure.chapters.length === 0) {
    fail('empty', '在这份文档中没有找到任何章节标题。请确认它是质量年度报告：章标题应使用“标题 1”样式，或是以编号开头的加粗段落（如“1 基本情况”“一、基本情况”）。')
  }

  const warnings: ImportIssue[] = []
  const assets = readImages(zip, [...reader.imageParts], limits, warnings)
  const charts = readCharts(zip, chartsOf(structure), limits, warnings)
  const built = new DocBuilder(structure.chapters, assets, charts).build()

  // Numbers as the app computes them, for the messages ("导入后编为 3.2.2.3").
  const inputs = built.chapters.map((c) => ({ id: built.ids.get(c.draft)!, kind: c.draft.kind, title: c.draft.title, summary: summarizeChapter(c.doc) }))
  const numbering = numberReport(inputs)
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]))
  const headings = byId(numbering.headings)
  const cases = byId(numbering.cases)
  const tables = byId(numbering.tables)
  const figures = byId(numbering.figures)
  const chapters = byId(numbering.chapters)
  const id = (x: Item | ChapterDraft) => built.ids.get(x) ?? ''
  const numbers: Numbers = {
    heading: (h: HeadingItem) => headings.get(id(h))?.number ?? null,
    chapter: (c: ChapterDraft) => chapters.get(id(c))?.number ?? null,
    case: (c: CaseItem) => cases.get(id(c))?.number ?? null,
    table: (t: TableItem) => tables.get(id(t))?.number ?? null,
    figure: (f: FigureItem) => figures.get(id(f))?.number ?? null
  }

  const inconsistencies: ImportIssue[] = [
    ...checkHeadings(structure.chapters, numbers),
    ...checkCases(structure.chapters, numbers),
    ...checkCaptions(structure.chapters, 'table', numbers),
    ...checkCaptions(structure.chapters, 'figure', numbers),
    ...checkLists(structure.lists, structure.chapters)
  ]
  for (const u of built.unresolved) {
    inconsistencies.push({ code: 'CROSS_REF_UNRESOLVED', place: u.place, message: `正文引用了“${u.raw}”，但文档中没有这个编号的${u.raw.includes('表') ? '表' : u.raw.includes('图') ? '图' : '案例'}；保留为普通文字，请核对。` })
  }
  for (const { table, m } of built.mismatches) inconsistencies.push(mismatchIssue(table, built.ids.get(table) ?? '', m, numbers.table(table)))

  for (const n of structure.notes) warnings.push({ code: 'STRUCTURE_NOTE', place: n.place, message: n.message })
  for (const a of built.ambiguous) warnings.push({ code: 'CROSS_REF_AMBIGUOUS', place: a.place, message: `正文引用的“${a.raw}”在原文中不止一个，已指向本章中的第一个，请核对。` })
  for (const u of built.unsupported) {
    const now = numbers.table(u.table)
    warnings.push({ code: 'TABLE_RELATION_UNSUPPORTED', place: u.table.place, message: `${now ? `表 ${now}` : '附表'}“${u.table.caption}”的“${u.label}”与表中数字对不上，保留原文数字，没有改为公式。` })
  }
  for (const l of built.limits) warnings.push({ code: 'TABLE_TOO_LARGE', place: l.place, message: l.message })
  // Figures one by one; photos without a picture together (a document that lost its pictures has many).
  const missingPhotos = built.missingImages.filter((m) => m.what === '图片')
  for (const m of built.missingImages) if (m.what !== '图片') warnings.push({ code: 'IMAGE_MISSING', place: m.place, message: `${m.what}没有可导入的图片，导入后是空白的，请重新插入。` })
  if (missingPhotos.length) {
    warnings.push({
      code: 'IMAGE_MISSING',
      place: missingPhotos[0].place,
      message: `${missingPhotos.length} 张照片没有可导入的图片（第一张在“${missingPhotos[0].place}”），导入后只保留了图片说明，请重新插入照片。`
    })
  }
  for (const l of reader.issues.droppedLinks) {
    warnings.push({ code: 'LINK_DROPPED', place: `原文第 ${l.paragraph} 段`, message: `链接“${l.href.slice(0, 80)}”不是 https 或邮件地址，已去掉链接，保留文字。` })
  }
  if (reader.issues.footnotes) warnings.push({ code: 'FOOTNOTES_DROPPED', place: '全文', message: `原文有 ${reader.issues.footnotes} 处脚注或尾注，报告不使用脚注，脚注内容没有导入。` })
  if (reader.issues.comments) warnings.push({ code: 'COMMENTS_DROPPED', place: '全文', message: `原文有 ${reader.issues.comments} 处批注，批注没有导入。` })
  if (reader.issues.brokenImages) warnings.push({ code: 'IMAGE_BROKEN', place: '全文', message: `原文有 ${reader.issues.brokenImages} 张图片在文档中找不到图片文件（文档可能不完整），这些位置导入后是空白的，请重新插入图片。` })
  if (reader.issues.textBoxes) warnings.push({ code: 'TEXT_BOXES', place: '全文', message: `原文有 ${reader.issues.textBoxes} 个文本框，其中的文字已按顺序放入正文，请核对位置。` })

  const dropped = droppedItems(structure)
  const meta = metaOf(structure, built.tables.flatMap((t) => t.yearAxis?.positions.map((p) => p.year) ?? []), input.now)
  const tableChapter = new Map(numbering.tables.map((t) => [t.id, t.chapterId]))
  // Word charts: their data goes to a numbered table printing the same figures, or else to the chart's own sheet.
  const sheets = bindCharts(built, (id) => tables.get(id)?.number ?? null, (id) => figures.get(id)?.number ?? null, warnings)
  const sheetFigure = new Map(sheets.map((s) => [s.table.spec.id, s.figureId]))
  const linked = linkYears([...built.tables, ...sheets.map((s) => s.table)], {
    year: meta.year,
    chapterOf: (id) => tableChapter.get(id) ?? figures.get(sheetFigure.get(id) ?? '')?.chapterId ?? null,
    labelOf: (id) => {
      const fig = sheetFigure.get(id)
      if (fig) {
        const f = figures.get(fig)?.number
        return f ? `图 ${f}` : '附图'
      }
      const n = tables.get(id)?.number
      return n ? `表 ${n}` : '附表'
    }
  })

  // Shares over a figure of another table (表 1-4's 占比 over 专任教师), checked once the indicators are known.
  const tableItems = new Map<string, TableItem>()
  const collect = (items: Item[]) => {
    for (const i of items) {
      if (i.t === 'table') tableItems.set(built.ids.get(i) ?? '', i)
      if (i.t === 'case') collect(i.items)
    }
  }
  for (const ch of structure.chapters) collect(ch.items)
  for (const m of linked.mismatches) {
    const table = tableItems.get(m.tableId)
    if (table) inconsistencies.push(mismatchIssue(table, m.tableId, m, numbers.table(table)))
  }

  const used = new Set<string>()
  for (const c of built.chapters) for (const h of summarizeChapter(c.doc).assets) used.add(h)
  for (const f of built.figures) if (f.asset) used.add(f.asset)
  const keptAssets = [...new Map([...assets.values()].filter((a) => used.has(a.hash)).map((a) => [a.hash, a])).values()]

  // Numbers in the text that quote the data beyond doubt become live fields (the rest are proposed by 体检).
  const fields = bindNumbers(built.chapters.map((c) => ({ id: built.ids.get(c.draft)!, doc: c.doc })), linked, meta, (id) => {
    const n = tables.get(id)?.number
    return n ? `表 ${n}` : '附表'
  })
  built.chapters.forEach((c) => {
    const next = fields.docs.get(built.ids.get(c.draft)!)
    if (next) c.doc = next
  })
  if (fields.bound) {
    warnings.push({
      code: 'FIELDS_BOUND',
      place: '全文',
      message: `正文中有 ${fields.bound} 个数字与表格中的数据一致，已改为数据字段，数据更新后随之更新。其他可能引用数据的数字列在“体检”中，请逐一确认。`
    })
  }

  // Each place the report lists can be clicked to go there.
  const targetAt = issueTargets(structure.chapters, built.ids)
  addTargets(inconsistencies, targetAt)
  addTargets(warnings, targetAt)

  const report: ImportReport = {
    source: { fileName: input.fileName, bytes: input.bytes.length },
    importedAt: input.now.toISOString(),
    counts: { ...countsOf(built.chapters.map((c) => c.doc), numbering, built.figures, built.refs, built.formulas + linked.formulas, built.charts.length), fields: fields.bound },
    inconsistencies,
    warnings,
    dropped
  }
  return {
    meta,
    chapters: built.chapters.map((c) => ({ id: built.ids.get(c.draft)!, title: c.draft.title, kind: c.draft.kind, doc: c.doc })),
    tables: linked.tables,
    figures: built.figures,
    indicators: linked.indicators,
    assets: keptAssets,
    report
  }
}

/**
 * Numbers that state an indicator's value, named by the words before them
 * (专任教师 1649 人), and the change and growth written after them, become
 * dataField nodes: the ones 体检 is sure of, with the indicators the tables
 * gave (cells computed by formulas are proposed later, in the app).
 */
function bindNumbers(
  chapters: { id: string; doc: DocNode }[],
  linked: { tables: { spec: { id: string; rows: { input: string }[][] } }[]; indicators: IndicatorWithValues[] },
  meta: ReportMeta,
  tableLabel: (id: string) => string
): { docs: Map<string, DocNode>; bound: number } {
  const shownIn = new Map<string, string>()
  const byName = new Map(linked.indicators.map((i) => [i.name, i.id]))
  for (const t of linked.tables)
    for (const row of t.spec.rows)
      for (const c of row) {
        const b = directBinding(c.input)
        const key = b ? (byName.get(b.ref) ?? b.ref) : null
        if (key && !shownIn.has(key)) shownIn.set(key, t.spec.id)
      }
  const values = indicatorValues(linked.indicators, meta.year, (key) => (shownIn.has(key) ? tableLabel(shownIn.get(key)!) : '数据面板'))
  const docs = new Map<string, DocNode>()
  let bound = 0
  if (!values.length) return { docs, bound }
  for (const ch of chapters) {
    const check = checkChapter(ch.id, ch.doc, { year: meta.year, region: meta.region, level: meta.level, fieldText: () => '', values })
    const edits = proposalEdits(check, (p) => p.sure)
    if (!edits.length) continue
    const r = applyEdits(ch.doc, edits)
    if (!r.applied.length) continue
    docs.set(ch.id, r.doc)
    bound += r.applied.length
  }
  return { docs, bound }
}

/** Read, check and hash every embedded image; a picture too large to be a photo refuses the file. */
function readImages(zip: DocxZip, parts: string[], limits: ImportLimits, warnings: ImportIssue[]): Map<string, ImportedAsset> {
  if (parts.length > limits.maxImages) fail('too-large', `文档含有 ${parts.length} 张图片，超过 ${limits.maxImages} 张的上限，已拒绝导入。`)
  const bytes = zip.read(parts, () => limits.maxImageBytes)
  const out = new Map<string, ImportedAsset>()
  for (const part of parts) {
    const b = bytes.get(part)
    const name = part.split('/').pop() ?? part
    if (!b) {
      warnings.push({ code: 'IMAGE_MISSING', place: name, message: `图片“${name}”在文档中缺失，已跳过。` })
      continue
    }
    let info
    try {
      info = imageSize(b)
    } catch {
      warnings.push({ code: 'IMAGE_UNREADABLE', place: name, message: `图片“${name}”无法识别（可能是 EMF/WMF 等 Word 专用格式或已损坏），没有导入，请另存为 PNG 或 JPEG 后重新插入。` })
      continue
    }
    const mime = info.type ? IMAGE_MIME[info.type] : undefined
    if (!mime) {
      warnings.push({ code: 'IMAGE_FORMAT', place: name, message: `图片“${name}”的格式（${info.type ?? '未知'}）不能在报告中显示，没有导入，请另存为 PNG 或 JPEG 后重新插入。` })
      continue
    }
    let { width = 0, height = 0 } = info
    if (info.orientation && info.orientation >= 5) [width, height] = [height, width]
    if (!width || !height) {
      warnings.push({ code: 'IMAGE_UNREADABLE', place: name, message: `图片“${name}”的尺寸无效，没有导入。` })
      continue
    }
    if (width * height > limits.maxImagePixels) {
      fail('bad-image', `图片“${name}”的像素过多（${width}×${height}，超过 ${Math.round(limits.maxImagePixels / 1e6)} 百万像素），可能是恶意构造的文件，已拒绝导入。请先在 Word 中压缩图片。`)
    }
    if (b.length > limits.maxImageBytes) fail('bad-image', `图片“${name}”太大（${mb(b.length)}），已拒绝导入。请先在 Word 中压缩图片。`)
    const hash = createHash('sha256').update(b).digest('hex')
    out.set(part, { hash, mime, width, height, bytes: b })
  }
  return out
}

/** A printed value its formula contradicts: kept as printed, the choice left to the user (ImportIssue.cell). */
function mismatchIssue(table: TableItem, tableId: string, m: ValueMismatch, now: string | null): ImportIssue {
  const name = now ? `表 ${now}` : '附表'
  const was = table.typed?.typed && table.typed.typed !== now ? `（原文表 ${table.typed.typed}）` : ''
  return {
    code: 'TABLE_VALUE_MISMATCH',
    place: table.place,
    message: `${name}${was}“${table.caption}”的 ${m.cell} 单元格（${m.rowLabel} · ${m.colLabel}）原文印的是 ${m.printed}，按公式 ${m.formula} 计算是 ${m.computed}。`,
    cell: { tableId, row: m.row, col: m.col, address: m.cell, printed: m.printed, computed: m.computed, printedValue: m.printedValue, formula: m.formula, choice: 'printed' }
  }
}

/** The Word charts of the document in reading order, each named as the messages name it (图 2-1“…”, as the old document numbered it). */
function chartsOf(s: Structure): { part: string; ex: boolean; hasPicture: boolean; label: string }[] {
  const out: { part: string; ex: boolean; hasPicture: boolean; label: string }[] = []
  const visit = (items: Item[]) => {
    for (const i of items) {
      if (i.t === 'case') visit(i.items)
      if ((i.t === 'figure' || i.t === 'photo') && i.image.chart) {
        const label = i.t === 'figure' ? `图${i.typed?.typed ? ` ${i.typed.typed}` : ''}“${quoteClip(i.caption)}”` : `“${i.place}”处的图表`
        out.push({ part: i.image.chart.part, ex: i.image.chart.ex, hasPicture: !!i.image.part, label })
      }
    }
  }
  for (const ch of s.chapters) visit(ch.items)
  return out
}

function quoteClip(s: string): string {
  const t = s.trim()
  return t.length > 24 ? `${t.slice(0, 24)}…` : t
}

/**
 * Each live chart reads a numbered table that prints exactly its figures
 * (the chart then follows that table), or its own data sheet; what changed
 * on the way in (nearest type, cut points) and the charts kept as pictures
 * are said, by their new number.
 */
function bindCharts(
  built: BuildResult,
  tableNumber: (id: string) => string | null,
  figureNumber: (id: string) => string | null,
  warnings: ImportIssue[]
): { table: ImportedTable; figureId: string }[] {
  const numbered = built.tables.filter((t) => tableNumber(t.spec.id) !== null).map((t) => t.spec)
  const sheets: { table: ImportedTable; figureId: string }[] = []
  const name = (id: string, caption: string) => {
    const n = figureNumber(id)
    return `${n ? `图 ${n}` : '附图'}${caption ? `“${quoteClip(caption)}”` : ''}`
  }
  for (const c of built.charts) {
    const match = matchTable(c.content, numbered)
    if (match) c.figure.chart.source = match
    else {
      const table = chartSheet(c.content, newId('tbl'), c.figure.caption || '图表数据', c.figure.note)
      sheets.push({ table, figureId: c.figure.id })
      c.figure.chart.source = { kind: 'sheet', tableId: table.spec.id, seriesIn: 'columns' }
    }
    if (c.content.notes.length) {
      warnings.push({ code: 'CHART_CONVERTED', place: c.place, message: `${name(c.figure.id, c.figure.caption)}：${c.content.notes.join('；')}。` })
    }
    if (c.content.series.length === 0 || c.content.categories.length === 0) {
      warnings.push({ code: 'CHART_EMPTY', place: c.place, message: `${name(c.figure.id, c.figure.caption)}在原文中没有数据，导入后是一幅空的图表，请在“编辑图表”的数据表中填写。` })
    }
  }
  for (const p of built.chartPictures) {
    if (!p.picture) continue
    warnings.push({
      code: 'CHART_AS_PICTURE',
      place: p.place,
      message: `${name(p.id, p.caption)}是 Word ${p.kind}，年报不能把它作为可编辑的图表，已按原文中的图片导入；数据变化后请更新图片或改用年报的图表。`
    })
  }
  return sheets
}

function countsOf(docs: DocNode[], n: ReportNumbering, figures: FigureSpec[], crossRefs: number, formulas: number, charts: number): ImportCounts {
  let photos = 0
  for (const d of docs)
    walk(d, (x) => {
      if (x.type === 'photo' && typeof x.attrs?.asset === 'string') photos++
    })
  return {
    chapters: n.chapters.filter((c) => c.kind === 'chapter').length,
    appendices: n.chapters.filter((c) => c.kind === 'appendix').length,
    headings: n.headings.length,
    cases: n.cases.length,
    tables: n.tables.filter((t) => t.number !== null).length,
    appendixTables: n.tables.filter((t) => t.number === null).length,
    figures: n.figures.filter((f) => f.number !== null).length,
    charts,
    images: photos + figures.filter((f) => f.asset).length,
    photos,
    crossRefs,
    formulas
  }
}

function droppedItems(s: Structure): ImportIssue[] {
  const out: ImportIssue[] = []
  if (s.cover.title) out.push({ code: 'COVER', place: '封面', message: `封面标题${quote(s.cover.title, 40)}、编制单位和日期已作为报告属性，封面由程序生成。` })
  for (const l of s.lists) {
    out.push({ code: 'OLD_LIST', place: `${l.title}（原文第 ${l.paragraph} 段）`, message: `原文的“${l.title}”（${l.entries.length} 条）已识别，没有作为正文导入；年报会自动生成${l.title}。` })
  }
  for (const p of s.leftOut) out.push({ code: 'FRONT_MATTER', place: `封面（原文第 ${p.para} 段）`, message: `封面上的${quote(p.text, 30)}没有导入。` })
  return out
}

function metaOf(s: Structure, tableYears: number[], now: Date): ReportMeta {
  const title = s.cover.title || '质量年度报告'
  const titleYear = Number(/((?:19|20)\d{2})\s*年/.exec(title)?.[1] ?? NaN)
  const year = tableYears.length
    ? Math.max(...tableYears)
    : s.cover.date
      ? s.cover.date.year
      : Number.isFinite(titleYear)
        ? titleYear - 1
        : now.getFullYear() - 1
  const region =
    title
      .replace(/^(?:19|20)\d{2}\s*(?:年度|年)?/, '')
      .replace(/(?:中等职业教育|中职教育|中等职业学校|职业教育)?(?:质量)?(?:年度)?(?:质量)?报告.*$/, '')
      .trim() || s.cover.issuer.replace(/(教育局|教育厅|教育委员会)$/, '')
  const level: ReportLevel = /省$|自治区$/.test(region) ? 'province' : /(学校|学院|职校|中心)$/.test(region) ? 'school' : 'city'
  const template: TemplateId = level
  const d = s.cover.date
  const issueDate = d ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day ?? 1).padStart(2, '0')}` : `${year}-11-30`
  return { title, region: region.slice(0, 60) || '未命名地区', level, year: Math.min(2100, Math.max(2000, year)), issuer: s.cover.issuer.slice(0, 80), issueDate, template }
}
