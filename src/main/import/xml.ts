import { SaxesParser } from 'saxes'
import { fail } from './errors'

/**
 * A small element tree for one XML part of a .docx. Names are canonical
 * "prefix:local" whatever prefixes the file used (namespaces are resolved),
 * so a document written by Word, WPS, LibreOffice or pandoc reads the same.
 * Parsing refuses a DOCTYPE (no entities, internal or external, can exist
 * without one) and bounds nesting depth and element count.
 */
export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
}
export type XmlNode = XmlElement | string

const NAMESPACES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://purl.oclc.org/ooxml/drawingml/picture': 'pic',
  'urn:schemas-microsoft-com:vml': 'v',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup': 'wpg',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'ct',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://schemas.openxmlformats.org/drawingml/2006/chart': 'c',
  'http://purl.oclc.org/ooxml/drawingml/chart': 'c',
  'http://schemas.microsoft.com/office/drawing/2014/chartex': 'cx',
  'http://schemas.microsoft.com/office/drawing/2007/8/2/chart': 'c14',
  'http://schemas.microsoft.com/office/drawing/2012/chart': 'c15',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas': 'wpc'
}

export interface XmlParseOptions {
  maxDepth: number
  maxElements: number
  /** Local names of elements whose text is kept (w:t, w:instrText …); other text is whitespace between tags. */
  textIn?: ReadonlySet<string>
}

/** Prefix (as the file writes it) → canonical prefix, for the element being read and its descendants. */
type PrefixMap = Map<string, string>

function canonicalPrefix(uri: string): string {
  return NAMESPACES[uri] ?? `{${uri}}`
}

function qualify(name: string, map: PrefixMap, isAttribute: boolean): string {
  const colon = name.indexOf(':')
  if (colon < 0) {
    // Unprefixed attributes have no namespace; unprefixed elements take the default namespace.
    if (isAttribute) return name
    const d = map.get('')
    return d ? `${d}:${name}` : name
  }
  const prefix = name.slice(0, colon)
  const mapped = map.get(prefix)
  if (mapped === undefined || mapped === prefix) return name
  return `${mapped}:${name.slice(colon + 1)}`
}

/**
 * Namespaces are resolved here rather than by saxes (its xmlns mode costs
 * a third of the parse): prefixes are mapped to canonical ones as they are
 * declared, so "ns0:p" in a w-namespace reads as "w:p".
 */
export function parseXml(bytes: Uint8Array, partName: string, opts: XmlParseOptions): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: false })
  const root: XmlElement = { name: '#root', attrs: {}, children: [] }
  const stack: XmlElement[] = [root]
  const maps: PrefixMap[] = [new Map([['xml', 'xml']])]
  let elements = 0
  let keepText = false
  const keep = opts.textIn
  const localOf = (n: string) => n.slice(n.indexOf(':') + 1)

  parser.on('doctype', () => fail('unsafe-xml', `文档部件“${partName}”含有 DOCTYPE 声明（可用于引用外部实体），可能是恶意构造的文件，已拒绝导入。`))
  parser.on('opentag', (tag) => {
    if (++elements > opts.maxElements) fail('unsafe-xml', `文档部件“${partName}”的元素数量超过 ${opts.maxElements} 个，文件过于庞大或是恶意构造的，已拒绝导入。`)
    if (stack.length > opts.maxDepth) fail('unsafe-xml', `文档部件“${partName}”的嵌套层数超过 ${opts.maxDepth} 层，可能是恶意构造的文件，已拒绝导入。`)
    let map = maps[maps.length - 1]
    const raw = tag.attributes as Record<string, string>
    for (const key in raw) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (map === maps[maps.length - 1]) map = new Map(map)
        map.set(key === 'xmlns' ? '' : key.slice(6), canonicalPrefix(raw[key]))
      }
    }
    const attrs: Record<string, string> = {}
    for (const key in raw) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue
      attrs[qualify(key, map, true)] = raw[key]
    }
    const el: XmlElement = { name: qualify(tag.name, map, false), attrs, children: [] }
    stack[stack.length - 1].children.push(el)
    if (!tag.isSelfClosing) {
      stack.push(el)
      maps.push(map)
      keepText = keep ? keep.has(localOf(tag.name)) : true
    }
  })
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return
    stack.pop()
    maps.pop()
    const top = stack[stack.length - 1]
    keepText = keep ? keep.has(localOf(top.name)) : true
  })
  parser.on('text', (t: string) => {
    if (keepText) stack[stack.length - 1].children.push(t)
  })
  parser.on('cdata', (t: string) => {
    if (keepText) stack[stack.length - 1].children.push(t)
  })

  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  try {
    parser.write(text).close()
  } catch (e) {
    if (e instanceof Error && e.name === 'ImportFailure') throw e
    // saxes explains in English (and tracks no positions here, for speed): the editor is told which part.
    fail('damaged', `文档部件“${partName}”不是有效的 XML，文件可能已损坏。`)
  }
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string')
  if (!top) fail('damaged', `文档部件“${partName}”是空的，文件可能已损坏。`)
  return top
}

// ---- small helpers for reading the tree ------------------------------------

export function isEl(n: XmlNode | undefined): n is XmlElement {
  return typeof n === 'object' && n !== null
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c
  return undefined
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el) return []
  const out: XmlElement[] = []
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) out.push(c)
  return out
}

/** First descendant with this name (depth-first). */
export function find(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (typeof c === 'string') continue
    if (c.name === name) return c
    const d = find(c, name)
    if (d) return d
  }
  return undefined
}

export function findAll(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue
    if (c.name === name) out.push(c)
    else findAll(c, name, out)
  }
  return out
}

export function textContent(el: XmlElement): string {
  let s = ''
  for (const c of el.children) s += typeof c === 'string' ? c : textContent(c)
  return s
}

/** w:val of a child property element ("<w:pStyle w:val='Heading1'/>" → "Heading1"). */
export function val(el: XmlElement | undefined, name: string): string | undefined {
  return child(el, name)?.attrs['w:val']
}

/** An on/off property (<w:b/>, <w:b w:val="0"/>): undefined when absent. */
export function onOff(el: XmlElement | undefined, name: string): boolean | undefined {
  const p = child(el, name)
  if (!p) return undefined
  const v = p.attrs['w:val']
  return !(v === '0' || v === 'false' || v === 'off' || v === 'none')
}
