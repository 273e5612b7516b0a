import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { chapters, caretAtEnd, editorSel, headingNumbers, openApp, openChapterByTitle, storedDoc, storedText, waitSaved } from '../helpers/editorPage'
import { makePng } from '../helpers/png'

/**
 * A bureau editor's day in the chapter editor, in Chromium through the
 * browser host: type Chinese text, add a section and a case with a photo,
 * reorder two sections and see the numbers change, switch chapters, reload:
 * everything is still there, and stored as it should be.
 */
describe('chapter editor: write, structure, reload', () => {
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

  it('keeps typed text, a new section, a case with a photo and a new section order across chapter switches and a reload', async () => {
    const [ch1, ch2] = await chapters(host)
    await openChapterByTitle(page, ch1.title)
    const before = await headingNumbers(page)
    expect(before.slice(0, 3)).toEqual(['1.1 规模和结构', '1.2 设施设备', '1.3 教师队伍'])

    // Chinese text at the end of the first paragraph under 1.1.
    await caretAtEnd(page, '.chapter-doc h2 + p', 0)
    await page.keyboard.type('全市共有中等职业学校十八所，在校生四万余人。')

    // A new section at the end of the chapter, through the outline.
    await page.hover(`.chapter-row:has([data-chapter-id="${ch1.id}"])`)
    await page.click(`[aria-label="在“${ch1.title}”末尾添加一节"]`)
    await page.fill('[data-testid="text-prompt"] input', '专业建设')
    await page.click('[data-testid="text-prompt"] .btn-primary')
    // As a person would: type once the caret shows in the new section's paragraph (the editor has the focus).
    await page.waitForFunction(() => {
      const heading = Array.from(document.querySelectorAll('.chapter-doc h2')).find((h) => h.textContent === '专业建设')
      const caret = window.getSelection()?.anchorNode ?? null
      const editor = document.activeElement
      return !!heading?.nextElementSibling && !!caret && editor?.classList.contains('chapter-doc') === true && heading.nextElementSibling.contains(caret)
    })
    await page.keyboard.type('新增专业六个。')
    // The keys went into that paragraph (a later loss would show further down, not here).
    expect(await page.evaluate(() => Array.from(document.querySelectorAll('.chapter-doc h2')).find((h) => h.textContent === '专业建设')?.nextElementSibling?.textContent)).toBe(
      '新增专业六个。'
    )
    const numbers = await headingNumbers(page)
    expect(numbers).toContain('1.4 专业建设')

    // A case with its title, body and a photo with a caption.
    await page.click('[data-testid="tb-case"]')
    await page.click('.tb-menu-item:has-text("插入案例")')
    await page.keyboard.type('产教融合育人')
    await page.keyboard.press('Enter')
    await page.keyboard.type('清远市职业技术学校与企业共建实训基地。')
    await page.setInputFiles('[data-testid="photo-input"]', { name: '实训基地.png', mimeType: 'image/png', buffer: makePng(64, 48, 1) })
    await page.waitForSelector('.chapter-doc figure.photo img[src]')
    await page.click('.chapter-doc figure.photo figcaption')
    await page.keyboard.type('学生在实训基地实习')
    // Enter under a caption goes on with a paragraph below the photo, still inside the case.
    await page.keyboard.press('Enter')
    await page.keyboard.type('实习岗位一百二十个。')
    expect(await page.$eval('.chapter-doc figure.photo + p', (p) => p.textContent)).toBe('实习岗位一百二十个。')
    expect(await page.$eval('.chapter-doc figure.photo + p', (p) => !!p.closest('section[data-type="case-study"]'))).toBe(true)
    const caseLabel = await page.$eval('.chapter-doc [data-type="case-title"]', (el) => el.getAttribute('data-label'))
    expect(caseLabel).toBe('案例 1：')
    await expect.poll(() => page.$eval('.chapter-doc figure.photo img', (img) => (img as HTMLImageElement).naturalWidth)).toBe(64)

    // Reorder: 1.2 设施设备 moves below 1.3 教师队伍; the numbers follow at once.
    await page.hover('.heading-row:has-text("设施设备")')
    await page.click('[aria-label="下移 1.2 设施设备"]')
    await expect.poll(() => headingNumbers(page).then((n) => n.slice(0, 3))).toEqual(['1.1 规模和结构', '1.2 教师队伍', '1.3 设施设备'])
    // The outline shows the same numbers.
    await expect.poll(() => page.$$eval(`.outline-chapter[data-chapter-id="${ch1.id}"] .heading-row .outline-item`, (els) => els.slice(0, 3).map((e) => e.textContent))).toEqual([
      '1.1规模和结构',
      '1.2教师队伍',
      '1.3设施设备'
    ])
    await waitSaved(page)
    await screenshot(page, 'editor-journey-chapter')

    // Another chapter and back: everything is there.
    await openChapterByTitle(page, ch2.title)
    await openChapterByTitle(page, ch1.title)
    const check = async () => {
      const text = await page.textContent(editorSel)
      expect(text).toContain('全市共有中等职业学校十八所，在校生四万余人。')
      expect(text).toContain('新增专业六个。')
      expect(text).toContain('清远市职业技术学校与企业共建实训基地。')
      expect(await page.textContent('.chapter-doc figure.photo figcaption')).toBe('学生在实训基地实习')
      expect(await page.$eval('.chapter-doc [data-type="case-title"]', (el) => `${el.getAttribute('data-label')}${el.textContent}`)).toBe('案例 1：产教融合育人')
      expect((await headingNumbers(page)).slice(0, 3)).toEqual(['1.1 规模和结构', '1.2 教师队伍', '1.3 设施设备'])
      expect(await headingNumbers(page)).toContain('1.4 专业建设')
      await expect.poll(() => page.$eval('.chapter-doc figure.photo img', (img) => (img as HTMLImageElement).naturalWidth)).toBe(64)
    }
    await check()

    // Reload the page: the same, read back from the file.
    await page.reload()
    await page.waitForSelector(editorSel)
    await openChapterByTitle(page, ch1.title)
    await check()

    // Stored as a report stores it: the photo by hash (no image data in the text), numbers never stored.
    const doc = await storedDoc(host, ch1.id)
    expect(doc).not.toMatch(/data:image|base64/)
    expect(doc).toMatch(/"asset":"[a-f0-9]{64}"/)
    expect(doc).not.toContain('1.4 专业建设')
    expect(doc).not.toContain('案例 1')
    expect(await storedText(host, ch1.id)).toContain('专业建设')
    expect(errors).toEqual([])
  })
})
