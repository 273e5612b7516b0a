import { formatNumber, formatToString, parseFormat, parseTypedNumber, roundTo } from '../../../src/shared/model/format'
import { directBinding, fillYears, indicatorRefs, mapIndicatorRefs, normalizeFormulaInput, renameIndicatorRefs, scanFormula } from '../../../src/shared/model/formula'
import { describeField, fieldFormula, formulaForPeople, formulaForStoring, presetOf } from '../../../src/shared/model/fields'
import { indicatorLabel, indicatorRefLabel } from '../../../src/shared/model/indicator'
import { cellPlace, overwriteQuestion, overwrittenFormulas } from '../../../src/shared/model/cellPlace'
import { compactCrossRefs, crossRefText } from '../../../src/shared/model/crossref'
import type { ReportNumbering } from '../../../src/shared/model/numbering'

/** The pieces of live data shared by the editor, main and Word: number formats, the formula tokens, fields and cross-references. */
describe('number formats', () => {
  it('read as in the published report', () => {
    expect(formatNumber(18.49, { kind: 'general' })).toBe('18.49')
    expect(formatNumber(0.1 + 0.2, { kind: 'general' })).toBe('0.3')
    expect(formatNumber(7.398, { kind: 'fixed', decimals: 2 })).toBe('7.40')
    expect(formatNumber(95.56, { kind: 'percent', decimals: 2 })).toBe('95.56%')
    expect(formatNumber(4.650000000000006, { kind: 'change', decimals: 2 })).toBe('+4.65')
    expect(formatNumber(-0.01, { kind: 'change', decimals: 2 })).toBe('-0.01')
    expect(formatNumber(-0.001, { kind: 'change', decimals: 2 })).toBe('0.00')
    expect(formatNumber(0.69, { kind: 'arrow', decimals: 2 })).toBe('↑ 0.69')
    expect(formatNumber(-0.1, { kind: 'arrow', decimals: 2 })).toBe('↓ 0.10')
    expect(formatNumber(18.2838, { kind: 'ratio', decimals: 2 })).toBe('18.28:1')
    expect(formatNumber(2199, { kind: 'trend', decimals: 0 })).toBe('增加 2199')
    expect(formatNumber(-54, { kind: 'trend', decimals: 0 })).toBe('减少 54')
    expect(formatNumber(0.004, { kind: 'trend', decimals: 2, up: '上升', down: '下降' })).toBe('持平')
  })

  it('round half away from zero on the decimal value (Excel), not on the binary float', () => {
    expect(roundTo(1.005, 2)).toBe(1.01)
    expect(roundTo(-2.675, 2)).toBe(-2.68)
    expect(formatNumber(79.235, { kind: 'fixed', decimals: 2 })).toBe('79.24')
  })

  it('survive the compact form stored in a field, and refuse nothing (an unknown format reads as general)', () => {
    for (const f of ['general', 'fixed:2', 'percent:1', 'change:0', 'arrow:2', 'ratio:2', 'trend:0', 'trend:2:上升:下降'])
      expect(formatToString(parseFormat(f))).toBe(f)
    expect(parseFormat('nonsense:9')).toEqual({ kind: 'general' })
    expect(parseFormat(null)).toEqual({ kind: 'general' })
  })

  it('parse numbers as typed on a Chinese keyboard, and nothing else', () => {
    expect(parseTypedNumber('1,649')).toBe(1649)
    expect(parseTypedNumber('１６４９')).toBe(1649)
    expect(parseTypedNumber('－0.５')).toBe(-0.5)
    expect(parseTypedNumber('12%')).toBeNull()
    expect(parseTypedNumber('一千')).toBeNull()
    expect(parseTypedNumber('1,64')).toBeNull()
  })
})

describe('the report’s formula tokens', () => {
  it('find 指标("…", year) and 本年/上年 outside strings and sheet names', () => {
    const s = scanFormula('=ROUND(指标("专任教师",上年)/指标("teachers.total")*100,2)&"本年"&\'本年表\'!A1&上年')
    expect(s.error).toBeNull()
    expect(s.segments.filter((x) => x.kind !== 'text').map((x) => [x.kind, x.kind === 'indicator' ? x.ref : '', x.year])).toEqual([
      ['indicator', '专任教师', { rel: 1 }],
      ['indicator', 'teachers.total', { rel: 0 }],
      ['year', '', { rel: 1 }]
    ])
    expect(scanFormula('=指标("x", 2020)+指标(“y”，本年-3)').segments.filter((x) => x.kind === 'indicator').map((x) => x.kind === 'indicator' && x.year)).toEqual([{ abs: 2020 }, { rel: 3 }])
  })

  it('explain a malformed reference in Chinese', () => {
    expect(scanFormula('=指标(专任教师)').error).toMatch(/写法不对/)
    expect(scanFormula('=指标("x", 明年)').error).toMatch(/写法不对/)
  })

  it('know a cell that shows one indicator, list references and rename them', () => {
    expect(directBinding('=指标("专任教师",本年)')).toEqual({ ref: '专任教师', year: { rel: 0 } })
    expect(directBinding('=指标("专任教师",本年)+1')).toBeNull()
    expect(indicatorRefs('=指标("a")-指标("b",上年)')).toEqual(['a', 'b'])
    expect(renameIndicatorRefs('=指标("专任教师",上年)+"专任教师"', '专任教师', '专任教师数')).toBe('=指标("专任教师数",上年)+"专任教师"')
  })

  it('accept full-width punctuation outside text, and fill years into captions', () => {
    expect(normalizeFormulaInput('＝ROUND（B4／B2＊100，2）')).toBe('=ROUND(B4/B2*100,2)')
    expect(normalizeFormulaInput('="（人）"&A1')).toBe('="（人）"&A1')
    expect(normalizeFormulaInput('（人）')).toBe('（人）')
    expect(fillYears('{上年} 和 {本年} 年对比（{前年}）', 2021)).toBe('2020 和 2021 年对比（2019）')
  })
})

describe('quoted figures', () => {
  it('write the usual kinds as formulas and recognise them again', () => {
    const presets = [
      { kind: 'value', indicator: 'teachers.fulltime', year: { rel: 1 } },
      { kind: 'change', indicator: 'students.total', decimals: 0 },
      { kind: 'growth', indicator: 'students.enrolled', decimals: 2 },
      { kind: 'share', indicator: 'employment.employed', of: 'students.graduates', decimals: 2, year: { rel: 0 } },
      { kind: 'cell', tableId: 'tbl_abc', cell: 'C6' }
    ] as const
    for (const p of presets) expect(presetOf(fieldFormula(p))).toEqual(p)
    expect(fieldFormula(presets[2])).toBe('=ROUND((指标("students.enrolled",本年)-指标("students.enrolled",上年))/指标("students.enrolled",上年)*100,2)')
    expect(presetOf('=1+2')).toBeNull()
  })

  it('read with indicator names and units, never keys; a formula typed with names is kept with keys', () => {
    const inds: Record<string, { id: string; name: string; unit: string }> = {}
    for (const i of [
      { id: 'students.enrolled', name: '招生数', unit: '人' },
      { id: 'students.total', name: '在校生数', unit: '人' },
      { id: 'imported.1', name: '生师比', unit: '' }
    ])
      inds[i.id] = inds[i.name] = i
    const find = (r: string) => inds[r]
    expect(indicatorLabel(inds['students.total'])).toBe('在校生数（人）')
    expect(indicatorRefLabel('imported.1', find)).toBe('生师比')
    expect(indicatorRefLabel('students.gone', find)).toBe('已删除的指标')
    expect(indicatorRefLabel('专任教师', find)).toBe('专任教师')
    const tables = (id: string) => (id === 'tbl_abc' ? '表 1-2' : '表格')
    const described = [
      describeField(fieldFormula({ kind: 'value', indicator: 'students.enrolled' }), find),
      describeField(fieldFormula({ kind: 'growth', indicator: 'students.enrolled', decimals: 2 }), find),
      describeField(fieldFormula({ kind: 'share', indicator: 'students.enrolled', of: 'students.total', decimals: 2 }), find),
      describeField(fieldFormula({ kind: 'cell', tableId: 'tbl_abc', cell: 'C6' }), find, tables),
      describeField('=指标("imported.1",本年)*2', find)
    ]
    expect(described).toEqual(['招生数（人），本年', '招生数（人）：本年比上年的增幅', '招生数（人）占在校生数（人）的比例，本年', '表 1-2 C6 单元格', '公式 =指标("生师比",本年)*2'])
    for (const d of described) expect(d).not.toMatch(/[a-z]+\.[a-z0-9]+/)
    const typed = formulaForPeople('=指标("students.enrolled",本年)/指标("students.total",本年)*100', find)
    expect(typed).toBe('=指标("招生数",本年)/指标("在校生数",本年)*100')
    expect(formulaForStoring(typed, (r) => find(r)?.id)).toBe('=指标("students.enrolled",本年)/指标("students.total",本年)*100')
    expect(mapIndicatorRefs('="指标"&A1', () => 'x')).toBe('="指标"&A1')
  })
})

describe('cross-references', () => {
  const numbering: ReportNumbering = {
    chapters: [],
    headings: [],
    cases: [{ id: 'case_a', chapterId: 'c2', number: 5, title: '案例', school: '' }],
    tables: [
      { id: 'tbl_a', chapterId: 'c1', number: '1-2' },
      { id: 'tbl_x', chapterId: 'c9', number: null }
    ],
    figures: [
      { id: 'fig_a', chapterId: 'c2', number: '2-2' },
      { id: 'fig_b', chapterId: 'c2', number: '2-3' }
    ]
  }
  it('show the target’s current number, and mark a deleted target', () => {
    expect(crossRefText('table', 'tbl_a', numbering)).toEqual({ text: '表 1-2', missing: false })
    expect(crossRefText('table', 'tbl_x', numbering)).toEqual({ text: '附表', missing: false })
    expect(crossRefText('case', 'case_a', numbering)).toEqual({ text: '案例 5', missing: false })
    expect(crossRefText('figure', 'fig_gone', numbering)).toEqual({ text: '图（已删除）', missing: true })
  })
  it('drop the word in a run: 见图 2-2、2-3', () => {
    const inline = [
      { type: 'text', text: '（见' },
      { type: 'crossRef', attrs: { target: 'figure', id: 'fig_a' } },
      { type: 'text', text: '、' },
      { type: 'crossRef', attrs: { target: 'figure', id: 'fig_b' } },
      { type: 'text', text: '和' },
      { type: 'crossRef', attrs: { target: 'table', id: 'tbl_a' } }
    ]
    const compact = compactCrossRefs(inline)
    expect(compact).toEqual([false, false, false, true, false, false])
    expect(crossRefText('figure', 'fig_b', numbering, compact[3]).text).toBe('2-3')
  })
})

describe('cells as people name them, and formulas a change would lose', () => {
  const resolved = [
    [{ text: '基本检测指标' }, { text: '2020 年' }, { text: '2021 年' }, { text: '变化情况' }],
    [{ text: '专任教师（人）' }, { text: '1622', value: 1622 }, { text: '1649', value: 1649, binding: { indicator: 'teachers.fulltime', year: 2021 } }, { text: '+27', value: 27, formula: true }],
    [{ text: '生师比' }, { text: '17.74' }, { text: '18.28' }, { text: '+0.54', formula: true }]
  ].map((r) => r.map((c) => ({ align: 'left' as const, ...c })))
  const spec = {
    headerRows: 1,
    rows: [
      [{ input: '基本检测指标' }, { input: '2020 年' }, { input: '2021 年' }, { input: '变化情况' }],
      [{ input: '专任教师（人）' }, { input: '1622' }, { input: '=指标("专任教师",本年)' }, { input: '=C2-B2' }],
      [{ input: '生师比' }, { input: '17.74' }, { input: '18.28' }, { input: '=ROUND(C3-B3,2)' }]
    ]
  }

  it('name a cell by its row and its column, not by an address the table does not show', () => {
    expect(cellPlace(resolved, 1, 1, 3)).toBe('“专任教师（人）”的“变化情况”')
    expect(cellPlace(resolved, 1, 0, 2)).toBe('表头“2021 年”')
    expect(cellPlace(resolved, 1, 2, 0)).toBe('“生师比”')
  })

  it('a number, a paste or a clearing over a formula loses it; a new formula, an indicator’s cell or a plain cell does not', () => {
    expect(overwrittenFormulas(spec, resolved, [{ row: 1, col: 3, input: '30' }])).toEqual([{ row: 1, col: 3, place: '“专任教师（人）”的“变化情况”', formula: '=C2-B2', shown: '+27' }])
    expect(overwrittenFormulas(spec, resolved, [{ row: 1, col: 3, input: '=C2-B2+1' }])).toEqual([])
    expect(overwrittenFormulas(spec, resolved, [{ row: 1, col: 2, input: '1700' }])).toEqual([])
    expect(overwrittenFormulas(spec, resolved, [{ row: 1, col: 1, input: '1600' }])).toEqual([])
    const both = overwrittenFormulas(spec, resolved, [
      { row: 1, col: 3, input: '' },
      { row: 2, col: 3, input: '' }
    ])
    expect(both.map((c) => c.place)).toEqual(['“专任教师（人）”的“变化情况”', '“生师比”的“变化情况”'])
    expect(overwriteQuestion(both.slice(0, 1), '30')).toBe('“专任教师（人）”的“变化情况”由公式 =C2-B2 算出（现为 +27），会随数据自动更新。改为“30”会去掉公式，以后它不再随数据变化。')
    expect(overwriteQuestion(both.slice(0, 1), '')).toContain('清空它会去掉公式')
    expect(overwriteQuestion(both, null)).toBe('“专任教师（人）”的“变化情况”、“生师比”的“变化情况”由公式算出，会随数据自动更新。这样会去掉它们的公式，以后不再随数据变化。')
  })
})
