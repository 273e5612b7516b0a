import { resolve } from 'node:path'
import { NewReportInput } from '@shared/api'
import { UserError } from '@shared/errors'
import { type Command, parse, requireValue } from '../io'
import { commandService } from '../service'

const USAGE = 'nianbao new --template city|province|school --region 地区 --year 年份 --out 文件.nianbao [--issuer 编制单位] [--title 标题]'

export const newCommand: Command = async (argv, io) => {
  const { values } = parse(
    argv,
    {
      template: { type: 'string' },
      region: { type: 'string' },
      year: { type: 'string' },
      issuer: { type: 'string' },
      title: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' }
    },
    USAGE
  )
  const out = requireValue(values.out, '输出文件 --out', USAGE)
  const year = Number(requireValue(values.year, '数据年度 --year', USAGE))
  // Checked here first (the call checks again) to name the option that is wrong the way a command line says it.
  const input = NewReportInput.safeParse({
    template: requireValue(values.template, '模板 --template', USAGE),
    region: requireValue(values.region, '地区 --region', USAGE),
    year: Number.isInteger(year) ? year : -1,
    issuer: values.issuer,
    title: values.title
  })
  if (!input.success) {
    const issue = input.error.issues[0]
    const field = String(issue.path[0] ?? '')
    const hint =
      field === 'template' ? '模板只能是 city（地市级）、province（省级）或 school（学校）' : field === 'year' ? '年份应是 2000 至 2100 之间的整数' : issue.message
    throw new UserError('BAD_INPUT', `参数无效：${hint}。\n用法：${USAGE}`)
  }
  const path = resolve(out.toLowerCase().endsWith('.nianbao') ? out : `${out}.nianbao`)
  const service = commandService({ output: path })
  let meta
  try {
    meta = (await service.call('report', 'create', input.data))!.meta
  } finally {
    await service.close()
  }
  if (values.json) io.out(JSON.stringify({ path, title: meta.title, template: meta.template, year: meta.year }))
  else io.err(`已创建报告：${path}`)
  return 0
}
