import { api, type Envelope, type MainEvent } from '@shared/api'
import type { NianbaoTransport } from '@shared/transport'

/** Calls that must reach main even while the page is closing. */
const KEEPALIVE = new Set(['chapter.save'])
const KEEPALIVE_LIMIT = 60_000

/**
 * The browser host's transport: each contract call is a POST to /api/<name>
 * on the page's own origin; the access token travels as a same-site cookie.
 */
export function createHttpTransport(): NianbaoTransport {
  const transport: Record<string, unknown> = {}
  for (const [group, methods] of Object.entries(api)) {
    const g: Record<string, (input?: unknown) => Promise<Envelope<unknown>>> = {}
    for (const method of Object.keys(methods)) {
      const name = `${group}.${method}`
      g[method] = async (input?: unknown) => {
        let res: Response
        try {
          const body = input === undefined ? '' : JSON.stringify(input)
          res = await fetch(`/api/${name}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body,
            credentials: 'same-origin',
            // Saves sent while the page unloads still arrive; browsers allow such requests up to 64 KB.
            keepalive: KEEPALIVE.has(name) && body.length < KEEPALIVE_LIMIT && new TextEncoder().encode(body).length < KEEPALIVE_LIMIT
          })
        } catch {
          return { ok: false, error: { code: 'IO_ERROR', message: '无法连接到年报服务，请确认它仍在运行。' } }
        }
        if (res.status === 401) return { ok: false, error: { code: 'BAD_INPUT', message: '访问令牌无效，请使用启动时显示的完整地址重新打开。' } }
        try {
          return (await res.json()) as Envelope<unknown>
        } catch {
          return { ok: false, error: { code: 'IO_ERROR', message: `年报服务返回了无效的应答（${res.status}）。` } }
        }
      }
    }
    transport[group] = g
  }
  transport.onEvent = (_listener: (e: MainEvent) => void) => () => {}
  transport.assetUrl = (hash: string) => `/asset/${encodeURIComponent(hash)}`
  transport.transport = 'browser'
  return transport as NianbaoTransport
}
