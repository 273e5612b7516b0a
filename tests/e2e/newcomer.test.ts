/**
 * What a new user hit in the first hour, in the sample report (the imported
 * Qingyuan 2021 report), in Chromium: the table's tools never cover the text
 * above the table; indicators read with their Chinese name and unit wherever
 * they are shown, never their keys (students.enrolled, imported.1); 见表
 * opens the picker however it was typed (a whole phrase committed by an input
 * method too); a table cell is quoted by clicking it; typing over a derived
 * cell asks before its formula goes; the places the import and rollover
 * reports list go there when clicked; the rollover dialog reads cleanly; …
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

  it('a heading made from the 段落样式 menu shows its number in the text at once, as the outline does (and as Ctrl+Alt+2 does)', async () => {
    const numbered = () =>
      page.$$eval(`${editorSel} > h2, ${editorSel} > h3`, (hs) => hs.map((h) => ({ text: h.textContent, number: h.getAttribute('data-number'), shown: getComputedStyle(h, '::before').content })))
    // A paragraph of its own, typed after the chapter's first paragraph, made a 二级标题 from the menu.
    await caretAtEnd(page, `${editorSel} > p`, 0)
    await page.keyboard.press('Enter')
    await page.keyboard.type('菜单设置的新标题')
    await page.click('[data-testid="tb-style"]')
    await page.click('.tb-menu-item:has-text("二级标题")')
    await page.waitForTimeout(300)
    const after = await numbered()
    const made = after.find((h) => h.text === '菜单设置的新标题')
    expect(made?.number).toMatch(/^\d+\.1$/)
    expect(made?.shown).toContain(made!.number!)
    // The headings after it moved on by one, in the text and in the outline alike.
    const outline = await page.$$eval('.outline-row', (rows) => rows.map((r) => r.textContent ?? ''))
    expect(outline.some((t) => t.includes(`${made!.number} 菜单设置的新标题`) || t.includes(`${made!.number}菜单设置的新标题`))).toBe(true)
    const numbers = after.filter((h) => h.number).map((h) => h.number)
    expect(new Set(numbers).size).toBe(numbers.length)
    await screenshot(page, 'heading-from-style-menu')
    // Back to 正文 from the same menu: the number goes at once.
    await page.click('[data-testid="tb-style"]')
    await page.click('.tb-menu-item:has-text("正文")')
    await page.waitForTimeout(300)
    expect((await numbered()).some((h) => h.text === '菜单设置的新标题')).toBe(false)

    // An empty paragraph made a heading first, then typed in: numbered from the first character on.
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.click('[data-testid="tb-style"]')
    await page.click('.tb-menu-item:has-text("三级标题")')
    await page.keyboard.type('先设样式后输入')
    await page.waitForTimeout(300)
    const typed = (await numbered()).find((h) => h.text === '先设样式后输入')
    expect(typed?.number).toMatch(/^\d+(\.\d+)+$/)
    expect(typed?.shown).toContain(typed!.number!)
    await screenshot(page, 'heading-from-style-menu-typed')
    await waitSaved(page)
  })

  it('the toolbar stays one row when a side panel is open (every panel), at the usual 1440 px and at 1280 px', async () => {
    const rows = () =>
      page.$eval('[data-testid="toolbar"]', (bar) => {
        const tops = new Set(Array.from(bar.querySelectorAll('.tb-group')).map((g) => Math.round(g.getBoundingClientRect().top)))
        return { rows: tops.size, height: bar.getBoundingClientRect().height }
      })
    const closed = await rows()
    expect(closed.rows).toBe(1)
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 900 })
      for (const panel of await page.$$eval('.side-tab[data-panel]', (tabs) => tabs.map((t) => t.getAttribute('data-panel')!))) {
        await page.click(`.side-tab[data-panel="${panel}"]`)
        await page.waitForTimeout(150)
        const open = await rows()
        if (open.rows > 1) await screenshot(page, `toolbar-wrapped-${panel}-${width}`)
        expect(open, `${panel} open at ${width} px`).toEqual({ rows: 1, height: closed.height })
        // At the usual 1440 px every tool stays in sight with a panel open: nothing under 更多.
        if (width === 1440) expect(await page.$$('[data-testid="tb-more"]'), `${panel} open at 1440 px`).toHaveLength(0)
        await page.click(`.side-tab[data-panel="${panel}"]`)
      }
    }
    // What does not fit is under 更多, in order, and works from there: the 案例 menu opens over the page.
    await page.click('.side-tab[data-panel="data"]')
    await page.waitForTimeout(150)
    await page.click('[data-testid="tb-more"]')
    await page.waitForSelector('[data-testid="tb-overflow"] [data-testid="tb-case"]')
    expect(await page.$$eval('[data-testid="toolbar"] > .tb-group:not(.tb-more):not(.tb-end) [data-testid="tb-case"]', (x) => x.length)).toBe(0)
    await page.click('[data-testid="tb-overflow"] [data-testid="tb-case"]')
    await page.waitForSelector('[data-testid="tb-overflow"] .tb-menu-item:has-text("插入案例")')
    await screenshot(page, 'toolbar-with-panel-more')
    await page.keyboard.press('Escape')
    await page.click('.side-tab[data-panel="data"]')
    await page.setViewportSize({ width: 1440, height: 900 })
    // Without a panel at 1440 px everything is in the row, no 更多.
    await page.waitForTimeout(150)
    expect(await page.$$('[data-testid="tb-more"]')).toHaveLength(0)
  })

  it('the chart dialog’s preview of a whole table keeps its values apart (unit test: chart-labels)', async () => {
    // 表 1-4: the whole table as the range, its eight columns of figures as series.
    const table = page.locator('.chapter-doc .report-table').nth(3)
    await table.scrollIntoViewIfNeeded()
    await table.locator('td[data-cell="A1"]').click()
    await table.locator('td[data-cell="I5"]').click({ modifiers: ['Shift'] })
    await table.locator('.rt-tools button:has-text("生成图表")').click()
    await page.waitForSelector('[data-testid="chart-range"]')
    expect(await page.inputValue('[data-testid="chart-range"]')).toBe('A1:I5')
    await expect.poll(async () => JSON.parse((await page.getAttribute('[data-testid="chart-preview"] [data-testid="chart-canvas"]', 'data-series')) ?? '[]').length).toBeGreaterThanOrEqual(8)
    await page.waitForTimeout(300)
    await screenshot(page, 'chart-preview-whole-table')
    await page.keyboard.press('Escape')
    await page.waitForSelector('[data-testid="chart-range"]', { state: 'detached' })
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

  it('见表 typed with an input method opens the picker, also when committed with the phrase before it; pasted or undone text does not', async () => {
    const cdp = await page.context().newCDPSession(page)
    const para = `${editorSel} > p`
    await caretAtEnd(page, para, 2)
    // A whole phrase in one commit.
    for (const t of ['j', 'ji', 'jian', 'jian b', 'jian bi', 'jian biao']) await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length })
    await cdp.send('Input.insertText', { text: '各项指标较上年均有增长（见表' })
    await page.waitForSelector('[data-testid="crossref-dialog"]')
    await screenshot(page, 'crossref-after-ime-phrase')
    await page.click('[data-testid="crossref-list"] li:has-text("表 1-2") button')
    await page.waitForSelector('[data-testid="crossref-dialog"]', { state: 'detached' })
    await expect.poll(() => page.$eval(`${para} >> nth=2`, (p) => p.textContent ?? '')).toMatch(/各项指标较上年均有增长（见表 1-2$/)
    // A short commit, as before.
    await cdp.send('Input.imeSetComposition', { text: 'jian tu', selectionStart: 7, selectionEnd: 7 })
    await cdp.send('Input.insertText', { text: '、见图' })
    await page.waitForSelector('[data-testid="crossref-dialog"]')
    await page.keyboard.press('Escape')
    await page.waitForSelector('[data-testid="crossref-dialog"]', { state: 'detached' })
    // Pasted text ending in 见表 is text, not a request for a reference; nor is an undo that brings 见表 back.
    await page.evaluate(() => {
      const dt = new DataTransfer()
      dt.setData('text/plain', '详见表')
      document.querySelector('.chapter-doc')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }))
    })
    await expect.poll(() => page.$eval(`${para} >> nth=2`, (p) => p.textContent ?? '')).toMatch(/详见表$/)
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Control+z')
    await page.waitForTimeout(400)
    expect(await page.isVisible('[data-testid="crossref-dialog"]')).toBe(false)
  })

  it('a table cell is quoted by clicking it in the table as it reads (no A1 address to type)', async () => {
    await caretAtEnd(page, `${editorSel} > p`, 3)
    await page.keyboard.type('双师型教师比为')
    await page.click('[data-testid="tb-data"]')
    await page.click('.tb-menu-item:has-text("插入数据字段")')
    await page.waitForSelector('[data-testid="field-dialog"]')
    await page.selectOption('[data-testid="field-kind"]', 'cell')
    await page.selectOption('[data-testid="field-table"]', { label: await page.$eval('[data-testid="field-table"] option:nth-child(3)', (o) => o.textContent ?? '') })
    await page.waitForSelector('[data-testid="cell-picker"] td')
    expect(await page.textContent('[data-testid="field-dialog"]')).not.toMatch(/如 C6|第 C 列/)
    await page.click('[data-testid="cell-picker"] td:has-text("83.89")')
    await expect.poll(() => page.textContent('[data-testid="field-dialog"] .cell-picked')).toMatch(/（已选：“双师型教师[^”]*”的“2021 年”）/)
    await expect.poll(() => page.textContent('[data-testid="field-preview"]')).toContain('83.89')
    await screenshot(page, 'field-dialog-cell-picker')
    await page.click('[data-testid="field-ok"]')
    await page.waitForSelector('[data-testid="field-dialog"]', { state: 'detached' })
    await expect.poll(() => page.$eval(`${editorSel} > p >> nth=3`, (p) => p.textContent ?? '')).toMatch(/双师型教师比为83\.89$/)
  })

  it('typing over a derived cell asks first: 保留公式 keeps it, 替换公式 replaces it (undo brings it back)', async () => {
    const table = page.locator(`${editorSel} .report-table`).first()
    const change = table.locator('td[data-cell="D2"]')
    await change.scrollIntoViewIfNeeded()
    await change.click()
    const formula = await page.inputValue('[data-testid="formula-input"]')
    expect(formula.startsWith('=')).toBe(true)
    const shown = await change.textContent()
    await page.keyboard.type('99')
    await page.keyboard.press('Enter')
    await page.waitForSelector('[data-testid="confirm-dialog"]')
    const question = (await page.textContent('[data-testid="confirm-dialog"]')) ?? ''
    expect(question).toContain('“生均校舍建筑面积（平方米）”的“变化情况”由公式')
    expect(question).toContain('改为“99”会去掉公式')
    await screenshot(page, 'table-overwrite-question')
    await page.click('[data-testid="confirm-dialog"] button:has-text("保留公式")')
    await page.waitForSelector('[data-testid="confirm-dialog"]', { state: 'detached' })
    expect(await change.textContent()).toBe(shown)
    await change.click()
    expect(await page.inputValue('[data-testid="formula-input"]')).toBe(formula)
    await page.keyboard.type('99')
    await page.keyboard.press('Enter')
    await page.click('[data-testid="confirm-dialog"] button:has-text("替换公式")')
    // The column's format (change, 2 decimals) stays: 99 reads +99.00.
    await expect.poll(() => change.textContent()).toBe('+99.00')
    await change.click()
    expect(await page.inputValue('[data-testid="formula-input"]')).toBe('99')
    await page.keyboard.press('Control+z')
    await expect.poll(() => change.textContent()).toBe(shown)
    expect(errors).toEqual([])
  })

  it('a place in the 导入报告 goes there: the chapter opens at the table or heading it names', async () => {
    await page.click('.side-tab[data-panel="import"]')
    const issues = page.locator('[data-testid="panel-import"] [data-testid="import-inconsistencies"] li')
    await issues.first().waitFor()
    // The printed 44 of 表 3-3 (a cell its formula contradicts).
    const cellIssue = issues.filter({ hasText: '表 3-3' }).filter({ hasText: '44' })
    await cellIssue.locator('[data-testid="import-go"]').click()
    await expect.poll(() => page.textContent('[data-testid="chapter-title"]')).toContain('质量保障措施')
    await page.waitForSelector(`${editorSel} .report-table.is-selected`)
    expect(await page.textContent(`${editorSel} .report-table.is-selected [data-testid="table-caption"]`)).toContain('表 3-3')
    // In view, its tools too.
    const pane = await box(page, '.editor-pane')
    const tools = await box(page, `${editorSel} .report-table.is-selected .rt-float`)
    expect(tools.top).toBeGreaterThanOrEqual(pane.top)
    expect(tools.top).toBeLessThan(pane.bottom - 200)
    await screenshot(page, 'import-report-go-to-table')
    // A heading the old document numbered twice.
    const headingIssue = issues.filter({ hasText: '3.2.2.2' }).first()
    await headingIssue.locator('[data-testid="import-go"]').click()
    await expect.poll(() => page.evaluate(() => window.getSelection()?.anchorNode?.parentElement?.closest('h2, h3, h4')?.textContent ?? '')).not.toBe('')
    // Places outside the chapters (the cover, the old 目录) are text, not links.
    const dropped = page.locator('[data-testid="panel-import"] [data-testid="import-dropped"]')
    await dropped.locator('.import-section-head').click()
    expect(await dropped.locator('[data-testid="import-go"]').count()).toBe(0)
  })

  it('从上一年报告新建: each radio button beside its text, file names whole, the year on one line; the result’s places go there', async () => {
    await page.click('[data-testid="import-menu"]')
    await page.click('[data-testid="menu-rollover"]')
    await page.waitForSelector('[data-testid="rollover-dialog"]')
    await expect.poll(() => page.textContent('[data-testid="rollover-from-year"]')).toBe('上一年报告的数据年度：2021')
    await screenshot(page, 'rollover-dialog-layout')
    const options = await page.$$eval('[data-testid="rollover-option"]', (labels) =>
      labels.map((l) => {
        const radio = l.querySelector('input')!.getBoundingClientRect()
        const title = l.querySelector('.rollover-option-title')!
        const range = document.createRange()
        range.selectNodeContents(title)
        const firstLine = range.getClientRects()[0]
        const names = Array.from(l.querySelectorAll<HTMLElement>('.rollover-file-name')).map((n) => ({ text: n.textContent, cut: n.scrollWidth > n.clientWidth + 1 }))
        return { gap: firstLine.left - radio.right, offset: Math.abs(radio.top + radio.height / 2 - (firstLine.top + firstLine.height / 2)), names }
      })
    )
    expect(options.length).toBeGreaterThanOrEqual(3)
    for (const o of options) {
      expect(o.gap).toBeLessThan(16)
      expect(o.offset).toBeLessThan(4)
      for (const n of o.names) expect(n.cut).toBe(false)
    }
    expect(options.flatMap((o) => o.names.map((n) => n.text))).toContain('示例报告-清远市2021年度.nianbao')
    const label = await page.$eval('.rollover-year label', (l) => ({ h: l.getBoundingClientRect().height, line: parseFloat(getComputedStyle(l).lineHeight) || 21 }))
    expect(label.h).toBeLessThan(label.line * 1.5)
    await page.click('[data-testid="rollover-submit"]')
    await page.waitForSelector('[data-testid="import-result"]', { timeout: 60_000 })
    const go = page.locator('[data-testid="import-result"] [data-testid="import-go"]', { hasText: '图 2-1' }).first()
    await go.click()
    await page.waitForSelector('[data-testid="import-result"]', { state: 'detached' })
    await expect.poll(() => page.textContent('[data-testid="chapter-title"]')).toContain('学生发展')
    await page.waitForSelector(`${editorSel} .report-figure`)
    await expect.poll(() => page.$eval(`${editorSel} .ProseMirror-selectednode`, (n) => n.textContent ?? '').catch(() => '')).toContain('图 2-1')
    expect(errors).toEqual([])
  })
})
