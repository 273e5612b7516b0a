import type { Handlers } from '../../src/shared/api'
import { api } from '../../src/shared/api'
import { dispatch } from '../../src/main/services/dispatch'

/**
 * Sizes the contract bounds beyond the kind of each field: node and mark
 * attributes (they were any JSON of any size, stored as sent) and a chart's
 * legend names (any number of them). What the editor really sends passes.
 */
function spyHandlers() {
  const reached: string[] = []
  const table: Record<string, Record<string, () => unknown>> = {}
  for (const [group, methods] of Object.entries(api)) {
    table[group] = {}
    for (const method of Object.keys(methods)) table[group][method] = () => (reached.push(`${group}.${method}`), { ok: true })
  }
  return { handlers: table as unknown as Handlers, reached }
}

const docWith = (attrs: Record<string, unknown>, marks?: unknown[]) => ({
  type: 'doc',
  content: [{ type: 'paragraph', attrs, content: [{ type: 'text', text: '正文', ...(marks ? { marks } : {}) }] }]
})

async function refused(name: string, input: unknown): Promise<string> {
  const { handlers, reached } = spyHandlers()
  const r = await dispatch(handlers, name, input, () => {})
  expect(reached).toEqual([])
  if (r.ok) throw new Error('accepted')
  expect(r.error.code).toBe('BAD_INPUT')
  return r.error.message
}

describe('contract sizes', () => {
  it('refuses node attributes that are huge, objects, or too many', async () => {
    expect(await refused('chapter.save', { id: 'ch_1', doc: docWith({ draft: 'x'.repeat(100_000) }) })).toMatch(/^参数无效.*10000/)
    await refused('chapter.save', { id: 'ch_1', doc: docWith({ draft: { nested: ['值'] } }) })
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`a${i}`, i]))
    expect(await refused('chapter.save', { id: 'ch_1', baseVersion: 1, from: 0, to: 0, blocks: [docWith(many).content[0]] })).toMatch(/属性不能超过/)
    await refused('chapter.save', { id: 'ch_1', doc: docWith({}, [{ type: 'link', attrs: { href: `https://a.cn/${'x'.repeat(20_000)}` } }]) })
  })

  it('refuses a chart with more legend names than indicators', async () => {
    const labels = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`ind${i}`, `名称${i}`]))
    const chart = { type: 'bar', source: { kind: 'indicators', indicators: ['ind0'], years: ['current'], labels } }
    expect(await refused('data.createFigure', { chart })).toMatch(/图例名称不能超过/)
  })

  it('accepts what the editor sends: paragraphs, links, tables with column widths, fields, photos', async () => {
    const { handlers, reached } = spyHandlers()
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2, id: 'h_1' }, content: [{ type: 'text', text: '节' }] },
        {
          type: 'paragraph',
          attrs: { draft: false },
          content: [
            { type: 'text', text: '链接', marks: [{ type: 'link', attrs: { href: 'https://example.cn', target: '_blank', rel: 'noopener noreferrer nofollow', class: null } }] },
            { type: 'dataField', attrs: { ref: '=指标("专任教师",本年)', format: null } }
          ]
        },
        {
          type: 'table',
          content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: [120, null] }, content: [{ type: 'paragraph' }] }] }]
        },
        { type: 'photo', attrs: { asset: 'a'.repeat(64), width: 800, height: 600 } }
      ]
    }
    const r = await dispatch(handlers, 'chapter.save', { id: 'ch_1', doc, baseVersion: 3 }, () => {})
    expect(r.ok).toBe(true)
    const chart = { type: 'bar', source: { kind: 'indicators', indicators: ['a', 'b'], years: ['current'], labels: { a: '甲', b: '乙' } } }
    expect((await dispatch(handlers, 'data.createFigure', { chart }, () => {})).ok).toBe(true)
    expect(reached).toEqual(['chapter.save', 'data.createFigure'])
  })
})
