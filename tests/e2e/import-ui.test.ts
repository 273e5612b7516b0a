/**
 * 导入上一年报告 and 从上一年报告新建 in the app (browser host, Chromium):
 * the sample is the imported Qingyuan report with its 导入报告; a .docx is
 * imported from the start screen (upload) and by dropping it on the window;
 * a hostile file is refused with a Chinese message; a rollover marks last
 * year's text as draft (cleared by editing) and leaves this year's table
 * column empty for input.
 */
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, editorSel, hostCall, openApp, waitSaved } from '../helpers/editorPage'
import { QINGYUAN_DOCX } from '../helpers/docx'
import { handStyledDocx } from '../helpers/handStyled'

async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const data = Buffer.from(bytes).toString('base64')
  await page.evaluate(
    ({ name, data }) => {
      const bin = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
      const dt = new DataTransfer()
      dt.items.add(new File([bin], name, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }))
      const target = document.querySelector('.page') ?? document.body
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }))
    },
    { name, data }
  )
}

describe('import and rollover in the app', () => {
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

  it('the sample is the imported Qingyuan report, and its 导入报告 lists what the old document got wrong', async () => {
    await expect.poll(() => page.getByTestId('report-title').textContent()).toBe('2022年清远市中等职业教育质量年度报告')
    await page.click('.side-tab[data-panel="import"]')
    await page.waitForSelector('[data-testid="panel-import"] [data-testid="import-report"]')
    const counts = await page.$$eval('[data-testid="panel-import"] .import-counts div', (els) => els.map((e) => e.textContent))
    expect(counts).toEqual(['章9', '小节标题67', '案例25', '表13', '图12', '图片58'])
    // The numbers of the text the import made live fields (体检 is sure they quote the data), counted.
    expect(await page.textContent('[data-testid="panel-import"] [data-testid="import-fields"]')).toMatch(/^；正文中 [1-9]\d* 个数字已改为数据字段$/)
    const issues = await page.$$eval('[data-testid="panel-import"] [data-testid="import-inconsistencies"] li', (els) => els.map((e) => e.textContent ?? ''))
    expect(issues).toHaveLength(13)
    expect(issues.some((t) => t.includes('3.2.2.2') && t.includes('3.2.2.3'))).toBe(true)
    expect(issues.some((t) => t.includes('表 3-3') && t.includes('44') && t.includes('42'))).toBe(true)
    await screenshot(page, 'import-panel')
    // The contradicted printed value is kept and marked in its table; 采用计算值 takes the formula, per cell, and the report says so.
    const item = page.locator('[data-testid="panel-import"] [data-testid="import-inconsistencies"] li', { hasText: '表 3-3' }).filter({ hasText: '44' })
    expect(await item.getAttribute('data-code')).toBe('TABLE_VALUE_MISMATCH')
    await expect.poll(() => item.locator('[data-testid="value-choice"]').getAttribute('data-choice')).toBe('printed')
    await item.locator('[data-testid="take-computed"]').click()
    await expect.poll(() => item.locator('[data-testid="value-choice"]').getAttribute('data-choice')).toBe('computed')
    await screenshot(page, 'import-panel-choice')
    const stored = await hostCall<{ inconsistencies: { cell?: { printed: string; choice: string } }[] }>(host, 'import.report')
    expect(stored.inconsistencies.find((i) => i.cell?.printed === '44')?.cell?.choice).toBe('computed')
  })

  it('导入上一年报告 from the start screen: upload, progress, the import report, the new report open', async () => {
    await page.click('text=关闭报告')
    await page.waitForSelector('[data-testid="start-import"]')
    await screenshot(page, 'import-start-screen')

    // 从上一年报告新建 on the start screen proposes the year after the chosen report's data year (the sample is 2021), read from the file.
    await page.click('[data-testid="start-rollover"]')
    await page.waitForSelector('[data-testid="rollover-dialog"]')
    await expect.poll(() => page.inputValue('[data-testid="rollover-year"]')).toBe('2022')
    expect(await page.textContent('[data-testid="rollover-from-year"]')).toBe('上一年报告的数据年度：2021')
    await screenshot(page, 'rollover-dialog-start')
    const uploadChooser = page.waitForEvent('filechooser')
    await page.click('[data-testid="rollover-dialog"] button:has-text("选择文件…")')
    await page.fill('[data-testid="rollover-year"]', '')
    await (await uploadChooser).setFiles({ name: '清远市2021年报.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: readFileSync(QINGYUAN_DOCX) })
    await expect.poll(() => page.inputValue('[data-testid="rollover-year"]'), { timeout: 60_000 }).toBe('2022')
    await page.click('[data-testid="rollover-dialog"] button:has-text("取消")')
    const chooser = page.waitForEvent('filechooser')
    await page.click('[data-testid="start-import"]')
    await (await chooser).setFiles({ name: '清远市2021年报（手工排版）.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(handStyledDocx()) })
    await page.waitForSelector('[data-testid="import-result"]', { timeout: 60_000 })
    const counts = await page.$$eval('[data-testid="import-result"] .import-counts div', (els) => els.map((e) => e.textContent))
    expect(counts).toEqual(['章9', '小节标题67', '案例25', '表13', '图12', '图片58'])
    expect(await page.textContent('[data-testid="import-result"] [data-testid="import-fields"]')).toMatch(/^；正文中 [1-9]\d* 个数字已改为数据字段$/)
    await screenshot(page, 'import-result')
    await page.click('[data-testid="import-result"] .btn-primary')
    await page.waitForSelector(editorSel)
    const state = await hostCall<{ fileName: string; meta: { year: number } }>(host, 'report.state')
    expect(state.fileName).toBe('清远市2021年度质量报告.nianbao')
    expect(state.meta.year).toBe(2021)
    // The imported report's outline is the old document's, numbered by the app.
    const outline = await page.$$eval('.outline-item', (els) => els.map((e) => e.textContent ?? ''))
    expect(outline.some((t) => t.includes('3.2.2.3') && t.includes('持续推进现代学徒制工作'))).toBe(true)
  })

  it('a .docx dropped on the window is imported; a hostile one is refused with a Chinese message', async () => {
    // A city report is open: a lone Word document could also be a school's report to compile (汇总), so the app asks.
    await dropFile(page, 'bad.docx', new TextEncoder().encode('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'))
    await page.click('[data-testid="docx-choice-import"]')
    await page.waitForSelector('.notice-error')
    expect(await page.textContent('.notice-error')).toContain('不是 Word 文档')
    expect((await hostCall<{ fileName: string }>(host, 'report.state')).fileName).toBe('清远市2021年度质量报告.nianbao')
    await page.click('.notice-error button')

    await dropFile(page, 'report.docx', readFileSync(QINGYUAN_DOCX))
    await page.click('[data-testid="docx-choice-import"]')
    await page.waitForSelector('[data-testid="import-result"]', { timeout: 60_000 })
    await page.click('[data-testid="import-result"] .btn-primary')
    // The workspace already has 清远市2021年度质量报告: the new one gets its own name.
    await expect.poll(async () => (await hostCall<{ fileName: string }>(host, 'report.state')).fileName).toBe('清远市2021年度质量报告（2）.nianbao')
  })

  it('从上一年报告新建: last year’s text is draft until edited, this year’s table column waits for input', async () => {
    await page.click('[data-testid="import-menu"]')
    await page.click('[data-testid="menu-rollover"]')
    await page.waitForSelector('[data-testid="rollover-dialog"]')
    expect(await page.inputValue('[data-testid="rollover-year"]')).toBe('2022')
    await screenshot(page, 'rollover-dialog')
    await page.click('[data-testid="rollover-submit"]')
    await page.waitForSelector('[data-testid="import-result"]', { timeout: 60_000 })
    expect(await page.textContent('[data-testid="import-result"] .dialog-header')).toContain('已新建 2022 年度报告')
    await page.click('[data-testid="import-result"] .btn-primary')
    await expect.poll(() => page.getByTestId('report-title').textContent()).toBe('2023年清远市中等职业教育质量年度报告')
    await page.waitForSelector(`${editorSel} p[data-draft="true"]`)
    const drafts = await page.$$eval(`${editorSel} > p[data-draft="true"]`, (els) => els.length)
    expect(drafts).toBeGreaterThan(2)

    // This year's column of 表 1-1 is empty and marked for input; last year's figures are in the 上年 column.
    await page.waitForSelector('.rt-table .rt-cell.missing', { timeout: 20_000 })
    const header = await page.$eval('.rt-table tr', (row) => row.textContent ?? '')
    expect(header.replace(/\s+/g, '')).toContain('2021年2022年')
    expect(await page.$$eval('.rt-table .rt-cell.missing', (els) => els.length)).toBeGreaterThan(0)
    await page.locator('.rt-table').first().scrollIntoViewIfNeeded()
    await screenshot(page, 'rollover-report')

    // Editing a draft paragraph makes it this year's text.
    const first = page.locator(`${editorSel} > p[data-draft="true"]`).first()
    const before = await first.textContent()
    await first.click()
    await page.keyboard.press('End')
    await page.keyboard.type('（2022 年更新）')
    await waitSaved(page)
    const edited = page.locator(`${editorSel} > p`, { hasText: '（2022 年更新）' })
    expect(await edited.getAttribute('data-draft')).toBeNull()
    expect(before).not.toContain('（2022 年更新）')
    expect(await page.$$eval(`${editorSel} > p[data-draft="true"]`, (els) => els.length)).toBe(drafts - 1)
    const state = await hostCall<{ chapters: { id: string }[] }>(host, 'report.state')
    const stored = await hostCall<{ doc: { content: { type: string; attrs?: { draft?: boolean }; content?: { text?: string }[] }[] } }>(host, 'chapter.get', { id: state.chapters[0].id })
    const para = stored.doc.content.find((n) => n.type === 'paragraph' && (n.content ?? []).some((t) => t.text?.includes('（2022 年更新）')))
    expect(para?.attrs?.draft).toBe(false)
    expect(errors).toEqual([])
  })

  it('a draft paragraph stays a draft while its text is last year’s: Enter then Ctrl+Z, Enter at its end', async () => {
    const drafts = () => page.$$eval(`${editorSel} > p[data-draft="true"]`, (els) => els.map((e) => e.textContent ?? ''))
    const before = await drafts()
    const text = before[1]
    const paragraph = page.locator(`${editorSel} > p`, { hasText: text.slice(0, 20) }).first()
    // Enter in the middle splits it (both halves are edited), Ctrl+Z joins it again: last year's text, still a draft.
    await paragraph.click()
    await page.keyboard.press('Home')
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await drafts()).includes(text)).toBe(false)
    await page.keyboard.press('Control+z')
    await expect.poll(drafts).toEqual(before)
    await screenshot(page, 'rollover-draft-after-undo')
    // Enter at its end adds this year's empty paragraph and leaves last year's text a draft; Ctrl+Z takes the new paragraph away.
    const index = await page.$$eval(`${editorSel} > p`, (ps, t) => ps.findIndex((p) => p.textContent === t), text)
    await caretAtEnd(page, `${editorSel} > p`, index)
    await page.keyboard.press('Enter')
    await page.keyboard.type('今年新写的一句。')
    expect(await drafts()).toEqual(before)
    expect(await page.locator(`${editorSel} > p`, { hasText: '今年新写的一句。' }).getAttribute('data-draft')).toBeNull()
    await waitSaved(page)
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator(`${editorSel} > p`, { hasText: '今年新写的一句。' }).count()).toBe(0)
    expect(await drafts()).toEqual(before)
    await waitSaved(page)
    const state = await hostCall<{ chapters: { id: string }[] }>(host, 'report.state')
    const stored = await hostCall<{ doc: { content: { type: string; attrs?: { draft?: boolean }; content?: { text?: string }[] }[] } }>(host, 'chapter.get', { id: state.chapters[0].id })
    const para = stored.doc.content.find((n) => n.type === 'paragraph' && (n.content ?? []).map((t) => t.text ?? '').join('') === text)
    expect(para?.attrs?.draft).toBe(true)
    expect(errors).toEqual([])
  })
})
