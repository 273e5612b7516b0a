import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import type { DocNode } from '../../src/shared/model/doc'
import { textOf, walk } from '../../src/shared/model/doc'
import type { ImportedReport } from '../../src/main/import/model'

/** The Qingyuan 2021 report as shipped with the app (the same file as tests/fixtures/qingyuan-2021/report.docx). */
export const QINGYUAN_DOCX = join(__dirname, '..', '..', 'resources', 'samples', 'qingyuan-2021.docx')
/** The text of the same report as extracted from the published document: the independent source of the expected structure. */
export const QINGYUAN_TXT = join(__dirname, '..', 'fixtures', 'qingyuan-2021', 'report.txt')

export const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'

const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const T = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

export interface DocxParts {
  /** The inside of <w:body>. */
  body: string
  /** <w:style> elements for styles.xml. */
  styles?: string
  /** Extra document relationships: Id → { type, target, external }. */
  rels?: Record<string, { type: 'image' | 'hyperlink'; target: string; external?: boolean }>
  /** word/media/<name> → bytes. */
  media?: Record<string, Uint8Array>
  /** Any other entries (raw). */
  extra?: Zippable
}

/** A minimal, valid .docx around a body, for recognition and hostile-file tests. */
export function makeDocx(p: DocxParts): Uint8Array {
  const rels = Object.entries(p.rels ?? {})
    .map(
      ([id, r]) =>
        `<Relationship Id="${id}" Type="${T}/${r.type}" Target="${r.target.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"${r.external ? ' TargetMode="External"' : ''}/>`
    )
    .join('')
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${REL_NS}"><Relationship Id="rId1" Type="${T}/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${REL_NS}"><Relationship Id="rIdStyles" Type="${T}/styles" Target="styles.xml"/>${rels}</Relationships>`
    ),
    'word/styles.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:styles ${W_NS}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>${p.styles ?? ''}</w:styles>`),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body>${p.body}</w:body></w:document>`),
    ...Object.fromEntries(Object.entries(p.media ?? {}).map(([k, v]) => [`word/media/${k}`, v])),
    ...(p.extra ?? {})
  }
  return zipSync(files)
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** <w:p> with an optional style and bold text. */
export function para(text: string, o: { style?: string; bold?: boolean; outline?: number } = {}): string {
  const pPr = o.style || o.outline !== undefined ? `<w:pPr>${o.style ? `<w:pStyle w:val="${o.style}"/>` : ''}${o.outline !== undefined ? `<w:outlineLvl w:val="${o.outline}"/>` : ''}</w:pPr>` : ''
  return `<w:p>${pPr}<w:r>${o.bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`
}

/** A paragraph holding one embedded picture (relationship id `rid`). */
export function picture(rid: string, cx = 2880000, cy = 1800000): string {
  return `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="1" name="Picture"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="${rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
}

/** A table from rows of cell texts. */
export function table(rows: string[][], cell: (text: string, r: number, c: number) => string = (t) => `<w:tc>${para(t)}</w:tc>`): string {
  return `<w:tbl><w:tblGrid>${rows[0].map(() => '<w:gridCol w:w="2000"/>').join('')}</w:tblGrid>${rows.map((row, r) => `<w:tr>${row.map((t, c) => cell(t, r, c)).join('')}</w:tr>`).join('')}</w:tbl>`
}

/** A real 1×1 PNG (generated, not a fixture). */
export function tinyPng(): Uint8Array {
  return Uint8Array.from(
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')
  )
}

/** PNG header claiming the given size (the pixels are never decoded). */
export function pngHeader(width: number, height: number): Uint8Array {
  const b = Buffer.from(tinyPng())
  b.writeUInt32BE(width, 16)
  b.writeUInt32BE(height, 20)
  return Uint8Array.from(b)
}

export function readEntry(docx: Uint8Array, name: string): string {
  const files = unzipSync(docx, { filter: (f) => f.name === name })
  return Buffer.from(files[name]).toString('utf8')
}

/**
 * The structure of an imported report as a person would compare two
 * imports: chapters, headings (level and text), case titles and bodies,
 * photo captions, table captions and cells, figure captions, in order.
 * White space is ignored (converters and Word break lines differently).
 */
export function outline(r: ImportedReport): string[] {
  const squash = (s: string) => s.replace(/\s+/g, '')
  const tables = new Map(r.tables.map((t) => [t.spec.id, t.spec]))
  const figures = new Map(r.figures.map((f) => [f.id, f]))
  const out: string[] = []
  for (const ch of r.chapters) {
    out.push(`${ch.kind}:${squash(ch.title)}`)
    const visit = (n: DocNode, depth: string) => {
      switch (n.type) {
        case 'heading':
          out.push(`${depth}h${n.attrs?.level}:${squash(textOf(n))}`)
          return
        case 'paragraph': {
          const refs = (n.content ?? []).filter((x) => x.type === 'crossRef').length
          out.push(`${depth}p:${squash(textOf(n))}${refs ? `+${refs}ref` : ''}`)
          return
        }
        case 'photo':
          out.push(`${depth}photo:${squash(textOf(n))}:${n.attrs?.asset ? 'img' : 'none'}`)
          return
        case 'caseStudy':
          out.push(`${depth}case:${squash(textOf(n.content![0]))}`)
          for (const c of n.content!.slice(1)) visit(c, `${depth}  `)
          return
        case 'reportTable': {
          const t = tables.get(String(n.attrs?.id))!
          out.push(`${depth}table:${squash(t.caption)}:${t.rows.map((row) => row.map((c) => squash(c.input)).join('|')).join('/')}`)
          return
        }
        case 'figure': {
          const f = figures.get(String(n.attrs?.id))!
          out.push(`${depth}figure:${squash(f.caption)}:${f.asset ? 'img' : 'none'}`)
          return
        }
        default:
          out.push(`${depth}${n.type}:${squash(textOf(n))}`)
      }
    }
    for (const n of ch.doc.content ?? []) visit(n, '  ')
  }
  return out
}

export function nodesOf(r: ImportedReport, type: string): DocNode[] {
  const out: DocNode[] = []
  for (const ch of r.chapters)
    walk(ch.doc, (n) => {
      if (n.type === type) out.push(n)
    })
  return out
}

export function readQingyuanTxt(): string {
  return readFileSync(QINGYUAN_TXT, 'utf8')
}
