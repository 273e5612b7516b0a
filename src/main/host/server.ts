import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { Handlers } from '@shared/api'
import { dispatch } from '../services/dispatch'
import { ASSET_CSP, servedImageType } from '../services/assets'
import type { ReportSession } from '../services/reportSession'
import { contentSecurityPolicy } from '../security'

/**
 * The browser host: the built renderer and the same service layer over HTTP,
 * on 127.0.0.1 only. Every request needs the access token (from the URL once,
 * then a same-site cookie, or a header) and a Host header naming this server,
 * so neither other local users' pages nor DNS rebinding can reach a report.
 */
export interface HostOptions {
  handlers: Handlers
  session: ReportSession
  rendererDir: string
  port?: number
  token?: string
  log?: (e: unknown) => void
}

export interface RunningHost {
  server: Server
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const MAX_BODY = 90 * 1024 * 1024
const COOKIE = 'nianbao_token'
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon'
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === COOKIE) return v.join('=')
  }
  return null
}

/** A malformed %-escape is a bad request, not a server error. */
function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s)
  } catch {
    return null
  }
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra
  })
  res.end(body)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('hex')
  const log = options.log ?? console.error
  const root = normalize(options.rendererDir)
  const csp = contentSecurityPolicy("'self'")
  let port = 0

  const authorised = (req: IncomingMessage, url: URL): 'ok' | 'url' | false => {
    const header = req.headers['x-nianbao-token']
    if (typeof header === 'string' && sameToken(header, token)) return 'ok'
    const cookie = cookieToken(req)
    if (cookie && sameToken(cookie, token)) return 'ok'
    const q = url.searchParams.get('token')
    if (q && sameToken(q, token)) return 'url'
    return false
  }

  const server = createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? ''
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, '拒绝访问：主机名不正确。')
      const url = new URL(req.url ?? '/', `http://${host}`)
      const auth = authorised(req, url)
      if (!auth) return send(res, 401, '拒绝访问：缺少或错误的访问令牌。请使用启动时显示的完整地址。')
      if (auth === 'url') {
        // Trade the token in the address for a cookie and drop it from the address bar.
        url.searchParams.delete('token')
        return send(res, 303, '', 'text/plain', {
          Location: url.pathname + (url.search || ''),
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
        })
      }

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, '只接受 POST 请求。')
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, '请求格式必须是 JSON。')
        const origin = req.headers.origin
        if (origin && origin !== `http://${host}`) return send(res, 403, '拒绝访问：来源不正确。')
        let body: unknown
        try {
          const text = await readBody(req)
          body = text ? JSON.parse(text) : undefined
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: '请求内容无效或过大。' } }), 'application/json; charset=utf-8')
        }
        const envelope = await dispatch(options.handlers, safeDecode(url.pathname.slice(5)) ?? '', body, log)
        return send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8')
      }

      if (url.pathname.startsWith('/asset/')) {
        const hash = url.pathname.slice(7)
        const report = options.session.report
        const asset = /^[a-f0-9]{64}$/.test(hash) && report ? report.store.getAsset(hash) : null
        if (!asset) return send(res, 404, '找不到图片。')
        return send(res, 200, asset.bytes, servedImageType(asset.mime), { 'Cache-Control': 'private, max-age=31536000, immutable', 'Content-Security-Policy': ASSET_CSP })
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '不支持的请求。')
      let rel = safeDecode(url.pathname)
      if (rel === null || rel.includes('\u0000')) return send(res, 400, '请求地址无效。')
      if (rel === '/' || !extname(rel)) rel = '/index.html'
      const file = normalize(join(root, rel))
      if (!file.startsWith(root + sep)) return send(res, 404, '找不到页面。')
      try {
        if (!(await stat(file)).isFile()) return send(res, 404, '找不到页面。')
      } catch {
        return send(res, 404, '找不到页面。')
      }
      const data = await readFile(file)
      const type = TYPES[extname(file)] ?? 'application/octet-stream'
      return send(res, 200, data, type, type.startsWith('text/html') ? { 'Content-Security-Policy': csp } : { 'Cache-Control': 'no-cache' })
    } catch (e) {
      log(e)
      if (!res.headersSent) send(res, 500, '服务器内部错误。')
      else res.end()
    }
  })

  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e)
    })
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const addr = server.address()
      port = typeof addr === 'object' && addr ? addr.port : 0
      resolve({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () => new Promise<void>((r) => server.close(() => r()))
      })
    })
  })
}
