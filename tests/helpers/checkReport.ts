import { checkChapter } from '../../src/shared/check/chapter'
import { assembleReport, type ReportCheckInput } from '../../src/shared/check/report'
import { indicatorValues } from '../../src/shared/check/dataValues'
import { DEFAULT_CHECK_SETTINGS, type DataValue } from '../../src/shared/check/types'
import type { DocNode } from '../../src/shared/model/doc'
import { numberReport } from '../../src/shared/model/numbering'
import { summarizeChapter } from '../../src/shared/model/summary'

/** Small hand-made reports for the rules of 体检, checked the way main checks a report (chapter parts, then the whole). */
export const t = (text: string): DocNode => ({ type: 'text', text })
export const p = (...parts: (string | DocNode)[]): DocNode => ({ type: 'paragraph', content: parts.map((x) => (typeof x === 'string' ? t(x) : x)) })
export const h = (id: string, text: string, level = 2): DocNode => ({ type: 'heading', attrs: { id, level }, content: [t(text)] })
export const table = (id: string): DocNode => ({ type: 'reportTable', attrs: { id } })
export const figure = (id: string): DocNode => ({ type: 'figure', attrs: { id } })
export const ref = (target: string, id: string): DocNode => ({ type: 'crossRef', attrs: { target, id } })
export const field = (ref: string, format: string): DocNode => ({ type: 'dataField', attrs: { ref, format } })
export const photo = (asset: string | null): DocNode => ({ type: 'photo', attrs: { asset }, content: [t('照片说明')] })
export const caseStudy = (id: string, title: string, body: string, photos: (string | null)[] = ['a'.repeat(64)]): DocNode => ({
  type: 'caseStudy',
  attrs: { id, school: '' },
  content: [{ type: 'caseTitle', content: [t(title)] }, p(body), ...photos.map(photo)]
})
export const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content })

export interface CheckOptions {
  template?: string
  level?: 'city' | 'province' | 'school'
  indicators?: { id: string; name: string; unit: string; values: Record<string, number>; tableId?: string | null }[]
  tables?: ReportCheckInput['tables']
  figures?: ReportCheckInput['figures']
  extraValues?: DataValue[]
  settings?: Partial<typeof DEFAULT_CHECK_SETTINGS>
  importIssues?: ReportCheckInput['importIssues']
  fields?: Record<string, string>
}

export function check(chapters: { id: string; title: string; kind?: 'chapter' | 'appendix'; doc: DocNode }[], o: CheckOptions = {}) {
  const year = 2021
  const inds = o.indicators ?? []
  const values = [...indicatorValues(inds, year, (k) => (inds.find((i) => i.id === k)?.tableId ? '表 1-2' : '数据面板')), ...(o.extraValues ?? [])]
  const numbering = numberReport(chapters.map((c) => ({ id: c.id, kind: c.kind ?? 'chapter', title: c.title, summary: summarizeChapter(c.doc) })))
  const env = { year, region: '清远市', level: o.level ?? 'city', fieldText: (r: string) => o.fields?.[r] ?? '', values }
  return assembleReport({
    meta: { year, region: '清远市', level: o.level ?? 'city', template: o.template ?? 'city' },
    numbering,
    chapters: chapters.map((c) => ({ id: c.id, title: c.title, check: checkChapter(c.id, c.doc, env) })),
    tables: o.tables ?? [],
    figures: o.figures ?? [],
    values,
    indicators: inds.map((i) => ({ key: i.id, name: i.name, unit: i.unit, values: i.values, tableId: i.tableId ?? null })),
    importIssues: o.importIssues ?? [],
    settings: { ...DEFAULT_CHECK_SETTINGS, ...o.settings }
  })
}

