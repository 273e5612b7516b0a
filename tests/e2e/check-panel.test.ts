import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, chapters, editorSel, hostCall, openApp, openChapterByTitle, openCityReportWithQingyuanFigures, storedText, waitSaved } from '../helpers/editorPage'

/**
 * 体检 in Chromium, as an editor uses it: on the sample (the Qingyuan 2021
 * report imported), open 体检 from the top bar, click a finding (its chapter
 * opens with the words selected), fix it in one click and see it gone, mark
 * one 已核实, and be warned on export; on a city report, type a sentence
 * quoting the data, turn its numbers into fields with 全部采用, change the
 * figure in its table and see the sentence follow.
 */
const panel = '[data-testid="panel-check"]'
const finding = (text: string) => `${panel} [data-testid="check-finding"]:has(.check-sentence:has-text("${text}"))`
const findingCount = (page: Page, text: string) => page.locator(finding(text)).count()

describe('体检 panel', () => {
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

  it('opens from the top bar and lists the findings by chapter with severity, place, sentence, numbers and the value they should have', async () => {
    await page.click('[data-testid="check-button"]')
    await page.waitForSelector(`${panel} [data-testid="check-finding"]`)
    await expect.poll(() => page.textContent('[data-testid="check-badge"]'), { timeout: 15_000 }).toMatch(/^\d+$/)
    const groups = await page.$$eval(`${panel} .check-chapter`, (hs) => hs.map((h) => h.textContent))
    expect(groups).toEqual(expect.arrayContaining(['2 学生发展', '3 质量保障措施', '5 社会贡献']))
    const item = page.locator(finding('上升 9.79 个百分点'))
    await expect.poll(() => item.count()).toBe(1)
    expect(await item.locator('.check-sev').textContent()).toBe('错误')
    expect(await item.locator('.check-where').textContent()).toBe('2.2.3 就业结构不断优化')
    expect(await item.locator('mark').textContent()).toBe('9.79')
    expect(await item.locator('.check-message').textContent()).toBe('82.40 与上年的 72.16 相差 10.24 个百分点，句中写的是 9.79 个百分点。')
    expect(await item.locator('.check-expected').textContent()).toBe('应为 10.24')
    const ratio = page.locator(finding('生师比 18.25:1'))
    expect(await ratio.locator('.check-others').textContent()).toContain('表 1-2：18.28')
    await screenshot(page, 'check-panel')
  })

  it('a click opens the chapter and selects the words; 改为 fixes them and the finding is gone after the save', async () => {
    await page.locator(`${finding('上升 9.79 个百分点')} .check-body`).click()
    await page.waitForFunction(() => document.querySelector('[data-testid="chapter-title"]')?.textContent?.includes('学生发展'))
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('9.79')
    await screenshot(page, 'check-selected')

    await page.locator(`${finding('上升 9.79 个百分点')} [data-testid="check-fix"]`).click()
    await expect.poll(() => page.locator(`${editorSel} p:has-text("上升 10.24 个百分点")`).count()).toBe(1)
    await expect.poll(() => findingCount(page, '上升 9.79 个百分点'), { timeout: 15_000 }).toBe(0)
    await waitSaved(page)
    const ch = (await chapters(host)).find((c) => c.title === '学生发展')!
    expect(await storedText(host, ch.id)).toContain('上升 10.24 个百分点')
    // Undo takes the fix back like any edit.
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator(`${editorSel} p:has-text("上升 9.79 个百分点")`).count()).toBe(1)
    await page.keyboard.press('Control+y')
    await expect.poll(() => page.locator(`${editorSel} p:has-text("上升 10.24 个百分点")`).count()).toBe(1)
    await waitSaved(page)
    await expect.poll(() => findingCount(page, '上升 9.79 个百分点'), { timeout: 15_000 }).toBe(0)
    await screenshot(page, 'check-fixed')
  })

  it('a finding in a chapter that is not open is fixed in the file; 已核实 keeps one with who and when', async () => {
    const before = await findingCount(page, '生师比 18.25:1')
    expect(before).toBe(1)
    await page.locator(`${finding('生师比 18.25:1')} [data-testid="check-fix"]`).click()
    await expect.poll(() => findingCount(page, '生师比 18.25:1'), { timeout: 15_000 }).toBe(0)
    const ch = (await chapters(host)).find((c) => c.title === '质量保障措施')!
    expect(await storedText(host, ch.id)).toContain('生师比 18.28:1')

    await page.locator(`${finding('本地就业比例为 82.46%')} [data-testid="check-verify"]`).click()
    await expect.poll(() => page.locator(`${panel} [data-testid="check-verified"]`).count()).toBe(1)
    await page.click(`${panel} [data-testid="check-verified"] .check-toggle`)
    const kept = page.locator(`${panel} [data-testid="check-verified"] [data-testid="check-finding"]`)
    expect(await kept.locator('.check-verified-by').textContent()).toMatch(/^.+ 于 \d{4}-\d\d-\d\d \d\d:\d\d 核实$/)
    expect(await page.textContent(`${panel} [data-testid="check-summary"]`)).toContain('已核实 1')
  })

  it('export warns while errors remain open', async () => {
    await page.click('[data-testid="export-word"]')
    await page.waitForSelector('[data-testid="export-check-warning"]')
    expect(await page.textContent('[data-testid="export-check-warning"]')).toMatch(/还有 \d+ 处错误没有处理/)
    await screenshot(page, 'check-export-warning')
    await page.click('[data-testid="export-check-warning"] button:text-is("查看体检结果")')
    await expect.poll(() => page.locator('[data-testid="export-check-warning"]').count()).toBe(0)
    await page.waitForSelector(panel)
  })

  it('全部采用 turns the numbers of a typed sentence into fields; changing the figure in its table changes the sentence', async () => {
    await openCityReportWithQingyuanFigures(host, page, '体检清远2021.nianbao')
    await openChapterByTitle(page, '基本情况')
    await page.waitForSelector(`${editorSel} .report-table td[data-cell="C3"]`)
    if ((await page.locator(panel).count()) === 0) await page.click('[data-testid="check-button"]')
    await caretAtEnd(page, `${editorSel} > p`, (await page.locator(`${editorSel} > p`).count()) - 1)
    await page.keyboard.press('Enter')
    await page.keyboard.type('截至年底，全市中职学校专任教师 1649 人，较上年增加了 27 人。')
    await waitSaved(page)
    const proposals = page.locator(`${panel} [data-testid="check-proposals"]`)
    await expect.poll(() => proposals.locator('.check-count').textContent(), { timeout: 15_000 }).toBe('2')
    await proposals.locator('.check-toggle').click()
    await screenshot(page, 'check-proposals')
    await proposals.locator('[data-testid="check-bind-all"]').click()
    const sentence = page.locator(`${editorSel} p:has-text("截至年底")`)
    await expect.poll(() => sentence.locator('.data-field').allTextContents()).toEqual(['1649', '增加了 27'])
    expect(await sentence.textContent()).toBe('截至年底，全市中职学校专任教师 1649 人，较上年增加了 27 人。')
    await expect.poll(() => page.locator(`${panel} [data-testid="check-proposals"]`).count()).toBe(0)

    // 表 1-2 (教师队伍), 专任教师 本年.
    const teachers = page.locator(`${editorSel} .report-table`).nth(1)
    await teachers.scrollIntoViewIfNeeded()
    await teachers.locator('td[data-cell="C3"]').click()
    await page.keyboard.type('1700')
    await page.keyboard.press('Enter')
    await expect.poll(() => sentence.locator('.data-field').allTextContents()).toEqual(['1700', '增加了 78'])
    await sentence.scrollIntoViewIfNeeded()
    await screenshot(page, 'check-field-follows')
    const values = await hostCall<{ indicators: { id: string; values: Record<string, number> }[] }>(host, 'data.overview')
    expect(values.indicators.find((i) => i.id === 'teachers.fulltime')?.values['2021']).toBe(1700)
    expect(errors).toEqual([])
  })

  it('re-checks as the user types: a wrong difference typed is listed once the chapter is saved, and goes when it is corrected', async () => {
    const openErrors = async () => Number((await page.textContent(`${panel} [data-testid="check-summary"]`))?.match(/错误 (\d+)/)?.[1])
    const before = await openErrors()
    await caretAtEnd(page, `${editorSel} > p`, (await page.locator(`${editorSel} > p`).count()) - 1)
    await page.keyboard.press('Enter')
    await page.keyboard.type('参加省级技能竞赛的学生 320 人，比上年（280 人）增加 30 人。')
    await waitSaved(page)
    const typed = page.locator(finding('比上年（280 人）增加 30 人'))
    await expect.poll(() => typed.count(), { timeout: 15_000 }).toBe(1)
    expect(await typed.locator('.check-expected').textContent()).toBe('应为 40')
    await expect.poll(openErrors, { timeout: 15_000 }).toBe(before + 1)
    // The top-bar badge counts the open errors (red) once there are any.
    await expect.poll(() => page.textContent('[data-testid="check-badge"].sev-error'), { timeout: 15_000 }).toBe(String(before + 1))
    await screenshot(page, 'check-typed')
    // Corrected by hand (not with 改为): gone after the next save.
    await caretAtEnd(page, `${editorSel} > p`, (await page.locator(`${editorSel} > p`).count()) - 1)
    // Back over “0 人。”, then 3 → 4.
    for (let i = 0; i < '0 人。'.length; i++) await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Backspace')
    await page.keyboard.type('4')
    await expect.poll(() => page.locator(`${editorSel} p:has-text("增加 40 人。")`).count()).toBe(1)
    await waitSaved(page)
    await expect.poll(() => typed.count(), { timeout: 15_000 }).toBe(0)
    await expect.poll(openErrors, { timeout: 15_000 }).toBe(before)
    expect(errors).toEqual([])
  })
})
