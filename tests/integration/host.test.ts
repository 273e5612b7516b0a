import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { makeReport, tempDir } from '../helpers/reports'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text: string
}

/** A raw HTTP request: the Host header and the path go out exactly as written. */
function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') })
      })
    })
    req.on('error', reject)
    if (opts.body !== undefined) req.write(opts.body)
    req.end()
  })
}

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

describe('browser host', () => {
  let host: HostProcess
  let port: number
  let auth: Record<string, string>
  const call = (name: string, input?: unknown, headers: Record<string, string> = {}) =>
    send(port, {
      method: 'POST',
      path: `/api/${name}`,
      headers: { 'Content-Type': 'application/json', ...auth, ...headers },
      body: input === undefined ? '' : JSON.stringify(input)
    })

  beforeAll(async () => {
    const file = makeReport(join(tempDir(), '清远市2021.nianbao'))
    host = await startHost([file], isolatedEnv())
    port = Number(new URL(host.url).port)
    auth = { Cookie: `nianbao_token=${host.token}` }
  })
  afterAll(async () => {
    await host?.stop()
  })

  it('listens on 127.0.0.1 only and prints its address with a long random token', () => {
    const url = new URL(host.url)
    expect(url.hostname).toBe('127.0.0.1')
    expect(host.token).toMatch(/^[0-9a-f]{48}$/)
  })

  it('refuses every request without the token', async () => {
    for (const r of [await send(port, { path: '/' }), await send(port, { path: '/index.html' }), await call('app.info', undefined, { Cookie: '' })]) {
      expect(r.status).toBe(401)
      expect(r.text).toMatch(/缺少或错误的访问令牌/)
    }
    const wrong = await send(port, { path: '/', headers: { Cookie: `nianbao_token=${'0'.repeat(48)}` } })
    expect(wrong.status).toBe(401)
    const asset = await send(port, { path: `/asset/${'a'.repeat(64)}` })
    expect(asset.status).toBe(401)
  })

  it('trades the token in the address for an HttpOnly, same-site cookie and drops it from the address', async () => {
    const r = await send(port, { path: `/?token=${host.token}` })
    expect(r.status).toBe(303)
    expect(r.headers.location).toBe('/')
    expect(String(r.headers['set-cookie'])).toBe(`nianbao_token=${host.token}; HttpOnly; SameSite=Strict; Path=/`)
    const page = await send(port, { path: '/', headers: auth })
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.text).toContain('<div id="root"></div>')
  })

  it('serves the page with a strict Content-Security-Policy', async () => {
    const page = await send(port, { path: '/', headers: auth })
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(page.headers['x-content-type-options']).toBe('nosniff')
  })

  it.each([['evil.example'], ['evil.example:PORT'], ['127.0.0.1:1'], ['localhost.evil.example:PORT']])(
    'refuses a foreign Host header (%s), even with the token',
    async (hostHeader) => {
      const r = await send(port, { path: '/', headers: { ...auth, Host: hostHeader.replace('PORT', String(port)) } })
      expect(r.status).toBe(403)
      expect(r.text).toMatch(/主机名不正确/)
      const api = await call('app.info', undefined, { Host: hostHeader.replace('PORT', String(port)) })
      expect(api.status).toBe(403)
    }
  )

  it('refuses an API call from a page of another origin', async () => {
    const r = await call('app.info', undefined, { Origin: 'http://evil.example' })
    expect(r.status).toBe(403)
    expect(r.text).toMatch(/来源不正确/)
    const same = await call('app.info', undefined, { Origin: `http://127.0.0.1:${port}` })
    expect(same.status).toBe(200)
  })

  it('answers contract calls with envelopes and refuses malformed requests', async () => {
    const ok = await call('app.info')
    expect(JSON.parse(ok.text)).toMatchObject({ ok: true, result: { transport: 'browser', nativeDialogs: false } })
    const state = JSON.parse((await call('report.state')).text)
    expect(state.result.meta.region).toBe('清远市')

    expect((await send(port, { path: '/api/app.info', headers: auth })).status).toBe(405)
    expect((await call('app.info', undefined, { 'Content-Type': 'text/plain' })).status).toBe(415)
    const badJson = await send(port, { method: 'POST', path: '/api/app.info', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"x":' })
    expect(badJson.status).toBe(400)
    expect(JSON.parse(badJson.text)).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: '请求内容无效或过大。' } })
    const badName = await send(port, { method: 'POST', path: '/api/%E0%A4%A', headers: { ...auth, 'Content-Type': 'application/json' }, body: '' })
    expect(JSON.parse(badName.text)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const invalid = JSON.parse((await call('chapter.get', { id: '../../etc' })).text)
    expect(invalid).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/^参数无效/) } })
  })

  it.each([
    '/../package.json',
    '/%2e%2e/%2e%2e/package.json',
    '/..%2f..%2fpackage.json',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd.json',
    '/index.html%00.json'
  ])('never serves a file outside the app: %s', async (path) => {
    const r = await send(port, { path, headers: auth })
    expect(r.text).not.toContain('"name": "nianbao"')
    expect(r.text).not.toContain('root:')
    expect([400, 404]).toContain(r.status)
  })

  it('serves stored images under /asset/<hash> and nothing else there', async () => {
    const put = JSON.parse((await call('asset.put', { data: PNG_1PX, name: '校园.png' })).text)
    expect(put).toMatchObject({ ok: true, result: { mime: 'image/png', width: 1, height: 1 } })
    const hash = put.result.hash as string
    const img = await send(port, { path: `/asset/${hash}`, headers: auth })
    expect(img.status).toBe(200)
    expect(img.headers['content-type']).toBe('image/png')
    expect(img.body.equals(Buffer.from(PNG_1PX, 'base64'))).toBe(true)

    expect((await send(port, { path: `/asset/${'0'.repeat(64)}`, headers: auth })).status).toBe(404)
    expect((await send(port, { path: `/asset/..%2f..%2fpackage.json`, headers: auth })).status).toBe(404)
    expect((await send(port, { path: `/asset/${hash.toUpperCase()}`, headers: auth })).status).toBe(404)
  })
})
