import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { openApp, openChapterByTitle, waitSaved } from '../helpers/editorPage'

/**
 * A school's report made from the start screen: the annex holds the standard
 * tables, and the figures typed in the 数据 panel give the derived cells
 * (生师比, 双师型教师比例, 生均…) and the sentences quoting them at once.
 */
describe('QA: a school report from the 学校 template', () => {
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

  /** A cell of the annex table whose caption contains `name`. */
  const cell = (name: string, address: string) =>
    page.evaluate(
      ([n, a]) => {
        const t = Array.from(document.querySelectorAll('.chapter-doc .report-table')).find((x) => x.querySelector('[data-testid="table-caption"]')?.textContent?.includes(n))
        return t?.querySelector(`td[data-cell="${a}"]`)?.textContent?.replace(/\u00a0/g, '') ?? null
      },
      [name, address] as const
    )

  it('新建报告 → 学校 gives the annex tables; values typed in the 数据 panel fill the derived cells', async () => {
    await page.click('button:has-text("关闭报告")')
    await page.click('[data-testid="start-new"]')
    await page.click('.template-card:has-text("学校")')
    await page.fill('input[name="region"]', '清远市职业技术学校')
    await page.fill('input[name="year"]', '2023')
    await page.click('[data-testid="new-report-dialog"] .btn-primary')
    await page.waitForSelector('.chapter-doc[contenteditable="true"]')

    await openChapterByTitle(page, '质量年报数据表')
    await page.waitForSelector('.chapter-doc .report-table td[data-cell="D5"]')
    expect(await page.$$eval('.chapter-doc .report-table [data-testid="table-caption"]', (cs) => cs.map((c) => c.textContent))).toEqual(
      ['计分卡', '学生反馈表', '教学资源表', '国际影响表', '服务贡献表', '落实政策表'].map((n) => `附表 清远市职业技术学校${n}`)
    )
    expect(await cell('教学资源表', 'A5')).toBe('生师比')
    expect(await cell('教学资源表', 'D5')).toBe('')

    if (!(await page.isVisible('[data-testid="data-panel"]'))) await page.click('[data-panel="data"]')
    const type = async (key: string, value: string) => {
      await page.fill(`[data-testid="value-${key}-2023"]`, value)
      await page.press(`[data-testid="value-${key}-2023"]`, 'Enter')
    }
    await type('students.total', '5000')
    await type('teachers.fulltime', '270')
    await type('teachers.dual', '170')
    await type('facilities.equipment_total', '4100')
    await expect.poll(() => cell('教学资源表', 'D5')).toBe('18.52')
    await expect.poll(() => cell('教学资源表', 'D7')).toBe('62.96')
    await expect.poll(() => cell('教学资源表', 'D12')).toBe('8200')
    // Last year not typed: its cells and the change wait for input, no error.
    expect(await cell('教学资源表', 'C5')).toBe('')
    expect(await page.$$eval('.chapter-doc .report-table td.error', (t) => t.length)).toBe(0)
    await screenshot(page, 'qa-school-annex')

    // 6.6 师资队伍 quotes them.
    await openChapterByTitle(page, '发展保障')
    await expect
      .poll(() =>
        page.evaluate(() => Array.from(document.querySelectorAll('.chapter-doc p')).find((p) => p.textContent?.startsWith('学校现有专任教师'))?.textContent ?? null)
      )
      .toBe('学校现有专任教师 270 人，其中“双师型”教师 170 人，占专任教师的 62.96%；生师比为 18.52:1。')
    await waitSaved(page)
    expect(errors).toEqual([])
  })
})
