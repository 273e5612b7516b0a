import { child, children, onOff, val, type XmlElement } from '../xml'

/**
 * Paragraph and character styles, resolved through their basedOn chains.
 * What matters for recognising a report's structure: is the style a heading
 * (and of which level), a title, a caption, a table-of-contents entry or a
 * case-study style, and is its text bold. Style names are matched in
 * English (Word writes built-in names in English whatever the UI language)
 * and in Chinese (WPS and hand-made templates: 标题 1, 题注, 目录 1, 案例标题).
 */
export type StyleRole = 'heading' | 'title' | 'subtitle' | 'caption' | 'toc' | 'tocHeading' | 'caseTitle' | 'caseBody' | 'body'

export interface ResolvedStyle {
  id: string
  name: string
  role: StyleRole
  /** 1–9 for headings (from the name or an outline level), else undefined. */
  level?: number
  bold?: boolean
}

interface RawStyle {
  id: string
  name: string
  type: string
  basedOn?: string
  outline?: number
  bold?: boolean
}

const BODY: ResolvedStyle = { id: '', name: '', role: 'body' }

function nameRole(nameRaw: string, id: string): { role: StyleRole; level?: number } | null {
  const name = nameRaw.toLowerCase().replace(/\s+/g, '')
  const idl = id.toLowerCase()
  let m = /^(?:heading|标题|標題)([1-9])$/.exec(name) ?? /^heading([1-9])$/.exec(idl)
  if (m) return { role: 'heading', level: Number(m[1]) }
  m = /^([1-9])级标题$/.exec(name)
  if (m) return { role: 'heading', level: Number(m[1]) }
  if (/案例/.test(name)) return /标题|题目|title|名称/.test(name) ? { role: 'caseTitle' } : { role: 'caseBody' }
  if (name === 'title' || name === '标题' || name === '文档标题' || name === '报告标题') return { role: 'title' }
  if (name === 'subtitle' || name === '副标题') return { role: 'subtitle' }
  if (name === 'caption' || name === '题注' || name === 'tablecaption' || name === 'imagecaption' || name === '表题' || name === '图题') return { role: 'caption' }
  if (/^(tocheading|目录标题)$/.test(name)) return { role: 'tocHeading' }
  if (/^(toc[1-9]|目录[1-9]|tableoffigures|图表目录)$/.test(name)) return { role: 'toc' }
  return null
}

export class StyleSheet {
  private readonly raw = new Map<string, RawStyle>()
  private readonly resolved = new Map<string, ResolvedStyle>()
  private defaultParagraph = ''

  constructor(xml: XmlElement | null) {
    for (const s of xml ? children(xml, 'w:style') : []) {
      const id = s.attrs['w:styleId'] ?? ''
      if (!id) continue
      const type = s.attrs['w:type'] ?? 'paragraph'
      const pPr = child(s, 'w:pPr')
      const outline = val(pPr, 'w:outlineLvl')
      this.raw.set(`${type}:${id}`, {
        id,
        type,
        name: val(s, 'w:name') ?? id,
        basedOn: val(s, 'w:basedOn'),
        outline: outline !== undefined && /^\d$/.test(outline) ? Number(outline) : undefined,
        bold: onOff(child(s, 'w:rPr'), 'w:b')
      })
      if (type === 'paragraph' && (s.attrs['w:default'] === '1' || s.attrs['w:default'] === 'true')) this.defaultParagraph = id
    }
  }

  paragraph(id: string | undefined): ResolvedStyle {
    const key = id || this.defaultParagraph
    if (!key) return BODY
    let r = this.resolved.get(key)
    if (!r) {
      r = this.resolve('paragraph', key)
      this.resolved.set(key, r)
    }
    return r
  }

  /** Bold of a character style (w:rStyle), through its chain. */
  characterBold(id: string | undefined): boolean | undefined {
    if (!id) return undefined
    const seen = new Set<string>()
    let s = this.raw.get(`character:${id}`)
    while (s && !seen.has(s.id)) {
      seen.add(s.id)
      if (s.bold !== undefined) return s.bold
      s = s.basedOn ? this.raw.get(`character:${s.basedOn}`) : undefined
    }
    return undefined
  }

  private resolve(type: string, id: string): ResolvedStyle {
    const chain: RawStyle[] = []
    const seen = new Set<string>()
    let s = this.raw.get(`${type}:${id}`)
    while (s && !seen.has(s.id) && chain.length < 30) {
      seen.add(s.id)
      chain.push(s)
      s = s.basedOn ? this.raw.get(`${type}:${s.basedOn}`) : undefined
    }
    if (chain.length === 0) return { ...BODY, id, name: id }
    const own = chain[0]
    let role: StyleRole = 'body'
    let level: number | undefined
    // The nearest style in the chain that says what it is wins: a custom
    // "报告一级标题" based on Heading 1 is a heading of level 1.
    for (const c of chain) {
      const r = nameRole(c.name, c.id)
      if (r) {
        role = r.role
        level = r.level
        break
      }
      if (c.outline !== undefined && c.outline < 9) {
        role = 'heading'
        level = c.outline + 1
        break
      }
    }
    const bold = chain.find((c) => c.bold !== undefined)?.bold
    return { id: own.id, name: own.name, role, level, bold }
  }
}
