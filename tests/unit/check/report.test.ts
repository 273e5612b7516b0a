import { caseStudy, check, doc, field, h, p, ref, table } from '../../helpers/checkReport'

/**
 * The report-level rules of 体检 on small hand-made reports: sentences
 * against the data and against each other, and the structure rules on the
 * live report. Ids stay the same over edits that keep the numbers.
 */
const teachers = { id: 'teachers.fulltime', name: '专任教师', unit: '人', values: { 2020: 1622, 2021: 1649 }, tableId: 'tbl_t' }
const ratio = { id: 'ratio', name: '生师比', unit: '', values: { 2020: 17.74, 2021: 18.28 }, tableId: 'tbl_t' }

describe('sentences against the data', () => {
  it('a figure stated for an indicator is compared with its value for that year, naming the other places', () => {
    const r = check(
      [
        { id: 'c1', title: '基本情况', doc: doc(h('h1', '教师队伍'), p('2021 年，全市中职学校专任教师 1649 人，生师比为 18.28:1。'), table('tbl_t')) },
        { id: 'c2', title: '质量保障', doc: doc(h('h2', '落实教师编制'), p('2021 年清远市中职学校专任教师 1649 人，生师比 18.25:1。'), p('2020 年专任教师 1622 人。')) }
      ],
      { indicators: [teachers, ratio] }
    )
    expect(r.findings.map((f) => [f.rule, f.place.label, f.numbers, f.fix?.text])).toEqual([['data', '2 质量保障 › 2.1 落实教师编制', ['18.25', '18.28'], '18.28']])
    expect(r.findings[0].others).toEqual([
      { label: '表 1-2', text: '18.28' },
      { label: '1 基本情况 › 1.1 教师队伍', text: '18.28:1' }
    ])
  })

  it('a year named in the sentence is that year’s figure; a part of the figure is not the figure', () => {
    const r = check(
      [
        {
          id: 'c1',
          title: '基本情况',
          doc: doc(p('2020 年专任教师 1622 人。思想政治课专任教师 140 人，新增专任教师 35 人。'), p('连州市职业技术学校专任教师 120 人。'))
        }
      ],
      { indicators: [teachers] }
    )
    expect(r.findings).toEqual([])
  })

  it('checks a difference against last year’s figure from the data when the sentence does not write it', () => {
    const ok = check([{ id: 'c1', title: '基本情况', doc: doc(p('专任教师 1649 人，较上年增加了 27 人。')) }], { indicators: [teachers] })
    expect(ok.findings).toEqual([])
    const wrong = check([{ id: 'c1', title: '基本情况', doc: doc(p('专任教师 1649 人，较上年增加了 72 人。')) }], { indicators: [teachers] })
    expect(wrong.findings.map((f) => [f.rule, f.expected])).toEqual([['difference', '27']])
  })

  it('checks a sentence as it reads with its quoted figures: a typed difference against a field', () => {
    const f1 = '=指标("teachers.fulltime",本年)'
    const r = check([{ id: 'c1', title: '基本情况', doc: doc(p('专任教师 ', field(f1, 'fixed:0'), ' 人，较上年（1622 人）增加 17 人。')) }], {
      indicators: [teachers],
      fields: { [f1]: '1649' }
    })
    const f = r.findings[0]
    expect([f.rule, f.expected, f.fix?.text, f.fix?.was]).toEqual(['difference', '27', '27', '17'])
    // Offsets count the field as one place: "专任教师 " (5) + field (1) + " 人，较上年（1622 人）增加 " (17) → 23.
    expect([f.from, f.to]).toEqual([23, 25])
  })
})

describe('the same figure in two places', () => {
  it('a share proven by its parts is right; the other place gets its value', () => {
    const r = check([
      { id: 'c1', title: '学生发展', doc: doc(h('a', '就业结构'), p('本地就业的毕业生为 4603 人，占直接就业学生的 82.40%。异地就业的毕业生有 983 人，占比为 17.60%。')) },
      { id: 'c2', title: '社会贡献', doc: doc(h('b', '助力产业发展'), p('在校生人数排名前五的专业分别是幼儿保育、护理，本地就业比例为 82.46%，城镇就业比例 74.56%。')) }
    ])
    expect(r.findings.map((f) => [f.rule, f.severity, f.expected, f.place.label])).toEqual([['samePlaces', 'error', '82.40', '2 社会贡献 › 2.1 助力产业发展']])
  })

  it('without proof, both places are listed 请核实; two figures in one paragraph are two things', () => {
    const r = check([
      { id: 'c1', title: '学生发展', doc: doc(p('毕业生就业率为 97.96%。')) },
      { id: 'c2', title: '社会贡献', doc: doc(p('毕业生就业率达到 97.69%。')) },
      { id: 'c3', title: '质量保障', doc: doc(p('甲级组共评选出一等奖 1 名，二等奖 2 名；乙级组共评选出一等奖 6 名、二等奖 11 名。')) }
    ])
    expect(r.findings.map((f) => [f.rule, f.severity, f.place.chapterId])).toEqual([
      ['samePlaces', 'verify', 'c1'],
      ['samePlaces', 'verify', 'c2']
    ])
  })

  it('places and figures in a case (one school’s) are not the report’s figures', () => {
    const r = check([
      { id: 'c1', title: '学生发展', doc: doc(p('全市毕业生就业率为 97.96%。清远市共有 3 所中职学校入选。'), caseStudy('k1', '案例', '学校毕业生就业率为 99.10%。')) },
      { id: 'c2', title: '社会贡献', doc: doc(p('清远市 8 所中等职业学校附设了成人教育。')) }
    ])
    expect(r.findings.filter((f) => f.rule === 'samePlaces')).toEqual([])
  })
})

describe('structure', () => {
  it('captions alike, references to deleted tables, empty sections and chapters', () => {
    const r = check(
      [
        { id: 'c1', title: '基本情况', doc: doc(h('h1', '规模'), p('如', ref('table', 'gone'), '所示。'), table('t1'), table('t2'), h('h2', '设施'), p(''), h('h3', '教师'), h('h4', '编制', 3), p('内容')) },
        { id: 'c2', title: '空章', doc: doc(p('')) }
      ],
      {
        tables: [
          { id: 't1', caption: '近两年获奖情况', mismatches: [] },
          { id: 't2', caption: '近两年 获奖情况', mismatches: [] }
        ]
      }
    )
    expect(r.findings.map((f) => [f.rule, f.place.label])).toEqual([
      ['brokenRef', '1 基本情况 › 1.1 规模'],
      ['emptySection', '1 基本情况 › 1.2 设施'],
      ['captionTwice', '1 基本情况 › 表 1-2'],
      ['emptySection', '2 空章']
    ])
    expect(r.findings[0]).toMatchObject({ from: 1, to: 2, place: { path: [1] } })
    expect(r.findings[2].message).toContain('表 1-2 与表 1-1 的标题相同')
  })

  it('a case over the word limit (settable) or without a photo', () => {
    const long = '学'.repeat(1200)
    const chapters = [{ id: 'c1', title: '学生发展', doc: doc(h('h1', '素质'), caseStudy('k1', '长案例', long), caseStudy('k2', '无图案例', '短。', [null])) }]
    expect(check(chapters).findings.map((f) => [f.rule, f.severity, f.place.nodeId])).toEqual([
      ['caseLength', 'verify', 'k1'],
      ['casePhoto', 'hint', 'k2']
    ])
    expect(check(chapters).findings[0].message).toContain('有 1200 字，超过了 1000 字')
    expect(check(chapters, { settings: { caseWordLimit: 1500 } }).findings.map((f) => f.rule)).toEqual(['casePhoto'])
  })

  it('the school template’s seven parts and the six annex tables at the end', () => {
    const parts = ['人才培养', '服务贡献', '文化传承', '国际合作', '产教融合', '发展保障', '面临挑战']
    const annex = ['计分卡', '学生反馈表', '教学资源表', '国际影响表', '服务贡献表', '落实政策表']
    const chapters = [
      ...parts.map((title, i) => ({ id: `c${i}`, title, doc: doc(p('内容。')) })),
      { id: 'ax', title: '质量年报数据表', kind: 'appendix' as const, doc: doc(...annex.map((_, i) => table(`a${i}`))) }
    ]
    const tables = annex.map((name, i) => ({ id: `a${i}`, caption: `某某学校${name}`, mismatches: [] }))
    expect(check(chapters, { template: 'school', level: 'school', tables }).findings).toEqual([])
    const missing = check([...chapters.slice(0, 3), ...chapters.slice(4)], { template: 'school', level: 'school', tables: tables.filter((x) => x.id !== 'a2') })
    expect(missing.findings.map((f) => [f.rule, f.message.match(/“(.+?)”/)?.[1]])).toEqual([
      ['templatePart', '国际合作'],
      ['templatePart', '教学资源表']
    ])
    // A city report has no such requirement.
    expect(check(chapters.slice(0, 2)).findings).toEqual([])
  })

  it('an indicator changing by more than the threshold asks 请核实; small counts swing and are left alone', () => {
    const inds = [
      { id: 'a', name: '兼职教师', unit: '人', values: { 2020: 69, 2021: 122 }, tableId: 'tbl_t' },
      { id: 'b', name: '一等奖', unit: '项', values: { 2020: 2, 2021: 0 } },
      { id: 'c', name: '专任教师', unit: '人', values: { 2020: 1622, 2021: 1649 } }
    ]
    const chapters = [{ id: 'c1', title: '基本情况', doc: doc(p('见下表。'), table('tbl_t')) }]
    const r = check(chapters, { indicators: inds, tables: [{ id: 'tbl_t', caption: '教师', mismatches: [] }] })
    expect(r.findings.map((f) => [f.rule, f.severity, f.place.label, f.place.nodeId])).toEqual([['yearChange', 'verify', '1 基本情况 › 表 1-1', 'tbl_t']])
    expect(r.findings[0].message).toBe('兼职教师由 2020 年的 69 人 变为 2021 年的 122 人，增加了 76.8%，超过 50%，请核实数据。')
    expect(check(chapters, { indicators: inds, settings: { changeThreshold: 80 } }).findings).toEqual([])
  })

  it('what the import found is listed as 提示, a printed value its formula contradicts as 错误', () => {
    const r = check([{ id: 'c1', title: '基本情况', doc: doc(p('见下表。'), table('t1')) }], {
      tables: [{ id: 't1', caption: '获奖', mismatches: [{ row: 1, col: 4, address: 'E2', printed: '44', computed: '42' }] }],
      importIssues: [
        { code: 'CASE_LIST_MISSING', place: '第 5 章', message: '正文中的“案例 21”没有列入案例目录。' },
        { code: 'TABLE_VALUE_MISMATCH', place: '第 3 章', message: '表 3-3 …' }
      ]
    })
    expect(r.findings.map((f) => [f.rule, f.severity, f.cell?.address ?? null])).toEqual([
      ['tableValue', 'error', 'E2'],
      ['import', 'hint', null]
    ])
  })
})

describe('ids', () => {
  const report = (sentence: string) =>
    check([{ id: 'c1', title: '学生发展', doc: doc(h('a', '就业'), p(sentence)) }]).findings.filter((f) => f.rule === 'difference')
  it('stay the same over edits that keep the numbers, and change when they change', () => {
    const a = report('本地就业的毕业生为 4603 人，占 82.40%，比上一年（72.16）上升 9.79 个百分点。')
    const b = report('2021 年，本地就业的毕业生人数为 4603 人，占直接就业学生的 82.40%，比上一年（72.16）上升 9.79 个百分点，服务本地。')
    const c = report('本地就业的毕业生为 4603 人，占 82.40%，比上一年（72.16）上升 9.97 个百分点。')
    expect(a).toHaveLength(1)
    expect(b[0].id).toBe(a[0].id)
    expect(c[0].id).not.toBe(a[0].id)
    expect(a[0].id).toMatch(/^[a-z0-9]{11}$/)
  })
})
