import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { chapters, openApp, openChapterByTitle } from '../helpers/editorPage'

/**
 * 历史版本: a version keeps the chapter's text, not the table data; its
 * preview draws tables, charts and quoted figures with today's figures, and
 * says so, so nobody takes them for the figures of that time.
 */
describe('history preview and live data', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    host = await startHost([], isolatedEnv())
    browser = await launchBrowser()
    page = await openApp(browser, host, errors)
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  const note = '[data-testid="revision-preview"] [data-testid="revision-live-note"]'

  async function snapshotAndPreview(title: string): Promise<void> {
    if (await page.isVisible('[data-testid="revision-preview"]')) await page.click('[data-testid="revision-preview"] button:has-text("关闭")')
    await openChapterByTitle(page, title)
    if (!(await page.isVisible('[data-testid="history-panel"]'))) await page.click('[data-panel="history"]')
    const before = await page.$$eval('[data-testid="revision-list"] li', (l) => l.length).catch(() => 0)
    await page.click('[data-testid="history-snapshot"]')
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="revision-list"] li').length > n, before)
    await page.click('[data-testid="revision-list"] li:has-text("手动保存") button >> nth=0')
    await page.waitForSelector('[data-testid="revision-preview"] .chapter-doc')
  }

  it('says that tables in an old version show today’s figures', async () => {
    const [basics] = await chapters(host)
    await snapshotAndPreview(basics.title)
    await page.click('[data-testid="revision-preview"] button:has-text("关闭")')

    // After the version was saved, 专任教师 2021 changes from 1649 to 1700 in the 数据 panel.
    await page.click('[data-panel="data"]')
    await page.fill('[data-testid="value-teachers.fulltime-2021"]', '1700')
    await page.press('[data-testid="value-teachers.fulltime-2021"]', 'Enter')
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.chapter-doc[contenteditable="true"] table')).some((t) => t.textContent?.includes('1700')))
    await page.click('[data-panel="history"]')
    await page.click('[data-testid="revision-list"] li:has-text("手动保存") button >> nth=0')
    await page.waitForSelector('[data-testid="revision-preview"] .chapter-doc')
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="revision-preview"] table')).some((t) => t.textContent?.includes('1700')))
    expect(await page.isVisible(note)).toBe(true)
    expect(await page.textContent(note)).toContain('表格、图表和文中引用的数据显示的是当前数据')
    await screenshot(page, 'history-preview-live-note')
    await page.click('[data-testid="revision-preview"] button:has-text("关闭")')
  })

  it('says nothing of the kind for a version with text only', async () => {
    await snapshotAndPreview('校企合作')
    expect(await page.textContent('[data-testid="revision-preview"] .chapter-doc')).toContain('校企')
    expect(await page.$(note)).toBeNull()
    await page.click('[data-testid="revision-preview"] button:has-text("关闭")')
    expect(errors).toEqual([])
  })
})
