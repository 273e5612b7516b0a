import { UserError } from '@shared/errors'
import { parseTypedNumber } from '@shared/model/format'
import { walk } from '@shared/model/doc'
import { type Command, parse, requireValue } from '../io'
import { commandService } from '../service'

const USAGE = 'nianbao set 文件.nianbao 指标 年份 数值 [--json]   （数值写“空”可清除该年的数值）'

/** Quoted figures asked for in one call at most (the contract's limit). */
const FIELDS_PER_CALL = 5000

/** Set one indicator value (by its Chinese name or key); every table, field and chart that uses it follows. */
export const setCommand: Command = async (argv, io) => {
  // A value may be negative ("-5"): only "--json" is an option here, everything else is an argument.
  const { values } = parse(argv.filter((a) => a.startsWith('--')), { json: { type: 'boolean' } }, USAGE)
  const positionals = argv.filter((a) => !a.startsWith('--'))
  const file = requireValue(positionals[0], '报告文件', USAGE)
  const name = requireValue(positionals[1], '指标名称', USAGE)
  const yearText = requireValue(positionals[2], '年份', USAGE)
  const valueText = requireValue(positionals[3], '数值', USAGE)
  if (positionals.length > 4) throw new UserError('BAD_INPUT', `参数过多。\n用法：${USAGE}`)
  const year = Number(yearText)
  if (!/^\d{4}$/.test(yearText) || year < 1900 || year > 2200) throw new UserError('BAD_INPUT', `年份“${yearText}”无效，应写成 2021 这样的四位年份。`)
  const clear = ['空', '清除', '-', ''].includes(valueText.trim())
  const value = clear ? null : parseTypedNumber(valueText)
  if (!clear && value === null) throw new UserError('BAD_INPUT', `数值“${valueText}”不是有效的数字。`)

  const service = commandService({ input: file })
  try {
    const state = (await service.call('report', 'openDialog'))!
    // Quoted figures are computed once asked for (the editor asks for an open chapter's): ask for all of
    // the report's, so that those following the new value are counted.
    const refs = new Set<string>()
    for (const c of state.chapters)
      walk((await service.call('chapter', 'get', { id: c.id })).doc, (n) => {
        if (n.type === 'dataField' && typeof n.attrs?.ref === 'string' && n.attrs.ref) refs.add(n.attrs.ref)
      })
    const all = [...refs]
    for (let i = 0; i < all.length; i += FIELDS_PER_CALL) await service.call('data', 'fields', { refs: all.slice(i, i + FIELDS_PER_CALL) })
    const delta = await service.call('data', 'setValue', { indicator: name, year, value })
    const ind = delta.indicators[0]
    const summary = {
      indicator: ind.id,
      name: ind.name,
      unit: ind.unit,
      year,
      value,
      updated: { cells: delta.cells.length, fields: delta.fields.length, figures: delta.figures.length }
    }
    const { cells, fields, figures } = summary.updated
    const followed = `更新了 ${cells} 个表格单元格、${fields} 个数据字段（正文中引用的数据）、${figures} 幅图。`
    if (values.json) io.out(JSON.stringify(summary))
    else io.err(value === null ? `已清除 ${ind.name} ${year} 年的数值；${followed}` : `已设置 ${ind.name} ${year} 年 = ${value}${ind.unit ? ` ${ind.unit}` : ''}；${followed}`)
    return 0
  } finally {
    await service.close()
  }
}
