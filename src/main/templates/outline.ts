import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { newId } from '@shared/editor/ids'
import type { DocNode } from '@shared/model/doc'
import type { ReportMeta, TemplateId, TemplateInfo } from '@shared/model/report'
import type { ChapterKind } from '@shared/model/numbering'
import { summarizeChapter } from '@shared/model/summary'
import { resourcesDir } from '../paths'
import type { NewChapter } from '../store/reportStore'

/**
 * Report templates are data (resources/templates/*.json): the official
 * outline of chapters and numbered sections for each kind of report.
 */
interface SectionDef {
  title: string
  sections?: SectionDef[]
}

const SectionSchema: z.ZodType<SectionDef> = z.lazy(() =>
  z.object({ title: z.string().min(1), sections: z.array(SectionSchema).optional() })
)

const TemplateSchema = z.object({
  id: z.enum(['city', 'province', 'school']),
  name: z.string(),
  level: z.enum(['province', 'city', 'school']),
  description: z.string(),
  title: z.string(),
  issuer: z.string(),
  chapters: z.array(
    z.object({ title: z.string().min(1), kind: z.enum(['chapter', 'appendix']).optional(), sections: z.array(SectionSchema).optional() })
  )
})

export type Template = z.infer<typeof TemplateSchema>

export const TEMPLATE_IDS: TemplateId[] = ['city', 'province', 'school']

const cache = new Map<TemplateId, Template>()

export function loadTemplate(id: TemplateId): Template {
  let t = cache.get(id)
  if (!t) {
    t = TemplateSchema.parse(JSON.parse(readFileSync(join(resourcesDir(), 'templates', `${id}.json`), 'utf8')))
    cache.set(id, t)
  }
  return t
}

function countSections(sections: SectionDef[] | undefined): number {
  return (sections ?? []).reduce((n, s) => n + 1 + countSections(s.sections), 0)
}

export function templateInfo(id: TemplateId): TemplateInfo {
  const t = loadTemplate(id)
  return {
    id: t.id,
    name: t.name,
    level: t.level,
    description: t.description,
    chapters: t.chapters.filter((c) => c.kind !== 'appendix').length,
    appendices: t.chapters.filter((c) => c.kind === 'appendix').length,
    headings: t.chapters.reduce((n, c) => n + countSections(c.sections), 0)
  }
}

export function fillPattern(pattern: string, v: { region: string; year: number }): string {
  return pattern.replaceAll('{region}', v.region).replaceAll('{year}', String(v.year)).replaceAll('{reportYear}', String(v.year + 1))
}

export function templateMeta(id: TemplateId, v: { region: string; year: number; issuer?: string; title?: string }): ReportMeta {
  const t = loadTemplate(id)
  return {
    title: v.title || fillPattern(t.title, v),
    region: v.region,
    level: t.level,
    year: v.year,
    issuer: v.issuer || fillPattern(t.issuer, v),
    issueDate: `${v.year}-11-30`,
    template: id
  }
}

function sectionNodes(sections: SectionDef[] | undefined, level: number, out: DocNode[]): void {
  for (const s of sections ?? []) {
    out.push({ type: 'heading', attrs: { level, id: newId('h') }, content: [{ type: 'text', text: s.title }] })
    out.push({ type: 'paragraph' })
    sectionNodes(s.sections, Math.min(level + 1, 4), out)
  }
}

/** The chapters of a new report: each with its headings and an empty paragraph to write in. */
export function templateChapters(id: TemplateId): NewChapter[] {
  return loadTemplate(id).chapters.map((c) => {
    const content: DocNode[] = [{ type: 'paragraph' }]
    sectionNodes(c.sections, 2, content)
    const doc: DocNode = { type: 'doc', content }
    return { title: c.title, kind: (c.kind ?? 'chapter') as ChapterKind, doc, summary: summarizeChapter(doc) }
  })
}
