import type { Browser, CDPSession, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, chapters, editorSel, openApp, openChapterByTitle, storedText, waitSaved, type ChapterInfo } from '../helpers/editorPage'

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1
}

/**
 * Chinese input methods (composition events through the DevTools protocol,
 * as Chromium gets them from an IME) and 历史版本.
 */
describe('chapter editor: Chinese input and history', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page
  let cdp: CDPSession
  let ch1: ChapterInfo
  let ch2: ChapterInfo
  const errors: string[] = []

  beforeAll(async () => {
    host = await startHost([], isolatedEnv())
    browser = await launchBrowser()
    page = await openApp(browser, host, errors)
    cdp = await page.context().newCDPSession(page)
    ;[ch1, ch2] = await chapters(host)
  })
  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  /** Type through an IME: pinyin shown while composing, then the chosen characters committed. */
  async function compose(steps: string[], commit: string | null): Promise<void> {
    for (const text of steps) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length })
    if (commit !== null) await cdp.send('Input.insertText', { text: commit })
  }

  it('commits a composition once, without the pinyin, and saves it', async () => {
    await openChapterByTitle(page, ch1.title)
    await caretAtEnd(page, '.chapter-doc h2 + p', 0)
    await compose(['j', 'ji', 'jia', 'jiao', 'jiao y', 'jiao yu'], '教育')
    await compose(['q', 'qi', 'qia', 'qian', 'qiang', 'qiang g', 'qiang gu', 'qiang guo'], '强国')
    await page.keyboard.type('。')
    const text = (await page.textContent(editorSel)) ?? ''
    expect(count(text, '教育强国。')).toBe(1)
    expect(text).not.toMatch(/jiao|qiang|[a-z] [a-z]/)
    await waitSaved(page)
    const stored = await storedText(host, ch1.id)
    expect(count(stored, '教育强国。')).toBe(1)
    expect(stored).not.toMatch(/jiao|qiang/)
  })

  it('keeps an unfinished composition exactly once when the chapter is switched in the middle of it', async () => {
    await caretAtEnd(page, '.chapter-doc h2 + p', 1)
    await page.keyboard.type('标记甲')
    await compose(['jiao', 'jiao yu'], null)
    // Choose another chapter while the IME still shows its candidates: the browser ends the composition.
    await openChapterByTitle(page, ch2.title)
    await openChapterByTitle(page, ch1.title)
    const text = (await page.textContent(editorSel)) ?? ''
    const stored = await storedText(host, ch1.id)
    // Chromium commits what the IME showed when the editor loses focus; it is kept, once.
    expect(count(text, '标记甲jiao yu')).toBe(1)
    expect(count(stored, '标记甲jiao yu')).toBe(1)
    expect(count(stored, 'jiao yu')).toBe(1)
    expect(errors).toEqual([])
  })

  it('saves an unfinished composition when saving is forced (Ctrl+S), then the committed text in its place', async () => {
    await caretAtEnd(page, '.chapter-doc h2 + p', 2)
    await page.keyboard.type('标记乙')
    await compose(['wei', 'wei wan'], null)
    await page.keyboard.press('Control+s')
    await expect.poll(() => storedText(host, ch1.id), { timeout: 10_000 }).toContain('标记乙wei wan')
    await cdp.send('Input.insertText', { text: '未完' })
    await page.keyboard.type('。')
    await waitSaved(page)
    await expect.poll(() => storedText(host, ch1.id), { timeout: 10_000 }).toContain('标记乙未完。')
    const stored = await storedText(host, ch1.id)
    expect(count(stored, '未完')).toBe(1)
    expect(stored).not.toContain('wei wan')
    expect(count((await page.textContent(editorSel)) ?? '', '标记乙未完。')).toBe(1)
  })

  it('composes into an empty case title and the empty first line of its body without losing or doubling anything', async () => {
    await caretAtEnd(page, '.chapter-doc h2 + p', 0)
    await page.click('[data-testid="tb-case"]')
    await page.click('.tb-menu-item:has-text("插入案例")')
    await compose(['chan', 'chan jiao', 'chan jiao rong he'], '产教融合')
    await page.keyboard.press('Enter')
    await compose(['xiao', 'xiao qi'], '校企')
    await compose(['he zuo'], '合作')
    const title = await page.$eval('.chapter-doc [data-type="case-title"]', (e) => `${e.getAttribute('data-label')}${e.textContent}`)
    expect(title).toMatch(/^案例 \d+：产教融合$/)
    const body = await page.$eval('.chapter-doc section[data-type="case-study"] > p', (e) => e.textContent)
    expect(body).toBe('校企合作')
    await waitSaved(page)
    const stored = await storedText(host, ch1.id)
    expect(count(stored, '产教融合')).toBe(1)
    expect(count(stored, '校企合作')).toBe(1)
    expect(stored).not.toMatch(/chan|xiao|he zuo/)
  })

  it('takes a snapshot, restores it, and restores back (the restore is itself a version)', async () => {
    await openChapterByTitle(page, ch2.title)
    await caretAtEnd(page, '.chapter-doc h2 + p', 0)
    await page.keyboard.type('第一稿的内容。')
    await waitSaved(page)

    await page.click('[data-panel="history"]')
    await page.click('[data-testid="history-snapshot"]')
    await page.waitForSelector('[data-testid="revision-list"] li')
    const firstCount = await page.$$eval('[data-testid="revision-list"] li', (l) => l.length)

    await caretAtEnd(page, '.chapter-doc h2 + p', 0)
    await page.keyboard.type('第二稿新增的一句。')
    await waitSaved(page)
    expect(await storedText(host, ch2.id)).toContain('第二稿新增的一句。')

    // Open the snapshot (the newest manual one), look at it read-only, restore it.
    await page.click('[data-testid="revision-list"] li:has-text("手动保存") button >> nth=0')
    await page.waitForSelector('[data-testid="revision-preview"] .chapter-doc')
    const preview = (await page.textContent('[data-testid="revision-preview"] .chapter-doc')) ?? ''
    expect(preview).toContain('第一稿的内容。')
    expect(preview).not.toContain('第二稿新增的一句。')
    expect(await page.$eval('[data-testid="revision-preview"] .chapter-doc', (el) => el.getAttribute('contenteditable'))).toBe('false')
    await screenshot(page, 'editor-history-preview')
    await page.click('[data-testid="revision-restore"]')
    await page.click('[data-testid="confirm-dialog"] .btn-primary')
    await page.waitForFunction(() => !document.querySelector('.chapter-doc[contenteditable="true"]')?.textContent?.includes('第二稿新增的一句。'))
    expect(await page.textContent(editorSel)).toContain('第一稿的内容。')
    expect(await storedText(host, ch2.id)).not.toContain('第二稿新增的一句。')

    // The text that was replaced is a version of its own ("恢复前"): restore it back.
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="revision-list"] li').length >= n + 2, firstCount)
    await page.click('[data-testid="revision-list"] li:has-text("恢复前") button >> nth=0')
    await page.waitForSelector('[data-testid="revision-preview"] .chapter-doc')
    expect(await page.textContent('[data-testid="revision-preview"] .chapter-doc')).toContain('第二稿新增的一句。')
    await page.click('[data-testid="revision-restore"]')
    await page.click('[data-testid="confirm-dialog"] .btn-primary')
    await page.waitForFunction(() => document.querySelector('.chapter-doc[contenteditable="true"]')?.textContent?.includes('第二稿新增的一句。'))
    expect(await storedText(host, ch2.id)).toContain('第二稿新增的一句。')
    expect(await storedText(host, ch2.id)).toContain('第一稿的内容。')
    // Still editable and saving after a restore.
    await caretAtEnd(page, '.chapter-doc h2 + p', 0)
    await page.keyboard.type('恢复后继续写。')
    await waitSaved(page)
    expect(await storedText(host, ch2.id)).toContain('恢复后继续写。')
    await screenshot(page, 'editor-history-panel')
    expect(errors).toEqual([])
  })

  it('brings back a deleted chapter from 历史版本, as the delete confirmation promises', async () => {
    const last = ch2
    const text = await storedText(host, last.id)
    expect(text.length).toBeGreaterThan(0)
    await page.hover(`.chapter-row:has([data-chapter-id="${last.id}"])`)
    await page.click(`[aria-label="删除 ${last.title}"]`)
    expect(await page.textContent('[data-testid="confirm-dialog"] .dialog-message')).toContain('删除后可以在历史版本中找回')
    await page.click('[data-testid="confirm-dialog"] .btn-danger')
    await expect.poll(async () => (await chapters(host)).some((c) => c.id === last.id)).toBe(false)
    if (!(await page.$('[data-testid="history-panel"]'))) await page.click('[data-panel="history"]')
    await page.waitForSelector('[data-testid="history-panel"] .deleted-chapter')
    await page.click(`[data-testid="history-panel"] .deleted-chapter:has-text("${last.title}") button`)
    await page.click('[data-testid="confirm-dialog"] .btn-primary')
    await expect.poll(async () => (await chapters(host)).map((c) => c.id)).toContain(last.id)
    expect(await storedText(host, last.id)).toBe(text)
    await page.waitForFunction((t) => document.querySelector('[data-testid="chapter-title"]')?.textContent?.includes(t), last.title)
  })
})
