import type { ErrorCode } from '@shared/errors'

/** A failed call, with the stable code and the Chinese message from main. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The Chinese message to show for a failed call (main's own, or a general one). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  return '操作失败，请重试。'
}
