/**
 * What a new user hit in the first hour, in the sample report (the imported
 * Qingyuan 2021 report), in Chromium: the table's tools never cover the text
 * above the table, …
 */
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { editorSel, openApp } from '../helpers/editorPage'

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
})
