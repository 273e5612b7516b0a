import { resolve } from 'node:path'
import type { FilePreview, IntakeAcceptResult, IntakePreview } from '@shared/contract/intake'
import { UserError } from '@shared/errors'
import { plainNumber } from '@shared/model/format'
import { commandService } from '../service'
import { type Command, parse } from '../io'

const USAGE = 'nianbao intake 报告.nianbao 文件… [--check] [--json]'

const KIND: Record<string, string> = { kit: '填报表', workbook: '工作簿', report: '年报报告', docx: 'Word 文档' }

/** What was read, per file and school, for people. */
export function printPreview(p: IntakePreview, out: (t: string) => void): void {
  for (const f of p.files) printFile(f, p.word, out)
}

function printFile(f: FilePreview, word: string, out: (t: string) => void): void {
  if (f.refused) {
    out(`✘ ${f.fileName}：${f.refused}`)
    return
  }
  out(`✔ ${f.fileName}（${KIND[f.kind ?? ''] ?? ''}）`)
  for (const i of f.issues) out(`    [${i.place}] ${i.message}`)
  for (const s of f.schools) {
    const counts = [`读取 ${s.values.length} 个数值`, s.missing.length ? `本年缺 ${s.missing.length} 项` : '本年各项齐全', s.errors ? `${s.errors} 处错误（未读取）` : '', s.warnings ? `${s.warnings} 处请核实` : '', s.cases.length ? `${s.cases.length} 个案例` : '']
    out(`  ${word}：${s.name}${s.sheet ? `（工作表“${s.sheet}”）` : ''} — ${counts.filter(Boolean).join('，')}`)
    for (const i of s.issues.filter((x) => x.severity !== 'note' || !/不是本报告汇总的指标/.test(x.message))) out(`    ${i.severity === 'error' ? '错误' : i.severity === 'warning' ? '核实' : '说明'} [${i.place}] ${i.message}`)
  }
}

function printAccepted(r: IntakeAcceptResult, out: (t: string) => void): void {
  const t = r.taken
  out('')
  out(`已接收 ${t.files} 个文件：${t.schools} 个${r.overview.word}、${t.values} 个数值、${t.cases} 个案例。`)
  out(`汇总结果（${r.overview.year} 年）：`)
  for (const c of r.overview.compiled) {
    if (c.value === null) continue
    const typedOver = c.reportValue !== null && c.reportValue !== c.value ? `（报告中为手工填写的 ${plainNumber(c.reportValue)}，未覆盖）` : ''
    out(`  ${c.name} ${plainNumber(c.value)}${c.unit && c.unit !== '—' ? ` ${c.unit}` : ''}\u3000${c.rule}，${c.contributors} 个${r.overview.word}${typedOver}`)
  }
}

/**
 * 汇总学校数据: read the files schools sent, say per school and per cell
 * what was read and what was refused, and take what could be read into the
 * report (with --check, nothing is stored). Exit code 1 when a file was
 * refused (the others are still taken) or nothing could be taken.
 */
export const intakeCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { check: { type: 'boolean' }, json: { type: 'boolean' } }, USAGE)
  const [report, ...files] = positionals
  if (!report) throw new UserError('BAD_INPUT', `缺少报告文件。\n用法：${USAGE}`)
  if (files.length === 0) throw new UserError('BAD_INPUT', `请给出要汇总的文件（填报表、工作簿、学校的年报报告或 Word 文档）。\n用法：${USAGE}`)
  const s = commandService({ input: resolve(report), intakeFiles: files.map((f) => resolve(f)) })
  try {
    await s.call('report', 'openDialog')
    const preview = (await s.call('intake', 'read', { source: 'dialog' }))!
    const refused = preview.files.filter((f) => f.refused).length
    const readable = preview.files.length - refused
    let accepted: IntakeAcceptResult | null = null
    if (!values.check && readable > 0) accepted = await s.call('intake', 'accept', {})
    if (values.json) {
      io.out(JSON.stringify({ year: preview.year, files: preview.files, taken: accepted?.taken ?? null, contributors: accepted?.overview.contributors ?? null, compiled: accepted?.overview.compiled ?? null }, null, 2))
    } else {
      printPreview(preview, io.out)
      if (accepted) printAccepted(accepted, io.out)
      else if (values.check) io.err('（只检查，没有写入报告。）')
    }
    if (readable === 0) io.err('没有可以接收的文件，报告没有改动。')
    else if (refused) io.err(`${refused} 个文件没能读取（见上），其余文件${values.check ? '可以接收' : '已接收'}。`)
    return refused ? 1 : 0
  } finally {
    // The workers that read the files are kept a while for the next read, unref'd: they do not keep the command running.
    await s.close()
  }
}
