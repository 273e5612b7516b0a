/**
 * 汇总 in the app (browser host, Chromium): 生成填报表 for two schools; four
 * files dropped on the window at once (a filled kit with a bad cell, a
 * school's own report with cases, a plain workbook, a broken file); the
 * per-school report read before anything is stored; 接收; a city figure's
 * provenance; a school's case picked into chapter 3 as the report's 案例 N.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { editorSel, hostCall, openApp } from '../helpers/editorPage'
import { fillKit, schoolReport, scratch } from '../helpers/intake'
import { rawXlsx, sheetData } from '../helpers/xlsx'

async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, data: Buffer.from(f.bytes).toString('base64') }))
  await page.evaluate((list) => {
    const dt = new DataTransfer()
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name))
    const target = document.querySelector('.page') ?? document.body
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }))
  }, payload)
}

describe('汇总 in the app', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page
  const errors: string[] = []
  const env = isolatedEnv()
  const workspace = env.NIANBAO_WORKSPACE!
  const dir = scratch()

  beforeAll(async () => {
    host = await startHost([], env)
    browser = await launchBrowser()
    page = await openApp(browser, host, errors)
    await hostCall(host, 'report.create', { template: 'city', region: '清远市', year: 2021, issuer: '清远市教育局', fileName: '清远市2021年度质量报告' })
    await page.reload()
    await page.waitForSelector(editorSel)
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  it('生成填报表 for the schools on a list', async () => {
    await page.click('[data-testid="intake-menu"]')
    await page.click('[data-testid="menu-kit"]')
    await page.waitForSelector('[data-testid="kit-dialog"]')
    await page.fill('[data-testid="kit-schools"]', '清远市职业技术学校\n清远工贸职业技术学校')
    await screenshot(page, 'intake-kit-dialog')
    await page.click('[data-testid="kit-make"]')
    await page.waitForSelector('[data-testid="kit-result"]')
    const files = await page.$$eval('[data-testid="kit-result"] .intake-kit-files li', (els) => els.map((e) => e.textContent))
    expect(files).toEqual(['清远市职业技术学校.xlsx', '清远工贸职业技术学校.xlsx'])
    expect(await page.textContent('[data-testid="kit-result"] .intake-path')).toBe(join(workspace, '填报表', '清远市2021年度数据填报表'))
    await screenshot(page, 'intake-kit-result')
    await page.click('[data-testid="kit-result"] .btn-primary')
  })

  it('four files dropped at once: the per-school report, nothing stored before 接收', async () => {
    const kit = readFileSync(join(workspace, '填报表', '清远市2021年度数据填报表', '清远市职业技术学校.xlsx'))
    const filled = fillKit(kit, { 在校生数: 5012, 专任教师: 251, 校舍建筑面积: 80000, 直接就业人数: 1000, 对口就业人数: 812, 招生数: '约1800' })
    const school = readFileSync(schoolReport(dir, '清远工贸职业技术学校', { 在校生数: 3050, 专任教师: 180, 校舍建筑面积: 42000, 直接就业人数: 600, 对口就业人数: 450 }, ['粤菜师傅工程', '产教融合育匠才'], { seed: 7 }))
    const plain = rawXlsx({ sheets: [{ name: 'Sheet1', xml: sheetData([['指标', '2020年', '2021年'], ['在校生数（人）', 1700, 1800], ['专任教师（人）', 92, 95], ['校舍建筑面积（平方米）', 26000, 26000]]) }] })
    await dropFiles(page, [
      { name: '清远市职业技术学校.xlsx', bytes: filled },
      { name: '清远工贸职业技术学校2021年度质量报告.nianbao', bytes: school },
      { name: '连州市职业技术学校.xlsx', bytes: plain },
      { name: '阳山县职业技术学校.xlsx', bytes: new TextEncoder().encode('这不是工作簿') }
    ])
    await page.waitForSelector('[data-testid="intake-dialog"] [data-testid="intake-summary"]', { timeout: 60_000 })
    await expect.poll(() => page.$$eval('[data-testid="intake-files"] > li', (els) => els.length), { timeout: 60_000 }).toBe(4)
    expect(await page.textContent('[data-testid="intake-summary"]')).toContain('已读取 4 个文件：3 个学校，1 个文件无法读取')
    expect(await page.textContent('[data-file="阳山县职业技术学校.xlsx"] [data-testid="intake-refused"]')).toBe('这不是 Excel 工作簿（.xlsx）：文件内容不是 Excel 2007 及以后版本的格式。')
    // The kit's school opens on its error: which cell, and why.
    const kitSchool = page.locator('[data-school="清远市职业技术学校"]')
    expect(await kitSchool.locator('.chips').textContent()).toContain('错误 1')
    const error = kitSchool.locator('[data-testid="intake-issues"] li.error')
    expect(await error.locator('.place').textContent()).toBe('数据!D6')
    expect(await error.locator('.msg').textContent()).toBe('招生数（2021 年）：“约1800”不是数字，没有读取。请只填写数字（不要带单位、文字或“约”）。')
    // The school report: its cases are listed; the plain workbook's values, per year.
    await page.click('[data-school="清远工贸职业技术学校"] .intake-school-head')
    expect(await page.textContent('[data-school="清远工贸职业技术学校"]')).toContain('粤菜师傅工程（1 张照片）')
    await page.click('[data-school="连州市职业技术学校"] .intake-school-head')
    const row = await page.$$eval('[data-school="连州市职业技术学校"] [data-testid="intake-values"] tbody tr:first-child td', (els) => els.map((e) => e.textContent))
    expect(row).toEqual(['在校生数', '1700', '1800', '人', 'Sheet1!C2'])
    await screenshot(page, 'intake-dialog')
    await page.$eval('[data-testid="intake-files"]', (el) => el.scrollTo(0, 0))
    await screenshot(page, 'intake-dialog-errors')
    const before = await hostCall<{ indicators: { id: string; values: Record<string, number> }[] }>(host, 'data.overview')
    expect(before.indicators.find((i) => i.id === 'students.total')!.values).toEqual({})

    await page.click('[data-testid="intake-accept"]')
    await page.waitForSelector('.notice-success')
    expect(await page.textContent('.notice-success')).toContain('已接收 3 个文件：3 个学校')
    await page.waitForSelector('[data-testid="panel-intake"] [data-testid="intake-contributors"]')
    const statuses = await page.$$eval('[data-testid="intake-contributors"] > li', (els) => els.map((e) => `${e.getAttribute('data-contributor')} ${e.querySelector('.badge')?.textContent}`))
    expect(statuses).toEqual(['清远市职业技术学校 有错误 1 处', '清远工贸职业技术学校 有缺项 76 项', '连州市职业技术学校 有缺项 78 项'])
    const after = await hostCall<{ indicators: { id: string; values: Record<string, number> }[] }>(host, 'data.overview')
    expect(after.indicators.find((i) => i.id === 'students.total')!.values['2021']).toBe(5012 + 3050 + 1800)
    await screenshot(page, 'intake-panel')
  }, 180_000)

  it('a city figure’s provenance: which school gave what', async () => {
    await page.click('[data-testid="intake-compiled"] [data-indicator="生均校舍建筑面积"] [data-testid="provenance"]')
    await page.waitForSelector('[data-testid="provenance-dialog"]')
    expect(await page.textContent('[data-testid="provenance-dialog"] .provenance-rule')).toContain('Σ校舍建筑面积 ÷ Σ在校生数')
    expect(await page.textContent('[data-testid="provenance-value"]')).toBe(String(Math.round(((80000 + 42000 + 26000) / (5012 + 3050 + 1800)) * 100) / 100))
    const rows = await page.$$eval('[data-testid="provenance-table"] tbody tr', (els) => els.map((r) => Array.from(r.querySelectorAll('td')).slice(0, 4).map((c) => c.textContent)))
    expect(rows).toEqual([
      ['清远市职业技术学校', '80000', '5012', '是'],
      ['清远工贸职业技术学校', '42000', '3050', '是'],
      ['连州市职业技术学校', '26000', '1800', '是']
    ])
    await screenshot(page, 'intake-provenance')
    await page.click('[data-testid="provenance-dialog"] .btn-primary')
  })

  it('a school’s case picked into chapter 3 becomes the report’s 案例 N with its photo', async () => {
    await page.click('.side-tab[data-panel="case-library"]')
    await page.waitForSelector('[data-testid="case-library"]')
    const titles = await page.$$eval('[data-testid="case-library"] .case-title', (els) => els.map((e) => e.textContent))
    expect(titles).toEqual(['粤菜师傅工程', '产教融合育匠才'])
    await screenshot(page, 'intake-case-library')
    await page.click('[data-case="产教融合育匠才"] [data-testid="pick-case"]')
    await page.waitForSelector('[data-testid="pick-case-dialog"]')
    const third = await page.$eval('[data-testid="pick-case-chapter"] option:nth-child(3)', (o) => (o as HTMLOptionElement).value)
    await page.selectOption('[data-testid="pick-case-chapter"]', third)
    await page.click('[data-testid="pick-case-confirm"]')
    await page.waitForSelector('.notice-success:has-text("已选入报告")')
    await page.waitForFunction(() => document.querySelector('[data-testid="chapter-title"]')?.textContent?.includes('质量保障措施'))
    const caseBox = page.locator(`${editorSel} section[data-type="case-study"]`, { hasText: '产教融合育匠才' })
    await caseBox.waitFor()
    expect(await caseBox.getAttribute('data-school')).toBe('清远工贸职业技术学校')
    expect(await caseBox.locator('img').count()).toBe(1)
    expect(await caseBox.textContent()).toContain('学校现有在校生 3050 人')
    await page.click('.side-tab[data-panel="cases"]')
    const listed = await page.$$eval('[data-testid="case-list"] li', (els) => els.map((e) => e.textContent ?? ''))
    expect(listed.some((t) => t.includes('案例 1') && t.includes('产教融合育匠才') && t.includes('第 3 章') && t.includes('清远工贸职业技术学校'))).toBe(true)
    await screenshot(page, 'intake-case-picked')
    expect(errors).toEqual([])
  }, 60_000)
})
