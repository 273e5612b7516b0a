/**
 * A Word chart imported with its own data sheet, edited in the app: the
 * Qingyuan report whose figures are real Word charts (tests/helpers/wordCharts.ts)
 * is imported from the start screen; 编辑图表 on 图 1-1 shows the chart's
 * data sheet in the chart dialog; a number typed into the sheet redraws the
 * preview and the chart in the chapter behind the dialog at once (before
 * main has stored it), and after 确定 the chapter keeps it, still there after
 * a reload.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { editorSel, openApp, openChapterByTitle } from '../helpers/editorPage'
import { qingyuanWithCharts } from '../helpers/wordCharts'

describe('a Word chart imported with its own data sheet, edited in the chart dialog', () => {
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

  /** The numbers a chart draws (series by series), by the chart's place. */
  const series = (selector: string) => page.evaluate((s) => JSON.parse(document.querySelector(s)?.getAttribute('data-series') ?? 'null'), selector)
  const chapterChart = '.chapter-doc .report-figure [data-testid="chart-canvas"]'
  const previewChart = '[data-testid="chart-preview"] [data-testid="chart-canvas"]'
  const sheetCell = (address: string) => page.locator(`[data-testid="chart-sheet"] td[data-cell="${address}"]`)

  it('imports the charts live, edits 图 1-1 through its data sheet, and keeps the new figure', async () => {
    await page.click('text=关闭报告')
    const chooser = page.waitForEvent('filechooser')
    await page.click('[data-testid="start-import"]')
    await (await chooser).setFiles({ name: '清远市2021年报（Word 图表）.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(qingyuanWithCharts()) })
    await page.waitForSelector('[data-testid="import-result"]', { timeout: 90_000 })
    const counts = await page.$$eval('[data-testid="import-result"] .import-counts div', (els) => els.map((e) => e.textContent))
    expect(counts).toContain('图表12')
    await page.click('[data-testid="import-result"] .btn-primary')
    await page.waitForSelector(editorSel)

    await openChapterByTitle(page, '基本情况')
    await page.waitForSelector(`${chapterChart}[data-series]`)
    // 招生数 and 在校生数 of 2020 and 2021, as the Word chart cached them.
    expect(await series(chapterChart)).toEqual([
      [11731, 28771],
      [13930, 30150]
    ])
    await page.locator('.chapter-doc .report-figure').first().scrollIntoViewIfNeeded()
    await page.locator('.chapter-doc .report-figure').first().hover()
    await page.click('.chapter-doc .report-figure [data-testid="figure-edit"]')
    await page.waitForSelector('[data-testid="chart-sheet"]')
    // The sheet is the chart's: its own source is chosen, its series are the years.
    expect(await page.getAttribute('[data-testid="chart-source-sheet"]', 'aria-checked')).toBe('true')
    // The preview's caption carries the figure's number.
    expect(await page.textContent('[data-testid="chart-preview"] .chart-preview-caption')).toMatch(/^图 1-1 /)
    await expect.poll(() => sheetCell('C3').textContent()).toBe('30150')
    expect(await series(previewChart)).toEqual([
      [11731, 28771],
      [13930, 30150]
    ])

    // This year's 在校生数 typed into the sheet: the preview and the chart in the chapter follow at once,
    // while main has not answered the change yet (held here).
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const stores: Promise<void>[] = []
    await page.route(/\/api\/data\.set/, (route) => {
      stores.push(held.then(() => route.continue()))
    })
    await sheetCell('C3').click()
    await page.keyboard.type('31000')
    await page.keyboard.press('Enter')
    await expect.poll(() => stores.length).toBe(1)
    for (const chart of [previewChart, chapterChart]) {
      await expect.poll(() => series(chart)).toEqual([
        [11731, 28771],
        [13930, 31000]
      ])
    }
    release()
    await Promise.all(stores)
    await page.unroute(/\/api\/data\.set/)
    await expect.poll(() => sheetCell('C3').textContent()).toBe('31000')
    await screenshot(page, 'chart-sheet-dialog')
    await page.click('[data-testid="chart-ok"]')
    await page.waitForSelector('[data-testid="chart-sheet"]', { state: 'detached' })
    await expect.poll(() => series(chapterChart)).toEqual([
      [11731, 28771],
      [13930, 31000]
    ])
    await page.locator('.chapter-doc .report-figure').first().scrollIntoViewIfNeeded()
    await page.waitForTimeout(400)
    await screenshot(page, 'chart-sheet-chapter')

    // Stored: a reload draws the same.
    await page.reload()
    await page.waitForSelector(editorSel)
    await openChapterByTitle(page, '基本情况')
    await expect.poll(() => series(chapterChart)).toEqual([
      [11731, 28771],
      [13930, 31000]
    ])
    expect(errors).toEqual([])
  })
})
