import { renameSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { isolatedEnv, startHost } from '../helpers/host'
import { caretAtEnd, hostCall, openApp, waitSaved } from '../helpers/editorPage'

/**
 * While saving fails (here the report file was moved away), the text is only
 * in the page: leaving the page asks first instead of losing it. A page whose
 * text is all saved goes without a question.
 */
describe('leaving the page', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('asks before leaving while a save is failing, and not when everything is saved', async () => {
    const host = await startHost([], isolatedEnv())
    try {
      const page = await openApp(browser, host)
      const dialogs: string[] = []
      page.on('dialog', (d) => {
        dialogs.push(d.type())
        void d.dismiss()
      })
      // A click: browsers ask before unloading only a page the user has interacted with.
      await page.click('.chapter-doc h2 + p')
      await caretAtEnd(page, '.chapter-doc h2 + p', 0)
      await page.keyboard.type('已经保存的一句。')
      await page.keyboard.press('Control+s')
      await waitSaved(page)

      const { path } = await hostCall<{ path: string }>(host, 'report.state')
      renameSync(path, `${path}.moved`)
      await page.keyboard.type('文件被移走后写的字。')
      await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent?.includes('保存失败'), null, { timeout: 15_000 })

      // Leaving the page (here: going to another address) asks; staying keeps the text.
      const leave = await page.goto('about:blank', { timeout: 10_000 }).then(
        () => 'left',
        () => 'stayed'
      )
      expect(dialogs).toEqual(['beforeunload'])
      expect(leave).toBe('stayed')
      expect(await page.textContent('.chapter-doc')).toContain('文件被移走后写的字。')

      // Back in place: the retry stores it, and the page goes without asking.
      renameSync(`${path}.moved`, path)
      await waitSaved(page)
      await page.goto('about:blank')
      expect(dialogs).toEqual(['beforeunload'])
      await page.close()
    } finally {
      await host.stop()
    }
  })
})
