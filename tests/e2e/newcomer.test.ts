/**
 * What a new user hit in the first hour, in the sample report (the imported
 * Qingyuan 2021 report), in Chromium: the table's tools never cover the text
 * above the table; indicators read with their Chinese name and unit wherever
 * they are shown, never their keys (students.enrolled, imported.1); …
 */
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, editorSel, openApp, waitSaved } from '../helpers/editorPage'

/** An indicator key as stored ("students.enrolled", "imported.1"): never shown to people. */
const KEY = /\b[a-z]+\.[a-z0-9_]+\b/

type Box = { top: number; bottom: number; left: number; right: number }
const box = (page: Page, selector: string): Promise<Box> =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect()
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }
  })

describe('a new user’s first hour', () => {
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

  it('the table’s tools open in room made above the table: the paragraph above stays readable, the clicked cell does not move', async () => {
    await page.locator(`${editorSel} .report-table`).first().scrollIntoViewIfNeeded()
    // The paragraph right before 表 1-1 (its 见表 1-1 sentence).
    const paragraphAbove = () =>
      page.$eval(`${editorSel} .report-table`, (t) => {
        const r = t.closest('.react-renderer')!.previousElementSibling!.getBoundingClientRect()
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }
      })
    const cell = page.locator(`${editorSel} .report-table`).first().locator('.rt-grid td').nth(5)
    const cellBefore = await cell.boundingBox()
    await cell.click()
    await page.waitForSelector(`${editorSel} .report-table .rt-float`, { state: 'visible' })
    const tools = await box(page, `${editorSel} .report-table .rt-float >> visible=true`)
    const paragraph = await paragraphAbove()
    const caption = await box(page, `${editorSel} .report-table >> nth=0 >> [data-testid="table-caption"]`)
    await screenshot(page, 'table-tools-room')
    expect(tools.top).toBeGreaterThanOrEqual(paragraph.bottom)
    expect(tools.bottom).toBeLessThanOrEqual(caption.top)
    const cellAfter = await cell.boundingBox()
    expect(Math.abs(cellAfter!.y - cellBefore!.y)).toBeLessThanOrEqual(1)
    // Back in the text above: the tools go, and so does their room.
    await page.mouse.click(paragraph.left + 40, paragraph.bottom - 8)
    await page.waitForSelector(`${editorSel} .report-table .rt-float`, { state: 'hidden' })
    expect((await paragraphAbove()).top).toBeCloseTo(paragraph.top, 0)
    const gap = (await box(page, `${editorSel} .report-table >> nth=0 >> [data-testid="table-caption"]`)).top - (await paragraphAbove()).bottom
    expect(gap).toBeLessThan(40)
    expect(errors).toEqual([])
  })

  it('indicators read with their name and unit: the 数据 panel, a quoted figure after a reload, a table cell and its note', async () => {
    if (!(await page.isVisible('[data-testid="data-panel"]'))) await page.click('[data-panel="data"]')
    await page.waitForSelector('[data-testid="data-panel"] .dp-row')
    const titles = await page.$$eval('[data-testid="data-panel"] .dp-name', (els) => els.map((e) => e.getAttribute('title') ?? ''))
    expect(titles.length).toBeGreaterThan(20)
    for (const t of titles) {
      expect(t).not.toMatch(KEY)
      expect(t).not.toContain('标识')
    }
    expect(titles.some((t) => t.startsWith('生均校舍建筑面积（平方米）'))).toBe(true)
    // 生师比 was made by the import (its key is imported.N): quote it in the text, then reload the page.
    await caretAtEnd(page, `${editorSel} > p`, 0)
    await page.click('[data-testid="data-panel"] .dp-row[data-indicator="生师比"] [data-testid="insert-field"]')
    await page.waitForSelector(`${editorSel} .data-field`)
    await waitSaved(page)
    await page.reload()
    await page.waitForSelector(`${editorSel} .data-field[data-state="ok"]`)
    if (await page.isVisible('[data-testid="data-panel"]')) await page.click('[data-panel="data"]')
    await expect.poll(() => page.getAttribute(`${editorSel} .data-field`, 'title')).toMatch(/^生师比，本年/)
    expect(await page.getAttribute(`${editorSel} .data-field`, 'title')).not.toMatch(KEY)
    // A table cell bound to an indicator: its tooltip and the note under the formula bar.
    const cell = page.locator(`${editorSel} .report-table`).first().locator('.rt-grid td').nth(5)
    await cell.scrollIntoViewIfNeeded()
    expect(await cell.getAttribute('title')).toBe('指标：生均校舍建筑面积（平方米），2020 年')
    await cell.click()
    await expect.poll(() => page.textContent('[data-testid="cell-info"]')).toContain('指标“生均校舍建筑面积（平方米）”2020 年的数值')
    expect(await page.textContent('[data-testid="cell-info"]')).not.toMatch(KEY)
    await screenshot(page, 'indicator-names-cell')
    expect(errors).toEqual([])
  })
})
