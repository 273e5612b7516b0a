/**
 * Errors a user can cause or meet (bad input, damaged file, full disk).
 * They carry a stable code for programs and a Chinese message for people;
 * anything else that escapes is a bug and is reported as INTERNAL.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'NO_REPORT_OPEN'
  | 'FILE_NOT_FOUND'
  | 'FILE_EXISTS'
  | 'NOT_A_REPORT'
  | 'DAMAGED'
  | 'NEWER_VERSION'
  | 'FILE_LOCKED'
  | 'FILE_MISSING'
  | 'DISK_FULL'
  | 'READ_ONLY'
  | 'IO_ERROR'
  | 'UNSUPPORTED'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'BAD_IMAGE'
  | 'BAD_FORMULA'
  | 'IMPORT_FAILED'
  | 'EXPORT_FAILED'
  | 'CANCELLED'
  | 'INTERNAL'

export class UserError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'UserError'
    this.code = code
  }
}

export interface ErrorPayload {
  code: ErrorCode
  message: string
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError
}

export function toErrorPayload(e: unknown): ErrorPayload {
  if (isUserError(e)) return { code: e.code, message: e.message }
  return { code: 'INTERNAL', message: '程序内部错误，请重试；如果问题持续，请联系技术支持。' }
}
