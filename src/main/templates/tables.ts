import type { ChartSpec, ChartYear } from '@shared/charts/model'
import type { CellFormat, ReportTableSpec, TableCell, TableMerge } from '@shared/model/table'
import { columnName } from '@shared/model/cellAddress'
import { MAJOR_CATEGORIES } from './indicators'

/**
 * The standard tables and charts of a city report, built with formulas: the
 * year columns read indicators for 上年/本年 (so a rollover only changes the
 * data year), and every derived cell — ratios, shares, totals, changes — is
 * a formula. A change cell is the difference of the values as displayed
 * (ROUND to the displayed decimals first), as in the published tables, so a
 * reader can check it by eye. Captions may use {本年}/{上年}/{前年} and
 * {地区}.
 */
export interface Placement {
  /** Template chapter, 1-based (10 = 附件). */
  chapter: number
  /** The section heading the block goes under; null = the start of the chapter. */
  heading: string | null
}

export interface TemplateTable {
  place: Placement
  spec: Omit<ReportTableSpec, 'id'>
}

export interface TemplateFigure {
  place: Placement
  caption: string
  note: string
  chart: ChartSpec
}

type Y = '本年' | '上年' | '前年'
const c = (input: string, format?: CellFormat): TableCell => (format ? { input, format } : { input })
const ind = (name: string, y: Y, format?: CellFormat) => c(`=指标("${name}",${y})`, format)
const yearHeader = (y: Y, suffix = ' 年') => c(`=${y}&"${suffix}"`)
const fixed = (decimals: number): CellFormat => ({ kind: 'fixed', decimals })
const change = (decimals: number): CellFormat => ({ kind: 'change', decimals })
const arrow = (decimals: number): CellFormat => ({ kind: 'arrow', decimals })
const percent = (decimals: number): CellFormat => ({ kind: 'percent', decimals })
const col = columnName
/** The change of one column between two rows, of the values as displayed. */
const delta = (column: string, from: number, to: number, decimals: number, format: CellFormat = change(decimals)) =>
  c(`=ROUND(${column}${to},${decimals})-ROUND(${column}${from},${decimals})`, format)
const merge = (row: number, column: number, rowSpan: number, colSpan: number): TableMerge => ({ row, col: column, rowSpan, colSpan })

/** 指标 | 上年 | 本年 | 变化情况, one row per indicator (表 1-1, 1-2). */
interface CompareRow {
  label: string
  /** An indicator, or a derived row: a formula over the row's column, with {col} for B/C. */
  indicator?: string
  derived?: string
  decimals: number
  format?: CellFormat
}

function compareTable(caption: string, note: string, rows: CompareRow[]): Omit<ReportTableSpec, 'id'> {
  const body = rows.map((r, i) => {
    const row = i + 2
    const value = (column: 'B' | 'C', y: Y) =>
      r.indicator ? ind(r.indicator, y, r.format) : c(`=${r.derived!.replaceAll('{col}', column).replaceAll('{year}', y)}`, r.format)
    return [c(r.label), value('B', '上年'), value('C', '本年'), c(`=ROUND(C${row},${r.decimals})-ROUND(B${row},${r.decimals})`, change(r.decimals))]
  })
  return {
    caption,
    note,
    headerRows: 1,
    columnWidths: [3.2, 1.2, 1.2, 1.2],
    rows: [[c('基本检测指标'), yearHeader('上年'), yearHeader('本年'), c('变化情况')], ...body],
    merges: []
  }
}

/** 年份 rows (上年, 本年, 变化情况) by groups of 人数 | 占比 columns (表 1-3, 1-4). */
function countShareTable(caption: string, note: string, lead: { label: string; indicator: string } | null, groups: { label: string; indicator: string }[]): Omit<ReportTableSpec, 'id'> {
  const leadCols = lead ? 1 : 0
  const width = 1 + leadCols + groups.length * 2
  const head1: TableCell[] = [c('年份'), ...(lead ? [c(lead.label)] : []), ...groups.flatMap((g) => [c(g.label), c('')])]
  const head2: TableCell[] = [c(''), ...(lead ? [c('')] : []), ...groups.flatMap(() => [c('人数'), c('占比/%')])]
  const yearRow = (y: Y, row: number): TableCell[] => [
    yearHeader(y),
    ...(lead ? [ind(lead.indicator, y)] : []),
    ...groups.flatMap((g, i) => {
      const countCol = col(1 + leadCols + i * 2)
      const total = lead ? `B${row}` : `指标("专任教师",${y})`
      return [ind(g.indicator, y), c(`=ROUND(${countCol}${row}/${total}*100,2)`, fixed(2))]
    })
  ]
  const changeRow: TableCell[] = [
    c('变化情况'),
    ...(lead ? [delta('B', 3, 4, 0)] : []),
    ...groups.flatMap((_, i) => [delta(col(1 + leadCols + i * 2), 3, 4, 0), delta(col(2 + leadCols + i * 2), 3, 4, 2)])
  ]
  const merges = [merge(0, 0, 2, 1), ...(lead ? [merge(0, 1, 2, 1)] : []), ...groups.map((_, i) => merge(0, 1 + leadCols + i * 2, 1, 2))]
  return {
    caption,
    note,
    headerRows: 2,
    columnWidths: Array.from({ length: width }, (_, i) => (i === 0 ? 1.3 : 1)),
    rows: [head1, head2, yearRow('上年', 3), yearRow('本年', 4), changeRow],
    merges
  }
}

/** 年份 rows (上年, 本年) over indicator columns, with optional 合计 and change rows (表 2-1, 3-3, 3-4, 4-1, 7-1). */
function yearRowsTable(
  caption: string,
  note: string,
  corner: string,
  cols: { label: string; indicator?: string; sum?: [number, number]; format?: CellFormat }[],
  opts: { yearSuffix?: string; change?: { label: string; decimals: number; format: CellFormat } } = {}
): Omit<ReportTableSpec, 'id'> {
  const yearRow = (y: Y, row: number): TableCell[] => [
    yearHeader(y, opts.yearSuffix),
    ...cols.map((k) => (k.indicator ? ind(k.indicator, y, k.format) : c(`=SUM(${col(k.sum![0])}${row}:${col(k.sum![1])}${row})`, k.format)))
  ]
  const rows: TableCell[][] = [[c(corner), ...cols.map((k) => c(k.label))], yearRow('上年', 2), yearRow('本年', 3)]
  if (opts.change) {
    const ch = opts.change
    rows.push([c(ch.label), ...cols.map((_, i) => delta(col(i + 1), 2, 3, ch.decimals, ch.format))])
  }
  return { caption, note, headerRows: 1, columnWidths: [1.4, ...cols.map(() => 1)], rows, merges: [] }
}

export function standardTables(): TemplateTable[] {
  return [
    {
      place: { chapter: 1, heading: '设施设备' },
      spec: compareTable('{上年} 和 {本年} 年{地区}中等职业学校办学条件对比', '', [
        { label: '生均校舍建筑面积（平方米）', indicator: '生均校舍建筑面积', decimals: 2 },
        { label: '生均教学仪器设备值（元）', indicator: '生均教学仪器设备值', decimals: 0 },
        { label: '生均实训工位数（个）', indicator: '生均实训工位数', decimals: 2 },
        { label: '生均纸质图书（册）', indicator: '生均纸质图书', decimals: 2 },
        { label: '每百名学生拥有计算机（台）', indicator: '每百名学生拥有计算机', decimals: 2 }
      ])
    },
    {
      place: { chapter: 1, heading: '教师队伍' },
      spec: compareTable('{上年} 和 {本年} 年{地区}中等职业学校教师队伍建设情况对比', '', [
        { label: '教职工数（人）', indicator: '教职工数', decimals: 0 },
        { label: '专任教师（人）', indicator: '专任教师', decimals: 0 },
        { label: '专业教师（人）', indicator: '专业教师', decimals: 0 },
        { label: '双师型教师（人）', indicator: '双师型教师', decimals: 0 },
        { label: '双师型教师/专业教师（%）', derived: 'ROUND({col}5/{col}4*100,2)', decimals: 2, format: fixed(2) },
        { label: '兼职教师（人）', indicator: '兼职教师', decimals: 0 },
        { label: '兼职教师/专任教师（%）', derived: 'ROUND({col}7/{col}3*100,2)', decimals: 2, format: fixed(2) },
        { label: '生师比', derived: 'ROUND(指标("在校生数",{year})/{col}3,2)', decimals: 2, format: fixed(2) }
      ])
    },
    {
      place: { chapter: 1, heading: '教师队伍' },
      spec: countShareTable('{上年} 和 {本年} 年{地区}中等职业学校教师学历职称情况对比', '', { label: '专任教师总数(人)', indicator: '专任教师' }, [
        { label: '硕士以上学历(人)', indicator: '硕士以上学历专任教师' },
        { label: '本科以上学历(人)', indicator: '本科以上学历专任教师' },
        { label: '高级职称(人)', indicator: '高级职称专任教师' }
      ])
    },
    {
      place: { chapter: 1, heading: '教师队伍' },
      spec: countShareTable('{上年} 和 {本年} 年{地区}中等职业学校德育和公共基础课教师情况对比', '注：占比为占专任教师总数的百分比。', null, [
        { label: '思想政治课专任教师', indicator: '思想政治课专任教师' },
        { label: '德育管理人员', indicator: '德育管理人员' },
        { label: '体育课专任教师', indicator: '体育课专任教师' },
        { label: '美育课专任教师', indicator: '美育课专任教师' }
      ])
    },
    {
      place: { chapter: 2, heading: '文理兼修，强技成才' },
      spec: yearRowsTable(
        '{上年} 和 {本年} 年{地区}中等职业学校学生综合素质情况对比',
        '',
        '项目 学年',
        [
          { label: '文化课合格率', indicator: '文化课合格率', format: percent(2) },
          { label: '专业技能课合格率', indicator: '专业技能课合格率', format: percent(2) },
          { label: '资格证书考取率', indicator: '资格证书考取率', format: percent(2) },
          { label: '体质测评合格率', indicator: '体质测评合格率', format: percent(2) },
          { label: '毕业率', indicator: '毕业率', format: percent(2) }
        ],
        { yearSuffix: ' 学年', change: { label: '变化（百分点）', decimals: 2, format: arrow(2) } }
      )
    },
    {
      place: { chapter: 3, heading: '专业布局' },
      spec: {
        caption: '{本年} 年{地区}中职学校专业数量分布',
        note: '',
        headerRows: 1,
        columnWidths: [2.2, 1.2, 1.2],
        rows: [
          [c('专业类别'), c('专业大类代码'), c('专业布点数')],
          ...MAJOR_CATEGORIES.map(([code, name]) => [c(name), c(code), ind(`${name}专业布点数`, '本年')]),
          [c('合计'), c(''), c(`=SUM(C2:C${MAJOR_CATEGORIES.length + 1})`)]
        ],
        merges: []
      }
    },
    {
      place: { chapter: 3, heading: '技能竞赛' },
      spec: yearRowsTable('近两年{地区}中职学校在省学生专业技能大赛获奖情况', '', '年份', [
        { label: '一等奖', indicator: '学生技能大赛一等奖' },
        { label: '二等奖', indicator: '学生技能大赛二等奖' },
        { label: '三等奖', indicator: '学生技能大赛三等奖' },
        { label: '合计', sum: [1, 3] }
      ])
    },
    {
      place: { chapter: 3, heading: '技能竞赛' },
      spec: yearRowsTable('近两年{地区}中职学校教师在省职业院校教学能力大赛获奖情况', '', '年份', [
        { label: '选送省赛数', indicator: '教学能力比赛选送省赛作品' },
        { label: '一等奖', indicator: '教学能力比赛一等奖' },
        { label: '二等奖', indicator: '教学能力比赛二等奖' },
        { label: '三等奖', indicator: '教学能力比赛三等奖' },
        { label: '合计', sum: [2, 4] },
        { label: '国赛遴选', indicator: '教学能力比赛国赛遴选作品' }
      ])
    },
    {
      place: { chapter: 3, heading: '积极开展教师培养培训' },
      spec: yearRowsTable('{上年} 和 {本年} 年{地区}中等职业学校教师参加培训情况', '', '年份 \\ 级别', [
        { label: '国家培训项目（人）', indicator: '国家级培训项目参训教师' },
        { label: '省级培训项目（人）', indicator: '省级培训项目参训教师' },
        { label: '市级培训项目（人）', indicator: '市级培训项目参训教师' },
        { label: '校级培训项目（人）', indicator: '校级培训项目参训教师' },
        { label: '其他培训项目（含网络）（人）', indicator: '其他培训项目（含网络）参训教师' }
      ])
    },
    {
      place: { chapter: 7, heading: '借力省职教城，助推职业教育改革' },
      spec: yearRowsTable(
        '职业院校中高职贯通培养三二分段试点情况',
        '',
        '年份',
        [
          { label: '中职学校 (所)', indicator: '三二分段试点中职学校数' },
          { label: '中职专业 (个)', indicator: '三二分段试点中职专业数' },
          { label: '对接高职院校 (所)', indicator: '三二分段对接高职院校数' },
          { label: '对接高职专业 (个)', indicator: '三二分段对接高职专业数' },
          { label: '提供学位数 (个)', indicator: '三二分段提供学位数' }
        ],
        { change: { label: '对比情况', decimals: 0, format: arrow(0) } }
      )
    },
    {
      place: { chapter: 10, heading: null },
      spec: {
        caption: '{本年} 年度{地区}中等职业学校编制发布年度质量报告情况汇总表',
        note: '',
        headerRows: 1,
        columnWidths: [0.6, 2.4, 1.3, 4, 1],
        rows: [[c('序号'), c('学校名称'), c('发布时间'), c('发布网址'), c('备注')], ...Array.from({ length: 3 }, (_, i) => [c(String(i + 1)), c(''), c(''), c(''), c('')])],
        merges: []
      }
    }
  ]
}

export function standardFigures(): TemplateFigure[] {
  const inds = (indicators: string[], years: ChartYear[], categoriesFrom: 'indicators' | 'years' = 'indicators', labels?: Record<string, string>): ChartSpec['source'] => ({
    kind: 'indicators',
    indicators,
    years,
    categoriesFrom,
    ...(labels ? { labels } : {})
  })
  const two = ['previous', 'current'] as const
  const three = ['beforePrevious', 'previous', 'current'] as const
  return [
    {
      place: { chapter: 1, heading: '规模和结构' },
      caption: '近两年{地区}中等职业学校学生规模对比',
      note: '',
      chart: { type: 'groupedBar', unit: '人', showLabels: true, source: inds(['students.enrolled', 'students.total', 'students.graduates'], [...two]) }
    },
    {
      place: { chapter: 2, heading: '体美育人，提升素质' },
      caption: '近两年{地区}中职学校学生体质测试合格率对比',
      note: '',
      chart: { type: 'bar', unit: '%', showLabels: true, decimals: 2, source: inds(['quality.fitness'], [...two], 'years') }
    },
    {
      place: { chapter: 2, heading: '就业工作整体平稳' },
      caption: '近三年{地区}中职学校毕业生就业对口率情况对比',
      note: '',
      chart: { type: 'line', unit: '%', showLabels: true, decimals: 2, source: inds(['employment.matched_rate'], [...three], 'years') }
    },
    {
      place: { chapter: 2, heading: '就业工作整体平稳' },
      caption: '近三年{地区}中等职业学校毕业生变化对比',
      note: '',
      chart: { type: 'groupedBar', unit: '人', showLabels: true, source: inds(['students.graduates', 'employment.employed'], [...three], 'years') }
    },
    {
      place: { chapter: 2, heading: '就业薪资持续升高' },
      caption: '{上年}-{本年} 年{地区}中等职业学校毕业生就业起薪情况',
      note: '',
      chart: { type: 'bar', unit: '元', showLabels: true, source: inds(['employment.salary'], [...two], 'years') }
    },
    {
      place: { chapter: 2, heading: '就业结构不断优化' },
      caption: '近两年{地区}中等职业学校毕业生就业分布的产业结构',
      note: '',
      chart: {
        type: 'groupedBar',
        unit: '人',
        showLabels: true,
        source: inds(['employment.primary', 'employment.secondary', 'employment.tertiary'], [...two], 'indicators', {
          'employment.primary': '第一产业',
          'employment.secondary': '第二产业',
          'employment.tertiary': '第三产业'
        })
      }
    },
    {
      place: { chapter: 2, heading: '就业结构不断优化' },
      caption: '近两年{地区}中等职业学校毕业生就业流向的区域结构',
      note: '',
      chart: {
        type: 'groupedBar',
        unit: '人',
        showLabels: true,
        source: inds(['employment.local', 'employment.elsewhere'], [...two], 'indicators', { 'employment.local': '本地就业', 'employment.elsewhere': '异地就业' })
      }
    },
    {
      place: { chapter: 2, heading: '就业满意度持续平稳' },
      caption: '{本年} 年{地区}中等职业学校毕业生就业满意度',
      note: '',
      chart: {
        type: 'pie',
        showLabels: true,
        decimals: 2,
        source: inds(['employment.satisfied', 'employment.unsatisfied', 'employment.unassessed'], ['current'], 'indicators', {
          'employment.satisfied': '满意',
          'employment.unsatisfied': '不满意',
          'employment.unassessed': '无法评估'
        })
      }
    },
    {
      place: { chapter: 2, heading: '升学情况' },
      caption: '近三年{地区}中等职业学校升入高一级学校学生情况',
      note: '',
      chart: { type: 'bar', unit: '人', showLabels: true, source: inds(['further.total'], [...three], 'years') }
    },
    {
      place: { chapter: 6, heading: '办学资金投入持续增长' },
      caption: '{地区}中等职业学校生均经费',
      note: '数据来源：全国教育经费统计年报系统',
      chart: {
        type: 'groupedBar',
        unit: '元',
        showLabels: true,
        decimals: 2,
        source: inds(['funding.per_student', 'funding.per_student_public'], ['beforePrevious', 'previous'], 'indicators', {
          'funding.per_student': '生均一般公共预算教育经费',
          'funding.per_student_public': '生均一般公共预算公用经费'
        })
      }
    }
  ]
}
