import type { CellFormat, ReportTableSpec, TableCell } from '@shared/model/table'
import type { IndicatorDef } from './indicators'
import type { TemplateTable } from './tables'
import { cellOf, pct2, text, value, year, type FindBlock, type TemplateSentence } from './sentenceParts'

/**
 * The standard data of a school's report (学校, 2024 edition): the input
 * figures a school types each year, and the six tables of the annex
 * (附件：质量年报数据表) built with formulas, so that every rate, ratio and
 * per-student figure (就业率, 生师比, 双师型教师比例, 生均教学仪器设备值, …)
 * follows from the inputs. Each table lists 指标 | 单位 | 上年 | 本年 |
 * 变化情况; a change is the difference of the values as displayed.
 *
 * Chapters (1-based) of the school template: 1 人才培养, 2 服务贡献,
 * 3 文化传承, 4 国际合作, 5 产教融合, 6 发展保障, 7 面临挑战, 8 附件.
 */
export const SCHOOL_ANNEX_CHAPTER = 8

const STAT = '教育事业统计'
const SYS = '中等职业学校质量年报数据平台'
const EMP = '中职毕业生就业统计'
const SURVEY = '学校满意度问卷调查'
const FIN = '全国教育经费统计年报系统'
const AID = '全国学生资助管理信息系统中职子系统'
const SCHOOL = '学校统计'

const fixed = (decimals: number): CellFormat => ({ kind: 'fixed', decimals })
const def = (chapter: number, group: string, source: string, unit: string, list: [key: string, name: string, format?: CellFormat][]): IndicatorDef[] =>
  list.map(([key, name, format]) => ({ key, name, unit, group, chapter, source, ...(format ? { format } : {}) }))

export const SCHOOL_INDICATORS: IndicatorDef[] = [
  // 1 人才培养: scale, graduates and where they went
  ...def(1, '规模与毕业生', STAT, '人', [
    ['students.total', '在校生数'],
    ['students.enrolled', '招生数'],
    ['students.graduates', '毕业生数']
  ]),
  ...def(1, '规模与毕业生', EMP, '人', [
    ['employment.employed', '就业人数'],
    ['employment.direct', '直接就业人数'],
    ['employment.matched', '对口就业人数'],
    ['further.total', '升学人数'],
    ['certificates.graduates', '获得职业资格或职业技能等级证书的毕业生数']
  ]),
  ...def(1, '规模与毕业生', EMP, '元', [['employment.salary', '初次就业月收入']]),
  ...def(1, '满意度', SURVEY, '%', [
    ['survey.graduates', '毕业生满意度', fixed(2)],
    ['survey.employers', '雇主满意度', fixed(2)]
  ]),
  ...def(1, '学生反馈', SURVEY, '人', [['survey.sample', '在校生满意度调查人数']]),
  ...def(1, '学生反馈', SURVEY, '%', [
    ['survey.politics', '思政课教学满意度', fixed(2)],
    ['survey.teaching', '课堂育人满意度', fixed(2)],
    ['survey.extracurricular', '课外育人满意度', fixed(2)],
    ['survey.practice', '实习实训满意度', fixed(2)],
    ['survey.services', '管理和服务工作满意度', fixed(2)],
    ['survey.campus', '校园生活满意度', fixed(2)],
    ['survey.overall', '在校生总体满意度', fixed(2)]
  ]),
  // 2 服务贡献
  ...def(2, '服务贡献', EMP, '人', [
    ['employment.local', '本地就业人数'],
    ['employment.grassroots', '到中小微企业等基层单位就业人数']
  ]),
  ...def(2, '服务贡献', SCHOOL, '万元', [
    ['service.horizontal', '横向技术服务到款额', fixed(2)],
    ['service.vertical', '纵向科研经费到款额', fixed(2)],
    ['service.transfer', '技术交易到款额', fixed(2)],
    ['service.benefit', '技术服务产生的经济效益', fixed(2)]
  ]),
  ...def(2, '服务贡献', SCHOOL, '个', [['service.projects', '非学历培训项目数']]),
  ...def(2, '服务贡献', SCHOOL, '人次', [
    ['service.training', '社会培训人次'],
    ['service.appraisal', '职业技能鉴定人次']
  ]),
  ...def(2, '服务贡献', SCHOOL, '学时', [['service.public_hours', '公益性培训服务学时']]),
  // 4 国际合作
  ...def(4, '国际合作', SCHOOL, '人', [
    ['intl.students', '全日制国（境）外留学生人数'],
    ['intl.teachers_posts', '在国（境）外组织担任职务的专任教师人数']
  ]),
  ...def(4, '国际合作', SCHOOL, '人日', [
    ['intl.training', '非全日制国（境）外人员培训量'],
    ['intl.teacher_days', '专任教师赴国（境）外指导和开展培训时间']
  ]),
  ...def(4, '国际合作', SCHOOL, '个', [
    ['intl.major_standards', '开发并被国（境）外采用的专业教学标准数'],
    ['intl.course_standards', '开发并被国（境）外采用的课程标准数'],
    ['intl.programmes', '中外合作办学项目数'],
    ['intl.workshops', '境外办学机构（工坊）数']
  ]),
  ...def(4, '国际合作', SCHOOL, '项', [['intl.awards', '国（境）外技能大赛获奖数']]),
  // 6 发展保障: teachers, facilities, funding and policies
  ...def(6, '师资队伍', STAT, '人', [
    ['staff.total', '教职工数'],
    ['staff.quota', '教职工额定编制数'],
    ['teachers.fulltime', '专任教师'],
    ['teachers.dual', '双师型教师'],
    ['teachers.parttime', '兼职教师'],
    ['teachers.bachelor', '本科以上学历专任教师'],
    ['teachers.senior', '高级职称专任教师']
  ]),
  ...def(6, '师资队伍', SCHOOL, '天', [['training.enterprise_days', '专任教师人均企业实践时间', fixed(1)]]),
  ...def(6, '办学条件', STAT, '万元', [['facilities.equipment_total', '教学仪器设备总值', fixed(2)]]),
  ...def(6, '办学条件', STAT, '平方米', [['facilities.floor_total', '校舍建筑面积']]),
  ...def(6, '办学条件', STAT, '个', [
    ['facilities.workstations_total', '实训实习工位数'],
    ['majors.count', '开设专业数']
  ]),
  ...def(6, '办学条件', STAT, '册', [['facilities.books_total', '纸质图书']]),
  ...def(6, '办学条件', STAT, '台', [['facilities.computers_total', '教学用计算机']]),
  ...def(6, '经费与政策', FIN, '万元', [
    ['funding.recurrent', '财政经常性补助收入', fixed(2)],
    ['funding.special', '财政专项经费', fixed(2)],
    ['funding.enterprise_equipment', '企业提供的校内实践教学设备值', fixed(2)]
  ]),
  ...def(6, '经费与政策', FIN, '元', [['funding.standard', '生均拨款标准']]),
  ...def(6, '经费与政策', AID, '人', [
    ['aid.tuition_free', '享受免学费学生数'],
    ['aid.grant', '享受国家助学金学生数']
  ])
]

// ---- tables ---------------------------------------------------------------------------------------

type Y = '本年' | '上年'

/** One row of an annex table: an indicator as it is, or a formula over indicators with {y} for the year. */
interface AnnexRow {
  label: string
  unit: string
  indicator?: string
  /** e.g. 'ROUND(I("就业人数")/I("毕业生数")*100,2)': I("名称") reads the indicator for the column's year. */
  derived?: string
  /** Decimals the row shows and its change is computed at. */
  decimals: number
}

const c = (input: string, format?: CellFormat): TableCell => (format ? { input, format } : { input })
const ind = (name: string, y: Y) => `指标("${name}",${y})`

function annexTable(caption: string, note: string, rows: AnnexRow[]): Omit<ReportTableSpec, 'id'> {
  const value = (r: AnnexRow, y: Y): TableCell => {
    const format = r.decimals > 0 ? fixed(r.decimals) : undefined
    if (r.indicator) return c(`=${ind(r.indicator, y)}`, format)
    return c(`=${r.derived!.replace(/I\("([^"]+)"\)/g, (_, name: string) => ind(name, y))}`, format)
  }
  const body = rows.map((r, i) => {
    const row = i + 2
    return [
      c(r.label),
      c(r.unit),
      value(r, '上年'),
      value(r, '本年'),
      c(`=ROUND(D${row},${r.decimals})-ROUND(C${row},${r.decimals})`, { kind: 'change', decimals: r.decimals })
    ]
  })
  return {
    caption,
    note,
    headerRows: 1,
    columnWidths: [3.2, 0.9, 1.2, 1.2, 1.2],
    rows: [[c('指标'), c('单位'), c('=上年&" 年"'), c('=本年&" 年"'), c('变化情况')], ...body],
    merges: []
  }
}

const pct = (part: string, whole: string) => `ROUND(I("${part}")/I("${whole}")*100,2)`
const per = (total: string, whole: string, decimals: number, scale = 1) => `ROUND(I("${total}")${scale !== 1 ? `*${scale}` : ''}/I("${whole}"),${decimals})`

export function schoolTables(): TemplateTable[] {
  const annex = (heading: string) => ({ chapter: SCHOOL_ANNEX_CHAPTER, heading })
  return [
    {
      place: annex('计分卡'),
      spec: annexTable('{地区}计分卡', `数据来源：${STAT}、${EMP}、${SURVEY}。`, [
        { label: '在校生数', unit: '人', indicator: '在校生数', decimals: 0 },
        { label: '毕业生数', unit: '人', indicator: '毕业生数', decimals: 0 },
        { label: '就业率', unit: '%', derived: pct('就业人数', '毕业生数'), decimals: 2 },
        { label: '对口就业率', unit: '%', derived: pct('对口就业人数', '直接就业人数'), decimals: 2 },
        { label: '升学率', unit: '%', derived: pct('升学人数', '毕业生数'), decimals: 2 },
        { label: '初次就业月收入', unit: '元', indicator: '初次就业月收入', decimals: 0 },
        { label: '毕业生职业资格或职业技能等级证书获取率', unit: '%', derived: pct('获得职业资格或职业技能等级证书的毕业生数', '毕业生数'), decimals: 2 },
        { label: '毕业生满意度', unit: '%', indicator: '毕业生满意度', decimals: 2 },
        { label: '雇主满意度', unit: '%', indicator: '雇主满意度', decimals: 2 }
      ])
    },
    {
      place: annex('学生反馈表'),
      spec: annexTable('{地区}学生反馈表', `数据来源：${SURVEY}。`, [
        { label: '在校生满意度调查人数', unit: '人', indicator: '在校生满意度调查人数', decimals: 0 },
        { label: '调查人数占在校生比例', unit: '%', derived: pct('在校生满意度调查人数', '在校生数'), decimals: 2 },
        { label: '思政课教学满意度', unit: '%', indicator: '思政课教学满意度', decimals: 2 },
        { label: '课堂育人满意度', unit: '%', indicator: '课堂育人满意度', decimals: 2 },
        { label: '课外育人满意度', unit: '%', indicator: '课外育人满意度', decimals: 2 },
        { label: '实习实训满意度', unit: '%', indicator: '实习实训满意度', decimals: 2 },
        { label: '管理和服务工作满意度', unit: '%', indicator: '管理和服务工作满意度', decimals: 2 },
        { label: '校园生活满意度', unit: '%', indicator: '校园生活满意度', decimals: 2 },
        { label: '在校生总体满意度', unit: '%', indicator: '在校生总体满意度', decimals: 2 }
      ])
    },
    {
      place: annex('教学资源表'),
      spec: annexTable('{地区}教学资源表', `数据来源：${STAT}、${SYS}。`, [
        { label: '在校生数', unit: '人', indicator: '在校生数', decimals: 0 },
        { label: '教职工数', unit: '人', indicator: '教职工数', decimals: 0 },
        { label: '专任教师', unit: '人', indicator: '专任教师', decimals: 0 },
        { label: '生师比', unit: '—', derived: per('在校生数', '专任教师', 2), decimals: 2 },
        { label: '双师型教师', unit: '人', indicator: '双师型教师', decimals: 0 },
        { label: '双师型教师占专任教师比例', unit: '%', derived: pct('双师型教师', '专任教师'), decimals: 2 },
        { label: '兼职教师占专任教师比例', unit: '%', derived: pct('兼职教师', '专任教师'), decimals: 2 },
        { label: '本科以上学历专任教师比例', unit: '%', derived: pct('本科以上学历专任教师', '专任教师'), decimals: 2 },
        { label: '高级职称专任教师比例', unit: '%', derived: pct('高级职称专任教师', '专任教师'), decimals: 2 },
        { label: '开设专业数', unit: '个', indicator: '开设专业数', decimals: 0 },
        { label: '生均教学仪器设备值', unit: '元', derived: per('教学仪器设备总值', '在校生数', 0, 10000), decimals: 0 },
        { label: '生均校舍建筑面积', unit: '平方米', derived: per('校舍建筑面积', '在校生数', 2), decimals: 2 },
        { label: '生均实训实习工位数', unit: '个', derived: per('实训实习工位数', '在校生数', 2), decimals: 2 },
        { label: '生均纸质图书', unit: '册', derived: per('纸质图书', '在校生数', 2), decimals: 2 },
        { label: '每百名学生拥有教学用计算机', unit: '台', derived: per('教学用计算机', '在校生数', 2, 100), decimals: 2 }
      ])
    },
    {
      place: annex('国际影响表'),
      spec: annexTable('{地区}国际影响表', `数据来源：${SCHOOL}。`, [
        { label: '全日制国（境）外留学生人数', unit: '人', indicator: '全日制国（境）外留学生人数', decimals: 0 },
        { label: '非全日制国（境）外人员培训量', unit: '人日', indicator: '非全日制国（境）外人员培训量', decimals: 0 },
        { label: '专任教师赴国（境）外指导和开展培训时间', unit: '人日', indicator: '专任教师赴国（境）外指导和开展培训时间', decimals: 0 },
        { label: '在国（境）外组织担任职务的专任教师人数', unit: '人', indicator: '在国（境）外组织担任职务的专任教师人数', decimals: 0 },
        { label: '开发并被国（境）外采用的专业教学标准数', unit: '个', indicator: '开发并被国（境）外采用的专业教学标准数', decimals: 0 },
        { label: '开发并被国（境）外采用的课程标准数', unit: '个', indicator: '开发并被国（境）外采用的课程标准数', decimals: 0 },
        { label: '国（境）外技能大赛获奖数', unit: '项', indicator: '国（境）外技能大赛获奖数', decimals: 0 },
        { label: '中外合作办学项目数', unit: '个', indicator: '中外合作办学项目数', decimals: 0 },
        { label: '境外办学机构（工坊）数', unit: '个', indicator: '境外办学机构（工坊）数', decimals: 0 }
      ])
    },
    {
      place: annex('服务贡献表'),
      spec: annexTable('{地区}服务贡献表', `数据来源：${EMP}、${SCHOOL}。`, [
        { label: '毕业生数', unit: '人', indicator: '毕业生数', decimals: 0 },
        { label: '就业人数', unit: '人', indicator: '就业人数', decimals: 0 },
        { label: '本地就业人数', unit: '人', indicator: '本地就业人数', decimals: 0 },
        { label: '本地就业比例', unit: '%', derived: pct('本地就业人数', '就业人数'), decimals: 2 },
        { label: '到中小微企业等基层单位就业比例', unit: '%', derived: pct('到中小微企业等基层单位就业人数', '就业人数'), decimals: 2 },
        { label: '横向技术服务到款额', unit: '万元', indicator: '横向技术服务到款额', decimals: 2 },
        { label: '纵向科研经费到款额', unit: '万元', indicator: '纵向科研经费到款额', decimals: 2 },
        { label: '技术交易到款额', unit: '万元', indicator: '技术交易到款额', decimals: 2 },
        {
          label: '技术服务到款额合计',
          unit: '万元',
          derived: 'ROUND(I("横向技术服务到款额")+I("纵向科研经费到款额")+I("技术交易到款额"),2)',
          decimals: 2
        },
        { label: '技术服务产生的经济效益', unit: '万元', indicator: '技术服务产生的经济效益', decimals: 2 },
        { label: '非学历培训项目数', unit: '个', indicator: '非学历培训项目数', decimals: 0 },
        { label: '社会培训人次', unit: '人次', indicator: '社会培训人次', decimals: 0 },
        { label: '职业技能鉴定人次', unit: '人次', indicator: '职业技能鉴定人次', decimals: 0 },
        { label: '公益性培训服务学时', unit: '学时', indicator: '公益性培训服务学时', decimals: 0 }
      ])
    },
    {
      place: annex('落实政策表'),
      spec: annexTable('{地区}落实政策表', `数据来源：${FIN}、${STAT}、${AID}。`, [
        { label: '财政经常性补助收入', unit: '万元', indicator: '财政经常性补助收入', decimals: 2 },
        { label: '生均财政拨款水平', unit: '元', derived: per('财政经常性补助收入', '在校生数', 0, 10000), decimals: 0 },
        { label: '生均拨款标准', unit: '元', indicator: '生均拨款标准', decimals: 0 },
        { label: '财政专项经费', unit: '万元', indicator: '财政专项经费', decimals: 2 },
        { label: '教职工额定编制数', unit: '人', indicator: '教职工额定编制数', decimals: 0 },
        { label: '在岗教职工数', unit: '人', indicator: '教职工数', decimals: 0 },
        { label: '专任教师占教职工比例', unit: '%', derived: pct('专任教师', '教职工数'), decimals: 2 },
        { label: '专任教师人均企业实践时间', unit: '天', indicator: '专任教师人均企业实践时间', decimals: 1 },
        { label: '企业提供的校内实践教学设备值', unit: '万元', indicator: '企业提供的校内实践教学设备值', decimals: 2 },
        { label: '享受免学费学生数', unit: '人', indicator: '享受免学费学生数', decimals: 0 },
        { label: '享受国家助学金学生数', unit: '人', indicator: '享受国家助学金学生数', decimals: 0 }
      ])
    }
  ]
}

// ---- sentences that quote figures ----------------------------------------------------------

/** A first sentence under 就业质量, 师资队伍 and 办学条件 quoting the annex tables' figures as live fields. */
export function schoolSentences(_region: string, find: FindBlock): TemplateSentence[] {
  const scorecard = find.tableOf('计分卡')
  const resources = find.tableOf('教学资源表')
  return [
    {
      chapter: 1,
      heading: '就业质量',
      content: [
        year(),
        text('年，学校毕业生 '),
        value('students.graduates'),
        text(' 人，就业率 '),
        cellOf(scorecard, 'D4', pct2),
        text('，对口就业率 '),
        cellOf(scorecard, 'D5', pct2),
        text('，升学率 '),
        cellOf(scorecard, 'D6', pct2),
        text('；毕业生初次就业月收入 '),
        value('employment.salary'),
        text(' 元。')
      ]
    },
    {
      chapter: 6,
      heading: '师资队伍',
      content: [
        text('学校现有专任教师 '),
        value('teachers.fulltime'),
        text(' 人，其中“双师型”教师 '),
        value('teachers.dual'),
        text(' 人，占专任教师的 '),
        cellOf(resources, 'D7', pct2),
        text('；生师比为 '),
        cellOf(resources, 'D5', { kind: 'ratio', decimals: 2 }),
        text('。')
      ]
    },
    {
      chapter: 6,
      heading: '办学条件',
      content: [
        text('学校生均教学仪器设备值 '),
        cellOf(resources, 'D12', { kind: 'general' }),
        text(' 元，生均校舍建筑面积 '),
        cellOf(resources, 'D13', { kind: 'fixed', decimals: 2 }),
        text(' 平方米。')
      ]
    }
  ]
}
