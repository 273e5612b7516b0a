import { renameSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, chapters, dragRow, editorSel, headingNumbers, hostCall, openApp, openChapterByTitle, storedDoc, storedText, waitSaved, type ChapterInfo } from '../helpers/editorPage'
import { fillWithQingyuan } from '../helpers/qingyuan'

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1
}

/** The Qingyuan report in the editor: find and replace, cases, sections between chapters, failures while saving. */
describe('chapter editor: report-wide operations', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page
  let list: ChapterInfo[]
  const errors: string[] = []

  beforeAll(async () => {
    host = await startHost([], isolatedEnv())
    await fillWithQingyuan(host.origin, host.token, { chapters: [1, 2, 3, 4] })
    browser = await launchBrowser()
    page = await openApp(browser, host, errors)
    list = await chapters(host)
  })
  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  it('finds across the report and replaces everywhere: the open chapter as one undoable step, the others through the file with a snapshot', async () => {
    const [, ch2, ch3] = list
    const before2 = count(await storedText(host, ch2.id), '中职学校')
    const before3 = count(await storedText(host, ch3.id), '中职学校')
    expect(before2).toBeGreaterThan(0)
    expect(before3).toBeGreaterThan(0)
    await openChapterByTitle(page, ch3.title)
    await page.keyboard.press('Control+h')
    await page.fill('[data-testid="find-input"]', '中职学校')
    await page.fill('[data-testid="replace-input"]', '中等职业学校')
    await expect.poll(() => page.textContent('[data-testid="find-count"]')).toMatch(new RegExp(`本章 \\d+/${before3} · 其他章 \\d+ 处`))
    expect(await page.$$eval(`${editorSel} .find-match`, (m) => m.length)).toBe(before3)
    await screenshot(page, 'editor-find-replace')
    await page.click('[data-testid="replace-all"]')
    await page.click('[data-testid="confirm-dialog"] .btn-primary')
    await page.waitForSelector('.notice-success:has-text("已替换")')
    await waitSaved(page)
    expect(count(await storedText(host, ch3.id), '中职学校')).toBe(0)
    expect(count(await storedText(host, ch2.id), '中职学校')).toBe(0)
    expect(count(await storedText(host, ch2.id), '中等职业学校')).toBeGreaterThanOrEqual(before2)
    // Chapter 2's old text is in its history.
    const revs = await hostCall<{ reason: string }[]>(host, 'revision.list', { chapterId: ch2.id })
    expect(revs.length).toBeGreaterThan(0)
    // In the open chapter, one undo brings the old wording back.
    await page.keyboard.press('Escape')
    await page.click(editorSel)
    await page.keyboard.press('Control+z')
    await waitSaved(page)
    expect(count(await storedText(host, ch3.id), '中职学校')).toBe(before3)
  })

  it('lists every case with its number and chapter, jumps to one, and moves it to another chapter (numbers follow)', async () => {
    const [, ch2, ch3] = list
    await page.click('[data-panel="cases"]')
    const items = await page.$$eval('[data-testid="case-list"] .case-item', (els) => els.map((e) => e.textContent ?? ''))
    expect(items[0]).toMatch(/^案例 1学生管理强服务/)
    expect(items.some((t) => t.includes('案例 9') && t.includes('养老产业技术人才紧缺') && t.includes('第 3 章'))).toBe(true)
    await page.click('.case-item:has-text("承办省运会攀岩项目")')
    await page.waitForFunction((t) => document.querySelector('[data-testid="chapter-title"]')?.textContent?.includes(t), ch3.title)
    await expect.poll(() => page.evaluate(() => window.getSelection()?.anchorNode?.parentElement?.closest('[data-type="case-title"]')?.textContent)).toBe('承办省运会攀岩项目，助推休闲体育专业建设')
    // The cursor is in the case: move it to the end of chapter 2.
    await page.click('[data-testid="tb-case"]')
    await page.click('.tb-menu-item:has-text("移到其他章或节")')
    await page.selectOption('[data-testid="case-move-chapter"]', ch2.id)
    await page.click('[data-testid="case-move-dialog"] .btn-primary')
    await page.waitForFunction((t) => document.querySelector('[data-testid="chapter-title"]')?.textContent?.includes(t), ch2.title)
    await page.waitForSelector('.notice-success:has-text("案例已移动")')
    expect(await storedText(host, ch2.id)).toContain('承办省运会攀岩项目')
    expect(await storedText(host, ch3.id)).not.toContain('承办省运会攀岩项目')
    // It is the last case of chapter 2 now: number 9, and the old 案例 9 became 10.
    const after = await page.$$eval('[data-testid="case-list"] .case-item', (els) => els.map((e) => e.textContent ?? ''))
    expect(after.find((t) => t.includes('承办省运会攀岩项目'))).toMatch(/^案例 9/)
    expect(after.find((t) => t.includes('养老产业技术人才紧缺'))).toMatch(/^案例 10/)
    expect(await page.$$eval(`${editorSel} [data-type="case-title"]`, (els) => els.map((e) => e.getAttribute('data-label')).at(-1))).toBe('案例 9：')
    await screenshot(page, 'editor-case-panel')
  })

  it('drags a section onto another chapter: it moves there with its content, numbered in its new place', async () => {
    const [ch1, , ch3] = list
    await openChapterByTitle(page, ch3.title)
    const ch3Heading = '教材建设'
    expect(await storedText(host, ch3.id)).toContain(ch3Heading)
    await dragRow(page, `.heading-row:has-text("${ch3Heading}")`, `.chapter-row:has([data-chapter-id="${ch1.id}"])`)
    await page.waitForSelector('.notice-success:has-text("已移动到目标章节")')
    const stored1 = await storedText(host, ch1.id)
    expect(stored1).toContain(ch3Heading)
    expect(stored1).toContain('校本专业教材')
    expect(await storedText(host, ch3.id)).not.toContain(ch3Heading)
    await openChapterByTitle(page, ch1.title)
    expect((await headingNumbers(page)).at(-1)).toMatch(new RegExp(`^1\\.\\d+ ${ch3Heading}$`))
  })

  it('reorders chapters by dragging: every number follows', async () => {
    const [ch1, ch2] = list
    await dragRow(page, `.chapter-row:has([data-chapter-id="${ch2.id}"])`, `.chapter-row:has([data-chapter-id="${ch1.id}"])`, 'top')
    await expect.poll(async () => (await chapters(host)).map((c) => c.id).slice(0, 2)).toEqual([ch2.id, ch1.id])
    await expect.poll(() => page.$eval(`.outline-item[data-chapter-id="${ch2.id}"] .num`, (e) => e.textContent)).toBe('1')
    const numbers = await page.$$eval(`.outline-chapter[data-chapter-id="${ch2.id}"] .heading-row .num`, (els) => els.map((e) => e.textContent))
    expect(numbers[0]).toBe('1.1')
    // Put them back.
    await hostCall(host, 'chapter.move', { id: ch1.id, toIndex: 0 })
  })

  it('copies a heading with its number as text and strips a typed number when a heading is pasted', async () => {
    const [, , ch3] = list
    await openChapterByTitle(page, ch3.title)
    const copied = await page.evaluate(() => {
      const h = document.querySelector('.chapter-doc h2') as HTMLElement
      const range = document.createRange()
      range.selectNodeContents(h)
      ;(document.querySelector('.chapter-doc') as HTMLElement).focus()
      const sel = window.getSelection()!
      sel.removeAllRanges()
      sel.addRange(range)
      return new Promise<{ text: string; html: string }>((resolve) =>
        setTimeout(() => {
          const dt = new DataTransfer()
          h.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }))
          resolve({ text: dt.getData('text/plain'), html: dt.getData('text/html') })
        }, 50)
      )
    })
    expect(copied.text).toBe('3.1 专业布局')
    await waitSaved(page)
    const storedBefore = count(await storedDoc(host, ch3.id), '专业布局')
    // Pasting it back as a new heading: the typed number goes, the computed one is drawn.
    await caretAtEnd(page, `${editorSel} > p`, 0)
    await page.evaluate((html) => {
      const dt = new DataTransfer()
      dt.setData('text/html', html)
      document.querySelector('.chapter-doc')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }))
    }, copied.html)
    // The numbers are drawn in the frame after the paste: wait for them, as the eye does.
    await expect.poll(async () => (await headingNumbers(page)).filter((n) => n.endsWith(' 专业布局'))).toEqual(['3.1 专业布局', '3.2 专业布局'])
    const numbers = await headingNumbers(page)
    expect(numbers.some((n) => n.includes('3.1 3.1'))).toBe(false)
    // The copy got an id of its own.
    const ids = await page.$$eval(`${editorSel} h2, ${editorSel} h3, ${editorSel} h4`, (hs) => hs.map((h) => h.getAttribute('data-id')))
    expect(new Set(ids).size).toBe(ids.length)
    await page.keyboard.press('Control+z')
    await expect.poll(() => headingNumbers(page).then((n) => n.filter((x) => x.endsWith(' 专业布局')))).toEqual(['3.1 专业布局'])
    await waitSaved(page)
    await expect.poll(async () => count(await storedDoc(host, ch3.id), '专业布局'), { timeout: 10_000 }).toBe(storedBefore)
  })

  it('says in plain Chinese when the file has been moved away, keeps the text, and saves it once the file is back', async () => {
    const [, , ch3] = list
    const state = await hostCall<{ path: string }>(host, 'report.state')
    await caretAtEnd(page, `${editorSel} > p`, 1)
    renameSync(state.path, `${state.path}.moved`)
    try {
      await page.keyboard.type('文件不在时写下的话。')
      await page.waitForSelector('[data-testid="save-state"].save-error', { timeout: 15_000 })
      const message = (await page.textContent('[data-testid="save-state"]')) ?? ''
      expect(message).toMatch(/^保存失败：报告文件“.+”已被移动或删除/)
      expect(message).toContain('正在自动重试')
      await screenshot(page, 'editor-save-failed')
      expect(await page.textContent(editorSel)).toContain('文件不在时写下的话。')
    } finally {
      renameSync(`${state.path}.moved`, state.path)
    }
    await page.waitForSelector('[data-testid="save-state"].save-saved', { timeout: 30_000 })
    expect(await storedText(host, ch3.id)).toContain('文件不在时写下的话。')
    expect(errors).toEqual([])
  })
})
