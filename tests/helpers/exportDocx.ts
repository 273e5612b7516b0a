/**
 * Reading an exported .docx in tests: unzip it (fflate) and pick out the
 * paragraphs, fields and tables of its XML.
 */
import { strFromU8, unzipSync } from 'fflate'

export interface DocxParts {
  files: Record<string, Uint8Array>
  document: string
  styles: string
  settings: string
  footers: string[]
  media: string[]
}

export function openDocx(buffer: Uint8Array): DocxParts {
  const files = unzipSync(buffer)
  const text = (name: string) => (files[name] ? strFromU8(files[name]) : '')
  return {
    files,
    document: text('word/document.xml'),
    styles: text('word/styles.xml'),
    settings: text('word/settings.xml'),
    footers: Object.keys(files)
      .filter((f) => /^word\/footer\d+\.xml$/.test(f))
      .map(text),
    media: Object.keys(files).filter((f) => f.startsWith('word/media/'))
  }
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

export interface DocxParagraph {
  xml: string
  style: string | null
  /** The text as it reads (field results included, instructions not). */
  text: string
}

/** Every paragraph, in order (paragraphs in table cells included). */
export function paragraphs(xml: string): DocxParagraph[] {
  const out: DocxParagraph[] = []
  for (const m of xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const inner = m[1] ?? ''
    const style = /<w:pStyle w:val="([^"]+)"/.exec(inner)?.[1] ?? null
    const text = [...inner.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((t) => (t[0] === '<w:tab/>' ? '\t' : unescape(t[1]))).join('')
    out.push({ xml: m[0], style, text })
  }
  return out
}

/** Field instructions, in order. */
export function instructions(xml: string): string[] {
  return [...xml.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => unescape(m[1]).trim())
}

/** A named style's XML. */
export function styleXml(styles: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)
  return m ? m[0] : ''
}

/** Top-level and nested tables' XML (outermost first). */
export function tables(xml: string): string[] {
  const out: string[] = []
  const re = /<w:tbl>|<\/w:tbl>/g
  const stack: number[] = []
  for (const m of xml.matchAll(re)) {
    if (m[0] === '<w:tbl>') stack.push(m.index!)
    else {
      const start = stack.pop()!
      out.push(xml.slice(start, m.index! + m[0].length))
    }
  }
  return out
}
