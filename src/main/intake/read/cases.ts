import { walk, textOf, type DocNode } from '@shared/model/doc'
import type { FigureSpec } from '@shared/model/figure'
import type { ReportTableSpec, ResolvedTable } from '@shared/model/table'
import { crossRefText } from '@shared/model/crossref'
import type { ReportNumbering } from '@shared/model/numbering'
import { parseFormat } from '@shared/model/format'
import type { RawCase } from './types'

/**
 * A case from a school's report, made to stand on its own in another
 * report. Its text and photos (with their captions) are kept; what pointed
 * into the school's own data becomes what the school's report showed: a
 * quoted figure becomes its text, a live table becomes a table of the
 * numbers as printed (no formulas: 在校生数 in the city report is another
 * number), a chart becomes its picture, and a reference to a table or
 * figure outside the case becomes its number as the school's report read
 * (“表 3-1”). References to a table or figure inside the case stay live.
 */
export interface CaseSource {
  numbering: ReportNumbering
  fieldText(ref: string, format: ReturnType<typeof parseFormat> | undefined): string
  table(id: string): ResolvedTable | null
  /** An image figure as it is, a chart drawn as a picture (its asset hash), null when neither can be had. */
  figure(id: string): FigureSpec | null
}

/** A table of the numbers as printed: every cell its displayed text, the layout as it was. */
export function printedTable(t: ResolvedTable): ReportTableSpec {
  return {
    id: t.id,
    caption: t.caption,
    note: t.note,
    headerRows: t.headerRows,
    columnWidths: [...t.columnWidths],
    // A text starting with "=" would be read as a formula: a leading apostrophe-free space keeps it text.
    rows: t.rows.map((r) => r.map((c) => ({ input: c.text.startsWith('=') ? ` ${c.text}` : c.text, align: c.align }))),
    merges: t.merges.map((m) => ({ ...m }))
  }
}

export function extractCases(chapters: DocNode[], src: CaseSource): { cases: RawCase[]; notes: string[] } {
  const cases: RawCase[] = []
  const notes: string[] = []
  for (const doc of chapters) {
    walk(doc, (n) => {
      if (n.type === 'caseStudy') cases.push(convertCase(n, src, notes))
    })
  }
  return { cases, notes }
}

function convertCase(node: DocNode, src: CaseSource, notes: string[]): RawCase {
  const inner = new Set<string>()
  walk(node, (n) => {
    if ((n.type === 'reportTable' || n.type === 'figure') && typeof n.attrs?.id === 'string') inner.add(n.attrs.id)
  })
  const tables: ReportTableSpec[] = []
  const figures: FigureSpec[] = []
  const title = textOf(node.content?.find((c) => c.type === 'caseTitle') ?? { type: 'caseTitle' }).trim()

  const convert = (n: DocNode): DocNode | null => {
    switch (n.type) {
      case 'dataField': {
        const text = src.fieldText(String(n.attrs?.ref ?? ''), n.attrs?.format ? parseFormat(String(n.attrs.format)) : undefined)
        return text ? { type: 'text', text, ...(n.marks ? { marks: n.marks } : {}) } : null
      }
      case 'crossRef': {
        const target = String(n.attrs?.target ?? 'table')
        const id = String(n.attrs?.id ?? '')
        if (inner.has(id)) return { ...n }
        const text = crossRefText(target, id, src.numbering).text
        return { type: 'text', text, ...(n.marks ? { marks: n.marks } : {}) }
      }
      case 'reportTable': {
        const t = src.table(String(n.attrs?.id ?? ''))
        if (!t) {
          notes.push(`案例“${title}”中的一张表格无法读取，没有带入。`)
          return null
        }
        tables.push(printedTable(t))
        return { type: 'reportTable', attrs: { id: t.id } }
      }
      case 'figure': {
        const f = src.figure(String(n.attrs?.id ?? ''))
        if (!f) {
          notes.push(`案例“${title}”中的一幅图无法读取，没有带入。`)
          return null
        }
        figures.push(f)
        return { type: 'figure', attrs: { id: f.id } }
      }
    }
    if (!n.content) return { ...n }
    const content = n.content.map(convert).filter((c): c is DocNode => c !== null)
    return { ...n, content }
  }
  const doc = convert(structuredClone(node))!
  // A case keeps at least one block after its title (the schema needs one).
  if ((doc.content ?? []).length < 2) doc.content = [...(doc.content ?? []), { type: 'paragraph' }]
  return { title, school: String(node.attrs?.school ?? ''), doc, tables, figures }
}
