import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { callNames } from '../../src/shared/api'
import { contentSecurityPolicy } from '../../src/main/security'
import { closeReportDatabase, openReportDatabase } from '../../src/main/store/database'
import { ReportStore } from '../../src/main/store/reportStore'
import { textOf } from '../../src/shared/model/doc'
import { createFakeElectron, installFake, type FakeBrowserWindow, type FakeElectron } from '../helpers/fakeElectron'
import { makeReport, tempDir } from '../helpers/reports'

// The Electron binary cannot run here: the app's main process runs against a
// recording stand-in for the `electron` module (tests/helpers/fakeElectron.ts).
vi.mock('electron', async () => (await import('../helpers/fakeElectron')).electronModule())

const CALL = 'nianbao:call'
const EVENT = 'nianbao:event'
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const settle = () => new Promise((r) => setTimeout(r, 20))

interface Started {
  fake: FakeElectron
  main: typeof import('../../src/main/electron/main')
  home: string
  win: FakeBrowserWindow
}

/** Start the app's main process afresh (new module instances) against a new fake Electron. */
async function start(opts: { lock?: boolean; home?: string; appPath?: string } = {}): Promise<Started> {
  vi.resetModules()
  delete process.env.ELECTRON_RENDERER_URL
  const base = tempDir('nianbao-electron-')
  const home = opts.home ?? join(base, 'home')
  const outDir = join(base, 'out')
  const fake = installFake(createFakeElectron({ appPath: opts.appPath ?? join(base, 'app'), home }))
  fake.pageUrl = pathToFileURL(join(outDir, 'renderer', 'index.html')).href
  fake.singleInstanceLock = opts.lock ?? true
  const main = await import('../../src/main/electron/main')
  main.startElectronApp(outDir)
  fake.ready()
  await settle()
  return { fake, main, home, win: fake.windows[0] }
}

type Envelope = { ok: boolean; result?: any; error?: { code: string; message: string } }

/** A contract call as the window's page makes it through the preload. */
function invoke(fake: FakeElectron, win: FakeBrowserWindow, name: string, input?: unknown, frame = win.webContents.mainFrame, sender: unknown = win.webContents): Promise<Envelope> {
  const handler = fake.ipcHandlers.get(CALL)
  if (!handler) throw new Error('no IPC handler bound')
  return handler({ sender, senderFrame: frame }, name, input) as Promise<Envelope>
}

describe('Electron main process', () => {
  it('creates its window with contextIsolation, sandbox and no Node in the page', async () => {
    const { win } = await start()
    const prefs = win.options.webPreferences!
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick'
    })
    // A sandboxed preload must be CommonJS.
    expect(String(prefs.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/)
    expect(win.options.show).toBe(false)
    expect(win.loadFile).toHaveBeenCalledWith(expect.stringMatching(/[/\\]renderer[/\\]index\.html$/))
    expect(win.loadURL).not.toHaveBeenCalled()
  })

  it('sends the strict CSP with every response and grants no permission', async () => {
    const { fake } = await start()
    let headers: Record<string, string[]> = {}
    fake.headerListeners[0]({ responseHeaders: { 'X-Test': ['1'] } }, (r) => (headers = r.responseHeaders))
    expect(headers).toEqual({ 'X-Test': ['1'], 'Content-Security-Policy': [contentSecurityPolicy('nianbao-asset:')] })
    expect(headers['Content-Security-Policy'][0]).toMatch(/default-src 'none'; script-src 'self';/)
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const granted = await new Promise<boolean>((r) => fake.permissionHandlers[0]({}, permission, r))
      expect(granted).toBe(false)
    }
  })

  it('denies navigation, redirects, webviews and new windows; only https and mailto links go to the system browser', async () => {
    const { fake, win } = await start()
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(win.webContents.listenerCount(event), event).toBeGreaterThan(0)
      for (const url of ['https://evil.example/', 'file:///etc/passwd', fake.pageUrl]) {
        const e = { preventDefault: vi.fn() }
        win.webContents.emit(event, e, url)
        expect(e.preventDefault, `${event} ${url}`).toHaveBeenCalled()
      }
    }
    const open = win.webContents.windowOpenHandler!
    for (const url of ['https://www.moe.gov.cn/', 'mailto:jyj@qingyuan.gov.cn', 'http://example.com/', 'file:///C:/Windows/system32', 'javascript:alert(1)', 'nianbao-asset://asset/x']) {
      expect(open({ url })).toEqual({ action: 'deny' })
    }
    expect(fake.openExternal.mock.calls.map((c) => c[0])).toEqual(['https://www.moe.gov.cn/', 'mailto:jyj@qingyuan.gov.cn'])
  })

  it('answers IPC calls only from its own window’s top frame showing the app’s page', async () => {
    const { fake, win } = await start()
    const ok = await invoke(fake, win, 'app.info')
    expect(ok).toMatchObject({ ok: true, result: { transport: 'electron', nativeDialogs: true } })

    const refused = { ok: false, error: { code: 'BAD_INPUT', message: '拒绝来自未知页面的请求。' } }
    // Another web contents (e.g. a devtools extension or a stray window).
    expect(await invoke(fake, win, 'app.info', undefined, win.webContents.mainFrame, { id: 99_999, mainFrame: win.webContents.mainFrame })).toEqual(refused)
    // The right window, but it shows a page that is not the app's.
    const foreign = { ...win.webContents.mainFrame, url: 'https://evil.example/' }
    win.webContents.mainFrame.url = 'https://evil.example/'
    expect(await invoke(fake, win, 'app.info', undefined, foreign)).toEqual(refused)
    win.webContents.mainFrame.url = fake.pageUrl
    // An embedded frame inside the app's page.
    expect(await invoke(fake, win, 'app.info', undefined, { processId: 7, routingId: 12345, url: fake.pageUrl })).toEqual(refused)
    // A frame that is already gone.
    expect(await invoke(fake, win, 'app.info', undefined, null as never)).toEqual(refused)
  })

  it('binds every contract call, each validating its input', async () => {
    const { fake, win } = await start()
    expect(fake.ipcHandlers.size).toBe(1)
    for (const name of callNames) {
      const r = await invoke(fake, win, name, { 未知字段: true })
      expect(r.error?.message, name).not.toMatch(/^未知的调用/)
      expect(r, name).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/^参数无效/) } })
    }
    expect(await invoke(fake, win, 'report.nothing')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^未知的调用/) } })
  })

  it('serves stored images through its own scheme, and nothing else', async () => {
    const { fake, win } = await start()
    const put = await invoke(fake, win, 'asset.put', { data: PNG_1PX })
    expect(put.ok).toBe(true)
    const handler = fake.protocolHandlers.get('nianbao-asset')!
    const res = await handler({ url: `nianbao-asset://asset/${put.result.hash}` })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('image/png')
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(PNG_1PX, 'base64'))).toBe(true)
    expect((await handler({ url: 'nianbao-asset://asset/..%2F..%2Fetc%2Fpasswd' })).status).toBe(404)
  })

  it('refuses to start a second instance: it quits without a window', async () => {
    const { fake } = await start({ lock: false })
    expect(fake.app.quit).toHaveBeenCalled()
    expect(fake.windows).toHaveLength(0)
    expect(fake.ipcHandlers.size).toBe(0)
  })

  it('a second start with a report opens it in a new window of the running app', async () => {
    const { fake, win } = await start()
    const sample = (await invoke(fake, win, 'report.state')).result.path as string
    const other = makeReport(join(tempDir(), '韶关市2022.nianbao'))
    // Started as `nianbao 韶关市2022.nianbao` in the report's folder.
    fake.app.emit('second-instance', {}, ['nianbao', '韶关市2022.nianbao'], join(other, '..'))
    expect(fake.windows).toHaveLength(2)
    expect((await invoke(fake, fake.windows[1], 'report.state')).result.path).toBe(other)
    // The report already open in the first window is not opened twice: the new window shows the start screen.
    fake.app.emit('second-instance', {}, ['nianbao', sample])
    expect(fake.windows).toHaveLength(3)
    expect((await invoke(fake, fake.windows[2], 'report.state')).result).toBeNull()
    expect((await invoke(fake, fake.windows[2], 'report.open', { path: sample })).error?.message).toMatch(/已在另一个年报窗口中打开/)
    // Without a file, the running window comes to the front.
    fake.app.emit('second-instance', {}, ['nianbao'])
    expect(fake.windows).toHaveLength(3)
    expect(win.focus).toHaveBeenCalled()
  })

  it('first start opens the sample report; the next start reopens the last report', async () => {
    const first = await start()
    const sample = await invoke(first.fake, first.win, 'report.state')
    expect(sample.result).toMatchObject({ fileName: '示例报告-清远市2021年度.nianbao', meta: { region: '清远市', template: 'city' } })
    expect(sample.result.path).toBe(join(first.home, 'documents', '年报', '示例报告-清远市2021年度.nianbao'))
    const made = await invoke(first.fake, first.win, 'report.create', { template: 'school', region: '清远市职业技术学校', year: 2024 })
    expect(made.ok).toBe(true)
    expect(made.result).toBeNull() // the save dialog was cancelled
    first.win.emit('close', { preventDefault: vi.fn() })
    const flush = first.win.webContents.sent.find((s) => s.channel === EVENT)!.payload as { requestId: number }
    await invoke(first.fake, first.win, 'app.flushed', { requestId: flush.requestId })
    await settle()

    const second = await start({ home: first.home })
    const reopened = await invoke(second.fake, second.win, 'report.state')
    expect(reopened.result.path).toBe(sample.result.path)
  })

  it('on quit, asks the page to save what it holds and closes the report only after that save', async () => {
    const { fake, win, main } = await start()
    const state = (await invoke(fake, win, 'report.state')).result
    const chapterId = state.chapters[0].id as string
    const version = (await invoke(fake, win, 'chapter.get', { id: chapterId })).result.version

    const close = { preventDefault: vi.fn() }
    win.emit('close', close)
    expect(close.preventDefault).toHaveBeenCalled()
    expect(win.destroy).not.toHaveBeenCalled()
    const request = win.webContents.sent.find((s) => s.channel === EVENT)!.payload as { type: string; requestId: number }
    expect(request).toEqual({ type: 'flush-request', requestId: expect.any(Number) })

    // Still open and held: nobody else can open the file while the page saves.
    expect(() => openReportDatabase(state.path)).toThrow(/正被另一个年报窗口或程序使用/)
    const saved = await invoke(fake, win, 'chapter.save', {
      id: chapterId,
      baseVersion: version,
      doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '退出前输入的最后一句话。' }] }] }
    })
    expect(saved.ok).toBe(true)
    await settle()
    expect(win.destroy).not.toHaveBeenCalled()

    // The page says it is done: only now does the report close and the window go.
    expect(await invoke(fake, win, 'app.flushed', { requestId: request.requestId })).toEqual({ ok: true, result: { ok: true } })
    await settle()
    expect(win.destroy).toHaveBeenCalledTimes(1)
    expect(fake.app.quit).toHaveBeenCalled() // the last window closed
    const db = openReportDatabase(state.path)
    try {
      expect(textOf(new ReportStore(db).getChapter(chapterId).doc)).toBe('退出前输入的最后一句话。')
    } finally {
      closeReportDatabase(db)
    }
    // A second close event (the quit that follows) does not ask again.
    win.emit('close', { preventDefault: vi.fn() })
    expect(win.webContents.sent.filter((s) => s.channel === EVENT)).toHaveLength(1)
    expect(main.FLUSH_TIMEOUT_MS).toBeGreaterThan(0)
  })

  it('asks before closing when the page could not save everything, and keeps the window and its report when told to', async () => {
    const { fake, win } = await start()
    const path = (await invoke(fake, win, 'report.state')).result.path as string
    const box = (fake.module.dialog as { showMessageBox: ReturnType<typeof vi.fn> }).showMessageBox
    const closeAndAnswer = async (saved: boolean) => {
      const before = win.webContents.sent.length
      win.emit('close', { preventDefault: vi.fn() })
      const request = win.webContents.sent.slice(before).find((s) => s.channel === EVENT)!.payload as { requestId: number }
      await invoke(fake, win, 'app.flushed', { requestId: request.requestId, saved })
      await settle()
    }

    // The disk is full: the page says its text is not stored. 取消 keeps everything.
    box.mockResolvedValueOnce({ response: 0 })
    await closeAndAnswer(false)
    expect(box).toHaveBeenCalledTimes(1)
    expect(box.mock.calls[0][1]).toMatchObject({ message: expect.stringMatching(/未能保存.*丢失/), buttons: ['取消', '仍然关闭'] })
    expect(win.destroy).not.toHaveBeenCalled()
    expect((await invoke(fake, win, 'report.state')).result.path).toBe(path)

    // Asked again on the next close; 仍然关闭 closes.
    box.mockResolvedValueOnce({ response: 1 })
    await closeAndAnswer(false)
    expect(box).toHaveBeenCalledTimes(2)
    expect(win.destroy).toHaveBeenCalledTimes(1)
    closeReportDatabase(openReportDatabase(path))
  })

  it('closes anyway when the page never answers (a hung renderer), after the flush timeout', async () => {
    const { fake, win, main } = await start()
    const path = (await invoke(fake, win, 'report.state')).result.path as string
    vi.useFakeTimers()
    try {
      win.emit('close', { preventDefault: vi.fn() })
      await vi.advanceTimersByTimeAsync(main.FLUSH_TIMEOUT_MS - 100)
      expect(win.destroy).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(200)
      expect(win.destroy).toHaveBeenCalledTimes(1)
    } finally {
      vi.useRealTimers()
    }
    closeReportDatabase(openReportDatabase(path))
    expect(fake.app.quit).toHaveBeenCalled()
  })

  it.runIf(process.platform === 'linux')('loads better-sqlite3 built for Electron from native/electron/ in a development checkout', async () => {
    const appPath = tempDir('nianbao-app-')
    mkdirSync(join(appPath, 'native', 'electron'), { recursive: true })
    // Under Node the Node build stands in for the Electron build: what matters is which file is loaded.
    const binding = join(appPath, 'native', 'electron', 'better_sqlite3.node')
    copyFileSync(join(__dirname, '..', '..', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding)
    const { fake, win } = await start({ appPath })
    expect((await invoke(fake, win, 'report.state')).ok).toBe(true)
    expect(readFileSync('/proc/self/maps', 'utf8')).toContain(binding)
    expect(existsSync(binding)).toBe(true)
  })
})
