import { resolve } from 'node:path'
import type { ImportReport } from '@shared/contract/import'
import { withExt } from '../../services/files'
import { type Command, parse, requireValue } from '../io'
import { commandService } from '../service'

const USAGE = 'nianbao import 上一年报告.docx --out 新报告.nianbao [--json]'

/** Print an import report for people: counts, then every inconsistency and warning with its place. */
export function printImportReport(report: ImportReport, out: (t: string) => void): void {
  const c = report.counts
  out(`导入结果：${c.chapters} 章${c.appendices ? ` + ${c.appendices} 个附件` : ''}，${c.headings} 个小节标题，${c.cases} 个案例，${c.tables} 张表${c.appendixTables ? `（另有附表 ${c.appendixTables} 张）` : ''}，${c.figures} 幅图${c.charts ? `（其中可编辑的图表 ${c.charts} 幅）` : ''}，${c.photos} 张照片，${c.crossRefs} 处交叉引用，${c.formulas} 个公式${c.fields !== undefined ? `；正文中 ${c.fields} 个数字已改为数据字段` : ''}。`)
  const section = (title: string, list: ImportReport['warnings']) => {
    if (!list.length) return
    out('')
    out(`${title}（${list.length}）：`)
    const choice = (i: ImportReport['warnings'][number]) =>
      i.cell ? (i.cell.choice === 'printed' ? `表中保留原文数字 ${i.cell.printed}（在“导入报告”中可改为计算值 ${i.cell.computed}）。` : `表中采用计算值 ${i.cell.computed}。`) : ''
    list.forEach((i, n) => out(`${n + 1}. [${i.place}] ${i.message}${choice(i)}`))
  }
  section('原文中的不一致', report.inconsistencies)
  section('提示', report.warnings)
  section('未作为正文导入', report.dropped)
}

export const importCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, json: { type: 'boolean' } }, USAGE)
  const input = resolve(requireValue(positionals[0], '要导入的 Word 文档', USAGE))
  const out = resolve(withExt(requireValue(values.out, '输出文件 --out', USAGE)))
  const service = commandService({ input, output: out })
  let report
  try {
    report = (await service.call('import', 'docx', {}))!.report
  } finally {
    await service.close()
  }
  const path = out
  if (values.json) {
    io.out(JSON.stringify({ path, counts: report.counts, inconsistencies: report.inconsistencies, warnings: report.warnings, dropped: report.dropped }, null, 2))
  } else {
    io.err(`已导入：${path}`)
    printImportReport(report, io.out)
  }
  return 0
}
