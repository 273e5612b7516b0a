import type { ReportMeta } from '@shared/model/report'
import { writeXlsx, type WriteCell } from '../xlsx'
import type { AskedFigure } from './catalogue'
import { KIT_DATA_SHEET, KIT_META_SHEET, KIT_VERSION, kitMetaRows, type KitMeta } from './kitFormat'

/**
 * 生成填报表: the workbook a school fills in. The first sheet says how; the
 * data sheet lists the figures the report needs (grouped as the report
 * groups them), by Chinese name and unit, one column per year — last year's
 * filled in where the school's figure is known — and a 数据来源 column. The
 * input cells accept only numbers not below 0 (Excel, WPS and LibreOffice
 * say so in Chinese); everything else is protected without a password, so
 * names and units stay as the bureau wrote them.
 */
export interface KitInput {
  meta: Pick<ReportMeta, 'title' | 'region' | 'year' | 'issuer' | 'level'>
  figures: AskedFigure[]
  /** The school the kit is for; '' for a blank kit (the school writes its name). */
  school: string
  /** Last year's value of a figure for this school, when known. */
  lastYear: (figure: string) => number | undefined
}

/** What the report calls those who fill the kit in. */
export function contributorWord(level: ReportMeta['level']): { word: string; nameLabel: string } {
  return level === 'province' ? { word: '填报单位', nameLabel: '填报单位' } : { word: '学校', nameLabel: '学校名称' }
}

const HEADER_ROW = 3 // 0-based: title, name, note, header
/** Width of the instructions column in Excel's character units (a Chinese character takes about two). */
const INSTRUCTION_WIDTH = 90

/** Lines a wrapped instruction takes at that width: Excel and LibreOffice do not measure wrapped text when they open a file. */
function linesOf(row: WriteCell[]): number {
  const cell = row[0]
  const text = cell !== null && typeof cell === 'object' ? String(cell.value ?? '') : String(cell ?? '')
  let units = 0
  for (const ch of text) units += /[\u0000-\u00ff]/.test(ch) ? 1.1 : 2.1
  return Math.max(1, Math.ceil(units / (INSTRUCTION_WIDTH - 4)))
}

export function buildKit(input: KitInput): Uint8Array {
  const { meta, figures, school } = input
  const year = meta.year
  const { word, nameLabel } = contributorWord(meta.level)
  const issuer = meta.issuer || `${meta.region}教育局`

  const rows: WriteCell[][] = [
    [{ value: `${school || `${meta.region}中等职业学校`}\u3000${year} 年度质量年报数据`, style: 'title' }],
    [{ value: nameLabel, style: 'label' }, school ? { value: school, style: 'label' } : { value: null, style: 'input' }],
    [{ value: `带黄色底纹的单元格为填写处；${year - 1} 年的数值已按上次报送的数据填好，如有更正请直接修改。`, style: 'note' }],
    ['指标', '单位', `${year - 1} 年`, `${year} 年`, '数据来源'].map((v) => ({ value: v, style: 'header' as const }))
  ]
  const groupRows: number[] = []
  const kitFigures: KitMeta['figures'] = []
  let group = ''
  for (const f of figures) {
    if (f.group !== group) {
      group = f.group
      groupRows.push(rows.length)
      rows.push([{ value: group || '其他', style: 'header' }])
    }
    kitFigures.push({ row: rows.length + 1, key: f.key, name: f.name, unit: f.unit })
    const last = input.lastYear(f.key)
    rows.push([
      { value: f.name, style: 'label' },
      { value: f.unit, style: 'label' },
      { value: last ?? null, style: 'input' },
      { value: null, style: 'input' },
      { value: f.source || null, style: 'input' }
    ])
  }
  const first = HEADER_ROW + 1
  const last = rows.length - 1
  const instructions: WriteCell[][] = [
    [{ value: `${meta.title || `${meta.region}${year}年度中等职业教育质量年度报告`}——数据填报表`, style: 'title' }],
    [],
    ...[
      `本表由${issuer}用“年报”生成，用于汇总各${word}的质量年报数据${school ? `，填报单位：${school}` : ''}。`,
      `1. 请在“${KIT_DATA_SHEET}”工作表中填写带黄色底纹的单元格：${year} 年的数值必填；${year - 1} 年一列已按上次报送的数据填好，如有更正可直接修改。`,
      '2. 只能填写不小于 0 的数字（可以有小数），不要填写文字、单位、“约”“—”等；本单位没有的项目请留空，不要填 0。',
      '3. 单位以“单位”一列为准，例如教学仪器设备总值以“万元”为单位、校舍建筑面积以“平方米”为单位。',
      '4. “数据来源”一列请注明数据出处，例如“教育事业统计”“学校统计”。',
      '5. 请不要修改指标名称和单位，不要插入或删除行列，也不要改动工作表的名称（工作表已保护，填写处不受影响）。',
      school
        ? `6. 填好后请保存为 Excel 工作簿（.xlsx），文件名保持不变，交回${issuer}。`
        : `6. 请先在“${KIT_DATA_SHEET}”工作表第 2 行填写${nameLabel}，填好后保存为 Excel 工作簿（.xlsx），文件名可改为“${word === '学校' ? '学校名称' : '单位名称'}.xlsx”，交回${issuer}。`,
      '7. 汇总时会逐格检查：不是数字、负数、单位不符、与上年相差很大的数值会被列出并请您核实。'
    ].map((t): WriteCell[] => [{ value: t, style: 'note' }])
  ]
  const data = writeXlsx({
    title: `${meta.region}${year}年度质量年报数据填报表`,
    sheets: [
      {
        name: '填写说明',
        rows: instructions,
        colWidths: [INSTRUCTION_WIDTH],
        rowHeights: instructions.map((r) => linesOf(r) * 18 + 4),
        merges: []
      },
      {
        name: KIT_DATA_SHEET,
        rows,
        colWidths: [38, 9, 14, 14, 26],
        merges: [
          { top: 0, left: 0, bottom: 0, right: 4 },
          { top: 1, left: 1, bottom: 1, right: 4 },
          { top: 2, left: 0, bottom: 2, right: 4 },
          ...groupRows.map((r) => ({ top: r, left: 0, bottom: r, right: 4 }))
        ],
        numbers:
          last >= first
            ? [{ range: { top: first, left: 2, bottom: last, right: 3 }, title: '请填写数字', message: '这里只能填写不小于 0 的数字（可以有小数），不要填写文字或单位；没有的项目请留空。' }]
            : [],
        freezeRows: HEADER_ROW + 1,
        protect: true
      },
      {
        name: KIT_META_SHEET,
        hidden: 'very',
        rows: kitMetaRows({ version: KIT_VERSION, report: meta.title, region: meta.region, year, school, dataSheet: KIT_DATA_SHEET, figures: kitFigures })
      }
    ]
  })
  return data
}
