import { readFileSync } from 'node:fs'
import { findChartFont, renderChartPng, renderChartSvg } from '../../../src/main/charts/image'
import { faceIndex, fontSubset } from '../../../src/main/charts/fontSubset'
import { buildChartOption } from '../../../src/shared/charts/option'
import type { ChartData, ChartSpec } from '../../../src/shared/charts/model'

/** Charts for Word: the editor's ECharts option rendered on the main side to a PNG with a CJK font. */
const spec: ChartSpec = { type: 'groupedBar', unit: '人', showLabels: true, source: { kind: 'indicators', indicators: ['students.enrolled'], years: ['previous', 'current'] } }
const data: ChartData = {
  categories: ['招生数', '在校生数', '毕业生数'],
  series: [
    { name: '2020年', values: [11731, 28771, null] },
    { name: '2021年', values: [13930, 30150, 8317] }
  ]
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('chart rendering for Word', () => {
  it('uses the same option builder as the editor: labels, series and categories from the data', () => {
    const option = buildChartOption(spec, data, { print: true }) as { series: { name: string; data: (number | null)[] }[]; xAxis: { data: string[] }; animation: boolean }
    expect(option.animation).toBe(false)
    expect(option.xAxis.data).toEqual(['招生数', '在校生数', '毕业生数'])
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['2020年', [11731, 28771, null]],
      ['2021年', [13930, 30150, 8317]]
    ])
    const svg = renderChartSvg(spec, data)
    for (const text of ['招生数', '在校生数', '2021年', '30150', '单位：人']) expect(svg).toContain(text)
  })

  it('draws a PNG at print resolution with a CJK font found on the machine', () => {
    const font = findChartFont()
    expect(font, 'a CJK font (fonts-noto-cjk here)').not.toBeNull()
    const png = renderChartPng(spec, data, { width: 640, height: 360, scale: 2 })
    expect(pngSize(png)).toEqual({ width: 1280, height: 720 })
    // Text drawn as glyphs makes a busy image; an empty chart compresses to very little.
    const empty = renderChartPng({ ...spec, showLabels: false }, { categories: [], series: [] }, { width: 640, height: 360, scale: 2 })
    expect(png.length).toBeGreaterThan(empty.length * 2)
  })

  it('cuts the chart’s characters out of the font collection, keeping the family name', () => {
    const font = findChartFont()!
    const file = fontSubset(font.path, font.family, '招生数在校生数')
    expect(file).not.toBeNull()
    const bytes = readFileSync(file!)
    expect(bytes.length).toBeLessThan(200_000)
    if (font.path.endsWith('.ttc')) expect(faceIndex(readFileSync(font.path), font.family)).toBeGreaterThanOrEqual(0)
    // The subset carries its family name (UTF-16BE in the name table), so the SVG's font-family finds it.
    expect(bytes.includes(Buffer.from(font.family, 'utf16le').swap16())).toBe(true)
  })

  it('says in Chinese where no chart can be drawn', () => {
    const option = buildChartOption(spec, { categories: [], series: [], error: '图表引用的表格已被删除。' }) as { title: { text: string } }
    expect(option.title.text).toBe('图表引用的表格已被删除。')
  })
})
