import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { analyseParagraph } from '../../../src/shared/check/claims'
import { tokenize } from '../../../src/shared/check/tokens'

const rules = (text: string) => analyseParagraph(text).findings
const fixes = (text: string) => rules(text).map((f) => [f.rule, f.expected ?? null])

describe('tokenizer', () => {
  it('reads quantities with units, 万/亿 and full-width digits', () => {
    const t = tokenize('经费 87.076 亿元，其中 1358 万元；就业率９７．９６％，生师比 18.28:1，上升 1.05 个百分点')
    expect(t.map((x) => [x.kind, x.unit, x.value])).toEqual([
      ['quantity', '元', 8707600000],
      ['quantity', '元', 13580000],
      ['quantity', '%', 97.96],
      ['ratio', ':', 18.28],
      ['quantity', '个百分点', 1.05]
    ])
  })
  it('knows years, dates, document numbers, ranges, list numbers, names and phone numbers are not quantities', () => {
    const t = tokenize('1. 2021 年 9 月 1 日，依据清市教〔2021〕34 号和《2019-2021 年行动计划》，起薪 2001-3000 元，（3）电话 0763-3362331，“1+X”证书，第 2 名')
    expect(t.filter((x) => x.kind === 'quantity' || x.kind === 'ratio')).toEqual([])
  })
})

describe('differences', () => {
  it('finds a wrong difference of percentages (个百分点), with the right value and a fix', () => {
    const f = rules('本地就业的毕业生为 4603 人，占直接就业学生的 82.40%，比上一年（72.16）上升 9.79 个百分点。')
    expect(f.map((x) => [x.rule, x.expected, x.fix?.text])).toEqual([['difference', '10.24', '10.24']])
  })
  it('accepts correct differences in 人, 元 and 个百分点, half-width and full-width', () => {
    expect(rules('毕业生初次就业月收入 2714 元，比上一年（2276 元）增加 438 元。')).toEqual([])
    expect(rules('就业率97.96%，比上一年（99.01%）下降1.05个百分点。')).toEqual([])
    expect(rules('对口就业率为８７．６３％，比上年(89.79%)下降2.16个百分点。')).toEqual([])
    expect(rules('不满意的有 125 人，占 2.24%，比上一年（2.27%）下降了 0.03 个百分点。')).toEqual([])
  })
  it('finds the wrong amount and the wrong direction', () => {
    expect(fixes('教职工 1894 人，比上年（1879 人）增加 16 人。')).toEqual([['difference', '15']])
    // A wrong direction has no one-click fix (the words change), but says what it should read.
    expect(rules('学校经费 3234.73 元，较上年（3605.43 元）提高 370.70 元。').map((f) => [f.rule, f.expected, f.fix ?? null])).toEqual([['difference', '降低 370.70', null]])
    expect(rules('合格率 95.13%，比上年（93.68%）降低 1.45 个百分点。').map((f) => [f.rule, f.expected, f.fix ?? null])).toEqual([['difference', '提高 1.45', null]])
  })
  it('uses last year from the data when the sentence does not say it', () => {
    const prev = (subject: string) => (subject.endsWith('专任教师') ? 1622 : null)
    expect(analyseParagraph('专任教师 1649 人，较上年增加了 27 人。', prev).findings).toEqual([])
    expect(analyseParagraph('专任教师 1649 人，较上年增加了 72 人。', prev).findings.map((f) => f.expected)).toEqual(['27'])
  })
})

describe('from one value to another (由…提高到…)', () => {
  it('checks the change stated after 由 A 到 B against the two values, in 个百分点, in the unit and as a growth rate', () => {
    expect(rules('就业率由上年的 95.2% 提高到 97.1%，提高了 1.9 个百分点。')).toEqual([])
    expect(fixes('就业率由上年的 95.2% 提高到 97.1%，提高了 2.9 个百分点。')).toEqual([['difference', '1.9']])
    expect(rules('招生人数由 2020 年的 1200 人增加到 2021 年的 1500 人，增加了 300 人。')).toEqual([])
    expect(fixes('招生人数由 2020 年的 1200 人增加到 2021 年的 1500 人，增加了 200 人。')).toEqual([['difference', '300']])
    expect(rules('从 2019 年的 2100 人增加到 2021 年的 2600 人，增长了 23.8%。')).toEqual([])
    expect(fixes('从 2019 年的 2100 人增加到 2021 年的 2600 人，增长了 28.3%。')).toEqual([['growth', '23.8']])
    expect(rules('合格率从 90% 提升至 95.5%，提高 5.5 个百分点。')).toEqual([])
    const f = rules('双师型教师比例由 79.24% 上升至 83.89%，上升了 4.56 个百分点。')
    expect(f.map((x) => x.message)).toEqual(['由 79.24% 到 83.89% 相差 4.65 个百分点，句中写的是 4.56 个百分点。'])
  })
  it('finds a direction word that says the opposite of the two values', () => {
    const f = rules('就业率由上年的 95.2% 下降到 97.1%。')
    expect(f.map((x) => [x.rule, x.expected, x.fix ?? null])).toEqual([['difference', '上升', null]])
    expect(f[0].message).toBe('句中说由 95.2% 下降到 97.1%，但 97.1 比 95.2 高，应为“上升”。')
  })
  it('leaves alone what figures rounded to 万 cannot tell, ranges, and spans of years', () => {
    expect(rules('在校生由 4.2 万人增加到 4.5 万人，增加 0.3 万人。')).toEqual([])
    expect(rules('在校生由 4.2 万人增加到 4.5 万人，增加 2000 人。')).toEqual([])
    expect(fixes('在校生由 4.2 万人增加到 4.5 万人，增加 0.5 万人。')).toEqual([['difference', '0.3']])
    expect(rules('月薪从 3000 元到 5000 元不等，课时从 2 节增加到 4 节。')).toEqual([])
    expect(rules('从 2019 年到 2021 年，累计投入 3000 万元；由 2019 年至 2021 年，学校招生 3000 人。')).toEqual([])
    expect(rules('学生从入学到毕业，全程跟踪；从 3 个专业到 12 个专业，从 1 个实训室到 30 个实训室。')).toEqual([])
  })
})

describe('differences of rounded figures', () => {
  it('figures rounded to 万 leave room for a difference written to the person; the same digits must match', () => {
    expect(rules('在校生 4.5 万人，比上年（4.2 万人）增加 2000 人。')).toEqual([])
    expect(fixes('在校生 4.5 万人，比上年（4.2 万人）增加 0.2 万人。')).toEqual([['difference', '0.3']])
    expect(rules('就业率 82.44%，比上年（72.16%）上升 10.3 个百分点。')).toEqual([])
  })
})

describe('growth rates', () => {
  it('checks 增幅 after a difference and 增长 P% against the two values', () => {
    expect(rules('中职学校招生数量 13930 人，较上年增加 2199 人，增幅为 18.75%。')).toEqual([])
    expect(fixes('在校生 30150 人，较上年（28771 人）增加 1379 人，增幅为 4.97%。')).toEqual([['growth', '4.79']])
    expect(rules('生均经费 13727.27 元，比上年（13646.3 元）增长 0.59%。')).toEqual([])
    expect(rules('公用经费支出 3234.73 元，比上年（3605.43 元），减少 10.28%。')).toEqual([])
    expect(fixes('公用经费支出 3234.73 元，比上年（3605.43 元）减少 12.28%。')).toEqual([['growth', '10.28']])
  })
})

describe('shares', () => {
  it('checks a share against the denominator in the paragraph', () => {
    expect(rules('中职学校有 5586 人直接就业，满意的有 5312 人，占 95.09%；不满意的有 125 人，占 2.24%；无法评估的有 149 人，占 2.67%。')).toEqual([])
    expect(fixes('中职学校有 5586 人直接就业，满意的有 5312 人，占 95.09%；不满意的有 125 人，占 2.42%；无法评估的有 149 人，占 2.67%。')).toEqual([['share', '2.24']])
  })
  it('finds shares of one whole that do not add up to 100%', () => {
    expect(fixes('本地就业 4603 人，占 82.40%；异地就业 983 人，占 17.60%。')).toEqual([])
    expect(rules('共 200 人，男生 120 人，占 60.00%；女生 80 人，占 41.00%。').map((f) => f.rule)).toContain('share')
  })
  it('finds parts that do not add up to the stated whole', () => {
    expect(fixes('获奖项目共 57 项，其中一等奖 1 项、二等奖 10 项、三等奖 46 项。')).toEqual([])
    expect(fixes('获奖项目共 58 项，其中一等奖 1 项、二等奖 10 项、三等奖 46 项。')).toEqual([['partsTotal', null]])
    // Nested groups are not parts of one whole.
    expect(rules('教职工共 1894 人，其中专任教师 1649 人、专业教师 1049 人。')).toEqual([])
    // A whole written with a verb between 共 and the figure (共获奖 58 项), the parts after a colon.
    expect(rules('全市共获奖 58 项：一等奖 8 项、二等奖 20 项、三等奖 30 项。')).toEqual([])
    expect(rules('全市共获奖 59 项：一等奖 8 项、二等奖 20 项、三等奖 30 项。').map((f) => [f.rule, f.severity, f.numbers])).toEqual([['partsTotal', 'error', ['59', '8', '20', '30']]])
    expect(rules('今年共培训教师 300 人，男教师 120 人、女教师 170 人。').map((f) => [f.rule, f.severity])).toEqual([['partsTotal', 'error']])
    // Without a word of totality the figure is only one of a list.
    expect(rules('获奖 59 项：一等奖 8 项、二等奖 20 项、三等奖 30 项。')).toEqual([])
  })
  it('after 其中, parts of one whole that exceed it are wrong; fewer are asked about (a part may be left unlisted)', () => {
    expect(rules('获奖 57 项，其中一等奖 1 项、二等奖 10 项、三等奖 46 项。')).toEqual([])
    expect(rules('获奖 56 项，其中一等奖 1 项、二等奖 10 项、三等奖 46 项。').map((f) => [f.rule, f.severity, f.message])).toEqual([
      ['partsTotal', 'error', '一等奖 1项、二等奖 10项、三等奖 46项，合计 57项，超过总数 56项。']
    ])
    expect(rules('毕业生 2000 人，其中男生 1100 人、女生 800 人。').map((f) => [f.rule, f.severity])).toEqual([['partsTotal', 'verify']])
    // Groups that overlap (硕士, 高级职称, 双师型) are not parts of one whole, whatever their sum.
    expect(rules('学校有教师 300 人，其中硕士 50 人、高级职称 120 人、双师型 200 人。')).toEqual([])
  })
  it('checks a share of a whole named by a figure written before it in the paragraph', () => {
    expect(rules('在校生 3000 人，毕业生 1000 人，占在校生的 33.33%。')).toEqual([])
    expect(fixes('在校生 3000 人，毕业生 1000 人，占在校生的 30%。')).toEqual([['share', '33']])
    expect(rules('全市专任教师 1649 人，其中“双师型”教师 880 人，占专任教师总数的 53.37%。')).toEqual([])
    const f = rules('全市专任教师 1649 人，其中“双师型”教师 880 人，占专任教师总数的 58.36%。')
    expect(f.map((x) => [x.rule, x.expected, x.fix?.text])).toEqual([['share', '53.37', '53.37']])
    expect(f[0].message).toBe('880人 占专任教师总数 1649人 的 53.37%，句中写的是 58.36%。')
    // A whole named by two different figures, or by none, is not guessed.
    expect(rules('2020 年在校生 2800 人，2021 年在校生 3000 人，毕业生 1000 人，占在校生的 30%。')).toEqual([])
    expect(rules('毕业生 1000 人，占在校生的 30%。')).toEqual([])
  })
})

describe('ratios', () => {
  it('普职比 a:b must add up to 100', () => {
    expect(rules('普职比为 58.52:41.48。')).toEqual([])
    expect(fixes('普职比为 58.52：41.58。')).toEqual([['ratioTotal', '58.52:41.48']])
  })
  it('reads 生师比 A:1 as the ratio it states', () => {
    const a = analyseParagraph('生师比为 18.28:1，比上一年上升了 0.54。', () => 17.74)
    expect(a.findings).toEqual([])
    expect(a.mentions.map((m) => [m.key, m.token.value])).toEqual([['生师比|:', 18.28]])
  })
})

describe('no false alarms', () => {
  it('a chapter full of years, dates, document numbers, policy names, ranges, list numbers and phone numbers gives nothing', () => {
    const text = [
      '2021 年 3 月 15 日，清远市教育局印发《清远市职业教育发展规划（2019-2021 年）》（清市教〔2021〕34 号），2020—2022 学年继续实施。',
      '1. 全市 11 所中职学校 26 个专业对接 16 所高职院校 33 个专业，起薪在 2001-3000 元的有 2313 人。',
      '（1）开展“1+X”证书试点，“3+证书”考试 2 次；咨询电话 0763-3362331、13800138000。',
      '2019 年至 2021 年，学校连续 3 年获评先进，排名第 2 位，年龄 25～35 岁的教师 300 人。',
      '第一产业就业人数 52 人，占直接就业学生的 0.93%，基本和上年持平；二等奖 10 项、三等奖 46 项。'
    ]
    for (const p of text) expect(rules(p), p).toEqual([])
  })
  it('the Qingyuan 2021 text: only the two wrong differences among all its paragraphs', () => {
    const lines = readFileSync(join(__dirname, '..', '..', 'fixtures', 'qingyuan-2021', 'report.txt'), 'utf8').split('\n')
    const start = lines.findIndex((l, i) => i > 100 && l.trim() === '1 基本情况')
    const found = lines
      .slice(start)
      .filter((l) => l.trim() && !l.startsWith('|'))
      .flatMap((l) => rules(l.trim()).map((f) => [f.numbers.at(-1), f.expected]))
    expect(found).toEqual([
      ['1.47', '2.47'],
      ['9.79', '10.24']
    ])
  })
})
