import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UserError } from '@shared/errors'

/** What a command may use of the outside world, so tests can run commands in-process. */
export interface CliIO {
  out: (text: string) => void
  err: (text: string) => void
  env: NodeJS.ProcessEnv
}

export type Command = (argv: string[], io: CliIO) => Promise<number>

/** Parse options, turning every mistake into a Chinese message (exit code 1). */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    const unknown = /Unknown option '([^']+)'/.exec(msg)
    // Node says "Option '--out <value>' argument missing": name the option only.
    const missing = /Option '(-[^\s',]+)[^']*' argument missing/.exec(msg)
    const detail = unknown ? `未知的选项 ${unknown[1]}` : missing ? `选项 ${missing[1]} 缺少取值` : '参数有误'
    throw new UserError('BAD_INPUT', `${detail}。\n用法：${usage}`)
  }
}

export function requireValue(v: string | undefined, what: string, usage: string): string {
  if (!v) throw new UserError('BAD_INPUT', `缺少${what}。\n用法：${usage}`)
  return v
}
