import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, openApp, openChapterByTitle, waitSaved, openCityReportWithQingyuanFigures } from '../helpers/editorPage'

/**
 * Regressions found using live data as an editor would (QA pass): undo in
 * the text after a table changed shape, the table's own undo, removing rows
 * that hold figures, and pie charts. On a city report with the Qingyuan 2021
 * figures.
 */
describe('QA: tables, quoted figures and undo', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    host = await startHost([], isolatedEnv())
    browser = await launchBrowser()
    page = await openApp(browser, host, errors)
    await openCityReportWithQingyuanFigures(host, page, 'QA清远2021.nianbao')
    await openChapterByTitle(page, '基本情况')
    await page.waitForSelector('.chapter-doc .report-table td[data-cell="C3"]')
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  /** 表 1-2 (教师队伍) is the second table of chapter 1. */
  const teachers = () => page.locator('.chapter-doc .report-table').nth(1)
  const cell = (address: string) => teachers().locator(`td[data-cell="${address}"]`).textContent()
  const rowCount = () => teachers().locator('tr').count()
  const tool = (label: string) => teachers().locator(`.rt-tools button:text-is("${label}")`)
  /** The figures the sentence of 1.3 quotes from 表 1-2: 双师型教师比, 生师比 and its change. */
  const quoted = () =>
    page.evaluate(() => {
      const p = Array.from(document.querySelectorAll('.chapter-doc p')).find((x) => x.textContent?.includes('双师型教师比为'))
      return p ? Array.from(p.querySelectorAll('.data-field')).map((f) => f.textContent) : []
    })

  it('undo in the text after rows were inserted into a table leaves the quoted figures on their cells (also after a reload)', async () => {
    expect(await quoted()).toEqual(expect.arrayContaining(['83.89%', '18.28:1', '上升 0.54']))
    const rows = await rowCount()
    await teachers().scrollIntoViewIfNeeded()
    await teachers().locator('td[data-cell="A4"]').click()
    await tool('上方插入行').click()
    await expect.poll(rowCount).toBe(rows + 1)
    expect(await cell('A5')).toBe('专业教师（人）')
    await expect.poll(quoted).toEqual(expect.arrayContaining(['83.89%', '18.28:1', '上升 0.54']))

    // Typing in the text, then undoing it and more: the fields' new cell addresses were never undo steps of
    // the text (undoing them pointed 双师型教师比 at another row); the inserted row is undone as a whole.
    await page.click('.chapter-doc p:has-text("双师型教师比为")')
    await page.keyboard.press('End')
    await page.keyboard.type('测试')
    for (let i = 0; i < 4; i++) await page.keyboard.press('Control+z')
    await expect.poll(rowCount).toBe(rows)
    await waitSaved(page)
    await expect.poll(quoted).toEqual(expect.arrayContaining(['83.89%', '18.28:1', '上升 0.54']))

    await page.reload()
    await page.waitForSelector('.chapter-doc[contenteditable="true"]')
    await openChapterByTitle(page, '基本情况')
    await page.waitForSelector('.chapter-doc .report-table td[data-cell="C3"]')
    await expect.poll(rowCount).toBe(rows)
    await expect.poll(quoted).toEqual(expect.arrayContaining(['83.89%', '18.28:1', '上升 0.54']))
    expect(await quoted()).not.toContain('880.00%')
  })

  it("the table's Ctrl+Z undoes its own last change, a format or a row included, in order", async () => {
    const rows = await rowCount()
    await teachers().locator('td[data-cell="C3"]').click()
    await page.keyboard.type('1700')
    await page.keyboard.press('Enter')
    await expect.poll(() => cell('C3')).toBe('1700')

    await teachers().locator('td[data-cell="C6"]').click()
    await page.selectOption('[data-testid="cell-format"]', 'percent')
    await expect.poll(() => cell('C6')).toMatch(/%$/)

    await teachers().locator('td[data-cell="A9"]').click()
    await tool('下方插入行').click()
    await expect.poll(rowCount).toBe(rows + 1)
    // A new row is one step: undone first…
    await teachers().locator('td[data-cell="A2"]').click()
    await page.keyboard.press('Control+z')
    await expect.poll(rowCount).toBe(rows)
    expect(await cell('C6')).toMatch(/%$/)
    // …then the format (not the value typed before it)…
    await page.keyboard.press('Control+z')
    await expect.poll(() => cell('C6')).toBe('83.89')
    expect(await cell('C3')).toBe('1700')
    // …then the value.
    await page.keyboard.press('Control+z')
    await expect.poll(() => cell('C3')).toBe('1649')
    await screenshot(page, 'qa-table-undo')
  })

  it('Ctrl+Z in the text undoes the chapter’s newest change, a table cell typed after a sentence first, then the sentence', async () => {
    const sentence = () => page.evaluate(() => Array.from(document.querySelectorAll('.chapter-doc p')).find((p) => p.textContent?.includes('双师型教师比为'))?.textContent ?? '')
    const nth = await page.$$eval('.chapter-doc p', (ps) => ps.findIndex((p) => p.textContent?.includes('双师型教师比为')))
    await caretAtEnd(page, '.chapter-doc p', nth)
    await page.keyboard.type('（补充说明）')
    await expect.poll(sentence).toContain('（补充说明）')
    await teachers().scrollIntoViewIfNeeded()
    await teachers().locator('td[data-cell="C3"]').click()
    await page.keyboard.type('1700')
    await page.keyboard.press('Enter')
    await expect.poll(() => cell('C3')).toBe('1700')
    // Back to the text, then Ctrl+Z: the cell, not the older sentence.
    await page.keyboard.press('Escape')
    await page.click('.chapter-doc p:has-text("双师型教师比为")')
    await page.keyboard.press('Control+z')
    await expect.poll(() => cell('C3')).toBe('1649')
    expect(await sentence()).toContain('（补充说明）')
    // The next one is the sentence; the table stays as it is.
    await page.keyboard.press('Control+z')
    await expect.poll(sentence).not.toContain('（补充说明）')
    expect(await cell('C3')).toBe('1649')
    await waitSaved(page)
  })

  it('removing rows that hold figures asks first; an empty row goes without asking', async () => {
    const rows = await rowCount()
    await teachers().locator('td[data-cell="A3"]').click()
    await tool('删除行').click()
    await page.waitForSelector('[data-testid="confirm-dialog"]')
    expect(await page.textContent('[data-testid="confirm-dialog"]')).toContain('第 3 行中有内容，删除后不能撤销')
    await page.click('[data-testid="confirm-dialog"] button:text-is("取消")')
    expect(await rowCount()).toBe(rows)
    expect(await cell('A3')).toBe('专任教师（人）')

    await teachers().locator('td[data-cell="A9"]').click()
    await tool('下方插入行').click()
    await expect.poll(rowCount).toBe(rows + 1)
    await teachers().locator('td[data-cell="A10"]').click()
    await tool('删除行').click()
    await expect.poll(rowCount).toBe(rows)
    expect(await page.isVisible('[data-testid="confirm-dialog"]')).toBe(false)
  })

  it('while a cell is selected the caption can still be clicked and edited; Enter goes back to the cell', async () => {
    await teachers().scrollIntoViewIfNeeded()
    await teachers().locator('td[data-cell="A3"]').click()
    await teachers().locator('.rt-caption-text').click({ timeout: 5000 })
    await page.keyboard.press('End')
    await page.keyboard.type('（修订稿）')
    await page.keyboard.press('Enter')
    await expect.poll(() => teachers().locator('[data-testid="table-caption"]').textContent()).toBe('表 1-2 2020 和 2021 年清远市中等职业学校教师队伍建设情况对比（修订稿）')
    // The keys go to the selected cell again: arrows move it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cell-input')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => page.textContent('[data-testid="formula-address"]')).toBe('A4')
    await page.keyboard.press('Escape')
  })

  it('a quoted figure or a reference never breaks over two lines (“见图 1-\n1”), also on a narrow page', async () => {
    if (!(await page.isVisible('[data-testid="data-panel"]'))) await page.click('[data-panel="data"]')
    await page.setViewportSize({ width: 1280, height: 800 })
    const split = () =>
      page.$$eval('.chapter-doc .data-field, .chapter-doc .cross-ref', (els) =>
        els.filter((e) => new Set(Array.from(e.getClientRects()).map((r) => Math.round(r.top))).size > 1).map((e) => e.textContent)
      )
    expect(await page.$$eval('.chapter-doc .data-field, .chapter-doc .cross-ref', (els) => els.length)).toBeGreaterThan(10)
    expect(await split()).toEqual([])
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.click('[data-panel="data"]')
  })

  it('生成图表 from figures selected in a table takes in their row and column names', async () => {
    const first = page.locator('.chapter-doc .report-table').first()
    await first.scrollIntoViewIfNeeded()
    await first.locator('td[data-cell="B2"]').click()
    await first.locator('td[data-cell="C6"]').click({ modifiers: ['Shift'] })
    await first.locator('.rt-tools button:has-text("生成图表")').click()
    await page.waitForSelector('[data-testid="chart-range"]')
    expect(await page.inputValue('[data-testid="chart-range"]')).toBe('A1:C6')
    // The two years are the series, the five indicators the categories.
    await expect
      .poll(() => page.getAttribute('[data-testid="chart-preview"] [data-testid="chart-canvas"]', 'data-series'))
      .toBe(JSON.stringify([[18.49, 11800, 0.85, 34.1, 35.94], [19.94, 12800, 0.84, 35.07, 33.9]]))
    await page.keyboard.press('Escape')
    await page.waitForSelector('[data-testid="chart-range"]', { state: 'detached' })
  })

  it('a pie chart shows one year, 本年 unless another is chosen (a pie of two years drew last year’s shares)', async () => {
    await page.click('.chapter-doc p:has-text("双师型教师比为")')
    await page.click('[data-testid="tb-data"]')
    await page.click('.tb-menu-item:has-text("插入图表")')
    await page.fill('[data-testid="chart-caption"]', '{本年} 年招生与毕业生')
    await page.check('[data-testid="chart-indicators"] label:has-text("招生数") input')
    await page.check('[data-testid="chart-indicators"] label:has-text("毕业生数") input')
    const years = () => page.$$eval('input[name="chart-year"]', (is) => is.filter((i) => (i as HTMLInputElement).checked).map((i) => i.parentElement?.textContent?.trim()))
    expect(await years()).toEqual(['上年', '本年'])
    await page.click('[data-chart-type="pie"]')
    expect(await years()).toEqual(['本年'])
    expect(await page.$$eval('input[name="chart-year"]', (is) => is.map((i) => (i as HTMLInputElement).type))).toEqual(['radio', 'radio', 'radio'])
    await expect.poll(() => page.getAttribute('[data-testid="chart-preview"] [data-testid="chart-canvas"]', 'data-series')).toBe(JSON.stringify([[13930, 8317]]))
    // The preview's caption reads as it will print, with the number the figure takes where it goes in.
    const previewCaption = await page.textContent('[data-testid="chart-preview"] .chart-preview-caption')
    expect(previewCaption).toMatch(/^图 \d+-\d+ 2021 年招生与毕业生$/)
    await screenshot(page, 'qa-pie-dialog')
    // Another year replaces it, never adds to it.
    await page.check('input[name="chart-year"] >> nth=1')
    expect(await years()).toEqual(['上年'])
    await page.check('input[name="chart-year"] >> nth=2')
    await page.click('[data-testid="chart-ok"]')
    await page.waitForSelector('.report-figure:has-text("2021 年招生与毕业生")')
    await expect
      .poll(() => page.getAttribute('.report-figure:has-text("2021 年招生与毕业生") [data-testid="chart-canvas"]', 'data-series'))
      .toBe(JSON.stringify([[13930, 8317]]))
    expect((await page.textContent('.report-figure:has-text("2021 年招生与毕业生") [data-testid="figure-caption"]'))?.trim()).toBe(previewCaption)
    expect(errors).toEqual([])
  })
})
