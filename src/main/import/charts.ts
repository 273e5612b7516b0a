import type { ImportIssue } from '@shared/contract/import'
import { readXlsx, XlsxFailure, XLSX_LIMITS } from '../xlsx'
import { parseChartPart, type WordChart } from './docx/charts'
import { fail, ImportFailure } from './errors'
import { mb, type ImportLimits } from './limits'
import { chartContent, chartexName, fillFromWorkbook, needsWorkbook, unsupportedKind, type ChartReading } from './recognise/charts'
import { findAll, parseXml } from './xml'
import type { DocxZip } from './zip'

/**
 * Every Word chart of the document, read under the import's limits: the
 * chart part (bounded, no DOCTYPE), and where its cache is missing or
 * partial, its embedded workbook, read by the hardened .xlsx reader (sizes
 * checked before inflating, no macros, no external links). A hostile part
 * refuses the import as a hostile document part would; a damaged one only
 * loses that chart's data, with a warning.
 */
export interface ChartPart {
  reading: ChartReading
}

/** Workbook failures that mean the file was built to do harm: the import is refused, as for the document itself. */
const HOSTILE = new Set(['zip-bomb', 'unsafe-name', 'unsafe-xml', 'external-link', 'macro'])

export function readCharts(
  zip: DocxZip,
  parts: { part: string; ex: boolean; hasPicture: boolean; label: string }[],
  limits: ImportLimits,
  warnings: ImportIssue[]
): Map<string, ChartPart> {
  const out = new Map<string, ChartPart>()
  if (parts.length > limits.maxImages) fail('too-large', `文档含有 ${parts.length} 幅图表，超过 ${limits.maxImages} 幅的上限，已拒绝导入。`)
  const names = [...new Set(parts.map((p) => p.part).filter(Boolean))]
  const bytes = zip.read(names, () => limits.maxXmlBytes)
  for (const p of parts) {
    if (out.has(p.part) || !p.part) continue
    const b = bytes.get(p.part)
    const name = p.label
    if (!b) {
      warnings.push({ code: 'CHART_MISSING', place: name, message: `${name}的图表部件在文档中缺失，这幅图的数据无法导入。` })
      continue
    }
    try {
      if (p.ex) {
        // The newer kinds (waterfall, treemap…) are named from their series' layout; the report draws none of them.
        const root = parseXml(b, p.part, { maxDepth: limits.maxXmlDepth, maxElements: limits.maxXmlElements, textIn: new Set() })
        const layout = findAll(root, 'cx:series').map((s) => s.attrs.layoutId).find(Boolean)
        out.set(p.part, { reading: { ok: false, kind: chartexName(layout) } })
        continue
      }
      const chart = parseChartPart(b, p.part, zip, limits)
      completeFromWorkbook(chart, name, zip, limits, warnings)
      const kind = unsupportedKind(chart, p.hasPicture)
      out.set(p.part, { reading: kind ? { ok: false, kind } : { ok: true, content: chartContent(chart) } })
    } catch (e) {
      // A damaged chart costs its own data only; a hostile one (DOCTYPE, nesting, sizes) refuses the file.
      if (e instanceof ImportFailure && e.kind === 'damaged') {
        warnings.push({ code: 'CHART_DAMAGED', place: name, message: `${name}的图表部件已损坏，无法读取它的数据。` })
        continue
      }
      if (e instanceof ImportFailure && !e.message.startsWith(name)) throw new ImportFailure(e.kind, `${name}：${e.message}`)
      throw e
    }
  }
  return out
}

/** `name` says which figure it is ("图 2-1“…”"), for the messages. */
function completeFromWorkbook(chart: WordChart, name: string, zip: DocxZip, limits: ImportLimits, warnings: ImportIssue[]): void {
  if (!needsWorkbook(chart)) return
  const wb = chart.workbook
  if (!wb) {
    warnings.push({ code: 'CHART_CACHE_PARTIAL', place: name, message: `${name}保存的数据不完整，也没有内嵌的 Excel 数据表，缺少的数值导入后是空的，请在图表的数据表中补上。` })
    return
  }
  if ('external' in wb) {
    warnings.push({
      code: 'CHART_EXTERNAL_DATA',
      place: name,
      message: `${name}的数据链接到文档以外的工作簿（${wb.external.slice(0, 60)}），出于安全考虑没有读取；只导入了图表中保存的数据，缺少的数值导入后是空的。`
    })
    return
  }
  const entry = zip.entries.get(wb.part)
  if (!entry) {
    warnings.push({ code: 'CHART_CACHE_PARTIAL', place: name, message: `${name}保存的数据不完整，它内嵌的 Excel 数据表在文档中缺失，缺少的数值导入后是空的。` })
    return
  }
  if (!/\.xls[xm]$/i.test(wb.part)) {
    warnings.push({ code: 'CHART_CACHE_PARTIAL', place: name, message: `${name}保存的数据不完整，它内嵌的数据表不是 Excel 工作簿（.xlsx），没有读取。` })
    return
  }
  const cap = Math.min(XLSX_LIMITS.maxFileBytes, limits.maxImageBytes)
  if (entry.size > cap) fail('too-large', `${name}内嵌的 Excel 数据表解压后有 ${mb(entry.size)}，超过 ${mb(cap)} 的上限，已拒绝导入。`)
  const bytes = zip.read([wb.part], () => cap).get(wb.part)
  if (!bytes) return
  try {
    const book = readXlsx(bytes, { maxXmlDepth: Math.min(XLSX_LIMITS.maxXmlDepth, limits.maxXmlDepth) })
    fillFromWorkbook(chart, book)
  } catch (e) {
    if (!(e instanceof XlsxFailure)) throw e
    if (HOSTILE.has(e.kind)) fail(e.kind === 'zip-bomb' ? 'zip-bomb' : 'unsafe-xml', `${name}内嵌的 Excel 数据表不安全：${e.message.replace(/。$/, '')}。可能是恶意构造的文件，已拒绝导入。`)
    warnings.push({ code: 'CHART_WORKBOOK_UNREADABLE', place: name, message: `${name}内嵌的 Excel 数据表无法读取（${e.message.replace(/。$/, '')}），只导入了图表中保存的数据。` })
  }
}
