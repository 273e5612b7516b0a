import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { UserError } from '../../src/shared/errors'
import { importToFile } from '../../src/main/import/service'
import { tinyPng } from '../helpers/docx'
import { tempDir } from '../helpers/reports'
import { chartsDocx, chartXml, type WordChartDef } from '../helpers/wordCharts'
import { rawXlsx, sheetData } from '../helpers/xlsx'

/**
 * Hostile Word charts: an embedded workbook that is a zip bomb or carries
 * macros, a chart part with a DOCTYPE, a chart of 100,000 points. Each ends
 * in a clear Chinese refusal that names the figure (nothing is created) or
 * a warning (the rest of the report comes in); nothing crashes.
 */
const students: WordChartDef = {
  kind: { plot: 'bar', dir: 'col', grouping: 'clustered' },
  categories: ['招生数', '在校生数'],
  series: [
    { name: '2020年', values: [11731, 28771] },
    { name: '2021年', values: [13930, 30150] }
  ]
}

async function refused(bytes: Uint8Array, pattern: RegExp): Promise<string> {
  const dir = tempDir('nianbao-chart-hostile-')
  const out = join(dir, '新报告.nianbao')
  let error: unknown = null
  try {
    await importToFile({ bytes, fileName: 'evil.docx' }, out)
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(UserError)
  const message = (error as UserError).message
  expect(message).toMatch(pattern)
  expect(message).not.toMatch(/\bat .+:\d+|Error:|undefined|\[object/)
  expect(message).toContain('没有生成新报告')
  // Nothing half-imported: not even a temporary file.
  expect(readdirSync(dir)).toEqual([])
  return message
}

async function imported(bytes: Uint8Array) {
  const dir = tempDir('nianbao-chart-odd-')
  const out = join(dir, '新报告.nianbao')
  const r = await importToFile({ bytes, fileName: 'odd.docx' }, out)
  return r.report
}

describe('hostile Word charts', () => {
  it('an embedded workbook that is a zip bomb (read because the chart caches only part of its data) refuses the file, naming the figure', async () => {
    // 40 MB of one repeated cell inflating from some 40 KB.
    const bomb = rawXlsx({ sheets: [{ name: 'Sheet1', xml: `<sheetData>${'<row><c t="inlineStr"><is><t>0</t></is></c></row>'.repeat(800_000)}</sheetData>` }], level: 9 })
    expect(bomb.length).toBeLessThan(2_000_000)
    const message = await refused(chartsDocx([{ caption: '学生规模', def: { ...students, cache: 'partial' }, workbook: bomb }]), /图 1-1“学生规模”内嵌的 Excel 数据表不安全.*压缩炸弹/)
    expect(message).toContain('已拒绝导入')
  })

  it('an embedded workbook with macros refuses the file', async () => {
    const macro = rawXlsx({
      sheets: [{ name: 'Sheet1', xml: sheetData([['', '2020年'], ['招生数', 11731]]) }],
      extraTypes: '<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    })
    await refused(chartsDocx([{ caption: '学生规模', def: { ...students, cache: 'none' }, workbook: macro }]), /图 1-1“学生规模”内嵌的 Excel 数据表不安全.*宏/)
  })

  it('a chart part with a DOCTYPE (entities) refuses the file, naming the figure', async () => {
    const raw = chartXml(students).replace('<c:chartSpace', '<!DOCTYPE c:chartSpace [<!ENTITY x SYSTEM "file:///etc/passwd">]><c:chartSpace')
    await refused(chartsDocx([{ caption: '学生规模', raw }]), /图 1-1“学生规模”.*DOCTYPE/)
  })

  it('a chart of 100,000 points comes in cut to what a chart’s data sheet holds, with a warning; the report is created', async () => {
    const n = 100_000
    const big: WordChartDef = {
      kind: { plot: 'line', markers: false },
      categories: Array.from({ length: n }, (_, i) => `第${i + 1}天`),
      series: [{ name: '在校生数', values: Array.from({ length: n }, (_, i) => 28000 + (i % 2000)) }],
      workbook: false
    }
    const report = await imported(chartsDocx([{ caption: '每日在校生数', def: big }]))
    expect(report.counts.charts).toBe(1)
    const w = report.warnings.find((x) => x.code === 'CHART_CONVERTED')
    expect(w?.message).toBe('图 1-1“每日在校生数”：原图有 100000 个类别（数据点），超过图表数据表最多 499 个的上限，只导入了前 499 个。')
  })

  it('a workbook linked outside the document is never opened: the cached data comes in, with a warning', async () => {
    const report = await imported(chartsDocx([{ caption: '学生规模', def: { ...students, cache: 'partial' }, externalWorkbook: 'file:///C:/报表/学生.xlsx' }]))
    expect(report.counts.charts).toBe(1)
    expect(report.warnings.find((x) => x.code === 'CHART_EXTERNAL_DATA')?.message).toMatch(/图 1-1“学生规模”的数据链接到文档以外的工作簿（file:\/\/\/C:\/报表\/学生\.xlsx），出于安全考虑没有读取/)
  })

  it('a chart the report cannot draw comes in as its fallback picture, with a warning naming its kind; without a picture, in its nearest form', async () => {
    const waterfall = `<cx:chartSpace xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex"><cx:chartData><cx:data id="0"/></cx:chartData><cx:chart><cx:plotArea><cx:plotAreaRegion><cx:series layoutId="waterfall"/></cx:plotAreaRegion></cx:plotArea></cx:chart></cx:chartSpace>`
    const radar: WordChartDef = { kind: { plot: 'radar' }, categories: ['教学', '科研', '服务'], series: [{ name: '2021年', values: [90, 70, 80] }] }
    const report = await imported(
      chartsDocx([
        { caption: '经费增减', raw: waterfall, ex: true, fallback: tinyPng() },
        { caption: '办学能力', def: radar, fallback: tinyPng() },
        { caption: '办学能力（无图片）', def: radar }
      ])
    )
    expect(report.counts.figures).toBe(3)
    expect(report.counts.charts).toBe(1)
    expect(report.counts.images).toBe(2)
    const pictures = report.warnings.filter((w) => w.code === 'CHART_AS_PICTURE').map((w) => w.message)
    expect(pictures).toEqual([
      '图 1-1“经费增减”是 Word 瀑布图，年报不能把它作为可编辑的图表，已按原文中的图片导入；数据变化后请更新图片或改用年报的图表。',
      '图 1-2“办学能力”是 Word 雷达图，年报不能把它作为可编辑的图表，已按原文中的图片导入；数据变化后请更新图片或改用年报的图表。'
    ])
    expect(report.warnings.find((w) => w.code === 'CHART_CONVERTED')?.message).toBe('图 1-3“办学能力（无图片）”：Word 雷达图不能作为年报的图表，已按带数据标记的折线图导入（数据不变），请核对。')
  })
})
