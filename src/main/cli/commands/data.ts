import { type Command, parse, requireValue } from '../io'
import { commandService } from '../service'

const USAGE = 'nianbao data 文件.nianbao [--json]'

/** Every indicator with its unit, source and values per year. */
export const dataCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, USAGE)
  const service = commandService({ input: requireValue(positionals[0], '报告文件', USAGE) })
  try {
    // Listing never changes the file (an older report is read as it is, a read-only one can be listed).
    const state = (await service.call('report', 'openDialog', { readOnly: true }))!
    const chapterTitle = new Map(state.numbering.chapters.map((c) => [c.id, c.number ? `${c.number} ${c.title}` : c.title]))
    const data = await service.call('data', 'overview')
    const list = data.indicators.map((i) => ({
      key: i.id,
      name: i.name,
      unit: i.unit,
      group: i.group,
      chapter: i.chapterId ? (chapterTitle.get(i.chapterId) ?? null) : null,
      source: i.source,
      values: i.values
    }))
    if (values.json) {
      io.out(JSON.stringify({ year: data.year, indicators: list }, null, 2))
      return 0
    }
    io.out(`数据年度：${data.year} 年，${list.length} 个指标`)
    let group = ''
    for (const i of list) {
      const g = `${i.chapter ?? '其他'} · ${i.group || '未分组'}`
      if (g !== group) {
        io.out(`\n${g}`)
        group = g
      }
      const vals = Object.entries(i.values)
        .map(([y, v]) => `${y}：${v}`)
        .join('，')
      io.out(`  ${i.name}${i.unit ? `（${i.unit}）` : ''}  ${vals || '（未填写）'}`)
    }
    return 0
  } finally {
    await service.close()
  }
}
