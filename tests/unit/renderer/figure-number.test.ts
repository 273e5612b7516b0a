import { reportSchema } from '@shared/editor/schema'
import { newFigureNumber } from '../../../src/renderer/src/charts/figureNumber'

/** The number a new chart's preview caption shows: the one the figure takes where it is inserted. */
const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const figure = (id: string) => ({ type: 'figure', attrs: { id } })
const doc = reportSchema().nodeFromJSON({
  type: 'doc',
  content: [
    p('一'),
    figure('f1'),
    { type: 'caseStudy', attrs: { id: 'c1' }, content: [{ type: 'caseTitle', content: [{ type: 'text', text: '案例' }] }, p('案例正文'), figure('f2')] },
    p('二'),
    p('三')
  ]
})
/** The position just after the n-th top-level block. */
const after = (n: number) => {
  let pos = 0
  for (let i = 0; i < n; i++) pos += doc.child(i).nodeSize
  return pos
}

describe('the number of a figure about to be inserted', () => {
  it('is one more than the figures before it in the chapter, counting those inside cases', () => {
    expect(newFigureNumber(doc, 0, '2')).toBe('2-1')
    expect(newFigureNumber(doc, after(1), '2')).toBe('2-1')
    expect(newFigureNumber(doc, after(2), '2')).toBe('2-2')
    expect(newFigureNumber(doc, after(3), '2')).toBe('2-3')
    expect(newFigureNumber(doc, after(5), '3')).toBe('3-3')
  })

  it('has none in an annex', () => {
    expect(newFigureNumber(doc, after(5), null)).toBeNull()
  })
})
