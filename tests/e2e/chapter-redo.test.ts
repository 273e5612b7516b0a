import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, hostCall, openApp, openChapterByTitle, waitSaved, openCityReportWithQingyuanFigures } from '../helpers/editorPage'

/**
 * Ctrl+Y (and Ctrl+Shift+Z, and the toolbar's 重做) redo what the chapter's
 * Ctrl+Z undid, text and report tables alike, the last undone first; a new
 * change ends what can be redone. On a city report with the Qingyuan 2021
 * figures: 表 1-2 C3 is 专任教师 2021 (1649).
 */
describe('chapter redo: text and tables', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    host = await startHost([], isolatedEnv())
    browser = await launchBrowser()
    page = await openApp(browser, host, errors)
    await openCityReportWithQingyuanFigures(host, page, '重做清远2021.nianbao')
    await openChapterByTitle(page, '基本情况')
    await page.waitForSelector('.chapter-doc .report-table td[data-cell="C3"]')
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  const teachers = () => page.locator('.chapter-doc .report-table').nth(1)
  const cell = (address: string) => teachers().locator(`td[data-cell="${address}"]`).textContent()
  const rowCount = () => teachers().locator('tr').count()
  const tool = (label: string) => teachers().locator(`.rt-tools button:text-is("${label}")`)
  const sentence = () => page.evaluate(() => Array.from(document.querySelectorAll('.chapter-doc p')).find((p) => p.textContent?.includes('双师型教师比为'))?.textContent ?? '')
  const redoButton = () => page.$eval('[data-testid="tb-redo"]', (b) => !(b as HTMLButtonElement).disabled)

  /** The caret at the end of the 教师队伍 sentence. */
  async function toSentenceEnd(): Promise<void> {
    const nth = await page.$$eval('.chapter-doc p', (ps) => ps.findIndex((p) => p.textContent?.includes('双师型教师比为')))
    await caretAtEnd(page, '.chapter-doc p', nth)
  }

  /** Type at the end of the 教师队伍 sentence, then 1700 into 表 1-2 C3, then back into the text. */
  async function sentenceThenCell(words: string): Promise<void> {
    await toSentenceEnd()
    await page.keyboard.type(words)
    await expect.poll(sentence).toContain(words)
    await teachers().scrollIntoViewIfNeeded()
    await teachers().locator('td[data-cell="C3"]').click()
    await page.keyboard.type('1700')
    await page.keyboard.press('Enter')
    await expect.poll(() => cell('C3')).toBe('1700')
    await page.keyboard.press('Escape')
    await toSentenceEnd()
  }

  it('Ctrl+Y redoes what Ctrl+Z undid, text and table, the last undone first', async () => {
    await sentenceThenCell('（补充一）')
    await page.keyboard.press('Control+z')
    await expect.poll(() => cell('C3')).toBe('1649')
    await page.keyboard.press('Control+z')
    await expect.poll(sentence).not.toContain('（补充一）')

    // The sentence was undone last: it comes back first, the cell stays as it is…
    await page.keyboard.press('Control+y')
    await expect.poll(sentence).toContain('（补充一）')
    expect(await cell('C3')).toBe('1649')
    // …then the cell (Ctrl+Shift+Z does the same).
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => cell('C3')).toBe('1700')
    expect(await sentence()).toContain('（补充一）')
    await expect.poll(redoButton).toBe(false)

    // Undo and redo again: the same steps, in the same order.
    await page.keyboard.press('Control+z')
    await expect.poll(() => cell('C3')).toBe('1649')
    await expect.poll(redoButton).toBe(true)
    await page.click('[data-testid="tb-redo"]')
    await expect.poll(() => cell('C3')).toBe('1700')
    await waitSaved(page)
    // Stored: the value typed and redone is what the file holds.
    const data = await hostCall<{ indicators: { id: string; values: Record<string, number> }[] }>(host, 'data.overview')
    expect(data.indicators.find((i) => i.id === 'teachers.fulltime')?.values['2021']).toBe(1700)
    await screenshot(page, 'chapter-redo')
  })

  it('a new change ends what can be redone: typing after a table undo, a cell after a text undo', async () => {
    const before = await cell('C3')
    await teachers().scrollIntoViewIfNeeded()
    await teachers().locator('td[data-cell="C3"]').click()
    await page.keyboard.type('1701')
    await page.keyboard.press('Enter')
    await expect.poll(() => cell('C3')).toBe('1701')
    await page.keyboard.press('Escape')
    await toSentenceEnd()
    await page.keyboard.press('Control+z')
    await expect.poll(() => cell('C3')).toBe(before)
    // Typing now: the undone cell is not redone any more.
    await page.keyboard.type('新字')
    await expect.poll(sentence).toMatch(/新字$/)
    await expect.poll(redoButton).toBe(false)
    await page.keyboard.press('Control+y')
    await page.keyboard.press('Control+Shift+z')
    await page.keyboard.type('。')
    await expect.poll(sentence).toMatch(/新字。$/)
    expect(await cell('C3')).toBe(before)

    // Text undone, then a cell changed: the text is not redone over the cell's change.
    await page.keyboard.press('Control+z')
    await expect.poll(sentence).not.toContain('新字')
    await teachers().scrollIntoViewIfNeeded()
    await teachers().locator('td[data-cell="C4"]').click()
    await page.keyboard.type('1050')
    await page.keyboard.press('Enter')
    await expect.poll(() => cell('C4')).toBe('1050')
    await page.keyboard.press('Escape')
    await toSentenceEnd()
    await expect.poll(redoButton).toBe(false)
    await page.keyboard.press('Control+y')
    await page.keyboard.press('Control+Shift+z')
    await page.keyboard.type('完')
    await expect.poll(sentence).toMatch(/完$/)
    expect(await sentence()).not.toContain('新字')
    expect(await cell('C4')).toBe('1050')
  })

  it("in the table, Ctrl+Y redoes the table's own undone steps, an inserted row included", async () => {
    const rows = await rowCount()
    await teachers().locator('td[data-cell="A9"]').click()
    await tool('下方插入行').click()
    await expect.poll(rowCount).toBe(rows + 1)
    await teachers().locator('td[data-cell="C5"]').click()
    await page.keyboard.type('900')
    await page.keyboard.press('Enter')
    await expect.poll(() => cell('C5')).toBe('900')

    await page.keyboard.press('Control+z')
    await expect.poll(() => cell('C5')).toBe('880')
    await page.keyboard.press('Control+z')
    await expect.poll(rowCount).toBe(rows)
    await page.keyboard.press('Control+y')
    await expect.poll(rowCount).toBe(rows + 1)
    expect(await cell('C5')).toBe('880')
    await page.keyboard.press('Control+y')
    await expect.poll(() => cell('C5')).toBe('900')
    expect(errors).toEqual([])
  })
})
