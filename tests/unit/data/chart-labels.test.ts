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
