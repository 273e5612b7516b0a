import { existsSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { UserError } from '@shared/errors'
import { readLocalFile } from '../localFile'
import type { ImportReport } from '@shared/contract/import'
import { ImportFailure, NOTHING_CREATED } from './errors'
import { DEFAULT_LIMITS, mb, type ImportLimits } from './limits'
import type { ImportedReport } from './model'
import { runImport } from './runner'
import { writeImportedReport, type WriteOptions } from './write'

/**
 * Import as the app, the CLI and the sample use it: read the source (never
 * written), analyse it in the worker, write the new report. Every refusal is
 * a UserError('IMPORT_FAILED') whose message ends by saying nothing changed.
 */
export interface ImportSource {
  bytes: Uint8Array
  fileName: string
}

export interface ImportOptions extends WriteOptions {
  limits?: Partial<ImportLimits>
  workerFile?: string
}

export function asUserError(e: unknown): unknown {
  if (e instanceof ImportFailure) return new UserError(e.kind === 'too-large' ? 'TOO_LARGE' : 'IMPORT_FAILED', `${e.message}${NOTHING_CREATED}`)
  return e
}

/** Read a .docx from disk, refusing what is not a plain file or is too large, before reading a byte. */
export function readDocxFile(path: string, limits: Partial<ImportLimits> = {}): ImportSource {
  const max = limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes
  const { bytes, fileName } = readLocalFile(path, {
    maxBytes: max,
    notAFile: (name) => `“${name}”不是文件，无法导入。`,
    notAFileCode: 'IMPORT_FAILED',
    tooLarge: (name, size) => `文件“${name}”太大（${mb(size)}），导入的 Word 文档不能超过 ${mb(max)}。${NOTHING_CREATED}`
  })
  return { bytes, fileName }
}

/** Analyse a .docx in the worker; failures become UserErrors. */
export async function analyse(src: ImportSource, options: ImportOptions = {}): Promise<ImportedReport> {
  try {
    return await runImport(src.bytes, src.fileName, { limits: options.limits, now: options.now?.(), workerFile: options.workerFile })
  } catch (e) {
    throw asUserError(e)
  }
}

export function checkTarget(outPath: string): void {
  if (existsSync(outPath)) throw new UserError('FILE_EXISTS', `文件“${basename(outPath)}”已存在，请换一个文件名。`)
  if (!existsSync(dirname(outPath))) throw new UserError('FILE_NOT_FOUND', `保存位置“${dirname(outPath)}”不存在。`)
}

/** Import `src` into a new report at `outPath`. */
export async function importToFile(src: ImportSource, outPath: string, options: ImportOptions = {}): Promise<{ path: string; report: ImportReport; imported: ImportedReport }> {
  checkTarget(outPath)
  const imported = await analyse(src, options)
  writeImportedReport(outPath, imported, options)
  return { path: outPath, report: imported.report, imported }
}
