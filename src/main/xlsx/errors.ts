import { Refusal } from '../untrusted/refusal'

/**
 * Why a workbook was refused: one Chinese sentence for the user, and a kind
 * for tests and callers that react to it (an intake reports it per file).
 */
export type XlsxFailureKind =
  | 'not-xlsx'
  | 'old-xls'
  | 'empty'
  | 'damaged'
  | 'too-large'
  | 'zip-bomb'
  | 'unsafe-name'
  | 'unsafe-xml'
  | 'external-link'
  | 'macro'
  | 'too-many-rows'
  | 'too-many-cells'

export class XlsxFailure extends Refusal<XlsxFailureKind> {
  override name = 'XlsxFailure'
}

export function fail(kind: XlsxFailureKind, message: string): never {
  throw new XlsxFailure(kind, message)
}
