import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot } from '../helpers/browser'
import { isolatedEnv, startHost, type HostProcess } from '../helpers/host'
import { caretAtEnd, chapters, editorSel, openApp, openChapterByTitle, storedDoc, storedText, waitSaved } from '../helpers/editorPage'

/** Paste into the editor as the browser does: a paste event carrying the clipboard's HTML and text. */
async function pasteHtml(page: Page, html: string, text = ''): Promise<void> {
  await page.evaluate(
    ([h, t]) => {
      const dt = new DataTransfer()
      dt.setData('text/html', h)
      dt.setData('text/plain', t)
      document.querySelector('.chapter-doc')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }))
    },
    [html, text] as const
  )
}

describe('chapter editor: nothing typed is lost, nothing hostile gets in', () => {
  let browser: Browser
  const env = isolatedEnv()

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('keeps text typed one second before the host process is killed (SIGKILL)', async () => {
    let host = await startHost([], env)
    try {
      const page = await openApp(browser, host)
      const [ch1] = await chapters(host)
      await openChapterByTitle(page, ch1.title)
      await caretAtEnd(page, '.chapter-doc h2 + p', 0)
      await page.keyboard.type('断电前最后一句话，必须保存下来。')
      await page.waitForTimeout(1000)
      await host.stop('SIGKILL')
      await page.close()

      host = await startHost([], env)
      const again = await openApp(browser, host)
      await openChapterByTitle(again, ch1.title)
      expect(await again.textContent(editorSel)).toContain('断电前最后一句话，必须保存下来。')
      expect(await storedText(host, ch1.id)).toContain('断电前最后一句话，必须保存下来。')
      await again.close()
    } finally {
      await host.stop()
    }
  })

  it('keeps text typed just before the page is reloaded (sent while the page goes away)', async () => {
    const host = await startHost([], isolatedEnv())
    try {
      const page = await openApp(browser, host)
      const [ch1] = await chapters(host)
      await caretAtEnd(page, '.chapter-doc h2 + p', 0)
      await page.keyboard.type('刷新前刚写的字')
      // No pause for the autosave: the page goes away at once.
      await page.reload()
      await page.waitForSelector(editorSel)
      await expect.poll(() => storedText(host, ch1.id), { timeout: 10_000 }).toContain('刷新前刚写的字')
      expect(await page.textContent(editorSel)).toContain('刷新前刚写的字')
      await page.close()
    } finally {
      await host.stop()
    }
  })

  describe('pasting', () => {
    let host: HostProcess
    let page: Page
    const errors: string[] = []
    let chapterId: string

    beforeAll(async () => {
      host = await startHost([], isolatedEnv())
      page = await openApp(browser, host, errors)
      chapterId = (await chapters(host))[0].id
    })
    afterAll(async () => {
      await host?.stop()
    })

    it('runs nothing and stores nothing of hostile HTML (script, img onerror, javascript: and file: links)', async () => {
      await page.evaluate(() => {
        ;(window as unknown as { __pwned: number[] }).__pwned = []
      })
      await caretAtEnd(page, '.chapter-doc h2 + p', 0)
      await pasteHtml(
        page,
        `<meta charset="utf-8"><style>body{display:none}</style>
         <p>安全的文字<img src="x" onerror="window.__pwned.push(1)"><script>window.__pwned.push(2)</script>
         <a href="javascript:window.__pwned.push(3)">点我</a> <a href="file:///etc/passwd">本地文件</a>
         <a href="https://www.moe.gov.cn/" onclick="window.__pwned.push(4)">教育部</a>
         <span onmouseover="window.__pwned.push(5)" style="background:url(javascript:alert(1))">悬停</span></p>
         <iframe src="javascript:window.parent.__pwned.push(6)"></iframe>
         <svg><script>window.__pwned.push(7)</script></svg><math><mi xlink:href="javascript:alert(1)">x</mi></math>
         <form action="https://evil.example/"><input name="a" value="表单"></form>`,
        '安全的文字'
      )
      // Give anything that might run (image errors, frames) time to do so.
      await page.waitForTimeout(800)
      await page.hover(`${editorSel} a >> nth=0`).catch(() => {})
      expect(await page.evaluate(() => (window as unknown as { __pwned: number[] }).__pwned)).toEqual([])
      // Nothing of it is in the page: no scripts, frames or forms, no event handler attributes, only https/mailto links.
      const found = await page.$eval(editorSel, (root) => {
        // The text as ProseMirror draws it (node views' own controls, inside contenteditable=false, are the app's).
        const text = (e: Element) => !e.closest('[contenteditable="false"]')
        const all = Array.from(root.querySelectorAll('*')).filter(text)
        return {
          elements: Array.from(root.querySelectorAll('script, iframe, form, input, svg script, math, style')).filter(text).map((e) => e.nodeName),
          handlers: all.flatMap((e) => e.getAttributeNames().filter((a) => a.startsWith('on'))),
          hrefs: Array.from(root.querySelectorAll('[href], [src]')).map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? ''),
          pasted: Array.from(root.querySelectorAll('p')).find((p) => p.textContent?.includes('安全的文字'))?.innerHTML ?? ''
        }
      })
      expect(found.elements).toEqual([])
      expect(found.handlers).toEqual([])
      expect(found.hrefs.filter((h) => !/^(https:|mailto:|\/asset\/|blob:)/.test(h))).toEqual([])
      expect(found.pasted).toContain('安全的文字')
      expect(found.pasted).not.toMatch(/<img(?! class="ProseMirror-separator")|javascript|file:|onerror|onclick/i)
      expect(found.pasted).toContain('href="https://www.moe.gov.cn/"')

      await page.keyboard.press('Control+s')
      await waitSaved(page)
      const stored = await storedDoc(host, chapterId)
      expect(stored).toContain('安全的文字')
      expect(stored).toContain('https://www.moe.gov.cn/')
      expect(stored).not.toMatch(/javascript|file:|onerror|onclick|script|iframe|passwd|<img|evil\.example/i)
      expect(errors).toEqual([])
    })

    it('keeps the structure of a Word paste (headings without typed numbers, bold, lists, tables) and drops its styling', async () => {
      await caretAtEnd(page, '.chapter-doc h2 + p', 0)
      await page.keyboard.press('Enter')
      await pasteHtml(
        page,
        `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:仿宋}</style></head><body>
         <h2 style="mso-list:l1 level2 lfo2">3.2.1 质量监控体系建设</h2>
         <p class=MsoNormal style="text-indent:2em"><span style="font-family:仿宋_GB2312">学校坚持</span><span style="font-weight:bold;font-family:仿宋">诊断与改进</span><span>工作。</span></p>
         <p class=MsoListParagraphCxSpFirst style="mso-list:l0 level1 lfo1"><![if !supportLists]><span style="mso-list:Ignore">1.<span>&nbsp;&nbsp;</span></span><![endif]>完善制度</p>
         <p class=MsoListParagraphCxSpLast style="mso-list:l0 level1 lfo1"><![if !supportLists]><span style="mso-list:Ignore">2.<span>&nbsp;&nbsp;</span></span><![endif]>加强督导</p>
         <table class=MsoTableGrid border=1><tr><td><p><b>年份</b></p></td><td><p>获奖</p></td></tr><tr><td><p>2021 年</p></td><td><p>57</p></td></tr></table>
         </body></html>`,
        '质量监控体系建设'
      )
      await page.waitForSelector(`${editorSel} table`)
      const h = await page.$$eval(`${editorSel} h3, ${editorSel} h2`, (hs) => hs.map((x) => x.textContent))
      expect(h).toContain('质量监控体系建设')
      expect(h.some((t) => t?.startsWith('3.2.1'))).toBe(false)
      expect(await page.$eval(`${editorSel} strong`, (el) => el.textContent)).toBe('诊断与改进')
      expect(await page.$$eval(`${editorSel} ol li`, (lis) => lis.map((l) => l.textContent))).toEqual(['完善制度', '加强督导'])
      const pastedTable = await page.$$eval(`${editorSel} table`, (tables) =>
        tables.map((t) => Array.from(t.querySelectorAll('td, th')).map((c) => c.textContent)).find((cells) => cells[0] === '年份')
      )
      expect(pastedTable).toEqual(['年份', '获奖', '2021 年', '57'])
      const html = await page.$eval(editorSel, (el) => el.innerHTML)
      expect(html).not.toMatch(/Mso|mso-|font-family|text-indent/)
      await screenshot(page, 'editor-paste-word')
      await page.keyboard.press('Control+s')
      await waitSaved(page)
      const stored = await storedDoc(host, chapterId)
      expect(stored).toContain('"type":"orderedList"')
      expect(stored).toContain('"type":"bold"')
      expect(stored).not.toMatch(/mso|Mso|3\.2\.1/)
    })

    it('stores a pasted picture once as an asset, never as data in the text, and says so clearly when a file is not an image', async () => {
      const { makePng } = await import('../helpers/png')
      const png = makePng(40, 30, 7).toString('base64')
      await caretAtEnd(page, '.chapter-doc h2 + p', 0)
      await pasteHtml(page, `<p>网页上的图片：<img src="data:image/png;base64,${png}" alt="校园一角"></p>`)
      await page.waitForSelector(`${editorSel} figure.photo img[src]`)
      expect(await page.textContent(`${editorSel} figure.photo figcaption`)).toBe('校园一角')
      await page.keyboard.press('Control+s')
      await waitSaved(page)
      const stored = await storedDoc(host, chapterId)
      expect(stored).not.toMatch(/data:image|base64/)
      expect(stored).toMatch(/"asset":"[a-f0-9]{64}"/)

      await page.setInputFiles('[data-testid="photo-input"]', { name: '坏图.png', mimeType: 'image/png', buffer: Buffer.from('这不是图片'.repeat(20)) })
      await page.waitForSelector('.notice-error')
      expect(await page.textContent('.notice-error')).toContain('无法识别这张图片')
      expect(await page.$$eval(`${editorSel} figure.photo`, (f) => f.length)).toBe(1)
    })

    it('shows a big photo from a display-size copy while the original is stored, and refuses a huge file with a clear message', async () => {
      const { makePng } = await import('../helpers/png')
      await caretAtEnd(page, '.chapter-doc h2 + p', 1)
      await page.setInputFiles('[data-testid="photo-input"]', { name: '全景.png', mimeType: 'image/png', buffer: makePng(2400, 1600, 3) })
      await page.waitForSelector(`${editorSel} figure.photo canvas.photo-display`)
      await expect.poll(() => page.$eval(`${editorSel} figure.photo canvas.photo-display`, (c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height])).toEqual([1600, 1067])
      // Scaled to the page on screen.
      const shown = await page.$eval(`${editorSel} figure.photo canvas.photo-display`, (c) => c.getBoundingClientRect().width)
      expect(shown).toBeLessThanOrEqual(720)
      await page.keyboard.press('Control+s')
      await waitSaved(page)
      const stored = JSON.parse(await storedDoc(host, chapterId)) as { content: { type: string; attrs?: { asset?: string; width?: number } }[] }
      const photo = JSON.stringify(stored).match(/"asset":"([a-f0-9]{64})","width":2400/)
      expect(photo).not.toBeNull()
      const { hostCall } = await import('../helpers/editorPage')
      expect(await hostCall(host, 'asset.info', { hash: photo![1] })).toMatchObject({ width: 2400, height: 1600, mime: 'image/png' })

      await page.setInputFiles('[data-testid="photo-input"]', { name: '扫描件.png', mimeType: 'image/png', buffer: Buffer.alloc(31 * 1024 * 1024) })
      await page.waitForSelector('.notice-error:has-text("太大")')
      expect(await page.textContent('.notice-error:has-text("太大")')).toContain('“扫描件.png”太大（31.0 MB），单张图片不能超过 30 MB')
    })
  })
})
