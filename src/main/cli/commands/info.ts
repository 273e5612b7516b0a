import { LEVEL_NAMES } from '@shared/model/report'
import { type Command, parse, requireValue } from '../io'
import { commandService } from '../service'

const USAGE = 'nianbao info 文件.nianbao [--json]'

/** Title, template, counts and the numbered outline of a report. */
export const infoCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, USAGE)
  const service = commandService({ input: requireValue(positionals[0], '报告文件', USAGE) })
  let state
  try {
    // Reading must never change the file (e.g. upgrade an old report an older Nianbao still needs).
    state = (await service.call('report', 'openDialog', { readOnly: true }))!
  } finally {
    await service.close()
  }

  const { numbering, meta } = state
  const headingsOf = (chapterId: string) => numbering.headings.filter((h) => h.chapterId === chapterId)
  const outline = numbering.chapters.flatMap((c) => [
    { level: 1, number: c.number, title: c.title },
    ...headingsOf(c.id).map((h) => ({ level: h.depth, number: h.number, title: h.text }))
  ])
  const summary = {
    title: meta.title,
    template: meta.template,
    level: meta.level,
    region: meta.region,
    year: meta.year,
    issuer: meta.issuer,
    // Numbered chapters (1 基本情况 … 9 …) and, apart, the appendices (附件).
    chapters: numbering.chapters.filter((c) => c.number !== null).length,
    appendices: numbering.chapters.filter((c) => c.number === null).length,
    headings: numbering.headings.length,
    cases: numbering.cases.length,
    tables: numbering.tables.length,
    figures: numbering.figures.length,
    words: state.words,
    outline
  }
  if (values.json) {
    io.out(JSON.stringify(summary, null, 2))
    return 0
  }
  io.out(`${meta.title}`)
  io.out(`${LEVEL_NAMES[meta.level]}报告 · ${meta.region} · ${meta.year} 年度 · ${meta.issuer}`)
  const appendixText = summary.appendices ? ` + 附件 ${summary.appendices}` : ''
  io.out(`${summary.chapters} 章${appendixText}，${summary.headings} 个小节，${summary.cases} 个案例，${summary.tables} 张表，${summary.figures} 幅图，${summary.words} 字`)
  io.out('')
  for (const o of outline) io.out(`${'  '.repeat(o.level - 1)}${o.number ? `${o.number} ` : ''}${o.title}`)
  return 0
}
