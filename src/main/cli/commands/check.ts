import { RULE_LABEL, SEVERITY_LABEL, type Finding } from '@shared/check/types'
import { type Command, parse, requireValue } from '../io'
import { commandService } from '../service'

const USAGE = 'nianbao check 文件.nianbao [--json]'

/**
 * 体检 of a report from the command line: the same check as the app's panel,
 * read-only (the file is never written, not even migrated).
 */
export const checkCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, USAGE)
  const service = commandService({ input: requireValue(positionals[0], '报告文件', USAGE) })
  try {
    // Through the contract, as the app's 体检 panel asks; opened read-only, so the file is never written.
    const report = await service.call('report', 'openDialog', { readOnly: true })
    if (!report) throw new Error('report.openDialog returned nothing for a named file')
    const meta = report.meta
    const result = await service.call('check', 'run')
    const chapterOf = (f: Finding) => f.place.label.split(' › ')[0] || '全文'
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            file: report.fileName,
            title: meta.title,
            year: meta.year,
            counts: result.counts,
            settings: result.settings,
            findings: result.findings.map((f) => ({
              id: f.id,
              severity: f.severity,
              rule: f.rule,
              place: f.place.label,
              chapterId: f.place.chapterId,
              sentence: f.place.sentence ?? null,
              numbers: f.numbers,
              expected: f.expected ?? null,
              fix: f.fix ? f.fix.text : null,
              message: f.message,
              others: f.others ?? [],
              verified: f.verified ?? null
            })),
            proposals: result.proposals.map((p) => ({ id: p.id, place: p.label, text: p.text, kind: p.kind, name: p.name, source: p.source, year: p.year, ref: p.ref, format: p.format, sure: p.sure })),
            ms: result.ms
          },
          null,
          2
        )
      )
      return 0
    }
    const c = result.counts
    io.out(`体检：${meta.title}（${meta.year} 年度）`)
    io.out(`错误 ${c.error} 处，请核实 ${c.verify} 处，提示 ${c.hint} 处${c.verified ? `，已核实 ${c.verified} 处` : ''}；可改为数据字段的数字 ${c.proposals} 个。`)
    let group = ''
    for (const f of result.findings) {
      const g = f.verified ? '已核实' : chapterOf(f)
      if (g !== group) {
        io.out(`\n${g}`)
        group = g
      }
      const where = f.place.label.split(' › ').slice(1).join(' › ')
      io.out(`  [${f.verified ? `已核实 ${f.verified.by}` : SEVERITY_LABEL[f.severity]}] ${RULE_LABEL[f.rule]}${where ? ` · ${where}` : ''}`)
      if (f.place.sentence) io.out(`    “${f.place.sentence}”`)
      io.out(`    ${f.message}${f.expected ? `应为 ${f.expected}。` : ''}`)
    }
    if (result.proposals.length) {
      io.out('\n可改为数据字段的数字（在年报的“体检”中采用）')
      for (const p of result.proposals) io.out(`  ${p.label}：“${p.text}” → ${p.name}（${p.source}）${p.sure ? '' : '（请确认）'}`)
    }
    return 0
  } finally {
    await service.close()
  }
}
