import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { newId } from '@shared/editor/ids'
import type { DocNode } from '@shared/model/doc'
import { textOf } from '@shared/model/doc'
import type { Indicator } from '@shared/model/indicator'
import type { ReportMeta, TemplateId } from '@shared/model/report'
import { summarizeChapter } from '@shared/model/summary'
import type { ReportTableSpec } from '@shared/model/table'
import type { FigureSpec } from '@shared/model/figure'
import { DataStore } from '../store/dataStore'
import type { NewChapter } from '../store/reportStore'
import { templateChapters } from './outline'
import { resourcesDir } from '../paths'
import { STANDARD_INDICATORS, type IndicatorDef } from './indicators'
import { standardFigures, standardTables, type Placement, type TemplateFigure, type TemplateTable } from './tables'
import { SCHOOL_INDICATORS, schoolSentences, schoolTables } from './school'
import { cellOf, changeOf, field, growthOf, pct2, text, value, xref, year, type FindBlock, type TemplateSentence } from './sentenceParts'

export { STANDARD_INDICATORS } from './indicators'

/**
 * The live data a new report starts with: the standard indicators, the
 * standard tables and charts placed as nodes under their sections, and a
 * few sentences in the chapters that quote figures as live fields.
 */
export interface TemplateData {
  chapters: NewChapter[]
  /** Writes the data rows; runs inside the new file's creation transaction. */
  seed: (db: Database.Database) => void
}

export interface SeedValue {
  indicator: string
  year: number
  value: number
}

/** A template's standard data: its indicators, tables and charts, and the sentences that quote them. */
interface TemplateDataSet {
  indicators: IndicatorDef[]
  tables: TemplateTable[]
  figures: TemplateFigure[]
  sentences: (region: string, find: FindBlock) => TemplateSentence[]
}

function dataSetOf(template: TemplateId): TemplateDataSet | null {
  switch (template) {
    case 'city':
    case 'province':
      return { indicators: STANDARD_INDICATORS, tables: standardTables(), figures: standardFigures(), sentences: standardSentences }
    case 'school':
      return { indicators: SCHOOL_INDICATORS, tables: schoolTables(), figures: [], sentences: schoolSentences }
    default:
      return null
  }
}

/** Which templates carry standard data (indicators and tables); each template has its own set. */
export function hasStandardData(template: TemplateId): boolean {
  return dataSetOf(template) !== null
}

export function withTemplateData(template: TemplateId, chapters: NewChapter[], meta: Pick<ReportMeta, 'region'>, values: SeedValue[] = []): TemplateData {
  const set = dataSetOf(template)
  if (!set) return { chapters, seed: () => undefined }
  const region = meta.region
  const out = chapters.map((c) => ({ ...c, id: c.id ?? newId('ch'), doc: structuredClone(c.doc) }))
  const fill = (s: string) => s.replaceAll('{地区}', region)

  const indicators: Indicator[] = set.indicators.map((d, i) => ({
    id: d.key,
    name: d.name,
    unit: d.unit,
    group: d.group,
    chapterId: out[d.chapter - 1]?.id ?? null,
    source: d.source,
    format: d.format ?? { kind: 'general' },
    position: i
  }))

  const tables: { spec: ReportTableSpec; chapterId: string | null; place: Placement }[] = set.tables.map((t) => ({
    spec: { ...t.spec, id: newId('tbl'), caption: fill(t.spec.caption), note: fill(t.spec.note) },
    chapterId: out[t.place.chapter - 1]?.id ?? null,
    place: t.place
  }))
  const figures: { spec: FigureSpec; chapterId: string | null; place: Placement }[] = set.figures.map((f) => ({
    spec: { id: newId('fig'), caption: fill(f.caption), note: fill(f.note), kind: 'chart', chart: f.chart },
    chapterId: out[f.place.chapter - 1]?.id ?? null,
    place: f.place
  }))

  // Blocks go under their section heading, in template order: figures of a section after its tables' sentence, as in the published report.
  const blocks = [...figures.map((f) => ({ place: f.place, node: { type: 'figure', attrs: { id: f.spec.id } } })), ...tables.map((t) => ({ place: t.place, node: { type: 'reportTable', attrs: { id: t.spec.id } } }))]
  for (const b of blocks) {
    const ch = out[b.place.chapter - 1]
    if (ch) insertUnder(ch.doc, b.place.heading, b.node)
  }

  const tableOf = (caption: string) => tables.find((t) => t.spec.caption.includes(caption))?.spec.id ?? ''
  const figureOf = (caption: string) => figures.find((f) => f.spec.caption.includes(caption))?.spec.id ?? ''
  const sentences = set.sentences(region, { tableOf, figureOf })
  for (const s of sentences) {
    const ch = out[s.chapter - 1]
    if (ch) setSectionText(ch.doc, s.heading, s.content)
  }
  for (const ch of out) ch.summary = summarizeChapter(ch.doc)

  const seed = (db: Database.Database) => {
    const store = new DataStore(db)
    for (const ind of indicators) store.putIndicator(ind)
    for (const t of tables) store.putTable(t.spec, t.chapterId)
    for (const f of figures) store.putFigure(f.spec, f.chapterId)
    const known = new Set(indicators.map((i) => i.id))
    for (const v of values) if (known.has(v.indicator)) store.setValue(v.indicator, v.year, v.value)
  }
  return { chapters: out, seed }
}

/** Index of the top-level heading with this text, or -1. */
function headingIndex(doc: DocNode, heading: string | null): number {
  if (heading === null) return -1
  return (doc.content ?? []).findIndex((n) => n.type === 'heading' && textOf(n).trim() === heading)
}

/** Insert a block at the end of a section (before the next heading), or at the end of the chapter's opening text. */
function insertUnder(doc: DocNode, heading: string | null, node: DocNode): void {
  const content = (doc.content ??= [])
  const start = headingIndex(doc, heading)
  let end = start + 1
  while (end < content.length && content[end].type !== 'heading') end++
  if (heading !== null && start < 0) end = content.length
  content.splice(end, 0, node)
}

/** Put text into the first (empty) paragraph of a section. */
function setSectionText(doc: DocNode, heading: string | null, inline: DocNode[]): void {
  const content = doc.content ?? []
  const start = headingIndex(doc, heading)
  if (heading !== null && start < 0) return
  for (let i = start + 1; i < content.length && content[i].type !== 'heading'; i++) {
    if (content[i].type === 'paragraph' && !content[i].content?.length) {
      content[i] = { type: 'paragraph', content: inline }
      return
    }
  }
}

// ---- sentences that quote figures ----------------------------------------------------------

function standardSentences(region: string, find: FindBlock): TemplateSentence[] {
  const teachers = find.tableOf('教师队伍建设情况')
  const majors = find.tableOf('专业数量分布')
  return [
    {
      chapter: 1,
      heading: '规模和结构',
      content: [
        year(),
        text(`年，${region}中等职业学校招生 `),
        value('students.enrolled'),
        text(' 人，较上年'),
        changeOf('students.enrolled'),
        text(' 人，增幅为 '),
        growthOf('students.enrolled'),
        text('；全日制中职学校在校生 '),
        value('students.total'),
        text(' 人，较上年'),
        changeOf('students.total'),
        text(' 人，增幅为 '),
        growthOf('students.total'),
        text('（见'),
        xref('figure', find.figureOf('学生规模对比')),
        text('）。')
      ]
    },
    {
      chapter: 1,
      heading: '设施设备',
      content: [year(), text(`年，${region}中等职业学校生均校舍建筑面积 `), value('facilities.floor_area'), text(' 平方米，生均教学仪器设备值 '), value('facilities.equipment'), text(' 元，各项办学条件指标与上年的对比如下（见'), xref('table', find.tableOf('办学条件对比')), text('）。')]
    },
    {
      chapter: 1,
      heading: '教师队伍',
      content: [
        year(),
        text(`年，${region}中职学校教职工总数 `),
        value('staff.total'),
        text(' 人，比上一年'),
        changeOf('staff.total'),
        text(' 人；其中，专任教师数 '),
        value('teachers.fulltime'),
        text(' 人，专业教师数 '),
        value('teachers.professional'),
        text(' 人，“双师型”教师 '),
        value('teachers.dual'),
        text(' 人，双师型教师比为 '),
        cellOf(teachers, 'C6', pct2),
        text('。生师比为 '),
        cellOf(teachers, 'C9', { kind: 'ratio', decimals: 2 }),
        text('，比上一年'),
        cellOf(teachers, 'D9', { kind: 'trend', decimals: 2, up: '上升', down: '下降' }),
        text('。兼职教师 '),
        value('teachers.parttime'),
        text(' 人，比上一年'),
        changeOf('teachers.parttime'),
        text(' 人（见'),
        xref('table', teachers),
        text('）。')
      ]
    },
    {
      chapter: 2,
      heading: '就业工作整体平稳',
      content: [
        year(),
        text(`年，${region}中等职业学校毕业生数 `),
        value('students.graduates'),
        text(' 人，就业人数 '),
        value('employment.employed'),
        text(' 人，就业率 '),
        field({ kind: 'share', indicator: 'employment.employed', of: 'students.graduates', decimals: 2 }, pct2),
        text('；对口就业率为 '),
        value('employment.matched_rate', pct2),
        text('（见'),
        xref('figure', find.figureOf('就业对口率')),
        text('、'),
        xref('figure', find.figureOf('毕业生变化')),
        text('）。')
      ]
    },
    {
      chapter: 3,
      heading: '专业布局',
      content: [year(), text(`年${region}中职学校共开设了 `), value('majors.count'), text(' 个专业，专业布点数 '), cellOf(majors, `C${15}`, { kind: 'general' }), text(' 个（见'), xref('table', majors), text('）。')]
    }
  ]
}

/** A new report's chapters and data rows from a template: pass both to ReportSession.create. */
export function templateReport(template: TemplateId, meta: Pick<ReportMeta, 'region'>, values: SeedValue[] = []): TemplateData {
  return withTemplateData(template, templateChapters(template), meta, values)
}

/** The figures published in the Qingyuan 2021 report, for the sample report (resources/templates/data/qingyuan-2021.json). */
export function sampleValues(): SeedValue[] {
  try {
    const raw = JSON.parse(readFileSync(join(resourcesDir(), 'templates', 'data', 'qingyuan-2021.json'), 'utf8')) as { values?: Record<string, Record<string, number>> }
    return Object.entries(raw.values ?? {}).flatMap(([indicator, years]) =>
      Object.entries(years).flatMap(([y, value]) => (Number.isFinite(value) ? [{ indicator, year: Number(y), value }] : []))
    )
  } catch {
    return []
  }
}
