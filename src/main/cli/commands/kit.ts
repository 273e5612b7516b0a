import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { UserError } from '@shared/errors'
import { commandService } from '../service'
import { type Command, parse, requireValue } from '../io'

const USAGE = 'nianbao kit 报告.nianbao --out 文件夹 [--schools 名单.txt] [--json]'

/** 名单.txt: one school a line (UTF-8, or GBK as Windows Notepad saves it); empty lines and # comments are skipped. */
export function readRoster(path: string): string[] {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch {
    throw new UserError('FILE_NOT_FOUND', `找不到名单文件“${path}”。`)
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('gbk').decode(bytes)
  }
  const names = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*\d+[.、)]\s*/, '').trim())
    .filter((l) => l && !l.startsWith('#'))
  if (names.length === 0) throw new UserError('BAD_INPUT', `名单文件“${path}”中没有学校名称（每行写一个）。`)
  const long = names.find((n) => n.length > 60)
  if (long) throw new UserError('BAD_INPUT', `名单中的“${long.slice(0, 20)}…”太长，名称不能超过 60 个字符。`)
  return names
}

/** 生成填报表: one workbook per school on the list (or one blank workbook) in the folder given. */
export const kitCommand: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, schools: { type: 'string' }, json: { type: 'boolean' } }, USAGE)
  const file = resolve(requireValue(positionals[0], '报告文件', USAGE))
  const out = resolve(requireValue(values.out, '输出文件夹 --out', USAGE))
  const schools = values.schools ? readRoster(resolve(values.schools)) : []
  const service = commandService({ input: file, folder: out })
  let result
  try {
    await service.call('report', 'openDialog')
    result = await service.call('intake', 'kit', { schools })
  } finally {
    await service.close()
  }
  if (!result) throw new UserError('CANCELLED', '没有生成填报表。')
  if (values.json) io.out(JSON.stringify(result))
  else {
    io.err(`已生成 ${result.files.length} 份填报表（每份 ${result.figures} 项指标），保存在：${result.dir}`)
    for (const f of result.files) io.out(f)
  }
  return 0
}
