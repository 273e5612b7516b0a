import { api as contract, type NianbaoApi } from '@shared/api'
import type { ErrorCode } from '@shared/errors'
import type { NianbaoTransport } from '@shared/transport'
import { createHttpTransport } from './httpTransport'
import { ApiError } from './errors'

// Errors live apart from the client (which needs a window), so plain-TypeScript controllers can use them under Node.
export { ApiError, errorMessage } from './errors'

declare global {
  interface Window {
    nianbao?: NianbaoTransport
  }
}

export const transport: NianbaoTransport = window.nianbao ?? createHttpTransport()

function unwrap(b: NianbaoTransport): NianbaoApi {
  const client: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {}
  for (const [group, methods] of Object.entries(contract)) {
    client[group] = {}
    for (const method of Object.keys(methods)) {
      const call = (b as unknown as Record<string, Record<string, (input?: unknown) => Promise<{ ok: boolean; result?: unknown; error?: { code: ErrorCode; message: string } }>>>)[group][method]
      client[group][method] = async (input?: unknown) => {
        const env = await call(input)
        if (env.ok) return env.result
        throw new ApiError(env.error?.code ?? 'INTERNAL', env.error?.message ?? '操作失败。')
      }
    }
  }
  return client as unknown as NianbaoApi
}

/** The typed client: `await api.report.create({...})`; failures throw ApiError. */
export const api: NianbaoApi = unwrap(transport)
