import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { reportData } from '../../src/main/data'
import { exportReport } from '../../src/main/export'
import { storeExportSource } from '../../src/main/export/storeSource'
import { importToFile } from '../../src/main/import/service'
import { ReportSession } from '../../src/main/services/reportSession'
import { buildReportState } from '../../src/main/services/reportState'
import type { ImportReport } from '../../src/shared/contract/import'
import { tempDir } from '../helpers/reports'
import { qingyuanWithCharts } from '../helpers/wordCharts'

/**
 * Import → export → import with Word charts: the export draws each chart as
 * the editor does and puts a Word chart with the same data behind the
 * picture (mc:AlternateContent), so the document read back has the same
 * charts — types, titles, categories, series and values — and the same data.
 */
function charts(path: string) {
  const s = new ReportSession({ now: () => new Date() })
  try {
    const open = s.open(path)
    const data = reportData(open)
    const numbering = buildReportState(open).numbering
    const tableNumber = new Map(numbering.tables.map((t) => [t.id, t.number]))
    return {
      figures: data.resolveFigures(numbering).map((f) => {
        const { source, ...chart } = f.chart!
        // Where the data lives, without the ids (which are new in every import).
        const where = source.kind === 'table' ? `表 ${tableNumber.get(source.tableId)} ${source.range}` : source.kind
        return { number: f.number, caption: f.caption, kind: f.kind, chart, where, data: f.data }
      }),
      indicators: Object.fromEntries(data.indicators().map((i) => [i.name, i.values]))
    }
  } finally {
    s.close()
  }
}

let dir: string
let first: string
let second: string
let docx: Uint8Array
let again: ImportReport

beforeAll(async () => {
  dir = tempDir('nianbao-chart-roundtrip-')
  first = join(dir, 'first.nianbao')
  second = join(dir, 'second.nianbao')
  await importToFile({ bytes: qingyuanWithCharts(), fileName: 'report.docx' }, first)
  const s = new ReportSession({ now: () => new Date() })
  try {
    await exportReport(storeExportSource(s.open(first)), join(dir, 'exported.docx'))
  } finally {
    s.close()
  }
  docx = readFileSync(join(dir, 'exported.docx'))
  ;({ report: again } = await importToFile({ bytes: docx, fileName: 'exported.docx' }, second))
})

describe('import → export → import with Word charts', () => {
  it('the exported document shows each chart’s picture, with a Word chart holding its data behind it', () => {
    const files = unzipSync(docx)
    const doc = Buffer.from(files['word/document.xml']).toString('utf8')
    expect(doc.match(/<mc:Choice Requires="wps"><w:drawing>/g)).toHaveLength(12)
    expect(doc.match(/<mc:Fallback><w:drawing>.*?drawingml\/2006\/chart.*?<\/w:drawing><\/mc:Fallback>/g)).toHaveLength(12)
    expect(Object.keys(files).filter((k) => /^word\/charts\/chart\d+\.xml$/.test(k))).toHaveLength(12)
    expect(Object.keys(files).filter((k) => /^word\/embeddings\/.*\.xlsx$/.test(k))).toHaveLength(12)
    expect(Buffer.from(files['word/charts/chart1.xml']).toString('utf8')).toContain('<c:v>招生数</c:v>')
  })

  it('reads back the same charts and the same data', () => {
    expect(again.counts.charts).toBe(12)
    const a = charts(first)
    const b = charts(second)
    expect(b.figures).toEqual(a.figures)
    expect(b.indicators).toEqual(a.indicators)
  })
})
