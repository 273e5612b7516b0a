import type { CellFormat } from '@shared/model/table'

/**
 * The standard indicator set of a city (or provincial) report: every input
 * figure of the standard tables and the figures the narrative usually quotes,
 * under their Chinese labels. `chapter` is the template chapter (1-based) the
 * 数据 panel lists it under.
 */
export interface IndicatorDef {
  key: string
  name: string
  unit: string
  group: string
  chapter: number
  source: string
  format?: CellFormat
}

const STAT = '教育事业统计'
const SYS = '中等职业学校质量年报数据平台'
const EMP = '中职毕业生就业统计'
const FIN = '全国教育经费统计年报系统'
const AID = '全国学生资助管理信息系统中职子系统'
const pct = (decimals = 2): CellFormat => ({ kind: 'fixed', decimals })

const def = (chapter: number, group: string, source: string, unit: string, list: [key: string, name: string, format?: CellFormat][]): IndicatorDef[] =>
  list.map(([key, name, format]) => ({ key, name, unit, group, chapter, source, ...(format ? { format } : {}) }))

export const MAJOR_CATEGORIES: [code: string, name: string][] = [
  ['66', '装备制造大类'],
  ['71', '电子与信息大类'],
  ['70', '交通运输大类'],
  ['73', '财经商贸大类'],
  ['77', '教育与体育大类'],
  ['74', '旅游大类'],
  ['72', '医药卫生大类'],
  ['75', '文化艺术大类'],
  ['61', '农林牧渔大类'],
  ['79', '公共管理与服务大类'],
  ['68', '轻工纺织大类'],
  ['62', '资源环境与安全大类'],
  ['64', '土木建筑大类']
]

export const STANDARD_INDICATORS: IndicatorDef[] = [
  // 1 基本情况
  ...def(1, '规模和结构', STAT, '所', [
    ['schools.total', '中等职业学校数'],
    ['schools.private', '民办中等职业学校数']
  ]),
  ...def(1, '规模和结构', STAT, '人', [
    ['students.enrolled', '招生数'],
    ['students.total', '在校生数'],
    ['students.graduates', '毕业生数'],
    ['students.transferred', '转移生源数']
  ]),
  ...def(1, '规模和结构', STAT, '%', [
    ['students.quota_rate', '招生任务完成率', pct()],
    ['students.gross_rate', '高中阶段毛入学率', pct()],
    ['students.vocational_share', '高中阶段中职在校生占比', pct()]
  ]),
  ...def(1, '办学条件', SYS, '平方米', [['facilities.floor_area', '生均校舍建筑面积']]),
  ...def(1, '办学条件', SYS, '元', [['facilities.equipment', '生均教学仪器设备值']]),
  ...def(1, '办学条件', SYS, '个', [['facilities.workstations', '生均实训工位数']]),
  ...def(1, '办学条件', SYS, '册', [['facilities.books', '生均纸质图书']]),
  ...def(1, '办学条件', SYS, '台', [['facilities.computers', '每百名学生拥有计算机']]),
  ...def(1, '教师队伍', STAT, '人', [
    ['staff.total', '教职工数'],
    ['staff.quota', '教职工编制数'],
    ['teachers.fulltime', '专任教师'],
    ['teachers.professional', '专业教师'],
    ['teachers.dual', '双师型教师'],
    ['teachers.parttime', '兼职教师'],
    ['teachers.master', '硕士以上学历专任教师'],
    ['teachers.bachelor', '本科以上学历专任教师'],
    ['teachers.senior', '高级职称专任教师'],
    ['teachers.politics', '思想政治课专任教师'],
    ['staff.moral', '德育管理人员'],
    ['teachers.pe', '体育课专任教师'],
    ['teachers.arts', '美育课专任教师']
  ]),
  // 2 学生发展
  ...def(2, '学生素质', SYS, '%', [
    ['quality.culture', '文化课合格率', pct()],
    ['quality.skill', '专业技能课合格率', pct()],
    ['quality.certificate', '资格证书考取率', pct()],
    ['quality.fitness', '体质测评合格率', pct()],
    ['quality.graduation', '毕业率', pct()]
  ]),
  ...def(2, '就业质量', EMP, '人', [
    ['employment.employed', '就业人数'],
    ['employment.direct', '直接就业人数'],
    ['employment.salary_2001_3000', '起薪2001—3000元人数'],
    ['employment.salary_3000', '起薪3000元以上人数'],
    ['employment.primary', '第一产业就业人数'],
    ['employment.secondary', '第二产业就业人数'],
    ['employment.tertiary', '第三产业就业人数'],
    ['employment.local', '本地就业人数'],
    ['employment.elsewhere', '异地就业人数'],
    ['employment.abroad', '境外就业人数'],
    ['employment.satisfied', '就业满意人数'],
    ['employment.unsatisfied', '就业不满意人数'],
    ['employment.unassessed', '就业满意度无法评估人数']
  ]),
  ...def(2, '就业质量', EMP, '%', [
    ['employment.matched_rate', '对口就业率', pct()],
    ['employment.insurance_rate', '购买社会保险率', pct()]
  ]),
  ...def(2, '就业质量', EMP, '元', [['employment.salary', '初次就业月收入']]),
  ...def(2, '升学情况', STAT, '人', [['further.total', '升入高一级学校人数']]),
  // 3 质量保障措施
  ...def(3, '专业布局', STAT, '个', [
    ['majors.count', '开设专业数'],
    ['majors.categories', '专业大类数'],
    ['majors.dual_precision', '省级“双精准”示范专业数'],
    ...MAJOR_CATEGORIES.map(([code, name]): [string, string] => [`majors.p${code}`, `${name}专业布点数`])
  ]),
  ...def(3, '技能竞赛', '省教育厅竞赛获奖文件', '项', [
    ['contest.student_first', '学生技能大赛一等奖'],
    ['contest.student_second', '学生技能大赛二等奖'],
    ['contest.student_third', '学生技能大赛三等奖'],
    ['contest.teacher_sent', '教学能力比赛选送省赛作品'],
    ['contest.teacher_first', '教学能力比赛一等奖'],
    ['contest.teacher_second', '教学能力比赛二等奖'],
    ['contest.teacher_third', '教学能力比赛三等奖'],
    ['contest.teacher_national', '教学能力比赛国赛遴选作品']
  ]),
  ...def(3, '师资培训', '教师培训管理系统', '人次', [
    ['training.national', '国家级培训项目参训教师'],
    ['training.provincial', '省级培训项目参训教师'],
    ['training.city', '市级培训项目参训教师'],
    ['training.school', '校级培训项目参训教师'],
    ['training.other', '其他培训项目（含网络）参训教师']
  ]),
  ...def(3, '师资培训', '教师培训管理系统', '天', [['training.enterprise_days', '专任教师人均企业实践时间']]),
  // 4 校企合作
  ...def(4, '校企合作', SYS, '家', [
    ['coop.enterprises', '校企合作企业数'],
    ['coop.local_enterprises', '本地合作企业数']
  ]),
  ...def(4, '校企合作', SYS, '个', [['coop.bases', '产教融合实训基地数']]),
  ...def(4, '校企合作', SYS, '人', [
    ['coop.order_students', '订单培养学生数'],
    ['coop.teacher_practice', '接受教师企业实践人数']
  ]),
  ...def(4, '校企合作', SYS, '门', [['coop.courses', '校企共同开发课程数']]),
  ...def(4, '校企合作', SYS, '本', [['coop.textbooks', '校企共同开发教材数']]),
  // 5 社会贡献
  ...def(5, '社会服务', SYS, '人次', [
    ['service.appraisal', '职业技能鉴定人次'],
    ['service.training', '社会培训人次'],
    ['service.exam', '专业技能课程考试人次']
  ]),
  // 6 政府履责
  ...def(6, '经费投入', FIN, '亿元', [
    ['funding.education', '一般公共预算教育经费', pct(3)],
    ['funding.vocational', '职业教育一般公共预算经费', pct(4)]
  ]),
  ...def(6, '经费投入', FIN, '元', [
    ['funding.per_student', '生均一般公共预算教育经费', pct()],
    ['funding.per_student_public', '生均一般公共预算公用经费', pct()]
  ]),
  ...def(6, '资助', AID, '人', [
    ['aid.tuition_free', '享受免学费补助学生数'],
    ['aid.grant', '享受国家助学金学生数']
  ]),
  ...def(6, '资助', AID, '万元', [
    ['aid.tuition_free_funds', '免学费补助市县级配套资金'],
    ['aid.grant_funds', '国家助学金市县级配套资金']
  ]),
  // 7 特色创新
  ...def(7, '中高职贯通培养', SYS, '所', [
    ['pathway.schools', '三二分段试点中职学校数'],
    ['pathway.colleges', '三二分段对接高职院校数']
  ]),
  ...def(7, '中高职贯通培养', SYS, '个', [
    ['pathway.majors', '三二分段试点中职专业数'],
    ['pathway.college_majors', '三二分段对接高职专业数'],
    ['pathway.places', '三二分段提供学位数']
  ])
]
