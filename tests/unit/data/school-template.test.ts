import { join } from 'node:path'
import { ReportSession } from '../../../src/main/services/reportSession'
import { buildReportState } from '../../../src/main/services/reportState'
import { templateMeta } from '../../../src/main/templates/outline'
import { templateReport } from '../../../src/main/templates/report'
import { SCHOOL_INDICATORS } from '../../../src/main/templates/school'
import { reportData } from '../../../src/main/data'
import type { ReportData } from '../../../src/main/data/reportData'
import { walk } from '../../../src/shared/model/doc'
import { parseFormat } from '../../../src/shared/model/format'
import { tempDir } from '../../helpers/reports'

/**
 * The school template (2024 edition) carries a standard indicator set and
 * the six annex tables, built with formulas: typing a school's inputs for two
 * years must give every derived cell (rates, ratios, per-student figures,
 * totals and changes of the values as displayed).
 */
const SCHOOL = '清远市职业技术学校'

/** A school's inputs: indicator → [2022, 2023]. */
const typed: Record<string, [number, number]> = {
  在校生数: [4800, 5000],
  招生数: [1700, 1800],
  毕业生数: [1500, 1600],
  就业人数: [1440, 1552],
  直接就业人数: [900, 1000],
  对口就业人数: [765, 880],
  升学人数: [540, 552],
  初次就业月收入: [3200, 3450],
  获得职业资格或职业技能等级证书的毕业生数: [1350, 1480],
  毕业生满意度: [95.2, 96.1],
  雇主满意度: [93, 94.5],
  在校生满意度调查人数: [2400, 3000],
  思政课教学满意度: [96.5, 97.25],
  课堂育人满意度: [95, 95.5],
  课外育人满意度: [94.1, 94],
  实习实训满意度: [92.3, 93.8],
  管理和服务工作满意度: [91, 92.6],
  校园生活满意度: [90.45, 91.2],
  在校生总体满意度: [94.8, 95.6],
  教职工数: [320, 330],
  教职工额定编制数: [300, 300],
  专任教师: [260, 270],
  双师型教师: [150, 170],
  兼职教师: [40, 45],
  本科以上学历专任教师: [250, 262],
  高级职称专任教师: [70, 78],
  开设专业数: [12, 13],
  教学仪器设备总值: [3600, 4100],
  校舍建筑面积: [96000, 100000],
  实训实习工位数: [3000, 3250],
  纸质图书: [144000, 155000],
  教学用计算机: [1200, 1300],
  本地就业人数: [1100, 1200],
  到中小微企业等基层单位就业人数: [1000, 1100],
  横向技术服务到款额: [120.5, 150.25],
  纵向科研经费到款额: [30, 42.5],
  技术交易到款额: [10, 12.25],
  技术服务产生的经济效益: [800, 950],
  非学历培训项目数: [25, 30],
  社会培训人次: [6000, 7200],
  职业技能鉴定人次: [1800, 2000],
  公益性培训服务学时: [1200, 1500],
  '全日制国（境）外留学生人数': [0, 12],
  '非全日制国（境）外人员培训量': [150, 320],
  '专任教师赴国（境）外指导和开展培训时间': [40, 65],
  '在国（境）外组织担任职务的专任教师人数': [1, 2],
  '开发并被国（境）外采用的专业教学标准数': [0, 1],
  '开发并被国（境）外采用的课程标准数': [2, 4],
  '国（境）外技能大赛获奖数': [1, 3],
  中外合作办学项目数: [1, 1],
  '境外办学机构（工坊）数': [0, 1],
  财政经常性补助收入: [6000, 6500],
  生均拨款标准: [12000, 12000],
  财政专项经费: [800, 1000.5],
  专任教师人均企业实践时间: [20.5, 25],
  企业提供的校内实践教学设备值: [150, 200.75],
  享受免学费学生数: [4600, 4800],
  享受国家助学金学生数: [1200, 1250]
}

function newSchoolReport(): { session: ReportSession; data: ReportData } {
  const session = new ReportSession({ now: () => new Date() })
  const meta = templateMeta('school', { region: SCHOOL, year: 2023 })
  const t = templateReport('school', meta)
  session.create(join(tempDir('nianbao-school-'), 'school.nianbao'), meta, t.chapters, t.seed)
  return { session, data: reportData(session.require()) }
}

function tables(session: ReportSession, data: ReportData) {
  return data.resolveTables(buildReportState(session.require()).numbering)
}

describe('the school template: indicators and annex tables with formulas', () => {
  let session: ReportSession
  let data: ReportData

  beforeAll(() => {
    ;({ session, data } = newSchoolReport())
  })
  afterAll(() => session.close())

  it('ships a standard indicator set with Chinese names, units and 数据来源, every table input among them', () => {
    const list = data.indicators()
    expect(list.map((i) => i.name).sort()).toEqual(SCHOOL_INDICATORS.map((d) => d.name).sort())
    expect(new Set(list.map((i) => i.name)).size).toBe(list.length)
    for (const i of list) {
      expect(i.name).toMatch(/[\u4e00-\u9fff]/)
      expect(i.unit).not.toBe('')
      expect(i.source).not.toBe('')
    }
    // Every input typed below is one of them (by its Chinese name), and every one of them is typed.
    expect(Object.keys(typed).sort()).toEqual(SCHOOL_INDICATORS.map((d) => d.name).sort())
  })

  it('puts the six annex tables under their headings in the annex, with their 数据来源 notes; an empty report shows no errors', () => {
    const state = buildReportState(session.require())
    const annex = state.chapters[state.chapters.length - 1]
    expect(annex.kind).toBe('appendix')
    const doc = session.require().store.getChapter(annex.id).doc
    const order: string[] = []
    walk(doc, (n) => {
      if (n.type === 'heading') order.push(`h:${n.content?.map((c) => c.text).join('')}`)
      if (n.type === 'reportTable') order.push('table')
    })
    expect(order).toEqual(['h:计分卡', 'table', 'h:学生反馈表', 'table', 'h:教学资源表', 'table', 'h:国际影响表', 'table', 'h:服务贡献表', 'table', 'h:落实政策表', 'table'])
    const all = tables(session, data)
    expect(all.map((t) => [t.number, t.caption])).toEqual(
      ['计分卡', '学生反馈表', '教学资源表', '国际影响表', '服务贡献表', '落实政策表'].map((name) => [null, `${SCHOOL}${name}`])
    )
    for (const t of all) {
      expect(t.note).toMatch(/^数据来源：/)
      expect(t.rows[0].map((c) => c.text)).toEqual(['指标', '单位', '2022 年', '2023 年', '变化情况'])
      // Nothing typed yet: values wait for input, no formula fails.
      expect(t.rows.flat().filter((c) => c.error)).toEqual([])
      expect(t.rows.slice(1).every((r) => r.slice(2).every((c) => c.missing))).toBe(true)
    }
  })
})

describe('the school template computes the derived cells from what a school types', () => {
  let session: ReportSession
  let data: ReportData

  beforeAll(() => {
    ;({ session, data } = newSchoolReport())
    // One at a time, as typed in the 数据 panel.
    for (const [name, [y2022, y2023]] of Object.entries(typed)) {
      data.setValue(name, 2022, y2022)
      data.setValue(name, 2023, y2023)
    }
  })
  afterAll(() => session.close())

  const table = (name: string) => {
    const t = tables(session, data).find((x) => x.caption === `${SCHOOL}${name}`)
    expect(t, name).toBeDefined()
    expect(t!.rows.flat().filter((c) => c.error || c.missing)).toEqual([])
    return t!.rows.slice(1).map((r) => r.map((c) => c.text))
  }

  it('计分卡: 就业率, 对口就业率, 升学率 and the certificate rate from the counts', () => {
    expect(table('计分卡')).toEqual([
      ['在校生数', '人', '4800', '5000', '+200'],
      ['毕业生数', '人', '1500', '1600', '+100'],
      ['就业率', '%', '96.00', '97.00', '+1.00'],
      ['对口就业率', '%', '85.00', '88.00', '+3.00'],
      ['升学率', '%', '36.00', '34.50', '-1.50'],
      ['初次就业月收入', '元', '3200', '3450', '+250'],
      ['毕业生职业资格或职业技能等级证书获取率', '%', '90.00', '92.50', '+2.50'],
      ['毕业生满意度', '%', '95.20', '96.10', '+0.90'],
      ['雇主满意度', '%', '93.00', '94.50', '+1.50']
    ])
  })

  it('学生反馈表: the survey share of the students', () => {
    expect(table('学生反馈表')).toEqual([
      ['在校生满意度调查人数', '人', '2400', '3000', '+600'],
      ['调查人数占在校生比例', '%', '50.00', '60.00', '+10.00'],
      ['思政课教学满意度', '%', '96.50', '97.25', '+0.75'],
      ['课堂育人满意度', '%', '95.00', '95.50', '+0.50'],
      ['课外育人满意度', '%', '94.10', '94.00', '-0.10'],
      ['实习实训满意度', '%', '92.30', '93.80', '+1.50'],
      ['管理和服务工作满意度', '%', '91.00', '92.60', '+1.60'],
      ['校园生活满意度', '%', '90.45', '91.20', '+0.75'],
      ['在校生总体满意度', '%', '94.80', '95.60', '+0.80']
    ])
  })

  it('教学资源表: 生师比, 双师型教师比例 (双师型/专任), teacher shares and per-student figures', () => {
    expect(table('教学资源表')).toEqual([
      ['在校生数', '人', '4800', '5000', '+200'],
      ['教职工数', '人', '320', '330', '+10'],
      ['专任教师', '人', '260', '270', '+10'],
      // 4800/260 = 18.4615…, 5000/270 = 18.5185…
      ['生师比', '—', '18.46', '18.52', '+0.06'],
      ['双师型教师', '人', '150', '170', '+20'],
      // 150/260 = 57.69%, 170/270 = 62.96%
      ['双师型教师占专任教师比例', '%', '57.69', '62.96', '+5.27'],
      ['兼职教师占专任教师比例', '%', '15.38', '16.67', '+1.29'],
      ['本科以上学历专任教师比例', '%', '96.15', '97.04', '+0.89'],
      ['高级职称专任教师比例', '%', '26.92', '28.89', '+1.97'],
      ['开设专业数', '个', '12', '13', '+1'],
      // 3600 万元 / 4800 = 7500 元
      ['生均教学仪器设备值', '元', '7500', '8200', '+700'],
      ['生均校舍建筑面积', '平方米', '20.00', '20.00', '0.00'],
      ['生均实训实习工位数', '个', '0.63', '0.65', '+0.02'],
      ['生均纸质图书', '册', '30.00', '31.00', '+1.00'],
      ['每百名学生拥有教学用计算机', '台', '25.00', '26.00', '+1.00']
    ])
  })

  it('服务贡献表: shares of the employed and the 技术服务 total', () => {
    expect(table('服务贡献表')).toEqual([
      ['毕业生数', '人', '1500', '1600', '+100'],
      ['就业人数', '人', '1440', '1552', '+112'],
      ['本地就业人数', '人', '1100', '1200', '+100'],
      // 1100/1440 = 76.39%, 1200/1552 = 77.32%
      ['本地就业比例', '%', '76.39', '77.32', '+0.93'],
      ['到中小微企业等基层单位就业比例', '%', '69.44', '70.88', '+1.44'],
      ['横向技术服务到款额', '万元', '120.50', '150.25', '+29.75'],
      ['纵向科研经费到款额', '万元', '30.00', '42.50', '+12.50'],
      ['技术交易到款额', '万元', '10.00', '12.25', '+2.25'],
      ['技术服务到款额合计', '万元', '160.50', '205.00', '+44.50'],
      ['技术服务产生的经济效益', '万元', '800.00', '950.00', '+150.00'],
      ['非学历培训项目数', '个', '25', '30', '+5'],
      ['社会培训人次', '人次', '6000', '7200', '+1200'],
      ['职业技能鉴定人次', '人次', '1800', '2000', '+200'],
      ['公益性培训服务学时', '学时', '1200', '1500', '+300']
    ])
  })

  it('国际影响表 lists the inputs with their changes', () => {
    const rows = table('国际影响表')
    expect(rows[0]).toEqual(['全日制国（境）外留学生人数', '人', '0', '12', '+12'])
    expect(rows.map((r) => r[0])).toEqual([
      '全日制国（境）外留学生人数',
      '非全日制国（境）外人员培训量',
      '专任教师赴国（境）外指导和开展培训时间',
      '在国（境）外组织担任职务的专任教师人数',
      '开发并被国（境）外采用的专业教学标准数',
      '开发并被国（境）外采用的课程标准数',
      '国（境）外技能大赛获奖数',
      '中外合作办学项目数',
      '境外办学机构（工坊）数'
    ])
  })

  it('落实政策表: 生均财政拨款 from the 经常性补助收入, 专任教师 share of the staff', () => {
    expect(table('落实政策表')).toEqual([
      ['财政经常性补助收入', '万元', '6000.00', '6500.00', '+500.00'],
      // 6000 万元 / 4800 = 12500 元
      ['生均财政拨款水平', '元', '12500', '13000', '+500'],
      ['生均拨款标准', '元', '12000', '12000', '0'],
      ['财政专项经费', '万元', '800.00', '1000.50', '+200.50'],
      ['教职工额定编制数', '人', '300', '300', '0'],
      ['在岗教职工数', '人', '320', '330', '+10'],
      // 260/320 = 81.25%, 270/330 = 81.82%
      ['专任教师占教职工比例', '%', '81.25', '81.82', '+0.57'],
      ['专任教师人均企业实践时间', '天', '20.5', '25.0', '+4.5'],
      ['企业提供的校内实践教学设备值', '万元', '150.00', '200.75', '+50.75'],
      ['享受免学费学生数', '人', '4600', '4800', '+200'],
      ['享受国家助学金学生数', '人', '1200', '1250', '+50']
    ])
  })

  it('the narrative quotes the annex figures as live fields (就业质量, 师资队伍, 办学条件)', () => {
    const state = buildReportState(session.require())
    const sentences: string[] = []
    for (const c of state.chapters) {
      const doc = session.require().store.getChapter(c.id).doc
      walk(doc, (n) => {
        if (n.type !== 'paragraph' || !n.content?.some((x) => x.type === 'dataField')) return
        sentences.push(
          n.content
            .map((x) => (x.type === 'dataField' ? data.fieldText(String(x.attrs?.ref), parseFormat(String(x.attrs?.format ?? 'general'))) : (x.text ?? '')))
            .join('')
        )
      })
    }
    expect(sentences).toEqual([
      '2023年，学校毕业生 1600 人，就业率 97.00%，对口就业率 88.00%，升学率 34.50%；毕业生初次就业月收入 3450 元。',
      '学校现有专任教师 270 人，其中“双师型”教师 170 人，占专任教师的 62.96%；生师比为 18.52:1。',
      '学校生均教学仪器设备值 8200 元，生均校舍建筑面积 20.00 平方米。'
    ])
  })
})
