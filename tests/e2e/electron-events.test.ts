import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, chapters, openApp, storedText } from '../helpers/editorPage'

/**
 * What the renderer does with the events Electron's main process sends
 * (src/main/electron: the quit flush and the 文件 menu). Electron cannot run
 * here, so the page gets a window.nianbao shaped exactly like the preload's
 * (one method per call, onEvent, assetUrl) that forwards calls to the
 * browser host and lets the test send main's events.
 */
const FAKE_PRELOAD = `(() => {
  const listeners = new Set()
  const call = (name) => async (input) => {
    const res = await fetch('/api/' + name, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: input === undefined ? '' : JSON.stringify(input), credentials: 'same-origin' })
    return res.json()
  }
  const groups = new Proxy({}, { get: (_t, group) => new Proxy({}, { get: (_u, method) => call(group + '.' + method) }) })
  window.nianbao = new Proxy({}, {
    get: (_t, key) => {
      if (key === 'onEvent') return (l) => { listeners.add(l); return () => listeners.delete(l) }
      if (key === 'assetUrl') return (hash) => '/asset/' + hash
      if (key === 'transport') return 'electron'
      return groups[key]
    }
  })
  window.__mainEvent = (e) => { for (const l of listeners) l(e) }
})()`

describe('events from Electronʼs main process', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    host = await startHost([], isolatedEnv())
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    await context.addInitScript(FAKE_PRELOAD)
    page = await openApp({ newPage: () => context.newPage() } as unknown as Browser, host)
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  const send = (event: unknown) => page.evaluate((e) => (window as unknown as { __mainEvent: (e: unknown) => void }).__mainEvent(e), event)

  it('a flush request (window closing, quit) saves the text still being typed before main is told', async () => {
    const [first] = await chapters(host)
    await caretAtEnd(page, '.chapter-doc p', 0)
    await page.keyboard.type('退出前最后一句。')
    // Answer main's request at once, well inside the autosave delay.
    const flushed = page.waitForRequest((r) => r.url().endsWith('/api/app.flushed'))
    await send({ type: 'flush-request', requestId: 7 })
    const request = await flushed
    expect(JSON.parse(request.postData() ?? '{}')).toEqual({ requestId: 7, saved: true })
    expect(await storedText(host, first.id)).toContain('退出前最后一句。')
  })

  it('文件 › 新建报告 saves and closes the report and opens 新建报告 on the start screen', async () => {
    await caretAtEnd(page, '.chapter-doc p', 0)
    await page.keyboard.type('新建之前的修改。')
    const [first] = await chapters(host)
    await send({ type: 'menu', command: 'new' })
    await page.waitForSelector('[data-testid="new-report-dialog"]')
    expect(await page.isVisible('[data-testid="start-new"]')).toBe(true)
    // The closed report kept what was typed.
    await page.click('[data-testid="new-report-dialog"] .dialog-close')
    await page.click('[data-testid="recent-files"] .file-open >> nth=0')
    await page.waitForSelector('.chapter-doc[contenteditable="true"]')
    expect(await storedText(host, first.id)).toContain('新建之前的修改。')
  })

  it('文件 › 打开 asks main for its open dialog (here: the browser host has none, and says so)', async () => {
    await send({ type: 'menu', command: 'open' })
    await page.waitForSelector('.notice-error')
    expect(await page.textContent('.notice-error')).toContain('浏览器模式下请从文件列表中选择报告')
  })
})
