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
    // Every chart with the numbers it shows, and where they come from (a table, its own data sheet, indicators).
    const tableNumber = new Map(state.numbering.tables.map((t) => [t.id, t.number]))
    const charts = (await service.call('data', 'charts')).flatMap((f) =>
      f.chart && f.data
        ? [
            {
              id: f.id,
              number: f.number,
              caption: f.caption,
              type: f.chart.type,
              source: f.chart.source.kind,
              ...(f.chart.source.kind === 'table' ? { table: tableNumber.get(f.chart.source.tableId) ?? null, range: f.chart.source.range } : {}),
              ...(f.chart.source.kind === 'sheet' ? { sheet: f.chart.source.tableId } : {}),
              categories: f.data.categories,
              series: f.data.series,
              ...(f.data.error ? { error: f.data.error } : {})
            }
          ]
        : []
    )
    if (values.json) {
      io.out(JSON.stringify({ year: data.year, indicators: list, charts }, null, 2))
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
    if (charts.length) io.out(`\n图表（${charts.length} 幅）`)
    for (const c of charts) {
      const from = c.source === 'table' ? `数据来自${'table' in c && c.table ? `表 ${c.table}` : '附表'}` : c.source === 'sheet' ? '数据在图表自己的数据表中' : '数据来自指标'
      io.out(`  ${c.number ? `图 ${c.number}` : '附图'} ${c.caption}（${from}）`)
      if (c.error) io.out(`    ！${c.error}`)
      for (const s of c.series) io.out(`    ${s.name || '（未命名系列）'}：${c.categories.map((cat, k) => `${cat} ${s.values[k] ?? '（空）'}`).join('，')}`)
    }
    return 0
  } finally {
    await service.close()
  }
}
