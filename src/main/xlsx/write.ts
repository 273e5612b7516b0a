import { strToU8, zipSync, type Zippable } from 'fflate'
import { cellAddress } from '@shared/model/cellAddress'
import { rangeName, type CellRange } from './cellRef'
import { xmlEscape as esc } from './xmlEscape'

/**
 * Writing an .xlsx: SpreadsheetML parts zipped with fflate. Enough for a
 * data kit that Excel, WPS and LibreOffice open without complaint: shared
 * strings, a few cell styles (title, header, input cell, note), column
 * widths, merged ranges, frozen header rows, hidden sheets and number
 * validation on input cells (Excel refuses text or a negative number there
 * with a Chinese message), sheet protection that leaves the input cells
 * open, and A4 printing one page wide.
 */
export type CellStyle = 'title' | 'header' | 'input' | 'label' | 'note'

export type WriteCell = string | number | null | { value: string | number | null; style?: CellStyle }

export interface NumberValidation {
  range: CellRange
  /** Lowest value accepted (default 0). */
  min?: number
  title: string
  message: string
}

export interface WriteSheet {
  name: string
  rows: WriteCell[][]
  /** Widths in characters, by column. */
  colWidths?: number[]
  /** Heights in points, by row, where a row needs more than one line (wrapped text is not measured on opening). */
  rowHeights?: (number | undefined)[]
  merges?: CellRange[]
  numbers?: NumberValidation[]
  /** Rows kept in view while scrolling. */
  freezeRows?: number
  /** Hidden sheets can be shown again from Excel's menu; 'very' hidden ones only from code (the kit's own description). */
  hidden?: boolean | 'very'
  /** Protect the sheet without a password: only cells styled 'input' can be changed (审阅 › 撤销工作表保护 lifts it). */
  protect?: boolean
}

export interface WriteBook {
  sheets: WriteSheet[]
  /** Document title (docProps/core.xml). */
  title?: string
}

const STYLE_INDEX: Record<CellStyle, number> = { title: 1, header: 2, input: 3, label: 4, note: 5 }

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function safeSheetName(name: string): string {
  const s = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31).trim()
  return s || 'Sheet'
}

export function writeXlsx(book: WriteBook): Uint8Array {
  const strings: string[] = []
  const stringIndex = new Map<string, number>()
  const sst = (s: string) => {
    let i = stringIndex.get(s)
    if (i === undefined) {
      i = strings.length
      strings.push(s)
      stringIndex.set(s, i)
    }
    return i
  }

  const files: Zippable = {}
  const taken = new Set<string>()
  const sheetEntries = book.sheets.map((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheet, sst))
    // Excel refuses a workbook with two sheets of the same name (compared without case).
    let name = safeSheetName(sheet.name)
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${safeSheetName(sheet.name).slice(0, 31 - String(n).length - 2)}（${n}）`
    taken.add(name.toLowerCase())
    return { name, hidden: sheet.hidden ?? false, index: i + 1 }
  })
  const active = Math.max(0, sheetEntries.findIndex((s) => !s.hidden))

  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      sheetEntries.map((s) => `<Override PartName="/xl/worksheets/sheet${s.index}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
      `</Types>`
  )
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `</Relationships>`
  )
  files['docProps/core.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
      `<dc:title>${esc(book.title ?? '')}</dc:title><dc:creator>年报 Nianbao</dc:creator></cp:coreProperties>`
  )
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<bookViews><workbookView activeTab="${active}"/></bookViews><sheets>` +
      sheetEntries.map((s) => `<sheet name="${esc(s.name)}" sheetId="${s.index}"${s.hidden ? ` state="${s.hidden === 'very' ? 'veryHidden' : 'hidden'}"` : ''} r:id="rId${s.index}"/>`).join('') +
      `</sheets></workbook>`
  )
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheetEntries.map((s) => `<Relationship Id="rId${s.index}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${s.index}.xml"/>`).join('') +
      `<Relationship Id="rId${sheetEntries.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
      `<Relationship Id="rId${sheetEntries.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      `</Relationships>`
  )
  files['xl/styles.xml'] = strToU8(STYLES)
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
      strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('') +
      `</sst>`
  )
  return zipSync(files, { level: 6 })
}

function sheetXml(sheet: WriteSheet, sst: (s: string) => number): string {
  const rows: string[] = []
  let maxCol = 0
  sheet.rows.forEach((row, r) => {
    const cells: string[] = []
    row.forEach((raw, c) => {
      const cell = raw !== null && typeof raw === 'object' ? raw : { value: raw }
      const style = cell.style ? ` s="${STYLE_INDEX[cell.style]}"` : ''
      const ref = cellAddress(r, c)
      maxCol = Math.max(maxCol, c)
      if (typeof cell.value === 'number' && Number.isFinite(cell.value)) cells.push(`<c r="${ref}"${style}><v>${cell.value}</v></c>`)
      else if (typeof cell.value === 'string' && cell.value !== '') cells.push(`<c r="${ref}"${style} t="s"><v>${sst(cell.value)}</v></c>`)
      else if (style) cells.push(`<c r="${ref}"${style}/>`)
    })
    const ht = sheet.rowHeights?.[r]
    if (cells.length) rows.push(`<row r="${r + 1}"${ht ? ` ht="${ht}" customHeight="1"` : ''}>${cells.join('')}</row>`)
  })
  const dim = `A1:${cellAddress(Math.max(0, sheet.rows.length - 1), maxCol)}`
  const freeze = sheet.freezeRows
    ? `<sheetView workbookViewId="0"><pane ySplit="${sheet.freezeRows}" topLeftCell="A${sheet.freezeRows + 1}" activePane="bottomLeft" state="frozen"/></sheetView>`
    : `<sheetView workbookViewId="0"/>`
  const cols = sheet.colWidths?.length
    ? `<cols>${sheet.colWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : ''
  const merges = sheet.merges?.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${rangeName(m)}"/>`).join('')}</mergeCells>` : ''
  const validations = sheet.numbers?.length
    ? `<dataValidations count="${sheet.numbers.length}">` +
      sheet.numbers
        .map(
          (v) =>
            `<dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorStyle="stop" ` +
            `errorTitle="${esc(v.title)}" error="${esc(v.message)}" promptTitle="${esc(v.title)}" prompt="${esc(v.message)}" sqref="${rangeName(v.range)}"><formula1>${v.min ?? 0}</formula1></dataValidation>`
        )
        .join('') +
      `</dataValidations>`
    : ''
  const protection = sheet.protect ? `<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>` : ''
  // Element order is the schema's (CT_Worksheet): Excel refuses a sheet whose parts come out of order.
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="${dim}"/><sheetViews>${freeze}</sheetViews><sheetFormatPr defaultRowHeight="18"/>${cols}` +
    `<sheetData>${rows.join('')}</sheetData>${protection}${merges}${validations}` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/></worksheet>`
  )
}

// 0 default, 1 title, 2 header, 3 input (a pale yellow cell with a border), 4 label (bordered text), 5 note (wrapped).
const STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<fonts count="3"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="14"/><name val="黑体"/><charset val="134"/></font></fonts>` +
  `<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FFFFF7D6"/><bgColor indexed="64"/></patternFill></fill></fills>` +
  `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
  `<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
  `<xf numFmtId="0" fontId="0" fillId="3" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyProtection="1"><protection locked="0"/></xf>` +
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` +
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`


