/**
 * 导出 Word in the app (browser host): the button saves pending edits,
 * shows the progress, then where the file went; the file holds the edit
 * just typed.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, editorSel, openApp } from '../helpers/editorPage'
import { writeFixtureReport } from '../helpers/exportFixture'
import { openDocx, paragraphs } from '../helpers/exportDocx'

describe('导出 Word in the app', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page
  let workspace: string
  const errors: string[] = []

  beforeAll(async () => {
    const env = isolatedEnv()
    workspace = env.NIANBAO_WORKSPACE!
    mkdirSync(workspace, { recursive: true })
    const file = join(workspace, '清远市2021.nianbao')
    writeFixtureReport(file)
    host = await startHost([file], env)
    browser = await launchBrowser()
    page = await openApp(browser, host, errors)
  })
  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  it('saves what was just typed, shows the progress and where the file went', async () => {
    await caretAtEnd(page, `${editorSel} > p`, 0)
    await page.keyboard.type('导出前刚输入的文字。')
    await page.click('[data-testid="export-word"]')
    // The published report's sentence errors are still open in 体检: the export asks first.
    await page.waitForSelector('[data-testid="export-check-warning"]', { timeout: 30_000 })
    await page.click('[data-testid="export-check-warning"] button:text-is("仍然导出")')
    await page.waitForSelector('[data-testid="export-progress"]', { timeout: 10_000 })
    const bar = await page.getAttribute('[role="progressbar"]', 'aria-valuenow')
    expect(Number(bar)).toBeGreaterThanOrEqual(0)
    await screenshot(page, 'export-progress')
    await page.waitForSelector('[data-testid="export-done"]', { timeout: 120_000 })
    await screenshot(page, 'export-done')

    const path = (await page.textContent('[data-testid="export-path"] code'))!.trim()
    expect(path).toBe(join(workspace, '2022年清远市中等职业教育质量年度报告.docx'))
    expect(existsSync(path)).toBe(true)
    const summary = await page.textContent('[data-testid="export-summary"]')
    expect(summary).toContain('9 章')
    expect(summary).toContain('25 个案例')
    expect(summary).toMatch(/12 幅图，\d+ 张照片；/)
    expect(summary).not.toContain('张图片')

    const texts = paragraphs(openDocx(readFileSync(path)).document).map((p) => p.text)
    expect(texts.some((t) => t.endsWith('导出前刚输入的文字。'))).toBe(true)

    await page.click('[data-testid="export-dialog"] .btn-primary')
    await page.waitForSelector('[data-testid="export-dialog"]', { state: 'detached' })
    expect(errors).toEqual([])
  })

  it('exports again over the same file, the previous one replaced only when the new one is complete', async () => {
    const path = join(workspace, '2022年清远市中等职业教育质量年度报告.docx')
    const before = readFileSync(path).length
    await page.click('[data-testid="export-word"]')
    await page.waitForSelector('[data-testid="export-check-warning"]', { timeout: 30_000 })
    await page.click('[data-testid="export-check-warning"] button:text-is("仍然导出")')
    await page.waitForSelector('[data-testid="export-done"]', { timeout: 120_000 })
    expect(readFileSync(path).length).toBeGreaterThan(before * 0.9)
    expect(openDocx(readFileSync(path)).document).toContain('</w:body>')
  })
})
