import { analyseParagraph } from '../../../src/shared/check/claims'
import { proposeBindings } from '../../../src/shared/check/bind'
import { indicatorValues } from '../../../src/shared/check/dataValues'
import { applyEdits, fieldNode } from '../../../src/shared/check/edit'
import type { DataValue } from '../../../src/shared/check/types'
import type { DocNode } from '../../../src/shared/model/doc'
import { formatValue, parseFormat } from '../../../src/shared/model/format'

/**
 * Numbers that quote the data become fields: what is proposed, whether it is
 * sure enough for the import to bind on its own, and that every field reads
 * exactly as the words it replaces.
 */
const inds = [
  { id: 'teachers.fulltime', name: '专任教师', unit: '人', values: { 2020: 1622, 2021: 1649 } },
  { id: 'staff.total', name: '教职工数', unit: '人', values: { 2020: 1879, 2021: 1894 } },
  { id: 'ratio', name: '生师比', unit: '', values: { 2020: 17.74, 2021: 18.28 } },
  { id: 'quality.fitness', name: '体质测评合格率', unit: '%', values: { 2020: 93.58, 2021: 97.87 } },
  { id: 'enrol', name: '招生数', unit: '人', values: { 2020: 11731, 2021: 13930 } },
  { id: 'funds', name: '财政投入', unit: '亿元', values: { 2020: 11.87, 2021: 12.86 } },
  { id: 'spend', name: '公用经费支出', unit: '元', values: { 2020: 3605.43, 2021: 3234.73 } }
]
const cell: DataValue = { name: '双师型教师/专业教师', unit: '%', year: 2021, value: 83.89, ref: "='tbl_t'!C6", source: '表 1-2' }
const values = [...indicatorValues(inds, 2021, () => '表 1-2'), cell]

function propose(text: string) {
  const a = analyseParagraph(text, { year: 2021 })
  return proposeBindings({ text, fields: [] }, a, { year: 2021, region: '清远市', values })
}
const brief = (text: string) => propose(text).map((x) => [x.text, x.kind, x.sure, x.format])

describe('numbers that quote the data', () => {
  it('a figure named exactly is sure; its difference and growth after it too, with the direction word', () => {
    expect(brief('清远市中职学校教职工总数 1894 人，比上一年增加 15 人；其中，专任教师数 1649 人，较上年增加了 27 人。')).toEqual([
      ['1894', 'value', true, 'fixed:0'],
      ['增加 15', 'change', true, 'trend:0:增加:减少'],
      ['1649', 'value', true, 'fixed:0'],
      ['增加了 27', 'change', true, 'trend:0:增加了:减少了']
    ])
    expect(brief('生师比为 18.28:1，比上一年上升了 0.54。')).toEqual([
      ['18.28:1', 'value', true, 'ratio:2'],
      ['上升了 0.54', 'change', true, 'trend:2:上升了:下降了']
    ])
    expect(brief('中职学校招生 13930 人，较上年增加 2199 人，增幅为 18.75%。')).toEqual([
      ['13930', 'value', true, 'fixed:0'],
      ['增加 2199', 'change', true, 'trend:0:增加:减少'],
      ['18.75%', 'growth', true, 'percent:2']
    ])
  })

  it('last year’s figure in brackets quotes 上年; a fall is bound so that it reads as written', () => {
    const r = propose('公用经费支出 3234.73 元，比上年（3605.43 元）减少 370.70 元，降幅为 10.28%。')
    expect(r.map((x) => [x.text, x.kind, x.ref])).toEqual([
      ['3234.73', 'value', '=指标("spend",本年)'],
      ['3605.43', 'value', '=指标("spend",上年)'],
      ['减少 370.70', 'change', '=ROUND(指标("spend",本年),2)-ROUND(指标("spend",上年),2)'],
      ['10.28%', 'growth', '=ABS(ROUND((指标("spend",本年)-指标("spend",上年))/指标("spend",上年)*100,2))']
    ])
  })

  it('a name that only shares words is proposed, never sure: a table’s ratio cell, 合格率 for 体质测评合格率', () => {
    expect(brief('“双师型”教师 880 人，双师型教师比为 83.89%，比上一年度略有增长。')).toEqual([['83.89%', 'value', false, 'percent:2']])
    expect(brief('对学生体质测评，合格率为 97.87%，对比去年提升了 4.29 个百分点。')).toEqual([
      ['97.87%', 'value', false, 'percent:2'],
      ['提升了 4.29', 'change', false, 'trend:2:提升了:下降了']
    ])
  })

  it('in 万/亿 as the indicator is kept; nothing without a name, in a named school’s sentence, approximate or with separators', () => {
    expect(brief('全市财政投入 12.86 亿元。')).toEqual([['12.86', 'value', true, 'fixed:2']])
    expect(brief('共有 1649 人参加，另有 1894 名学生。')).toEqual([])
    expect(brief('清远市职业技术学校专任教师 1649 人。')).toEqual([])
    expect(brief('专任教师约 1649 人，教职工数 1,894 人。')).toEqual([])
    expect(brief('2020 年专任教师 1649 人。')).toEqual([])
  })

  it('every proposed field reads exactly as the words it replaces', () => {
    const text = '教职工总数 1894 人，比上一年增加 15 人；专任教师数 1649 人，较上年增加了 27 人。生师比为 18.28:1，比上一年上升了 0.54。双师型教师比为 83.89%。'
    const byRef = new Map(values.map((v) => [v.ref, v.value]))
    for (const x of propose(text)) {
      const value =
        byRef.get(x.ref) ??
        (x.ref.includes('staff.total') ? 15 : x.ref.includes('teachers.fulltime') ? 27 : x.ref.includes('"ratio"') ? 0.54 : NaN)
      expect(formatValue(value, parseFormat(x.format)), x.ref).toBe(x.text)
    }
  })
})

describe('turning words into a field', () => {
  const para = (children: DocNode[]): DocNode => ({ type: 'doc', content: [{ type: 'paragraph', content: children }] })
  it('replaces exactly the words, keeping their marks, and refuses when they changed', () => {
    const doc = para([{ type: 'text', text: '专任教师 ' }, { type: 'text', text: '1649 人', marks: [{ type: 'bold' }] }, { type: 'crossRef', attrs: { target: 'table', id: 't' } }])
    const r = applyEdits(doc, [{ path: [0], from: 5, to: 9, was: '1649', insert: fieldNode('=指标("teachers.fulltime",本年)', 'fixed:0') }])
    expect(r.failed).toEqual([])
    expect(r.doc.content![0].content).toEqual([
      { type: 'text', text: '专任教师 ' },
      { type: 'dataField', attrs: { ref: '=指标("teachers.fulltime",本年)', format: 'fixed:0' }, marks: [{ type: 'bold' }] },
      { type: 'text', text: ' 人', marks: [{ type: 'bold' }] },
      { type: 'crossRef', attrs: { target: 'table', id: 't' } }
    ])
    // The input document is not changed.
    expect(doc.content![0].content![1].text).toBe('1649 人')
    expect(applyEdits(doc, [{ path: [0], from: 5, to: 9, was: '1694', insert: '1' }]).failed).toHaveLength(1)
    expect(applyEdits(doc, [{ path: [0], from: 8, to: 11, was: '9 人\uFFFC', insert: '1' }]).failed).toHaveLength(1)
    // Two edits in one paragraph: the later one first, so both land.
    const two = applyEdits(doc, [
      { path: [0], from: 0, to: 4, was: '专任教师', insert: '专任教师数' },
      { path: [0], from: 5, to: 9, was: '1649', insert: '1650' }
    ])
    expect(two.applied).toHaveLength(2)
    expect(two.doc.content![0].content!.map((n) => n.text ?? n.type).join('')).toBe('专任教师数 1650 人crossRef')
  })
})
