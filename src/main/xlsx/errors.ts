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

export class XlsxFailure extends Error {
  constructor(
    readonly kind: XlsxFailureKind,
    message: string
  ) {
    super(message)
    this.name = 'XlsxFailure'
  }
}

export function fail(kind: XlsxFailureKind, message: string): never {
  throw new XlsxFailure(kind, message)
}

export function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`
}
