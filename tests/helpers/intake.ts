import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { join } from 'node:path'
import { ReportSession } from '../../src/main/services/reportSession'
import { templateMeta } from '../../src/main/templates/outline'
import { templateReport } from '../../src/main/templates/report'
import type { TemplateId } from '../../src/shared/model/report'
import { readXlsx } from '../../src/main/xlsx'
import { tempDir } from './reports'
import { makePng } from './png'
import { reportData } from '../../src/main/data'
import { checkImage } from '../../src/main/services/assets'
import { summarizeChapter } from '../../src/shared/model/summary'
import { fieldFormula } from '../../src/shared/model/fields'
import type { DocNode } from '../../src/shared/model/doc'

/**
 * Files for 汇总 tests: a city (or provincial, or school) report made as
 * `nianbao new` makes it, and a data kit filled in the way a school fills
 * it in Excel — values typed into the input cells of its data sheet, the
 * rest of the workbook left as the kit wrote it.
 */
export function newReport(dir: string, template: TemplateId, region: string, year = 2021, fileName = `${region}.nianbao`): string {
  const path = join(dir, fileName)
  const session = new ReportSession({ now: () => new Date('2022-03-01T08:00:00Z') })
  const meta = templateMeta(template, { region, year })
  const t = templateReport(template, meta)
  session.create(path, meta, t.chapters, t.seed)
  session.close()
  return path
}

export function scratch(): string {
  return tempDir('nianbao-intake-')
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * A kit with values typed in: by figure name, for the year column ('this'
 * or 'last'); a string goes in as text (what a person types that is not a
 * number). `school` fills the 学校名称 cell of a blank kit.
 */
export function fillKit(kit: Uint8Array, values: Record<string, number | string | null>, opts: { column?: 'this' | 'last'; school?: string } = {}): Uint8Array {
  const book = readXlsx(kit)
  const data = book.sheets.findIndex((s) => s.name === '数据')
  const sheet = book.sheets[data]
  const rowOf = new Map<string, number>()
  sheet.rows.forEach((r, i) => {
    const name = r?.[0]?.value
    if (typeof name === 'string') rowOf.set(name, i + 1)
  })
  const files = unzipSync(kit)
  const part = `xl/worksheets/sheet${data + 1}.xml`
  let xml = strFromU8(files[part])
  const col = opts.column === 'last' ? 'C' : 'D'
  const put = (ref: string, value: number | string | null) => {
    const cell = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>.*?</c>)`)
    const m = cell.exec(xml)
    if (!m) throw new Error(`no cell ${ref} in the kit`)
    const attrs = m[1].replace(/\s*t="[^"]*"/, '')
    const body = value === null ? `<c r="${ref}"${attrs}/>` : typeof value === 'number' ? `<c r="${ref}"${attrs}><v>${value}</v></c>` : `<c r="${ref}"${attrs} t="inlineStr"><is><t>${esc(value)}</t></is></c>`
    xml = xml.slice(0, m.index) + body + xml.slice(m.index + m[0].length)
  }
  for (const [name, value] of Object.entries(values)) {
    const row = rowOf.get(name)
    if (!row) throw new Error(`the kit has no row “${name}”`)
    put(`${col}${row}`, value)
  }
  if (opts.school !== undefined) put('B2', opts.school)
  files[part] = strToU8(xml)
  return zipSync(files)
}

/** A case (案例) as the editor writes it: title, a paragraph quoting a figure, a photo with its caption. */
export function caseNode(id: string, title: string, photoHash: string | null, school = ''): DocNode {
  return {
    type: 'caseStudy',
    attrs: { id, school },
    content: [
      { type: 'caseTitle', content: [{ type: 'text', text: title }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: '学校现有在校生 ' },
          { type: 'dataField', attrs: { ref: fieldFormula({ kind: 'value', indicator: 'students.total' }), format: null } },
          { type: 'text', text: ' 人，校企合作成效明显。' }
        ]
      },
      ...(photoHash ? [{ type: 'photo', attrs: { asset: photoHash, width: null, height: null }, content: [{ type: 'text', text: `${title}现场` }] }] : [])
    ]
  }
}

/**
 * A school's own report (school template) with figures typed in and, if
 * given, cases with a photo each in chapter `caseChapter` (1-based).
 */
export function schoolReport(dir: string, name: string, values: Record<string, number>, cases: string[] = [], opts: { year?: number; caseChapter?: number; seed?: number } = {}): string {
  const year = opts.year ?? 2021
  const path = newReport(dir, 'school', name, year)
  const session = new ReportSession({ now: () => new Date('2022-03-01T08:00:00Z') })
  try {
    const open = session.open(path)
    const data = reportData(open)
    data.setValues(Object.entries(values).map(([indicator, value]) => ({ indicator, year, value })))
    if (cases.length) {
      const chapter = open.store.listChapters()[(opts.caseChapter ?? 1) - 1]
      const doc = open.store.getChapter(chapter.id).doc
      cases.forEach((title, i) => {
        const png = makePng(40 + i, 30, (opts.seed ?? 0) * 10 + i)
        const asset = checkImage(png)
        open.store.putAsset(asset)
        doc.content = [...(doc.content ?? []), caseNode(`case_${name.length}_${i}_${opts.seed ?? 0}`, title, asset.hash)]
      })
      open.store.saveChapter(chapter.id, doc, summarizeChapter(doc))
    }
  } finally {
    session.close()
  }
  return path
}
