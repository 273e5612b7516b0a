import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import Database from 'better-sqlite3'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { damage, makeForeignSqlite, makeNewerReport, makeReport, sha256 } from '../helpers/reports'

/**
 * The foundation as a person uses it, in Chromium through the browser host:
 * the sample on first start, 新建报告 from each template with its numbered
 * outline (still there after a reload), files that are not usable reports,
 * and 另存为.
 */

interface SectionDef {
  title: string
  kind?: string
  sections?: SectionDef[]
}

/** "1 基本情况", "1.1 规模和结构", … as the outline should show them, from the template file. */
function numberedOutline(template: string): string[] {
  const t = JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'templates', `${template}.json`), 'utf8')) as { chapters: SectionDef[] }
  const out: string[] = []
  const walk = (sections: SectionDef[] | undefined, prefix: string | null) =>
    sections?.forEach((s, i) => {
      const n = prefix === null ? null : `${prefix}.${i + 1}`
      out.push(n ? `${n} ${s.title}` : s.title)
      walk(s.sections, n)
    })
  let n = 0
  for (const c of t.chapters) {
    if (c.kind === 'appendix') {
      out.push(`附 ${c.title}`)
      walk(c.sections, null)
    } else {
      n++
      out.push(`${n} ${c.title}`)
      walk(c.sections, String(n))
    }
  }
  return out
}

/** What the outline pane shows: each entry's number and title. */
async function outline(page: Page): Promise<string[]> {
  await page.locator('[data-testid=outline] .outline-item').first().waitFor()
  return page.$$eval('[data-testid=outline] .outline-item', (items) =>
    items.map((el) => {
      const num = el.querySelector('.num')?.textContent?.trim() ?? ''
      const text = el.querySelector('.text')?.textContent?.trim() ?? ''
      return num ? `${num} ${text}` : text
    })
  )
}

async function toStartScreen(page: Page) {
  if (await page.getByTestId('start-new').isVisible()) return
  await page.getByRole('button', { name: '关闭报告', exact: true }).click()
  await page.getByTestId('start-new').waitFor()
}

describe('foundation end to end (Chromium, browser host)', () => {
  let browser: Browser
  let host: HostProcess
  let page: Page
  let workspace: string
  const errors: string[] = []

  beforeAll(async () => {
    const env = isolatedEnv()
    workspace = env.NIANBAO_WORKSPACE!
    host = await startHost([], env)
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN' })
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(host.url)
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  it('first start shows the sample report with its numbered outline', async () => {
    await expect.poll(() => page.getByTestId('report-title').textContent()).toBe('2022年清远市中等职业教育质量年度报告')
    // The sample is the real Qingyuan 2021 report: the city outline plus its fourth-level sections, all numbered from their order.
    const shown = await outline(page)
    const city = numberedOutline('city')
    expect(shown.filter((entry) => city.includes(entry))).toEqual(city)
    for (const entry of shown) expect(entry).toMatch(/^(\d+(\.\d+){0,3}|附) \S/)
    expect(shown.filter((entry) => /^\d+\.\d+\.\d+\.\d+ /.test(entry)).length).toBeGreaterThan(0)
    expect(page.url()).not.toContain('token=')
    await screenshot(page, 'foundation-sample-report')
  })

  it.each([
    ['city', '地市级', '韶关市', '2023', '韶关市教育局', '2024年韶关市中等职业教育质量年度报告'],
    ['province', '省级', '广东省', '2022', '', '2023年广东省中等职业教育质量年度报告'],
    ['school', '学校', '清远市职业技术学校', '2024', '', '清远市职业技术学校质量年度报告（2025年度）']
  ])('新建报告 from the %s template shows its numbered outline, and after a reload still does', async (template, name, region, year, issuer, title) => {
    await toStartScreen(page)
    await page.getByTestId('start-new').click()
    const dialog = page.getByTestId('new-report-dialog')
    const card = dialog.locator('label.template-card', { hasText: name }).first()
    const t = JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'templates', `${template}.json`), 'utf8')) as { chapters: SectionDef[] }
    const numbered = t.chapters.filter((c) => c.kind !== 'appendix').length
    const sections = numberedOutline(template).length - t.chapters.length
    expect(await card.textContent()).toContain(`${numbered} 章 + 附件 · ${sections} 个小节`)
    await card.click()
    await dialog.locator('input[name=region]').fill(region)
    await dialog.locator('input[name=year]').fill(year)
    if (issuer) await dialog.locator('input[name=issuer]').fill(issuer)
    await screenshot(page, `foundation-new-${template}-dialog`)
    await dialog.getByRole('button', { name: '创建报告' }).click()

    await expect.poll(() => page.getByTestId('report-title').textContent()).toBe(title)
    const expected = numberedOutline(template)
    expect(await outline(page)).toEqual(expected)
    await screenshot(page, `foundation-new-${template}`)

    await page.reload()
    await expect.poll(() => page.getByTestId('report-title').textContent()).toBe(title)
    expect(await outline(page)).toEqual(expected)
    expect(await page.getByTestId('status-bar').textContent()).toContain(`${region}${year}年度质量报告.nianbao`)
  })

  it('files that are not usable reports are refused with a Chinese message and left byte for byte as they were', async () => {
    mkdirSync(workspace, { recursive: true })
    const damaged = makeReport(join(workspace, '损坏的报告.nianbao'))
    damage(damaged, 4096 * 3)
    const newer = makeNewerReport(join(workspace, '新版本的报告.nianbao'))
    const text = join(workspace, '不是报告.nianbao')
    writeFileSync(text, '这是一个改了扩展名的文本文件。\n')
    const foreign = makeForeignSqlite(join(workspace, '通讯录.nianbao'))
    const cases: [string, string, RegExp][] = [
      [damaged, '损坏的报告.nianbao', /“损坏的报告\.nianbao”已损坏，无法打开。文件未做任何改动/],
      [newer, '新版本的报告.nianbao', /“新版本的报告\.nianbao”由更新版本的年报创建.*请升级年报后再打开/],
      [text, '不是报告.nianbao', /“不是报告\.nianbao”不是年报报告文件（\.nianbao），无法打开/],
      [foreign, '通讯录.nianbao', /“通讯录\.nianbao”不是年报报告文件/]
    ]
    for (const [path, fileName, message] of cases) {
      const before = sha256(path)
      await toStartScreen(page)
      if (!(await page.getByTestId('workspace-files').isVisible())) await page.getByTestId('start-open').click()
      await page.getByTestId('workspace-files').locator('button.file-open', { hasText: fileName }).click()
      const alert = page.getByRole('alert').filter({ hasText: fileName })
      await expect.poll(() => alert.count()).toBe(1)
      expect(await alert.textContent()).toMatch(message)
      if (fileName === '损坏的报告.nianbao') await screenshot(page, 'foundation-open-damaged')
      await alert.getByRole('button', { name: '关闭提示' }).click()
      expect(await page.getByTestId('start-new').isVisible()).toBe(true)
      expect(sha256(path), fileName).toBe(before)
    }
  })

  it('the page runs under the strict CSP: no inline script, no connection anywhere but the app', async () => {
    const r = await page.evaluate(async () => {
      const violations: string[] = []
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective))
      const script = document.createElement('script')
      script.textContent = 'window.__injected = true'
      document.head.append(script)
      let remote = 'reached'
      try {
        await fetch('https://example.com/')
      } catch {
        remote = 'blocked'
      }
      await new Promise((done) => setTimeout(done, 100))
      return { injected: (window as unknown as { __injected?: boolean }).__injected ?? false, remote, violations }
    })
    expect(r).toEqual({ injected: false, remote: 'blocked', violations: expect.arrayContaining(['script-src-elem', 'connect-src']) })
  })

  it('另存为 writes a consistent copy, including what was typed a moment ago, and editing continues in the copy', async () => {
    await toStartScreen(page)
    await page.getByTestId('recent-files').locator('button.file-open', { hasText: '韶关市2023年度质量报告.nianbao' }).click()
    await expect.poll(() => page.getByTestId('report-title').textContent()).toBe('2024年韶关市中等职业教育质量年度报告')
    const editor = page.locator('.ProseMirror').first()
    await editor.locator('p').first().click()
    await page.keyboard.type('另存为之前输入的文字。')
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('已保存')

    // A name that is taken: refused, and no success is claimed.
    await page.getByRole('button', { name: '另存为', exact: true }).click()
    await page.getByRole('dialog').locator('input').first().fill('广东省2022年度质量报告')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    const taken = page.getByRole('alert').filter({ hasText: '已存在' })
    await expect.poll(() => taken.count()).toBe(1)
    expect(await taken.textContent()).toMatch(/文件“广东省2022年度质量报告\.nianbao”已存在，请换一个文件名/)
    expect(await page.getByText('已另存为新文件。').count()).toBe(0)
    await taken.getByRole('button', { name: '关闭提示' }).click()

    await page.getByRole('button', { name: '另存为', exact: true }).click()
    const name = page.getByRole('dialog').locator('input').first()
    await name.fill('韶关市2023-送审稿')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await expect.poll(() => page.getByTestId('status-bar').textContent()).toContain('韶关市2023-送审稿.nianbao')
    await screenshot(page, 'foundation-save-as')

    await editor.locator('p').first().click()
    await page.keyboard.press('End')
    await page.keyboard.type('另存为之后输入的文字。')
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('已保存')
    // Let go of the files: the host holds the open report exclusively.
    await host.stop()

    const textOfFirstChapter = (path: string) => {
      const db = new Database(path, { readonly: true })
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        // The chapter's text is in its block rows (migration 006).
        const row = db
          .prepare('SELECT group_concat(doc) AS doc FROM chapter_block WHERE chapter_id = (SELECT id FROM chapter ORDER BY position LIMIT 1)')
          .get() as { doc: string }
        return row.doc
      } finally {
        db.close()
      }
    }
    const original = textOfFirstChapter(join(workspace, '韶关市2023年度质量报告.nianbao'))
    const copy = textOfFirstChapter(join(workspace, '韶关市2023-送审稿.nianbao'))
    expect(original).toContain('另存为之前输入的文字。')
    expect(original).not.toContain('另存为之后输入的文字。')
    expect(copy).toContain('另存为之前输入的文字。另存为之后输入的文字。')
    expect(errors).toEqual([])
  })
})
