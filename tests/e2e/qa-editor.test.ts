import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, chapters, editorSel, hostCall, openApp, openChapterByTitle, waitSaved } from '../helpers/editorPage'
import { makePng } from '../helpers/png'

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

  it('a new chapter goes after the last numbered chapter, before the 附件', async () => {
    const before = await chapters(host)
    expect(before[before.length - 1].title).toBe('附件')
    await page.click('[data-testid="add-chapter"]')
    await page.fill('[data-testid="text-prompt"] input', '质量测试章')
    await page.click('[data-testid="text-prompt"] .btn-primary')
    await expect.poll(async () => (await chapters(host)).map((c) => c.title).slice(-2)).toEqual(['质量测试章', '附件'])
    expect(await page.textContent('.outline-item.level-1:has-text("质量测试章")')).toBe(`${before.length}质量测试章`)
  })

  it('after inserting a photo the caption is where typing goes; a damaged image is refused with a message', async () => {
    const list = await chapters(host)
    await openChapterByTitle(page, list[1].title)
    const photos = () => page.$$eval(`${editorSel} figure.photo`, (f) => f.length)
    const before = await photos()
    await page.click(`${editorSel} > p >> nth=0`)
    const paragraph = await page.textContent(`${editorSel} > p >> nth=0`)
    await page.setInputFiles('[data-testid="photo-input"]', { name: '实训室.png', mimeType: 'image/png', buffer: makePng(320, 200, 4) })
    await expect.poll(photos).toBe(before + 1)
    await page.keyboard.type('实训室一角')
    await expect.poll(() => page.$$eval(`${editorSel} figure.photo figcaption`, (cs) => cs.map((c) => c.textContent))).toContain('实训室一角')
    expect(await page.textContent(`${editorSel} > p >> nth=0`)).toBe(paragraph)

    // A PNG whose header is fine and whose picture data is not: main accepts the header, the browser cannot draw it.
    const good = makePng(100, 100, 1)
    const damaged = Buffer.concat([good.subarray(0, 60), Buffer.alloc(100, 7)])
    await page.setInputFiles('[data-testid="photo-input"]', { name: '损坏.png', mimeType: 'image/png', buffer: damaged })
    await page.waitForSelector('.notice-error:has-text("损坏.png")')
    expect(await page.textContent('.notice-error:has-text("损坏.png")')).toContain('无法显示，文件可能已损坏')
    expect(await photos()).toBe(before + 1)
    await page.click('.notice-error button[aria-label="关闭提示"]')
    await waitSaved(page)
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

  it('a dialog opened while writing (typing 见表, 插入交叉引用) gives the cursor back to the text when closed with Esc', async () => {
    const list = await chapters(host)
    await openChapterByTitle(page, list[2].title)
    await caretAtEnd(page, `${editorSel} > p`, 0)
    await page.keyboard.type('另见表')
    await page.waitForSelector('[data-testid="crossref-dialog"]')
    await page.keyboard.press('Escape')
    await page.waitForSelector('[data-testid="crossref-dialog"]', { state: 'detached' })
    await page.keyboard.type('格')
    await expect.poll(() => page.textContent(`${editorSel} > p >> nth=0`)).toMatch(/另见表格$/)
    await page.click('[data-testid="tb-data"]')
    await page.click('.tb-menu-item:has-text("插入交叉引用")')
    await page.waitForSelector('[data-testid="crossref-dialog"]')
    await page.keyboard.press('Escape')
    await page.keyboard.type('。')
    await expect.poll(() => page.textContent(`${editorSel} > p >> nth=0`)).toMatch(/另见表格。$/)
    for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace')
    await waitSaved(page)
  })

  it('报告属性: the title’s years follow a new 数据年度 until the title is edited', async () => {
    await page.click('button:has-text("报告属性")')
    const title = () => page.inputValue('[data-testid="properties-dialog"] input[name="title"]')
    expect(await title()).toBe('2022年清远市中等职业教育质量年度报告')
    const date = await page.inputValue('[data-testid="properties-dialog"] input[name="issueDate"]')
    expect(date).toMatch(/^2021-/)
    await page.fill('[data-testid="properties-dialog"] input[name="year"]', '2022')
    expect(await title()).toBe('2023年清远市中等职业教育质量年度报告')
    expect(await page.inputValue('[data-testid="properties-dialog"] input[name="issueDate"]')).toBe(date.replace(/^2021/, '2022'))
    await page.fill('[data-testid="properties-dialog"] input[name="year"]', '2021')
    expect(await title()).toBe('2022年清远市中等职业教育质量年度报告')
    // A title typed by hand is left alone.
    await page.fill('[data-testid="properties-dialog"] input[name="title"]', '清远市中职教育质量报告（2021年）')
    await page.fill('[data-testid="properties-dialog"] input[name="year"]', '2022')
    expect(await title()).toBe('清远市中职教育质量报告（2021年）')
    await page.click('[data-testid="properties-dialog"] button:has-text("取消")')
  })

  it('另存为 opens the copy at the chapter that was open', async () => {
    const list = await chapters(host)
    const fifth = list[4]
    await openChapterByTitle(page, fifth.title)
    const oldName = await page.textContent('.status-bar')
    await page.click('button:has-text("另存为")')
    await page.fill('[data-testid="text-prompt"] input', '清远副本')
    await page.click('[data-testid="text-prompt"] .btn-primary')
    await page.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.includes('清远副本.nianbao'))
    expect(oldName).not.toContain('清远副本')
    await page.waitForSelector(editorSel)
    expect(await page.textContent('[data-testid="chapter-title"]')).toContain(fifth.title)
    expect(errors).toEqual([])
  })
})
