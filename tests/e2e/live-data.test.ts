import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, hostCall, openApp, openChapterByTitle, waitSaved, openCityReportWithQingyuanFigures } from '../helpers/editorPage'

/**
 * Live data in Chromium through the browser host, on a report made from the
 * city template and filled with the Qingyuan 2021 figures. A value typed in the 数据
 * panel reaches the table cell, the figure quoted in the text and the chart
 * at once, without a reload; after a reload everything is still there.
 */
describe('live data: indicators, tables, fields and charts follow each other', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    host = await startHost([], isolatedEnv())
    browser = await launchBrowser()
    page = await openApp(browser, host, errors)
    await openCityReportWithQingyuanFigures(host, page, '清远市2021年度质量报告.nianbao')
    await page.waitForFunction(() => document.querySelector('[data-testid="report-title"]')?.textContent?.includes('2022年清远市'))
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  /** The text of a cell of the n-th report table of the open chapter. */
  const cell = (table: number, address: string) =>
    page.evaluate(
      ([t, a]) => document.querySelectorAll('.chapter-doc .report-table')[t as number]?.querySelector(`td[data-cell="${a}"]`)?.textContent?.replace(/\u00a0/g, '') ?? null,
      [table, address] as const
    )
  /** The quoted figures of the paragraph that contains `text`. */
  const fieldsOf = (text: string) =>
    page.evaluate((t) => {
      const p = Array.from(document.querySelectorAll('.chapter-doc p')).find((x) => x.textContent?.includes(t))
      return p ? Array.from(p.querySelectorAll('.data-field')).map((f) => f.textContent) : null
    }, text)
  /** The numbers the n-th chart of the open chapter draws. */
  const chartSeries = (n: number) => page.evaluate((i) => JSON.parse(document.querySelectorAll('.chapter-doc .report-figure [data-testid="chart-canvas"]')[i]?.getAttribute('data-series') ?? 'null'), n)

  it('a value typed in the 数据 panel changes the table cell, the quoted figure and the chart without a reload, and is kept after one', async () => {
    await openChapterByTitle(page, '基本情况')
    await page.waitForSelector('.chapter-doc .report-table td[data-cell="C3"]')
    await page.waitForSelector('.chapter-doc .report-figure canvas')
    // Before: the published figures.
    expect(await cell(1, 'C3')).toBe('1649')
    expect(await cell(1, 'D3')).toBe('+27')
    expect(await fieldsOf('教职工总数')).toContain('1649')
    expect(await chartSeries(0)).toEqual([
      [11731, 28771, null],
      [13930, 30150, 8317]
    ])
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true))

    if (!(await page.isVisible('[data-testid="data-panel"]'))) await page.click('[data-panel="data"]')
    await page.waitForSelector('[data-testid="data-panel"] [data-indicator="专任教师"]')
    await page.fill('[data-testid="value-teachers.fulltime-2021"]', '1700')
    await page.press('[data-testid="value-teachers.fulltime-2021"]', 'Enter')
    await page.fill('[data-testid="value-students.total-2021"]', '31000')
    await page.press('[data-testid="value-students.total-2021"]', 'Enter')

    // 表 1-2: the input, its change, and the derived 兼职教师/专任教师 and 生师比.
    await expect.poll(() => cell(1, 'C3')).toBe('1700')
    expect(await cell(1, 'D3')).toBe('+78')
    await expect.poll(() => cell(1, 'C8')).toBe('7.18')
    await expect.poll(() => cell(1, 'C9')).toBe('18.24')
    // 表 1-3: 专任教师 is its base too.
    expect(await cell(2, 'B4')).toBe('1700')
    // The sentence of 1.3 quotes the new figures; the one of 1.1 the new 在校生数 and its growth.
    await expect.poll(() => fieldsOf('教职工总数')).toEqual(expect.arrayContaining(['1700', '18.24:1', '上升 0.50']))
    await expect.poll(() => fieldsOf('在校生')).toEqual(expect.arrayContaining(['31000', '增加 2229', '7.75%']))
    // 图 1-1 draws the new 在校生数.
    await expect.poll(() => chartSeries(0)).toEqual([
      [11731, 28771, null],
      [13930, 31000, 8317]
    ])
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true)
    await screenshot(page, 'live-data-panel-changed')

    // Stored in the file: a reload shows the same.
    await page.reload()
    await page.waitForSelector('.chapter-doc[contenteditable="true"]')
    await openChapterByTitle(page, '基本情况')
    await page.waitForSelector('.chapter-doc .report-figure canvas')
    await expect.poll(() => cell(1, 'C3')).toBe('1700')
    expect(await cell(1, 'C9')).toBe('18.24')
    await expect.poll(() => fieldsOf('教职工总数')).toEqual(expect.arrayContaining(['1700', '18.24:1']))
    await expect.poll(() => chartSeries(0)).toEqual([
      [11731, 28771, null],
      [13930, 31000, 8317]
    ])
    const data = await hostCall<{ indicators: { id: string; values: Record<string, number> }[] }>(host, 'data.overview')
    expect(data.indicators.find((i) => i.id === 'teachers.fulltime')!.values).toEqual({ '2020': 1622, '2021': 1700 })
  })

  it('typing a number into a table cell that shows an indicator sets the indicator; a formula error shows its Chinese explanation', async () => {
    await openChapterByTitle(page, '基本情况')
    const table = page.locator('.chapter-doc .report-table').nth(1)
    await table.scrollIntoViewIfNeeded()
    await table.locator('td[data-cell="C2"]').click()
    await page.keyboard.type('1900')
    await page.keyboard.press('Enter')
    await expect.poll(() => cell(1, 'D2')).toBe('+21')
    await expect.poll(() => fieldsOf('教职工总数')).toEqual(expect.arrayContaining(['1900', '增加 21']))
    // The panel shows the value typed in the table.
    if (!(await page.isVisible('[data-testid="data-panel"]'))) await page.click('[data-panel="data"]')
    await expect.poll(() => page.inputValue('[data-testid="value-staff.total-2021"]')).toBe('1900')

    // A division by zero through the formula bar: explained in the cell, the rest of the table still computes.
    await table.locator('td[data-cell="B9"]').click()
    await page.fill('[data-testid="formula-input"]', '=B3/0')
    await page.press('[data-testid="formula-input"]', 'Enter')
    await expect.poll(() => cell(1, 'B9')).toBe('#DIV/0!')
    await table.locator('td[data-cell="B9"]').click()
    await expect.poll(() => page.textContent('[data-testid="cell-info"]')).toContain('除数为零')
    await screenshot(page, 'live-data-table-editing')
    expect(await cell(1, 'C9')).toBe('18.24')
    // The change next to it depends on it and says so too; everything else is untouched.
    expect(await cell(1, 'D9')).toBe('#DIV/0!')
    expect(await cell(1, 'C6')).toBe('83.89')
    // Put the formula back.
    await table.locator('td[data-cell="B9"]').click()
    await page.fill('[data-testid="formula-input"]', '=ROUND(指标("在校生数",上年)/B3,2)')
    await page.press('[data-testid="formula-input"]', 'Enter')
    await expect.poll(() => cell(1, 'B9')).toBe('17.74')
  })

  it('a quoted figure inserted with @ and a cross-reference typed as 见表 read as text and follow the numbering', async () => {
    await openChapterByTitle(page, '校企合作')
    await caretAtEnd(page, '.chapter-doc h2 + p', 0)
    await page.keyboard.type('全市校企合作企业')
    await page.keyboard.type('@')
    await page.waitForSelector('[data-testid="field-dialog"]')
    await page.fill('[data-testid="field-search"]', '校企合作企业')
    await page.press('[data-testid="field-search"]', 'Enter')
    await expect.poll(() => page.textContent('[data-testid="field-preview"]')).toContain('309')
    await page.press('[data-testid="field-search"]', 'Enter')
    await page.waitForSelector('[data-testid="field-dialog"]', { state: 'detached' })
    await page.keyboard.type('家（见表')
    await page.waitForSelector('[data-testid="crossref-dialog"]')
    await page.click('[data-testid="crossref-list"] li:has-text("表 1-2") button')
    await page.waitForSelector('[data-testid="crossref-dialog"]', { state: 'detached' })
    await page.keyboard.type('）。')
    const para = () => page.$eval('.chapter-doc h2 + p', (p) => p.textContent)
    expect(await para()).toBe('全市校企合作企业309家（见表 1-2）。')

    // A new table before 表 1-2 renumbers it: the reference follows.
    await waitSaved(page)
    await openChapterByTitle(page, '基本情况')
    await caretAtEnd(page, '.chapter-doc h2 + p', 0)
    await page.click('[data-testid="tb-data"]')
    await page.click('.tb-menu-item:has-text("插入数据表")')
    await page.fill('[data-testid="insert-table-caption"]', '{本年} 年新增统计')
    await page.click('[data-testid="insert-table-ok"]')
    await expect.poll(() => page.$$eval('.chapter-doc .report-table .rt-label', (l) => l.map((x) => x.textContent))).toEqual(['表 1-1', '表 1-2', '表 1-3', '表 1-4', '表 1-5'])
    await expect.poll(() => page.textContent('.chapter-doc .report-table [data-testid="table-caption"]')).toContain('2021 年新增统计')
    // Chinese typed with an input method into a cell of the new table: the composition goes into the cell, never lost.
    const fresh = page.locator('.chapter-doc .report-table').first()
    await fresh.locator('td[data-cell="A2"]').click()
    const cdp = await page.context().newCDPSession(page)
    for (const t of ['x', 'xi', 'xia', '校']) await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length })
    await cdp.send('Input.insertText', { text: '校企合作企业（家）' })
    await page.keyboard.press('Tab')
    await page.keyboard.type('=指标("校企合作企业数",本年)')
    await page.keyboard.press('Enter')
    await expect.poll(() => cell(0, 'A2')).toBe('校企合作企业（家）')
    await expect.poll(() => cell(0, 'B2')).toBe('309')
    await waitSaved(page)
    await openChapterByTitle(page, '校企合作')
    await expect.poll(para).toBe('全市校企合作企业309家（见表 1-3）。')
  })

  it('a new 数据年度 in 报告属性 moves every year column at once: last year’s 本年 becomes 上年, 本年 waits for input', async () => {
    await openChapterByTitle(page, '基本情况')
    await page.waitForSelector('.chapter-doc .report-table td[data-cell="C3"]')
    const n = (await page.$$eval('.chapter-doc .report-table .rt-label', (l) => l.map((x) => x.textContent))).indexOf('表 1-3')
    await page.click('button:has-text("报告属性")')
    await page.fill('input[name="year"]', '2022')
    await page.click('[role="dialog"] .btn-primary')
    await expect.poll(() => cell(n, 'B1')).toBe('2021 年')
    expect(await cell(n, 'C1')).toBe('2022 年')
    expect(await cell(n, 'B3')).toBe('1700')
    expect(await cell(n, 'C3')).toBe('')
    expect(await page.evaluate((i) => document.querySelectorAll('.chapter-doc .report-table')[i]?.querySelector('td[data-cell="C3"]')?.classList.contains('missing'), n)).toBe(true)
    await expect.poll(() => page.textContent(`.chapter-doc .report-table >> nth=${n} >> [data-testid="table-caption"]`)).toContain('2021 和 2022 年')
    // Back to 2021: the figures are all there again.
    await page.click('button:has-text("报告属性")')
    await page.fill('input[name="year"]', '2021')
    await page.click('[role="dialog"] .btn-primary')
    await expect.poll(() => cell(n, 'C3')).toBe('1700')
  })

  it('screenshots of a chapter with its tables and a chart, as the published report shows them', async () => {
    if (await page.isVisible('[data-testid="data-panel"]')) await page.click('[data-panel="data"]')
    await openChapterByTitle(page, '基本情况')
    await page.waitForSelector('.chapter-doc .report-figure canvas')
    await page.evaluate(() => document.querySelectorAll('.chapter-doc .report-table')[2]?.scrollIntoView({ block: 'start' }))
    await page.mouse.click(5, 5)
    await page.waitForTimeout(300)
    await screenshot(page, 'live-data-chapter-tables')
    await page.evaluate(() => document.querySelector('.chapter-doc .report-figure')?.scrollIntoView({ block: 'start' }))
    await page.waitForTimeout(600)
    await screenshot(page, 'live-data-chapter-chart')
    await openChapterByTitle(page, '学生发展')
    await page.waitForSelector('.chapter-doc .report-figure canvas')
    await page.evaluate(() => document.querySelectorAll('.chapter-doc .report-figure')[1]?.scrollIntoView({ block: 'start' }))
    await page.waitForTimeout(600)
    await screenshot(page, 'live-data-chapter2-charts')
    expect(errors).toEqual([])
  })
})
