/**
 * Stored images are served by the browser host as images only. A report file
 * is a document from outside: one whose asset row claims text/html would,
 * served as such, run its script on the host's origin (with the access
 * cookie), so the type is restricted to images and the response sandboxed.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { AppState } from '../../src/main/services/appState'
import { createService } from '../../src/main/services/service'
import { startHost, type RunningHost } from '../../src/main/host/server'
import { makeReport, tempDir } from '../helpers/reports'

let host: RunningHost

afterEach(async () => {
  await host?.close()
})

it('an asset stored with a document type is served as inert bytes, never as a page', async () => {
  const base = tempDir('nianbao-host-assets-')
  const renderer = join(base, 'renderer')
  mkdirSync(renderer)
  const svc = createService({ appState: new AppState(join(base, 'config')), ports: { transport: 'browser', workspaceDir: base } })
  const open = svc.session.open(makeReport(join(base, 'r.nianbao')))
  const hash = 'b'.repeat(64)
  open.store.db
    .prepare('INSERT INTO asset (hash, mime, width, height, bytes, created_at) VALUES (?, ?, 1, 1, ?, ?)')
    .run(hash, 'text/html', Buffer.from('<script>fetch("/api/report.state")</script>'), new Date().toISOString())
  host = await startHost({ handlers: svc.handlers, session: svc.session, rendererDir: renderer, log: () => {} })

  const res = await fetch(`http://127.0.0.1:${host.port}/asset/${hash}`, { headers: { 'x-nianbao-token': host.token } })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/octet-stream')
  expect(res.headers.get('content-security-policy')).toContain('sandbox')
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  svc.session.close()
})
