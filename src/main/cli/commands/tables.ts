import { tableLabel } from '@shared/model/numbering'
import { type Command, parse, requireValue } from '../io'
import { commandService } from '../service'

const USAGE = 'nianbao tables 文件.nianbao [--json]'

/** Every report table in order, with its number, caption and cells as displayed. */
export const tablesCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, USAGE)
  const service = commandService({ input: requireValue(positionals[0], '报告文件', USAGE) })
  try {
    // Listing never changes the file (an older report is read as it is, a read-only one can be listed).
    await service.call('report', 'openDialog', { readOnly: true })
    // The report's tables in order, then the data sheets of its charts (图 2-1 的数据), which only the chart dialog shows.
    const sheets = await service.call('data', 'chartSheets')
    const tables = [...(await service.call('data', 'tables')).map((t) => ({ t, figure: undefined as string | null | undefined })), ...sheets.map(({ table, figure }) => ({ t: table, figure }))]
    const out = tables.map(({ t, figure }) => {
      const errors = t.rows.flatMap((r, row) => r.flatMap((c, col) => (c.error ? [{ row: row + 1, col: col + 1, text: c.text, message: c.error }] : [])))
      return {
        id: t.id,
        number: t.number,
        ...(figure !== undefined ? { figure } : {}),
        caption: t.caption,
        note: t.note,
        headerRows: t.headerRows,
        rows: t.rows.map((r) => r.map((c) => c.text)),
        merges: t.merges,
        ...(errors.length ? { errors } : {})
      }
    })
    if (values.json) {
      io.out(JSON.stringify(out, null, 2))
      return 0
    }
    if (out.length === 0) io.out('这个报告中没有表格。')
    for (const t of out) {
      io.out('figure' in t ? `${t.figure ? `图 ${t.figure}` : '附图'}的数据表 ${t.caption}` : `${tableLabel(t.number)} ${t.caption}`)
      for (const r of t.rows) io.out(`  ${r.join(' | ')}`)
      if (t.note) io.out(`  ${t.note}`)
      for (const e of t.errors ?? []) io.out(`  ！第 ${e.row} 行第 ${e.col} 列：${e.message}`)
      io.out('')
    }
    return 0
  } finally {
    await service.close()
  }
}
