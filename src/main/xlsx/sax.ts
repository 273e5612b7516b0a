import { SaxesParser } from 'saxes'
import { fail, XlsxFailure } from './errors'

/**
 * Streaming XML for workbook parts: saxes (strict, non-validating, no entity
 * expansion), a DOCTYPE refused outright, nesting bounded. Handlers get local
 * names (prefixes dropped): SpreadsheetML parts use one namespace for their
 * elements, so "x:row" and "row" are the same thing whoever wrote the file.
 */
export interface SaxHandlers {
  open: (name: string, attrs: Record<string, string>) => void
  close?: (name: string) => void
  text?: (text: string) => void
}

export function localName(name: string): string {
  const i = name.indexOf(':')
  return i < 0 ? name : name.slice(i + 1)
}

const CHUNK = 1 << 20

export function parseParts(bytes: Uint8Array, partName: string, maxDepth: number, h: SaxHandlers): void {
  const parser = new SaxesParser({ xmlns: false, position: false })
  let depth = 0
  parser.on('doctype', () => fail('unsafe-xml', `工作簿部件“${partName}”含有 DOCTYPE 声明（可用于引用外部实体），可能是恶意构造的文件，已拒绝。`))
  parser.on('opentag', (tag) => {
    if (++depth > maxDepth) fail('unsafe-xml', `工作簿部件“${partName}”的嵌套层数超过 ${maxDepth} 层，可能是恶意构造的文件，已拒绝。`)
    const attrs: Record<string, string> = Object.create(null)
    const raw = tag.attributes as Record<string, string>
    for (const k in raw) attrs[localName(k)] = raw[k]
    const name = localName(tag.name)
    h.open(name, attrs)
  })
  // saxes reports a closetag for self-closing elements too.
  parser.on('closetag', (tag) => {
    depth--
    h.close?.(localName(tag.name))
  })
  if (h.text) {
    parser.on('text', h.text)
    parser.on('cdata', h.text)
  }
  // Decoded and parsed a slice at a time: a part refused half-way (a million rows) is never held whole as text.
  const decoder = new TextDecoder('utf-8', { fatal: false })
  try {
    for (let at = 0; at < bytes.length; at += CHUNK) parser.write(decoder.decode(bytes.subarray(at, at + CHUNK), { stream: at + CHUNK < bytes.length }))
    parser.close()
  } catch (e) {
    if (e instanceof XlsxFailure) throw e
    fail('damaged', `工作簿部件“${partName}”不是有效的 XML，文件可能已损坏。`)
  }
}
