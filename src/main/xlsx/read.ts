import { fail } from './errors'
import { parseRange, parseCellName, type CellRange } from './cellRef'
import { xlsxLimits, type XlsxLimits } from './limits'
import { parseParts } from './sax'
import { XlsxPackage } from './zip'

/**
 * Reading an .xlsx from outside: worksheets with their cells as values
 * (shared strings, inline strings, numbers, booleans, and for formulas the
 * value Excel cached when it last calculated — no formula is ever
 * evaluated), merged ranges, and hidden sheets. Refused: macros (.xlsm,
 * vbaProject), external links, DOCTYPE, zip bombs, more rows, columns or
 * cells than the limits.
 */
export type CellValue = string | number | boolean | null

export interface XlsxCell {
  value: CellValue
  /** The cell holds a formula; value is Excel's cached result (null when the file has none). */
  formula?: true
  /** An error value such as "#DIV/0!". */
  error?: string
}

export interface XlsxSheet {
  name: string
  hidden: boolean
  /** rows[r][c], 0-based; rows and cells without content are undefined. */
  rows: (XlsxCell | undefined)[][]
  merges: CellRange[]
}

export interface XlsxWorkbook {
  sheets: XlsxSheet[]
  /** When the workbook was last saved, as its own properties say (docProps/core.xml, ISO), if they do. */
  modified?: string
}

const MACRO_TYPES = /macroEnabled|vbaProject/i

export function readXlsx(bytes: Uint8Array, patch?: Partial<XlsxLimits>): XlsxWorkbook {
  const limits = xlsxLimits(patch)
  const pkg = new XlsxPackage(bytes, limits)

  pkg.prefetch(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'])
  const types = pkg.part('[Content_Types].xml')
  if (!types) fail('not-xlsx', '这不是 Excel 工作簿（.xlsx）：缺少内容类型说明部件。')
  parseParts(types, '[Content_Types].xml', limits.maxXmlDepth, {
    open: (name, a) => {
      if ((name === 'Override' || name === 'Default') && MACRO_TYPES.test(a.ContentType ?? '')) {
        fail('macro', '工作簿含有宏（VBA 代码，.xlsm），为安全起见已拒绝。请在 Excel 或 WPS 中“另存为”不含宏的 Excel 工作簿（.xlsx）后再提交。')
      }
    }
  })

  const workbookPath = officeDocument(pkg, limits)
  const dir = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1)
  const rels = relationships(pkg, relsPathOf(workbookPath), dir, limits)

  const declared: { name: string; hidden: boolean; target: string }[] = []
  const wb = pkg.part(workbookPath)
  if (!wb) fail('not-xlsx', '这不是 Excel 工作簿（.xlsx）：缺少工作簿部件。')
  parseParts(wb, workbookPath, limits.maxXmlDepth, {
    open: (name, a) => {
      if (name === 'externalReference') fail('external-link', '工作簿含有指向其他文件的外部链接，数值可能来自本文件以外，已拒绝。请在 Excel 中“编辑链接 → 断开链接”后再提交。')
      if (name !== 'sheet') return
      if (declared.length >= limits.maxSheets) fail('too-many-cells', `工作簿的工作表超过 ${limits.maxSheets} 个，已拒绝。`)
      const rel = rels.get(a.id ?? '')
      // Chart sheets and dialog sheets have other relationship types: only worksheets hold cells.
      if (!rel || !/\/worksheet$/.test(rel.type)) return
      declared.push({ name: (a.name ?? '').slice(0, 100), hidden: a.state === 'hidden' || a.state === 'veryHidden', target: rel.target })
    }
  })
  for (const r of rels.values()) {
    if (r.external && /externalLink/i.test(r.type)) fail('external-link', '工作簿含有指向其他文件的外部链接，数值可能来自本文件以外，已拒绝。请在 Excel 中“编辑链接 → 断开链接”后再提交。')
  }

  const sharedTarget = [...rels.values()].find((r) => /\/sharedStrings$/.test(r.type) && !r.external)?.target
  pkg.prefetch([...(sharedTarget ? [sharedTarget] : []), ...declared.map((d) => d.target), 'docProps/core.xml'])
  const strings = sharedTarget ? sharedStrings(pkg, sharedTarget, limits) : []

  const counter = { cells: 0 }
  const sheets = declared.map((d) => readSheet(pkg, d.target, d.name, d.hidden, strings, limits, counter))
  const modified = savedAt(pkg, limits)
  return modified ? { sheets, modified } : { sheets }
}

/** dcterms:modified of the core properties (Excel and WPS write it on every save). */
function savedAt(pkg: XlsxPackage, limits: XlsxLimits): string | null {
  const bytes = pkg.has('docProps/core.xml') ? pkg.part('docProps/core.xml') : null
  if (!bytes) return null
  let inModified = false
  let text = ''
  parseParts(bytes, 'docProps/core.xml', limits.maxXmlDepth, {
    open: (name) => {
      if (name === 'modified') inModified = true
    },
    close: (name) => {
      if (name === 'modified') inModified = false
    },
    text: (t) => {
      if (inModified && text.length < 40) text += t
    }
  })
  const t = Date.parse(text.trim())
  return Number.isFinite(t) ? new Date(t).toISOString() : null
}

interface Rel {
  type: string
  target: string
  external: boolean
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/')
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`
}

/** Resolve a relationship target against the folder of its source part; targets leaving the package are dropped. */
function resolveTarget(dir: string, target: string): string | null {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/')
  const out: string[] = []
  for (const p of parts) {
    if (p === '..') {
      if (!out.length) return null
      out.pop()
    } else if (p && p !== '.') out.push(p)
  }
  return out.join('/')
}

function relationships(pkg: XlsxPackage, path: string, dir: string, limits: XlsxLimits): Map<string, Rel> {
  const out = new Map<string, Rel>()
  const bytes = pkg.part(path)
  if (!bytes) return out
  parseParts(bytes, path, limits.maxXmlDepth, {
    open: (name, a) => {
      if (name !== 'Relationship' || !a.Id) return
      const external = a.TargetMode === 'External'
      const target = external ? (a.Target ?? '') : resolveTarget(dir, a.Target ?? '')
      if (target === null) return
      out.set(a.Id, { type: a.Type ?? '', target, external })
    }
  })
  return out
}

function officeDocument(pkg: XlsxPackage, limits: XlsxLimits): string {
  const rels = relationships(pkg, '_rels/.rels', '', limits)
  const main = [...rels.values()].find((r) => /\/officeDocument$/.test(r.type) && !r.external)
  if (main && pkg.has(main.target)) return main.target
  if (pkg.has('xl/workbook.xml')) return 'xl/workbook.xml'
  if (pkg.has('word/document.xml')) fail('not-xlsx', '这是 Word 文档，不是 Excel 工作簿（.xlsx）。')
  fail('not-xlsx', '这不是 Excel 工作簿（.xlsx）：找不到工作簿部件。')
}

function sharedStrings(pkg: XlsxPackage, path: string, limits: XlsxLimits): string[] {
  const bytes = pkg.part(path)
  if (!bytes) return []
  const out: string[] = []
  let cur: string | null = null
  let inT = false
  let phonetic = 0
  parseParts(bytes, path, limits.maxXmlDepth, {
    open: (name) => {
      if (name === 'si') {
        if (out.length >= limits.maxStrings) fail('too-many-cells', `工作簿的文字条目超过 ${limits.maxStrings} 条，已拒绝。`)
        cur = ''
      } else if (name === 'rPh') phonetic++
      else if (name === 't' && phonetic === 0) inT = true
    },
    close: (name) => {
      if (name === 'si') {
        out.push(cur ?? '')
        cur = null
      } else if (name === 'rPh') phonetic--
      else if (name === 't') inT = false
    },
    text: (t) => {
      if (inT && cur !== null && cur.length < limits.maxCellChars) cur += t
    }
  })
  return out
}

function readSheet(pkg: XlsxPackage, path: string, name: string, hidden: boolean, strings: string[], limits: XlsxLimits, counter: { cells: number }): XlsxSheet {
  const bytes = pkg.part(path)
  const sheet: XlsxSheet = { name, hidden, rows: [], merges: [] }
  if (!bytes) return sheet
  const tooManyRows = (): never => fail('too-many-rows', `工作表“${name}”超过 ${limits.maxRows} 行，不像是一份填报表，已拒绝。`)
  let rowIndex = -1
  let colIndex = -1
  let type = ''
  let text = ''
  let inValue = false
  let inInline = false
  let phonetic = 0
  let hasFormula = false
  let inCell = false
  parseParts(bytes, `${name}（${path}）`, limits.maxXmlDepth, {
    open: (el, a) => {
      switch (el) {
        case 'dimension': {
          // A declared size past the limits is refused before a single row is read.
          const r = a.ref ? parseRange(a.ref) : null
          if (r && r.bottom >= limits.maxRows) tooManyRows()
          break
        }
        case 'row': {
          const r = a.r ? Number(a.r) - 1 : rowIndex + 1
          if (!Number.isInteger(r) || r < 0) fail('damaged', `工作表“${name}”的行号无效，文件可能已损坏。`)
          if (r >= limits.maxRows) tooManyRows()
          rowIndex = r
          colIndex = -1
          break
        }
        case 'c': {
          const ref = a.r ? parseCellName(a.r) : null
          if (a.r && !ref) fail('damaged', `工作表“${name}”中有无效的单元格地址“${a.r.slice(0, 20)}”，文件可能已损坏。`)
          if (ref) {
            if (ref.row >= limits.maxRows) tooManyRows()
            rowIndex = Math.max(rowIndex, ref.row)
            colIndex = ref.col
          } else colIndex++
          if (colIndex >= limits.maxCols) fail('too-many-cells', `工作表“${name}”超过 ${limits.maxCols} 列，不像是一份填报表，已拒绝。`)
          type = a.t ?? 'n'
          text = ''
          hasFormula = false
          inCell = true
          break
        }
        case 'v':
          inValue = inCell
          break
        case 'f':
          hasFormula = inCell
          break
        case 'is':
          inInline = inCell
          break
        case 'rPh':
          phonetic++
          break
        case 't':
          if (inInline && phonetic === 0) inValue = true
          break
        case 'mergeCell': {
          const r = a.ref ? parseRange(a.ref) : null
          if (sheet.merges.length >= limits.maxMerges) fail('too-many-cells', `工作表“${name}”的合并单元格超过 ${limits.maxMerges} 处，不像是一份填报表，已拒绝。`)
          if (r && r.bottom < limits.maxRows && r.right < limits.maxCols) sheet.merges.push(r)
          break
        }
      }
    },
    close: (el) => {
      if (el === 'v' || el === 't') inValue = false
      else if (el === 'is') inInline = false
      else if (el === 'rPh') phonetic--
      else if (el === 'c') {
        inCell = false
        const cell = toCell(type, text, hasFormula, strings)
        if (cell) {
          if (++counter.cells > limits.maxCells) fail('too-many-cells', `工作簿的单元格超过 ${limits.maxCells} 个，不像是一份填报表，已拒绝。`)
          const row = (sheet.rows[rowIndex] ??= [])
          row[colIndex] = cell
        }
      }
    },
    text: (t) => {
      if (inValue && text.length < limits.maxCellChars) text += t
    }
  })
  return sheet
}

function toCell(type: string, text: string, formula: boolean, strings: string[]): XlsxCell | null {
  const f = formula ? { formula: true as const } : {}
  switch (type) {
    case 's': {
      const i = Number(text)
      if (text === '' || !Number.isInteger(i) || i < 0 || i >= strings.length) return formula ? { value: null, ...f } : null
      return { value: strings[i], ...f }
    }
    case 'inlineStr':
    case 'str':
      return text === '' && !formula ? null : { value: text, ...f }
    case 'b':
      return { value: text === '1' || text === 'true', ...f }
    case 'e':
      return { value: null, error: text || '#VALUE!', ...f }
    default: {
      if (text.trim() === '') return formula ? { value: null, ...f } : null
      const n = Number(text)
      return Number.isFinite(n) ? { value: n, ...f } : { value: text, ...f }
    }
  }
}

/** The cell at (row, col) of a sheet, with merged ranges read as their top-left cell. */
export function cellAt(sheet: XlsxSheet, row: number, col: number): XlsxCell | undefined {
  return sheet.rows[row]?.[col]
}

/** The merged range that covers (row, col), if any. */
export function mergeAt(sheet: XlsxSheet, row: number, col: number): CellRange | undefined {
  return sheet.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right)
}
