import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, chapters, editorSel, hostCall, openApp, openChapterByTitle, storedText, waitSaved, type ChapterInfo } from '../helpers/editorPage'
import { fillWithQingyuan } from '../helpers/qingyuan'

/**
 * The main screens with the Qingyuan report in them, saved as pictures to
 * look at (test-artifacts/editor-*.png), and the behaviour shown on them:
 * report properties, lists and tables from the toolbar, a case's school,
 * deleting a section with content.
 */
describe('chapter editor: main screens', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page
  let list: ChapterInfo[]
  const errors: string[] = []

  beforeAll(async () => {
    host = await startHost([], isolatedEnv())
    await fillWithQingyuan(host.origin, host.token)
    browser = await launchBrowser()
    page = await openApp(browser, host, errors)
    list = await chapters(host)
  })
  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  it('shows chapter 3 with its numbered outline, cases and the case list', async () => {
    await openChapterByTitle(page, list[2].title)
    await page.click('[data-panel="cases"]')
    await page.click('.outline-item:has-text("质量保证")')
    await page.waitForTimeout(300)
    await screenshot(page, 'editor-main-chapter3')
    const labels = await page.$$eval(`${editorSel} [data-type="case-title"]`, (els) => els.map((e) => e.getAttribute('data-label')))
    expect(labels).toEqual(['案例 9：', '案例 10：', '案例 11：', '案例 12：', '案例 13：', '案例 14：'])
    // The source repeats "3.2.2.2"; computed numbers cannot repeat.
    const numbers = await page.$$eval(`${editorSel} h2, ${editorSel} h3, ${editorSel} h4`, (hs) => hs.map((h) => h.getAttribute('data-number')))
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(numbers).toContain('3.2.2.5')
  })

  it('edits the report properties, explaining a wrong year in plain Chinese', async () => {
    await page.click('button:has-text("报告属性")')
    await page.waitForSelector('[data-testid="properties-dialog"]')
    await page.fill('[data-testid="properties-dialog"] input[name="year"]', '21年')
    await page.click('[data-testid="properties-dialog"] .btn-primary')
    expect(await page.textContent('[data-testid="properties-dialog"] .form-error')).toBe('数据年度应为 2000 至 2100 之间的四位年份，例如 2021。')
    await screenshot(page, 'editor-properties')
    await page.fill('[data-testid="properties-dialog"] input[name="year"]', '2022')
    await page.fill('[data-testid="properties-dialog"] input[name="title"]', '2023年清远市中等职业教育质量年度报告')
    await page.fill('[data-testid="properties-dialog"] input[name="issuer"]', '清远市教育局')
    await page.click('[data-testid="properties-dialog"] .btn-primary')
    await page.waitForSelector('[data-testid="properties-dialog"]', { state: 'detached' })
    expect(await page.textContent('[data-testid="report-title"]')).toBe('2023年清远市中等职业教育质量年度报告')
    const meta = (await hostCall<{ meta: { year: number; title: string; issuer: string } }>(host, 'report.state')).meta
    expect(meta).toMatchObject({ year: 2022, title: '2023年清远市中等职业教育质量年度报告', issuer: '清远市教育局' })
  })

  it('makes lists and tables from the toolbar, with Tab moving through list levels and table cells', async () => {
    const ch = list[6]
    await openChapterByTitle(page, ch.title)
    await caretAtEnd(page, `${editorSel} > p`, 0)
    await page.keyboard.press('Enter')
    await page.click('[aria-label="编号列表"]')
    await page.keyboard.type('完善专业设置')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    await page.keyboard.type('新增智慧健康养老服务专业')
    expect(await page.$$eval(`${editorSel} ol ol li`, (l) => l.map((x) => x.textContent))).toEqual(['新增智慧健康养老服务专业'])
    await page.keyboard.press('Shift+Tab')
    expect(await page.$$eval(`${editorSel} ol ol li`, (l) => l.length)).toBe(0)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.click('[data-testid="tb-table"]')
    await page.click('.tb-menu-item:has-text("插入表格")')
    await page.keyboard.type('年份')
    await page.keyboard.press('Tab')
    await page.keyboard.type('专业数')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.type('2021 年')
    // Into the third column, which goes.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.click('[data-testid="tb-table"]')
    await screenshot(page, 'editor-table-menu')
    await page.click('.tb-menu-item:has-text("删除列")')
    const rows = await page.$$eval(`${editorSel} .tableWrapper table tr`, (trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)))
    expect(rows[0]).toEqual(['年份', '专业数'])
    expect(rows[1]).toEqual(['2021 年', ''])
    await waitSaved(page)
    expect(await storedText(host, ch.id)).toContain('新增智慧健康养老服务专业')
  })

  it('sets the school of a case (shown on the case and in the case list)', async () => {
    await openChapterByTitle(page, list[2].title)
    await page.click('.case-item:has-text("一专一企一特色")')
    await page.click('[data-testid="tb-case"]')
    await page.click('.tb-menu-item:has-text("设置所属学校")')
    await page.fill('[data-testid="school-prompt"] input', '清远市职业技术学校')
    await page.click('[data-testid="school-prompt"] .btn-primary')
    await expect.poll(() => page.$$eval('.case-item:has-text("一专一企一特色") .case-meta', (e) => e[0]?.textContent)).toContain('清远市职业技术学校')
    expect(await page.$$eval(`${editorSel} section[data-school]`, (s) => s.map((x) => x.getAttribute('data-school')))).toEqual(['清远市职业技术学校'])
    await waitSaved(page)
    const cases = (await hostCall<{ numbering: { cases: { title: string; school: string }[] } }>(host, 'report.state')).numbering.cases
    expect(cases.find((c) => c.title.startsWith('一专一企一特色'))?.school).toBe('清远市职业技术学校')
  })

  it('moves a case from the case list, from a chapter that is not open', async () => {
    await openChapterByTitle(page, list[0].title)
    await page.hover('[data-testid="case-list"] li:has-text("学生管理强服务")')
    await page.click('[data-testid="case-list"] li:has-text("学生管理强服务") .case-move')
    await page.selectOption('[data-testid="case-move-chapter"]', list[3].id)
    await page.click('[data-testid="case-move-dialog"] .btn-primary')
    await page.waitForFunction((t) => document.querySelector('[data-testid="chapter-title"]')?.textContent?.includes(t), list[3].title)
    const item = await page.$eval('[data-testid="case-list"] li:has-text("学生管理强服务") .case-item', (e) => e.textContent ?? '')
    expect(item).toContain(`第 4 章 ${list[3].title}`)
    expect(await storedText(host, list[1].id)).not.toContain('学生管理强服务')
    expect(await storedText(host, list[3].id)).toContain('学生管理强服务')
    // Seven cases left in chapter 2, six in chapter 3, chapter 4's own case: it comes last, as 15.
    expect(item).toMatch(/^案例 15/)
  })

  it('asks before deleting a section with content, saying what goes with it; undo brings it back', async () => {
    await openChapterByTitle(page, list[2].title)
    await page.hover('.heading-row:has-text("技能竞赛")')
    await page.click('[aria-label="删除 3.2.3 技能竞赛"]')
    await page.waitForSelector('[data-testid="confirm-dialog"]')
    const message = (await page.textContent('[data-testid="confirm-dialog"] .dialog-message')) ?? ''
    expect(message).toMatch(/^“技能竞赛”中有 2 个下级节、[\d,]+ 字正文、2 个表格，将一起删除。/)
    await screenshot(page, 'editor-delete-section')
    await page.click('[data-testid="confirm-dialog"] .btn-danger')
    await expect.poll(() => page.$$eval(`${editorSel} h3`, (hs) => hs.map((h) => h.textContent))).not.toContain('技能竞赛')
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.$$eval(`${editorSel} h3`, (hs) => hs.map((h) => h.textContent))).toContain('技能竞赛')
    expect(errors).toEqual([])
  })
})
