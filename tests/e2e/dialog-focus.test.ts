import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, openApp } from '../helpers/editorPage'

/**
 * A dialog keeps the cursor where the editor put it: when the window behind
 * it re-renders (here: a save of the chapter finishing while 报告属性 is
 * open), typing goes on in the same field instead of jumping to the first.
 */
describe('dialogs keep the focus of the field being typed in', () => {
  let host: HostProcess
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    host = await startHost([], isolatedEnv())
    browser = await launchBrowser()
    page = await openApp(browser, host)
  })

  afterAll(async () => {
    await browser?.close()
    await host?.stop()
  })

  it('a save finishing behind 报告属性 does not move the cursor out of 编制单位', async () => {
    // Hold every save for a moment so that it finishes while the editor types in the dialog.
    await page.route(/\/api\/(chapter\.savePatch|chapter\.save)$/, async (route) => {
      await new Promise((r) => setTimeout(r, 700))
      await route.continue()
    })
    await caretAtEnd(page, '.chapter-doc p', 0)
    await page.keyboard.type('补充一句。')

    await page.click('button:has-text("报告属性")')
    const dialog = page.locator('[data-testid="properties-dialog"]')
    const title = await dialog.locator('input[name="title"]').inputValue()
    const issuer = dialog.locator('input[name="issuer"]')
    await issuer.click()
    await issuer.press('End')
    for (const ch of '（第二稿）') await page.keyboard.type(ch, { delay: 150 })
    // The held save has finished by now, and the window behind the dialog has re-rendered.
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent?.startsWith('已保存'))
    await page.keyboard.type('审定', { delay: 50 })

    expect(await issuer.inputValue()).toMatch(/（第二稿）审定$/)
    expect(await dialog.locator('input[name="title"]').inputValue()).toBe(title)
    await page.unroute(/\/api\/(chapter\.savePatch|chapter\.save)$/)
  })
})
