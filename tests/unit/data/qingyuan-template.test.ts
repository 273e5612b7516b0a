import { join } from 'node:path'
import { ReportSession } from '../../../src/main/services/reportSession'
import { buildReportState } from '../../../src/main/services/reportState'
import { templateMeta } from '../../../src/main/templates/outline'
import { templateReport } from '../../../src/main/templates/report'
import { reportData } from '../../../src/main/data'
import type { ReportData } from '../../../src/main/data/reportData'
import { walk } from '../../../src/shared/model/doc'
import { parseFormat } from '../../../src/shared/model/format'
import { tempDir } from '../../helpers/reports'

/**
 * The template's standard tables are built with formulas: typing the inputs
 * of the Qingyuan 2021 report (as published in its tables) must show exactly
 * the published derived cells. Where the published report's own arithmetic
 * is wrong, the formula's result is asserted and the difference named.
 */
let session: ReportSession
let data: ReportData

/** Inputs as printed in the Qingyuan 2021 report: indicator → [2020, 2021]. */
const typed: Record<string, [number | null, number | null]> = {
  // 表 1-1
  生均校舍建筑面积: [18.49, 19.94],
  生均教学仪器设备值: [11800, 12800],
  生均实训工位数: [0.85, 0.84],
  生均纸质图书: [34.1, 35.07],
  每百名学生拥有计算机: [35.94, 33.9],
  // 表 1-2 (在校生数 from the text: 28771 and 30150)
  教职工数: [1879, 1894],
  专任教师: [1622, 1649],
  专业教师: [1103, 1049],
  双师型教师: [874, 880],
  兼职教师: [69, 122],
  在校生数: [28771, 30150],
  // 表 1-3
  硕士以上学历专任教师: [50, 55],
  本科以上学历专任教师: [1457, 1542],
  高级职称专任教师: [215, 201],
  // 表 1-4
  思想政治课专任教师: [122, 140],
  德育管理人员: [241, 274],
  体育课专任教师: [103, 103],
  美育课专任教师: [121, 122],
  // 表 2-1
  文化课合格率: [95.56, 96.25],
  专业技能课合格率: [93.68, 95.13],
  资格证书考取率: [60.16, 61.22],
  体质测评合格率: [93.58, 97.87],
  毕业率: [96.03, 96.31],
  // 表 3-1 (2021 only)
  装备制造大类专业布点数: [null, 30],
  电子与信息大类专业布点数: [null, 25],
  交通运输大类专业布点数: [null, 21],
  财经商贸大类专业布点数: [null, 20],
  教育与体育大类专业布点数: [null, 17],
  旅游大类专业布点数: [null, 16],
  医药卫生大类专业布点数: [null, 14],
  文化艺术大类专业布点数: [null, 10],
  农林牧渔大类专业布点数: [null, 6],
  公共管理与服务大类专业布点数: [null, 5],
  轻工纺织大类专业布点数: [null, 3],
  资源环境与安全大类专业布点数: [null, 3],
  土木建筑大类专业布点数: [null, 2],
  // 表 3-3 (published as 3-3) and 3-4
  学生技能大赛一等奖: [1, 1],
  学生技能大赛二等奖: [7, 10],
  学生技能大赛三等奖: [34, 46],
  教学能力比赛选送省赛作品: [46, 36],
  教学能力比赛一等奖: [2, 0],
  教学能力比赛二等奖: [7, 6],
  教学能力比赛三等奖: [15, 15],
  教学能力比赛国赛遴选作品: [2, 4],
  // 表 4-1 (published as 4-1; it sits in chapter 3's section 3.3.2)
  国家级培训项目参训教师: [69, 132],
  省级培训项目参训教师: [323, 768],
  市级培训项目参训教师: [667, 1960],
  校级培训项目参训教师: [2259, 3856],
  '其他培训项目（含网络）参训教师': [1652, 1882],
  // 表 7-1
  三二分段试点中职学校数: [5, 11],
  三二分段试点中职专业数: [18, 26],
  三二分段对接高职院校数: [7, 16],
  三二分段对接高职专业数: [18, 33],
  三二分段提供学位数: [805, 2725],
  // quoted in the text of 1.3 and 2.2.1
  毕业生数: [null, 8317],
  就业人数: [null, 8147],
  对口就业率: [89.79, 87.63]
}

beforeAll(() => {
  const dir = tempDir('nianbao-qy-')
  session = new ReportSession({ now: () => new Date() })
  const meta = templateMeta('city', { region: '清远市', year: 2021, issuer: '清远市教育局' })
  const t = templateReport('city', meta)
  session.create(join(dir, 'qy.nianbao'), meta, t.chapters, t.seed)
  data = reportData(session.require())
  // Typed one at a time, as an editor types them in the 数据 panel.
  for (const [name, [v2020, v2021]] of Object.entries(typed)) {
    if (v2020 !== null) data.setValue(name, 2020, v2020)
    if (v2021 !== null) data.setValue(name, 2021, v2021)
  }
})

afterAll(() => session.close())

function table(number: string): string[][] {
  const state = buildReportState(session.require())
  const t = data.resolveTables(state.numbering).find((x) => x.number === number)
  expect(t, `表 ${number}`).toBeDefined()
  return t!.rows.map((r) => r.map((c) => c.text))
}

function caption(number: string): string {
  const state = buildReportState(session.require())
  return data.resolveTables(state.numbering).find((x) => x.number === number)!.caption
}

describe('the city template reproduces the Qingyuan 2021 tables from their inputs', () => {
  it('表 1-1 办学条件', () => {
    expect(caption('1-1')).toBe('2020 和 2021 年清远市中等职业学校办学条件对比')
    expect(table('1-1')).toEqual([
      ['基本检测指标', '2020 年', '2021 年', '变化情况'],
      ['生均校舍建筑面积（平方米）', '18.49', '19.94', '+1.45'],
      ['生均教学仪器设备值（元）', '11800', '12800', '+1000'],
      ['生均实训工位数（个）', '0.85', '0.84', '-0.01'],
      ['生均纸质图书（册）', '34.1', '35.07', '+0.97'],
      ['每百名学生拥有计算机（台）', '35.94', '33.9', '-2.04']
    ])
  })

  it('表 1-2 教师队伍: 79.24 → 83.89 (+4.65), 4.25 → 7.40 (+3.15), 生师比 17.74 → 18.28 (+0.54)', () => {
    expect(table('1-2')).toEqual([
      ['基本检测指标', '2020 年', '2021 年', '变化情况'],
      ['教职工数（人）', '1879', '1894', '+15'],
      ['专任教师（人）', '1622', '1649', '+27'],
      ['专业教师（人）', '1103', '1049', '-54'],
      ['双师型教师（人）', '874', '880', '+6'],
      ['双师型教师/专业教师（%）', '79.24', '83.89', '+4.65'],
      ['兼职教师（人）', '69', '122', '+53'],
      ['兼职教师/专任教师（%）', '4.25', '7.40', '+3.15'],
      ['生师比', '17.74', '18.28', '+0.54']
    ])
  })

  it('表 1-3 学历职称 (two header rows, merged)', () => {
    const rows = table('1-3')
    expect(rows.slice(2)).toEqual([
      ['2020 年', '1622', '50', '3.08', '1457', '89.83', '215', '13.26'],
      ['2021 年', '1649', '55', '3.34', '1542', '93.51', '201', '12.19'],
      ['变化情况', '+27', '+5', '+0.26', '+85', '+3.68', '-14', '-1.07']
    ])
    const state = buildReportState(session.require())
    const t = data.resolveTables(state.numbering).find((x) => x.number === '1-3')!
    expect(t.headerRows).toBe(2)
    expect(t.merges).toContainEqual({ row: 0, col: 2, rowSpan: 1, colSpan: 2 })
    expect(rows[0][2]).toBe('硕士以上学历(人)')
    expect(rows[1].slice(2, 4)).toEqual(['人数', '占比/%'])
  })

  it('表 1-4 德育和公共基础课教师: shares of 专任教师 (the published 7.50 for 美育 2020 is 121/1622 = 7.46)', () => {
    expect(table('1-4').slice(2)).toEqual([
      ['2020 年', '122', '7.52', '241', '14.86', '103', '6.35', '121', '7.46'],
      ['2021 年', '140', '8.49', '274', '16.62', '103', '6.25', '122', '7.40'],
      ['变化情况', '+18', '+0.97', '+33', '+1.76', '0', '-0.10', '+1', '-0.06']
    ])
  })

  it('表 2-1 学生综合素质: percentages and ↑ changes in 百分点', () => {
    expect(table('2-1')).toEqual([
      ['项目 学年', '文化课合格率', '专业技能课合格率', '资格证书考取率', '体质测评合格率', '毕业率'],
      ['2020 学年', '95.56%', '93.68%', '60.16%', '93.58%', '96.03%'],
      ['2021 学年', '96.25%', '95.13%', '61.22%', '97.87%', '96.31%'],
      ['变化（百分点）', '↑ 0.69', '↑ 1.45', '↑ 1.06', '↑ 4.29', '↑ 0.28']
    ])
  })

  it('表 3-1 专业数量分布: 合计 172', () => {
    const rows = table('3-1')
    expect(rows.length).toBe(15)
    expect(rows[1]).toEqual(['装备制造大类', '66', '30'])
    expect(rows[13]).toEqual(['土木建筑大类', '64', '2'])
    expect(rows[14]).toEqual(['合计', '', '172'])
  })

  it('表 3-2/3-3 技能竞赛: 合计 is the sum (the published 2020 totals 44 and 27 are not the sums of their rows)', () => {
    expect(table('3-2')).toEqual([
      ['年份', '一等奖', '二等奖', '三等奖', '合计'],
      ['2020 年', '1', '7', '34', '42'],
      ['2021 年', '1', '10', '46', '57']
    ])
    expect(table('3-3')).toEqual([
      ['年份', '选送省赛数', '一等奖', '二等奖', '三等奖', '合计', '国赛遴选'],
      ['2020 年', '46', '2', '7', '15', '24', '2'],
      ['2021 年', '36', '0', '6', '15', '21', '4']
    ])
  })

  it('表 3-4 教师培训 (published as 表 4-1 inside chapter 3)', () => {
    expect(table('3-4').slice(1)).toEqual([
      ['2020 年', '69', '323', '667', '2259', '1652'],
      ['2021 年', '132', '768', '1960', '3856', '1882']
    ])
  })

  it('表 7-1 三二分段: ↑ changes (the published ↑16 for 对接高职专业 is 33 − 18 = 15)', () => {
    expect(table('7-1')).toEqual([
      ['年份', '中职学校 (所)', '中职专业 (个)', '对接高职院校 (所)', '对接高职专业 (个)', '提供学位数 (个)'],
      ['2020 年', '5', '18', '7', '18', '805'],
      ['2021 年', '11', '26', '16', '33', '2725'],
      ['对比情况', '↑ 6', '↑ 8', '↑ 9', '↑ 15', '↑ 1920']
    ])
  })

  it('the text of 1.3 and 2.2.1 quotes the figures as live fields', () => {
    const state = buildReportState(session.require())
    const paragraphText = (chapterIndex: number, contains: string) => {
      const doc = session.require().store.getChapter(state.chapters[chapterIndex].id).doc
      let out = ''
      walk(doc, (n) => {
        if (n.type !== 'paragraph' || out) return
        const parts: string[] = []
        for (const c of n.content ?? []) {
          if (c.type === 'text') parts.push(c.text ?? '')
          else if (c.type === 'dataField') parts.push(data.fieldText(String(c.attrs!.ref), parseFormat(String(c.attrs!.format))))
          else if (c.type === 'crossRef') parts.push(`[${String(c.attrs!.target)}]`)
        }
        const text = parts.join('')
        if (text.includes(contains)) out = text
        return false
      })
      return out
    }
    expect(paragraphText(0, '教职工总数')).toBe(
      '2021年，清远市中职学校教职工总数 1894 人，比上一年增加 15 人；其中，专任教师数 1649 人，专业教师数 1049 人，“双师型”教师 880 人，双师型教师比为 83.89%。生师比为 18.28:1，比上一年上升 0.54。兼职教师 122 人，比上一年增加 53 人（见[table]）。'
    )
    expect(paragraphText(1, '毕业生数')).toBe('2021年，清远市中等职业学校毕业生数 8317 人，就业人数 8147 人，就业率 97.96%；对口就业率为 87.63%（见[figure]、[figure]）。')
  })

  it('a value not typed yet leaves its cells empty and marked, not 0 or an error', () => {
    const state = buildReportState(session.require())
    const t = data.resolveTables(state.numbering).find((x) => x.number === '3-1')!
    // 2021 only: nothing for 2020 was typed, and 3-1 uses 本年 only, so check a 2-year table after clearing a value.
    expect(t.rows[1][2].missing).toBeFalsy()
    data.setValue('教职工数', 2021, null)
    const rows = data.resolveTables(buildReportState(session.require()).numbering).find((x) => x.number === '1-2')!.rows
    expect(rows[1][2]).toMatchObject({ text: '', missing: true })
    expect(rows[1][3]).toMatchObject({ text: '', missing: true })
    expect(rows[1][3].error).toBeUndefined()
    data.setValue('教职工数', 2021, 1894)
    expect(data.resolveTables(buildReportState(session.require()).numbering).find((x) => x.number === '1-2')!.rows[1][3].text).toBe('+15')
  })
})
