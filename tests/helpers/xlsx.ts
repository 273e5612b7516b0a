import { strToU8, zipSync, type Zippable } from 'fflate'

/**
 * Hand-built .xlsx packages for tests: what Excel, WPS or a hostile sender
 * could put in a workbook, part by part (the writer under test is not used,
 * so the reader is tested against files it did not make).
 */
export interface RawSheet {
  name: string
  /** The <sheetData> content and anything after it (mergeCells …). */
  xml: string
  state?: 'hidden'
}

export function rawXlsx(opts: {
  sheets: RawSheet[]
  sharedStrings?: string[]
  extraParts?: Record<string, string | Uint8Array>
  extraTypes?: string
  extraWorkbookRels?: string
  workbookExtra?: string
  level?: 0 | 6 | 9
}): Uint8Array {
  const files: Zippable = {}
  const n = opts.sheets.length
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${opts.extraTypes ?? ''}</Types>`
  )
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  )
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>${opts.sheets
      .map((s, i) => `<x:sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</x:sheets>${opts.workbookExtra ?? ''}</x:workbook>`
  )
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${opts.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>${opts.extraWorkbookRels ?? ''}</Relationships>`
  )
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${(opts.sharedStrings ?? []).map((s) => `<si>${s.startsWith('<') ? s : `<t>${s}</t>`}</si>`).join('')}</sst>`
  )
  opts.sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${s.xml}</worksheet>`)
  })
  for (const [k, v] of Object.entries(opts.extraParts ?? {})) files[k] = typeof v === 'string' ? strToU8(v) : v
  return zipSync(files, { level: opts.level ?? 6 })
}

/** A <sheetData> from rows of plain values (strings inline, numbers as numbers). */
export function sheetData(rows: (string | number | null)[][]): string {
  const col = (c: number) => String.fromCharCode(65 + c)
  return `<sheetData>${rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row
          .map((v, c) =>
            v === null ? '' : typeof v === 'number' ? `<c r="${col(c)}${r + 1}"><v>${v}</v></c>` : `<c r="${col(c)}${r + 1}" t="inlineStr"><is><t>${v}</t></is></c>`
          )
          .join('')}</row>`
    )
    .join('')}</sheetData>`
}
