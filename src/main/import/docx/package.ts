import { fail } from '../errors'
import type { ImportLimits } from '../limits'
import { child, children, parseXml, type XmlElement } from '../xml'
import type { DocxZip } from '../zip'

/**
 * The parts of a WordprocessingML package an import reads: the main
 * document, its relationships, styles and numbering. Relationship targets
 * are resolved inside the package only; external targets are reported as
 * such and never fetched.
 */
export interface Relationship {
  id: string
  type: string
  /** Package-internal part name (no leading slash), or the raw URL when external. */
  target: string
  external: boolean
}

const REL_OFFICE_DOCUMENT = /\/officeDocument$/
const TEXT_IN = new Set(['t', 'instrText', 'delInstrText'])

export interface DocxPackage {
  zip: DocxZip
  documentPart: string
  document: XmlElement
  styles: XmlElement | null
  numbering: XmlElement | null
  rels: Map<string, Relationship>
  core: XmlElement | null
}

/** Resolve a relationship target against the folder of the part that owns it; null when it leaves the package. */
export function resolvePart(fromPart: string, target: string): string | null {
  const clean = target.split('#')[0].split('?')[0]
  let segs: string[]
  if (clean.startsWith('/')) segs = clean.slice(1).split('/')
  else segs = [...fromPart.split('/').slice(0, -1), ...clean.split('/')]
  const out: string[] = []
  for (const s of segs) {
    let seg = s
    try {
      seg = decodeURIComponent(s)
    } catch {
      /* keep as written */
    }
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (out.length === 0) return null
      out.pop()
    } else out.push(seg)
  }
  return out.join('/')
}

function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/')
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`
}

export function readRels(xml: XmlElement | null, ownerPart: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>()
  if (!xml) return out
  for (const r of children(xml, 'rel:Relationship')) {
    const id = r.attrs.Id ?? ''
    const target = r.attrs.Target ?? ''
    const external = (r.attrs.TargetMode ?? '').toLowerCase() === 'external'
    if (!id) continue
    if (external) out.set(id, { id, type: r.attrs.Type ?? '', target, external: true })
    else {
      const part = resolvePart(ownerPart, target)
      if (part === null) fail('unsafe-name', `文档中的引用“${target.slice(0, 60)}”指向压缩包以外，可能是恶意构造的文件，已拒绝导入。`)
      out.set(id, { id, type: r.attrs.Type ?? '', target: part, external: false })
    }
  }
  return out
}

export function openPackage(zip: DocxZip, limits: ImportLimits): DocxPackage {
  const xmlOpts = { maxDepth: limits.maxXmlDepth, maxElements: limits.maxXmlElements, textIn: TEXT_IN }
  const relOpts = { maxDepth: limits.maxXmlDepth, maxElements: 200_000 }
  const cap = () => limits.maxXmlBytes

  const first = zip.read(['_rels/.rels'], cap)
  const rootRels = first.get('_rels/.rels')
  let documentPart = 'word/document.xml'
  if (rootRels) {
    const rels = readRels(parseXml(rootRels, '_rels/.rels', relOpts), '')
    const main = [...rels.values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type) && !r.external)
    if (main) documentPart = main.target
  }
  if (!zip.has(documentPart)) {
    fail('not-docx', '这不是 Word 文档（.docx）：找不到文档正文。如果是 Excel、PowerPoint 或 WPS 的其他格式，请先另存为 Word 文档。')
  }
  const docRelsPart = relsPartOf(documentPart)
  const docRelsBytes = zip.read([docRelsPart], cap).get(docRelsPart)
  const rels = readRels(docRelsBytes ? parseXml(docRelsBytes, docRelsPart, relOpts) : null, documentPart)

  const byType = (suffix: string) => [...rels.values()].find((r) => !r.external && r.type.endsWith(suffix))?.target
  const stylesPart = byType('/styles') ?? 'word/styles.xml'
  const numberingPart = byType('/numbering') ?? 'word/numbering.xml'
  const corePart = 'docProps/core.xml'
  const parts = zip.read([documentPart, stylesPart, numberingPart, corePart], cap)

  const docBytes = parts.get(documentPart)
  if (!docBytes) fail('damaged', '文档正文无法读取，文件可能已损坏。')
  const document = parseXml(docBytes, documentPart, xmlOpts)
  if (document.name !== 'w:document') fail('not-docx', '这不是 Word 文档（.docx）：正文部件的格式不对。')
  const parse = (name: string, bytes: Uint8Array | undefined, opts = xmlOpts) => (bytes ? parseXml(bytes, name, opts) : null)
  return {
    zip,
    documentPart,
    document,
    styles: parse(stylesPart, parts.get(stylesPart)),
    numbering: parse(numberingPart, parts.get(numberingPart)),
    core: parse(corePart, parts.get(corePart), { maxDepth: 20, maxElements: 1000, textIn: new Set(['title', 'creator']) }),
    rels
  }
}

export function body(pkg: DocxPackage): XmlElement {
  const b = child(pkg.document, 'w:body')
  if (!b) fail('damaged', '文档没有正文内容，文件可能已损坏。')
  return b
}
