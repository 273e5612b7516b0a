import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { HostProcess } from './host'

/** Call the running host's API as the renderer does (for setting up and for checking what is stored). */
export async function hostCall<T = unknown>(host: Pick<HostProcess, 'origin' | 'token'>, name: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${host.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Nianbao-Token': host.token },
    body: JSON.stringify(input)
  })
  const env = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } }
  if (!env.ok) throw new Error(`${name}: ${env.error?.message}`)
  return env.result as T
}

export interface ChapterInfo {
  id: string
  title: string
}

export async function chapters(host: Pick<HostProcess, 'origin' | 'token'>): Promise<ChapterInfo[]> {
  const s = await hostCall<{ chapters: ChapterInfo[] }>(host, 'report.state')
  return s.chapters
}

/** The stored text of a chapter (what survives a reload or a crash). */
export async function storedText(host: Pick<HostProcess, 'origin' | 'token'>, chapterId: string): Promise<string> {
  const c = await hostCall<{ doc: unknown }>(host, 'chapter.get', { id: chapterId })
  const text = (n: { text?: string; content?: unknown[] }): string => (n.text ?? '') + (n.content ?? []).map((x) => text(x as never)).join('')
  return text(c.doc as never)
}

export async function storedDoc(host: Pick<HostProcess, 'origin' | 'token'>, chapterId: string): Promise<string> {
  const c = await hostCall<{ doc: unknown }>(host, 'chapter.get', { id: chapterId })
  return JSON.stringify(c.doc)
}

/** Open the app in a new page and wait for the chapter editor. */
export async function openApp(browser: Browser, host: HostProcess, errors: string[] = []): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(host.url)
  await page.waitForSelector('.chapter-doc[contenteditable="true"]')
  return page
}

export const editorSel = '.chapter-doc[contenteditable="true"]'

export async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent?.startsWith('已保存'), null, { timeout: 15_000 })
}

export async function openChapterByTitle(page: Page, title: string): Promise<void> {
  await page.click(`.outline-item.level-1:has-text("${title}")`)
  await page.waitForFunction((t) => document.querySelector('[data-testid="chapter-title"]')?.textContent?.includes(t), title)
  await page.waitForSelector(editorSel)
}

/** Numbers drawn before the headings of the open chapter, in order. */
export async function headingNumbers(page: Page): Promise<string[]> {
  return page.$$eval('.chapter-doc h2, .chapter-doc h3, .chapter-doc h4', (hs) => hs.map((h) => `${h.getAttribute('data-number')} ${h.textContent}`))
}

/** Put the cursor at the end of the text of the block matching `selector` (nth match). */
export async function caretAtEnd(page: Page, selector: string, nth = 0): Promise<void> {
  await page.evaluate(
    ([sel, i]) => {
      const el = document.querySelectorAll(sel)[i as number] as HTMLElement
      el.scrollIntoView({ block: 'center' })
      ;(document.querySelector('.chapter-doc') as HTMLElement).focus()
      const range = document.createRange()
      range.selectNodeContents(el)
      range.collapse(false)
      const s = window.getSelection()!
      s.removeAllRanges()
      s.addRange(range)
    },
    [selector, nth] as const
  )
  // Let ProseMirror read the new selection.
  await page.waitForTimeout(50)
}

/**
 * Drag one outline row onto another with the HTML5 drag events the outline
 * listens to (dragstart, dragover, drop, dragend); `where` is the part of the
 * target row the pointer is over.
 */
export async function dragRow(page: Page, source: string, target: string, where: 'top' | 'bottom' = 'bottom'): Promise<void> {
  const dt = await page.evaluateHandle(() => new DataTransfer())
  await page.locator(source).scrollIntoViewIfNeeded()
  await page.dispatchEvent(source, 'dragstart', { dataTransfer: dt })
  await page.locator(target).scrollIntoViewIfNeeded()
  const box = (await page.locator(target).boundingBox())!
  const at = { clientX: box.x + box.width / 2, clientY: where === 'top' ? box.y + 2 : box.y + box.height - 2, dataTransfer: dt }
  await page.dispatchEvent(target, 'dragover', at)
  await page.dispatchEvent(target, 'drop', at)
  await page.dispatchEvent(source, 'dragend', { dataTransfer: dt }).catch(() => {})
}

/**
 * Make a city report (its standard tables, charts and quoting sentences) in
 * the running host, type the published Qingyuan 2021 figures into it, and
 * show it in the page.
 */
export async function openCityReportWithQingyuanFigures(host: HostProcess, page: Page, fileName: string): Promise<void> {
  await hostCall(host, 'report.create', { template: 'city', region: '清远市', year: 2021, issuer: '清远市教育局', fileName })
  const file = join(__dirname, '..', '..', 'resources', 'templates', 'data', 'qingyuan-2021.json')
  const published = JSON.parse(readFileSync(file, 'utf8')) as { values: Record<string, Record<string, number>> }
  const values = Object.entries(published.values).flatMap(([indicator, years]) => Object.entries(years).map(([y, value]) => ({ indicator, year: Number(y), value })))
  await hostCall(host, 'data.setValues', { values })
  await page.reload()
  await page.waitForSelector(editorSel)
}
