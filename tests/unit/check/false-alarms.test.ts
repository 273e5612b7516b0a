import { CORRECT_PARAGRAPHS } from '../../helpers/checkCorpus'
import { check, doc, h, p } from '../../helpers/checkReport'

/**
 * A finding that is wrong costs the user's trust in all the others: whole
 * chapters of years, dates, document numbers, policy names, list numbers,
 * phone numbers and ranges, and correct figures written every which way,
 * give nothing — checked the way the app checks a report.
 */
const NOT_CLAIMS = [
  '2021 年 3 月 15 日，清远市教育局印发《清远市职业教育发展规划（2019-2021 年）》（清市教〔2021〕34 号），2020—2022 学年继续实施。',
  '依据粤教职函〔2022〕5号、教职成〔2019〕13 号和粤府办[2020]22号文件，落实《职业教育提质培优行动计划（2020—2023年）》，实施职业教育提质培优行动计划（2020-2023 年）。',
  '1. 全市 11 所中职学校 26 个专业对接 16 所高职院校 33 个专业，起薪在 2001-3000 元的有 2313 人。',
  '（1）开展“1+X”证书试点，“3+证书”考试 2 次；咨询电话 0763-3362331、13800138000，传真：020-37627777。',
  '2019 年至 2021 年，学校连续 3 年获评先进，排名第 2 位，年龄 25～35 岁的教师 300 人，占比 20%～30%。',
  '第一产业就业人数 52 人，占直接就业学生的 0.93%，基本和上年持平；二等奖 10 项、三等奖 46 项。',
  '于 2022.9.1 开学，2021.11.30 发布报告，8:30—17:30 开放，第 12 届技能节，2021 级新生，21 级学生。',
  '“十四五”期间，推进 5G+智慧校园、ISO9001 质量体系，获评 G20 峰会志愿服务单位。',
  '（2）建立 3 至 5 年一轮的评估机制；（3）每年投入不少于 500 万元；（4）力争 2025 年达到 95% 以上。'
]

describe('no false alarms', () => {
  it('a chapter full of years, dates, document numbers, policy names, list numbers, phone numbers and ranges gives nothing', () => {
    const r = check([{ id: 'c1', title: '政策措施', doc: doc(h('a', '政策'), ...NOT_CLAIMS.map((x) => p(x))) }])
    expect(r.findings).toEqual([])
    expect(r.proposals).toEqual([])
  })

  it('chapters of correct figures in other reports’ wording give nothing, read one after the other', () => {
    const chapters = [0, 1, 2].map((i) => ({
      id: `c${i}`,
      title: `第${i}章`,
      doc: doc(h(`h${i}`, '概况'), ...CORRECT_PARAGRAPHS.filter((_, k) => k % 3 === i).map((x) => p(x)))
    }))
    expect(check(chapters).findings).toEqual([])
  })
})
