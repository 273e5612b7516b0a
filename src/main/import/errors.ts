import { Refusal } from '../untrusted/refusal'

/**
 * Why an import was refused. Raised anywhere in the pipeline (usually in the
 * worker) and turned into a UserError('IMPORT_FAILED', message) in main, so
 * that every refusal reaches the user as one clear Chinese sentence.
 */
export type ImportFailureKind =
  | 'not-docx'
  | 'old-doc'
  | 'damaged'
  | 'too-large'
  | 'zip-bomb'
  | 'unsafe-name'
  | 'unsafe-xml'
  | 'unsafe-link'
  | 'bad-image'
  | 'empty'
  | 'timeout'
  | 'memory'

export class ImportFailure extends Refusal<ImportFailureKind> {
  override name = 'ImportFailure'
}

export function fail(kind: ImportFailureKind, message: string): never {
  throw new ImportFailure(kind, message)
}

/** The sentence every refusal ends with: the source is untouched and nothing was created. */
export const NOTHING_CREATED = '原文件未做任何改动，也没有生成新报告。'
