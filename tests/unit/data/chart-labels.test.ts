import { renderChartSvg } from '../../../src/main/charts/image'
import type { ChartData, ChartSpec } from '../../../src/shared/charts/model'

/**
 * The category labels under a bar chart never run into each other, whatever
 * the chart's width: Word's 640 px, the chart dialog's preview (~420 px), the
 * editor with a side panel open (~300 px and less). The editor draws with the
 * same option builder, given its own width; the SVG drawn here is that chart.
 */
const MAJORS = ['装备制造大类', '电子与信息大类', '交通运输大类', '财经商贸大类', '教育与体育大类', '旅游大类', '医药卫生大类', '文化艺术大类', '农林牧渔大类', '公共管理与服务大类', '轻工纺织大类', '资源环境与安全大类', '土木建筑大类']
const bar: ChartSpec = { type: 'bar', unit: '个', showLabels: true, source: { kind: 'indicators', indicators: ['majors.p66'], years: ['current'] } }
const data = (categories: string[]): ChartData => ({ categories, series: [{ name: '2021 年', values: categories.map((_, i) => 30 - i) }] })

type Point = [number, number]
interface Label {
  text: string
  /** The transform it is drawn with: the lines of one wrapped label share it. */
  transform: string
  corners: Point[]
}

/** The category labels of the drawn chart (text in #333 without the white halo of the value labels), as boxes on the page. */
function categoryLabels(svg: string): Label[] {
  const out: Label[] = []
  for (const m of svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)) {
    const attrs = m[1]
    if (!attrs.includes('fill="#333"') || attrs.includes('stroke=')) continue
    const size = Number(/font-size:(\d+(?:\.\d+)?)px/.exec(attrs)![1])
    const anchor = /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start'
    const dy = Number(/ y="(-?[\d.]+)"/.exec(attrs)?.[1] ?? 0)
    const transform = /transform="([^"]+)"/.exec(attrs)![1]
    const text = m[2]
    // Glyph box: a Chinese character as wide as the font size, others about half; a pixel's slack each side.
    const width = [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? size : size * 0.55), 0) - 2
    const x0 = anchor === 'middle' ? -width / 2 : anchor === 'end' ? -width : 0
    const local: Point[] = [
      [x0, dy - size / 2 + 1],
      [x0 + width, dy - size / 2 + 1],
      [x0 + width, dy + size / 2 - 1],
      [x0, dy + size / 2 - 1]
    ]
    const t = /translate\(([-\d.]+)[ ,]([-\d.]+)\)/.exec(transform)
    const mx = /matrix\(([^)]+)\)/.exec(transform)
    const [a, b, c, d, e, f] = mx ? mx[1].split(',').map(Number) : [1, 0, 0, 1, Number(t![1]), Number(t![2])]
    out.push({ text, transform, corners: local.map(([x, y]) => [a * x + c * y + e, b * x + d * y + f]) })
  }
  return out
}

/** Do two convex boxes overlap (separating axis test)? */
function overlap(p: Point[], q: Point[]): boolean {
  for (const poly of [p, q]) {
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i]
      const [x2, y2] = poly[(i + 1) % poly.length]
      const axis: Point = [y1 - y2, x2 - x1]
      const project = (pts: Point[]) => pts.map(([x, y]) => x * axis[0] + y * axis[1])
      const a = project(p)
      const b = project(q)
      if (Math.max(...a) <= Math.min(...b) || Math.max(...b) <= Math.min(...a)) return false
    }
  }
  return true
}

function collisions(labels: Label[]): string[] {
  const out: string[] = []
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++)
      if (labels[i].transform !== labels[j].transform && overlap(labels[i].corners, labels[j].corners)) out.push(`${labels[i].text} × ${labels[j].text}`)
  return out
}

/** Each label's text as read (wrapped lines joined). */
function labelTexts(labels: Label[]): string[] {
  const byTransform = new Map<string, string>()
  for (const l of labels) byTransform.set(l.transform, (byTransform.get(l.transform) ?? '') + l.text)
  return [...byTransform.values()]
}

describe('category labels of bar charts', () => {
  it.each([640, 420, 330, 260, 200])('never overlap for thirteen 专业大类 at %i px', (width) => {
    const labels = categoryLabels(renderChartSvg(bar, data(MAJORS), { width, height: 320 }))
    expect(labels.length).toBeGreaterThan(0)
    expect(collisions(labels)).toEqual([])
  })

  it('names every category in Word and in the chart dialog preview', () => {
    for (const width of [640, 420]) {
      const texts = labelTexts(categoryLabels(renderChartSvg(bar, data(MAJORS), { width, height: 320 })))
      expect(texts).toHaveLength(MAJORS.length)
      texts.forEach((t, i) => expect(MAJORS[i].startsWith(t.replace(/…$/, ''))).toBe(true))
    }
  })

  it('wraps two long names in a narrow editor column instead of running them together', () => {
    const names = ['生均一般公共预算教育经费', '生均一般公共预算公用经费']
    const labels = categoryLabels(renderChartSvg(bar, data(names), { width: 230, height: 300 }))
    expect(collisions(labels)).toEqual([])
    expect(labelTexts(labels)).toEqual(names)
  })

  it('keeps Word’s usual charts as they were: every name whole, level, wrapped under its bar', () => {
    const names = MAJORS.slice(0, 8)
    const labels = categoryLabels(renderChartSvg(bar, data(names), { width: 640, height: 360 }))
    expect(labelTexts(labels)).toEqual(names)
    expect(labels.every((l) => l.transform.startsWith('translate('))).toBe(true)
    expect(collisions(labels)).toEqual([])
  })
})

/** The value labels of the drawn chart (the text drawn with a white halo), as boxes on the page. */
function valueLabels(svg: string): Label[] {
  const out: Label[] = []
  for (const m of svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)) {
    const attrs = m[1]
    if (!attrs.includes('stroke=')) continue
    const size = Number(/font-size:(\d+(?:\.\d+)?)px/.exec(attrs)![1])
    const anchor = /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start'
    const baseline = /dominant-baseline="([\w-]+)"/.exec(attrs)?.[1] ?? 'alphabetic'
    const transform = /transform="([^"]+)"/.exec(attrs)![1]
    const text = m[2]
    const width = [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? size : size * 0.55), 0) - 1
    const x0 = anchor === 'middle' ? -width / 2 : anchor === 'end' ? -width : 0
    const y0 = baseline === 'central' || baseline === 'middle' ? -size / 2 : baseline === 'hanging' ? 0 : -size * 0.85
    const local: Point[] = [
      [x0, y0 + 1],
      [x0 + width, y0 + 1],
      [x0 + width, y0 + size - 1],
      [x0, y0 + size - 1]
    ]
    const t = /translate\(([-\d.]+)[ ,]([-\d.]+)\)/.exec(transform)
    const mx = /matrix\(([^)]+)\)/.exec(transform)
    const [a, b, c, d, e, f] = mx ? mx[1].split(',').map(Number) : [1, 0, 0, 1, Number(t![1]), Number(t![2])]
    out.push({ text, transform, corners: local.map(([x, y]) => [a * x + c * y + e, b * x + d * y + f]) })
  }
  return out
}

describe('value labels of bar and line charts', () => {
  // A whole table as the chart's range (表 1-4: 8 columns of figures, 2 years), as the chart dialog previews it.
  const columns = ['思想政治课人数', '思想政治课占比', '德育管理人数', '德育管理占比', '体育课人数', '体育课占比', '美育课人数', '美育课占比']
  const wide: ChartData = {
    categories: ['2020 年', '2021 年'],
    series: columns.map((name, i) => ({ name, values: [[122, 7.52, 241, 14.86, 103, 6.35, 121, 7.5][i], [140, 8.49, 274, 16.62, 103, 6.25, 122, 7.4][i]] }))
  }
  const grouped: ChartSpec = { type: 'groupedBar', showLabels: true, decimals: 2, source: { kind: 'table', tableId: 't', range: 'A1:I4', seriesIn: 'columns' } }
  // 表 1-1's five indicators over two years, one series a year.
  const years: ChartData = {
    categories: ['生均校舍建筑面积', '生均教学仪器设备值', '生均实训工位数', '生均纸质图书', '每百名学生拥有计算机'],
    series: [
      { name: '2020 年', values: [18.49, 11800, 0.85, 34.1, 35.94] },
      { name: '2021 年', values: [19.94, 12800, 0.84, 35.07, 33.9] }
    ]
  }

  it.each([640, 420, 330])('never overlap when a whole table is charted, at %i px', (width) => {
    for (const [spec, d] of [
      [grouped, wide],
      [grouped, years],
      [{ ...grouped, type: 'line' } as ChartSpec, years]
    ] as const) {
      const svg = renderChartSvg(spec, d, { width, height: 320 })
      const labels = valueLabels(svg)
      expect(labels.length, `${spec.type} ${d.series.length} series`).toBeGreaterThan(0)
      // Neither each other nor the category names under the chart (nor the legend below them).
      expect(collisions([...labels, ...categoryLabels(svg)]), `${spec.type} ${d.series.length} series at ${width}`).toEqual([])
    }
  })

  it('writes all sixteen values of a whole table upright over narrow bars in the chart dialog’s preview', () => {
    const labels = valueLabels(renderChartSvg(grouped, wide, { width: 420, height: 320 }))
    expect(labels).toHaveLength(16)
    expect(labels.every((l) => l.transform.startsWith('matrix('))).toBe(true)
  })

  it('shows every value where there is room for it (Word’s 640 px, two series of five)', () => {
    const labels = valueLabels(renderChartSvg(grouped, years, { width: 640, height: 320 }))
    expect(labels.map((l) => l.text).sort()).toEqual(['0.84', '0.85', '11800.00', '12800.00', '18.49', '19.94', '33.90', '34.10', '35.07', '35.94'].sort())
  })
})
