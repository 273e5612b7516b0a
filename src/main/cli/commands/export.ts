import { existsSync, statSync } from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { UserError } from '@shared/errors'
import { type ExportJob, type ExportSummary, exportSummaryText } from '@shared/contract/export'
import { type Command, type CliIO, parse, requireValue } from '../io'
import { commandService } from '../service'

const USAGE = 'nianbao export 文件.nianbao [--out 输出.docx] [--json] [--quiet]'

/** Where the .docx goes: --out (".docx" added when missing), or beside the report. */
export function docxPath(report: string, out: string | undefined): string {
  if (!out) return join(dirname(report), `${basename(report, extname(report))}.docx`)
  const p = resolve(out)
  return p.toLowerCase().endsWith('.docx') ? p : `${p}.docx`
}

/** Progress lines on stderr: each stage once, counters at most every half second. */
function progressPrinter(io: CliIO): (job: ExportJob) => void {
  let lastStage = ''
  let lastAt = 0
  return ({ progress: p }) => {
    const now = Date.now()
    if (p.stage === lastStage && now - lastAt < 500) return
    lastStage = p.stage
    lastAt = now
    io.err(`[${String(Math.round(p.fraction * 100)).padStart(3)}%] ${p.label}`)
  }
}

/** Export a report to Word in the official layout. */
export const exportCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } }, USAGE)
  const file = resolve(requireValue(positionals[0], '报告文件', USAGE))
  if (positionals.length > 1) throw new UserError('BAD_INPUT', `多余的参数“${positionals[1]}”。\n用法：${USAGE}`)
  const out = docxPath(file, values.out)
  if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) {
    throw new UserError('FILE_NOT_FOUND', `找不到输出文件夹“${dirname(out)}”。`)
  }
  if (existsSync(out) && statSync(out).isDirectory()) throw new UserError('BAD_INPUT', `“${out}”是一个文件夹，请给出 .docx 文件名。`)

  const service = commandService({ input: file, output: out })
  let summary: ExportSummary
  try {
    await service.call('report', 'openDialog')
    // Drawn and written in the export worker, as in the app; progress lines while it runs.
    summary = await service.exportWord({}, values.quiet ? undefined : progressPrinter(io))
  } finally {
    await service.close()
  }
  if (values.json) {
    io.out(JSON.stringify(summary, null, 2))
  } else {
    io.out(summary.path)
    if (!values.quiet) io.err(`已导出：${summary.path}\n${exportSummaryText(summary)}`)
  }
  if (!values.quiet) for (const w of summary.warnings) io.err(`注意：${w}`)
  return 0
}
