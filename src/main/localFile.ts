import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { UserError, type ErrorCode } from '@shared/errors'

export interface LocalFile {
  bytes: Uint8Array
  fileName: string
  /** When the file was last changed (ISO). */
  modified: string
}

export interface LocalFileRules {
  maxBytes: number
  /** The sentence when the path is a folder or a device (the file's name given). */
  notAFile(name: string): string
  /** The error code of that refusal (default BAD_INPUT). */
  notAFileCode?: ErrorCode
  /** The sentence when the file is larger than maxBytes. */
  tooLarge(name: string, size: number): string
}

/**
 * A file the user named (dialog, command line, workspace list): a plain
 * file, no larger than the rules allow — both checked before a byte is read
 * — read whole. Every refusal is a UserError with a Chinese sentence.
 */
export function readLocalFile(path: string, rules: LocalFileRules): LocalFile {
  const name = basename(path)
  let st
  try {
    st = statSync(path)
  } catch {
    throw new UserError('FILE_NOT_FOUND', `找不到文件“${name}”。`)
  }
  if (!st.isFile()) throw new UserError(rules.notAFileCode ?? 'BAD_INPUT', rules.notAFile(name))
  if (st.size > rules.maxBytes) throw new UserError('TOO_LARGE', rules.tooLarge(name, st.size))
  try {
    return { bytes: readFileSync(path), fileName: name, modified: st.mtime.toISOString() }
  } catch (e) {
    throw new UserError('IO_ERROR', `无法读取“${name}”（${(e as NodeJS.ErrnoException).code ?? '未知错误'}）。`)
  }
}
