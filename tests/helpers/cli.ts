import { spawnSync, type SpawnSyncOptions } from 'node:child_process'
import { join } from 'node:path'

export const BIN = join(__dirname, '..', '..', 'bin', 'nianbao.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Run the built `nianbao` command (the build in NIANBAO_OUT) as a user would. */
export function nianbao(args: string[], options: SpawnSyncOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, ...options })
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') }
}

/** What a stack trace looks like; user errors must never print one. */
export const STACK_TRACE = /^\s+at .+[:(]\d+:\d+\)?$/m
