import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { chapters, hostCall, openApp, openChapterByTitle } from '../helpers/editorPage'

/**
 * Regressions found using the editor as a bureau editor would (QA pass on
 * the sample report): the toolbar right after a chapter opens, 查找 going
 * through the whole report, where a new chapter goes, photos, 另存为.
 */
describe('QA: the chapter editor as a first-time user meets it', () => {
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

  const disabled = (selector: string) => page.$eval(selector, (b) => (b as HTMLButtonElement).disabled)

  it('the toolbar works as soon as a chapter opens, before any click in the text', async () => {
    const [, ch2] = await chapters(host)
    expect(await disabled('button[title="加粗（Ctrl+B）"]')).toBe(false)
    expect(await disabled('[data-testid="tb-find"]')).toBe(false)
    await openChapterByTitle(page, ch2.title)
    await expect.poll(() => disabled('button[title="加粗（Ctrl+B）"]')).toBe(false)
    expect(await disabled('[data-testid="tb-photo"]')).toBe(false)
    await page.click('[data-testid="tb-table"]')
    expect(await page.$eval('.tb-menu-item:has-text("插入表格")', (b) => (b as HTMLButtonElement).disabled)).toBe(false)
    await page.keyboard.press('Escape')
    // The link button reads as a word, not an emoji the office PC may not have a font for.
    expect(await page.textContent('[data-testid="tb-link"]')).toBe('链接')
  })

  it('查找: 下一个 goes through the open chapter, then on to the next chapter with matches, showing each match', async () => {
    const query = '双师型'
    const list = await chapters(host)
    await openChapterByTitle(page, list[0].title)
    const hits = await hostCall<{ chapters: { chapterId: string; count: number }[] }>(host, 'search.find', { query })
    // The report order of matches: chapter by chapter, 1/n … n/n.
    const order = list.flatMap((c) => {
      const n = hits.chapters.find((h) => h.chapterId === c.id)?.count ?? 0
      return Array.from({ length: n }, (_, i) => `${c.title} ${i + 1}/${n}`)
    })
    expect(new Set(order.map((x) => x.split(' ')[0])).size).toBeGreaterThan(1)

    await page.keyboard.press('Control+f')
    await page.fill('[data-testid="find-input"]', query)
    const where = () =>
      page.evaluate(() => {
        const title = document.querySelector('[data-testid="chapter-title"]')?.textContent?.replace(/^\d+/, '') ?? ''
        const count = /本章 (\d+\/\d+)/.exec(document.querySelector('[data-testid="find-count"]')?.textContent ?? '')?.[1] ?? ''
        return `${title} ${count}`
      })
    const currentShown = () =>
      page.evaluate(() => {
        const m = document.querySelector('.chapter-doc .find-current')
        const pane = document.querySelector('.editor-pane')!.getBoundingClientRect()
        if (!m) return false
        const r = m.getBoundingClientRect()
        return r.top >= pane.top && r.bottom <= pane.bottom
      })
    // Once round the whole report, and on to the first match again.
    for (const expected of [...order, order[0]]) {
      await page.press('[data-testid="find-input"]', 'Enter')
      await expect.poll(where).toBe(expected)
      await expect.poll(currentShown).toBe(true)
    }
    // 上一个 from the first match goes back to the last match of the last chapter with matches.
    await page.click('button:text-is("上一个")')
    await expect.poll(where).toBe(order[order.length - 1])
    await expect.poll(currentShown).toBe(true)
    await screenshot(page, 'qa-find-next-chapter')
    await page.keyboard.press('Escape')
  })

  it('the case move dialog names the annex by its title, as the outline does', async () => {
    await page.click('[data-panel="cases"]')
    await page.hover('[data-testid="case-list"] li >> nth=0')
    await page.click('[data-testid="case-list"] .case-move >> nth=0')
    const options = await page.$$eval('[data-testid="case-move-chapter"] option', (os) => os.map((o) => o.textContent))
    expect(options).toContain('附件')
    expect(options.some((o) => o?.startsWith('附录'))).toBe(false)
    await page.keyboard.press('Escape')
    await page.click('[data-panel="cases"]')
  })
})
