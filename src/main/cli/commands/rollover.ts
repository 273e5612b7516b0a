import { resolve } from 'node:path'
import { UserError } from '@shared/errors'
import { withExt } from '../../services/files'
import { type Command, parse, requireValue } from '../io'
import { commandService } from '../service'
import { printImportReport } from './import'

const USAGE = 'nianbao rollover 上一年报告.nianbao|上一年报告.docx --year 年度 --out 新报告.nianbao [--json]'

/** 从上一年报告新建: this year's report from last year's .nianbao or .docx. */
export const rolloverCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { year: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } }, USAGE)
  const input = resolve(requireValue(positionals[0], '上一年的报告（.nianbao 或 .docx）', USAGE))
  const year = Number(requireValue(values.year, '新报告的数据年度 --year', USAGE))
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UserError('BAD_INPUT', `年度应是 2000 至 2100 之间的整数。\n用法：${USAGE}`)
  const out = resolve(withExt(requireValue(values.out, '输出文件 --out', USAGE)))
  if (!/\.(docx|nianbao)$/i.test(input)) throw new UserError('BAD_INPUT', `只能从 .nianbao 报告或 .docx 文档新建。\n用法：${USAGE}`)
  const service = commandService({ input, output: out })
  let report
  try {
    report = (await service.call('rollover', 'create', { source: 'dialog', year }))!.report
  } finally {
    await service.close()
  }
  const path = out
  if (values.json) {
    io.out(JSON.stringify({ path, year, rollover: report.rollover, counts: report.counts, inconsistencies: report.inconsistencies, warnings: report.warnings }, null, 2))
  } else {
    io.err(`已新建 ${year} 年度报告：${path}`)
    printImportReport(report, io.out)
  }
  return 0
}
