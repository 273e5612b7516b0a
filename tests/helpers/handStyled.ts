import { readFileSync } from 'node:fs'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { QINGYUAN_DOCX } from './docx'

/**
 * The Qingyuan report as a school secretary might have typed it: no heading
 * styles at all (headings are bold paragraphs that start with their number),
 * each case in a one-cell framed table, the 目录 as a Word TOC field, and
 * the two-level header of 表 1-3 with real merged cells. Built from the
 * pandoc .docx by rewriting its XML, so the text is the same and only the
 * way structure is expressed differs.
 */
const TOP = /<w:tbl>[\s\S]*?<\/w:tbl>|<w:p>[\s\S]*?<\/w:p>|<w:p\s*\/>|<w:bookmark(?:Start|End)[^>]*\/>|<w:sectPr[\s\S]*?<\/w:sectPr>/g

const text = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
const isPara = (xml: string) => xml.startsWith('<w:p')
const style = (xml: string) => /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? ''
const isHeading = (xml: string) => isPara(xml) && /^Heading\d$/.test(style(xml))
const isCaseTitle = (xml: string) => isPara(xml) && /^案例 \d+：/.test(text(xml))
const isCaption = (xml: string) => isPara(xml) && /^[表图] \d+-\d+/.test(text(xml).trim())
const hasDrawing = (xml: string) => xml.includes('<w:drawing>')

function boldRuns(p: string): string {
  return p.replace(/<w:r>(?!<w:rPr>)/g, '<w:r><w:rPr><w:b /></w:rPr>')
}

function plainHeading(p: string): string {
  return boldRuns(p.replace(/<w:pStyle w:val="Heading\d" \/>/, '<w:pStyle w:val="BodyText" />'))
}

function caseBox(inner: string[]): string {
  const border = (side: string) => `<w:${side} w:val="single" w:sz="8" w:space="0" w:color="000000"/>`
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>${['top', 'left', 'bottom', 'right'].map(border).join('')}</w:tblBorders></w:tblPr>` +
    `<w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>${inner.join('')}</w:tc></w:tr></w:tbl>`
  )
}

function tocField(tables: string[]): string[] {
  const rows = tables.flatMap((t) => [...t.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => text(c[0]))))
  const entries = rows.filter((r) => r.some((c) => c.trim()))
  return entries.map((cells, i) => {
    const begin = i === 0 ? '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' : ''
    const end = i === entries.length - 1 ? '<w:r><w:fldChar w:fldCharType="end"/></w:r>' : ''
    const [entry, page] = [cells[0], cells[cells.length - 1]]
    return `<w:p><w:pPr><w:pStyle w:val="TOC${Math.min(3, (/^\d+(\.\d+)*/.exec(entry)?.[0].split('.').length ?? 1))}"/></w:pPr>${begin}<w:r><w:t xml:space="preserve">${entry}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">${page}</w:t></w:r>${end}</w:p>`
  })
}

/** Real merged cells in the two-level header of a table (vMerge down, gridSpan across). */
function mergeHeader(tbl: string): string {
  const rows = [...tbl.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0])
  const cells = (row: string) => [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0])
  const r0 = cells(rows[0])
  const r1 = cells(rows[1])
  const withPr = (cell: string, pr: string) => cell.replace('<w:tcPr />', `<w:tcPr>${pr}</w:tcPr>`)
  const top: string[] = []
  for (let c = 0; c < r0.length; c++) {
    if (!text(r0[c]) && c > 0) continue
    const down = !text(r1[c])
    const across = c + 1 < r0.length && !text(r0[c + 1])
    top.push(withPr(r0[c], down ? '<w:vMerge w:val="restart"/>' : across ? '<w:gridSpan w:val="2"/>' : ''))
  }
  const second = r1.map((cell) => (!text(cell) ? withPr(cell, '<w:vMerge/>') : cell))
  return tbl.replace(rows[0], rows[0].replace(/<w:tc>[\s\S]*<\/w:tc>/, top.join(''))).replace(rows[1], rows[1].replace(/<w:tc>[\s\S]*<\/w:tc>/, second.join('')))
}

export function handStyledDocx(): Uint8Array {
  const files = unzipSync(readFileSync(QINGYUAN_DOCX))
  const doc = strFromU8(files['word/document.xml'])
  const bodyStart = doc.indexOf('<w:body>') + '<w:body>'.length
  const bodyEnd = doc.lastIndexOf('</w:body>')
  const blocks = doc.slice(bodyStart, bodyEnd).match(TOP) ?? []

  const out: string[] = []
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]
    if (isPara(b) && text(b) === '目录') {
      out.push(b)
      const tables: string[] = []
      while (i + 1 < blocks.length && !(isPara(blocks[i + 1]) && text(blocks[i + 1]) === '案例目录')) {
        i++
        if (blocks[i].startsWith('<w:tbl>')) tables.push(blocks[i])
      }
      out.push(...tocField(tables))
      continue
    }
    if (isHeading(b)) {
      out.push(plainHeading(b))
      continue
    }
    if (isCaseTitle(b)) {
      const inner = [b]
      while (i + 1 < blocks.length) {
        const n = blocks[i + 1]
        if (!isPara(n) || isHeading(n) || isCaseTitle(n) || isCaption(n)) break
        // A picture followed by a 图 caption is a figure of the chapter, not a photo of the case.
        const next = blocks.slice(i + 2).find((x) => isPara(x) && text(x).trim())
        if (hasDrawing(n) && next && isCaption(next)) break
        inner.push(n)
        i++
      }
      out.push(caseBox(inner))
      continue
    }
    if (b.startsWith('<w:tbl>') && isPara(blocks[i - 1] ?? '') && text(blocks[i - 1]).startsWith('表 1-3')) {
      out.push(mergeHeader(b))
      continue
    }
    out.push(b)
  }
  const rebuilt = doc.slice(0, bodyStart) + out.join('') + doc.slice(bodyEnd)
  // No heading styles exist in this variant at all.
  const styles = strFromU8(files['word/styles.xml']).replace(/<w:style [^>]*w:styleId="Heading\d"[^>]*>[\s\S]*?<\/w:style>/g, '')
  return zipSync({ ...files, 'word/document.xml': strToU8(rebuilt), 'word/styles.xml': strToU8(styles) })
}
