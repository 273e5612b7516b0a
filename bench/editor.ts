import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { build } from 'esbuild'
import type { DocNode } from '../src/shared/model/doc'
import { launchBrowser } from '../tests/helpers/browser'
import { isolatedEnv, startHost, ROOT } from '../tests/helpers/host'
import { hostCall } from '../tests/helpers/editorPage'
import { fillWithQingyuan } from '../tests/helpers/qingyuan'
import { summarize, type BenchRow } from './types'

/**
 * The chapter editor in Chromium through the browser host.
 *
 * Per keystroke: the input handling work, from the key event to the end of
 * the next frame's rendering (Chromium runs with --disable-frame-rate-limit
 * and --disable-gpu-vsync, so the 60 Hz frame clock does not hide it), over a
 * few hundred Latin letters and Chinese characters, in chapter 3 of the
 * Qingyuan report (about 7,100 characters, 5 tables, 6 cases) and in a
 * chapter five times that size. The floor is a bare tiptap editor
 * (StarterKit and tables) holding the same document, measured in the same
 * run with the same styles.
 *
 * Chapter switch: from the click in the outline to the end of the first
 * frame in which chapter 3 is editable.
 */

const AREA = 'editor'
const KEYS = Number(process.env.EDITOR_BENCH_KEYS ?? 200)
const SWITCHES = 12
const LATIN = 'thequickbrownfoxjumpsoverthelazydog'
const CHINESE = '清远市中等职业教育质量稳步提升学校办学条件不断改善专业布局更加合理'

/** The document in a form StarterKit understands: cases become block quotes (title and body as paragraphs), no ids. */
function bareDoc(doc: DocNode): DocNode {
  const map = (n: DocNode): DocNode => {
    switch (n.type) {
      case 'caseStudy':
        return { type: 'blockquote', content: n.content!.map(map) }
      case 'caseTitle':
        return { type: 'paragraph', content: n.content }
      case 'heading':
        return { type: 'heading', attrs: { level: n.attrs!.level }, content: n.content }
      case 'paragraph':
        return { type: 'paragraph', content: n.content?.map(map) }
      default:
        return n.content ? { ...n, content: n.content.map(map) } : n
    }
  }
  return map(doc)
}

/** Put the caret in the middle of the longest paragraph in the middle third of the chapter. */
async function placeCaret(page: Page): Promise<void> {
  await page.evaluate(() => {
    const doc = document.querySelector('.chapter-doc') as HTMLElement
    const paras = Array.from(doc.querySelectorAll(':scope > p'))
    const middle = paras.slice(Math.floor(paras.length / 3), Math.ceil((2 * paras.length) / 3))
    const p = middle.reduce((a, b) => ((b.textContent ?? '').length > (a.textContent ?? '').length ? b : a), middle[0])
    p.scrollIntoView({ block: 'center' })
    doc.focus()
    const text = p.firstChild!
    const range = document.createRange()
    range.setStart(text, Math.floor((text.textContent ?? '').length / 2))
    range.collapse(true)
    const sel = window.getSelection()!
    sel.removeAllRanges()
    sel.addRange(range)
  })
  await page.waitForTimeout(100)
}

/**
 * In the page: time from each key event to the end of the frame that shows
 * it. (Page scripts are plain strings: the TypeScript runner would otherwise
 * wrap their inner functions in helpers the page does not have.)
 */
const INSTRUMENT = `(() => {
  window.__lat = []
  window.__pending = false
  const start = (e) => {
    if (window.__pending) return
    window.__pending = true
    const t0 = e.timeStamp
    requestAnimationFrame(() => {
      const ch = new MessageChannel()
      ch.port1.onmessage = () => { window.__lat.push(performance.now() - t0); window.__pending = false }
      ch.port2.postMessage(0)
    })
  }
  document.addEventListener('keydown', start, true)
  document.addEventListener('beforeinput', start, true)
})()`

/** Resolves at the end of the next frame's rendering. */
const AFTER_FRAME = `new Promise((resolve) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => resolve(); ch.port2.postMessage(0) }))`

async function instrument(page: Page): Promise<void> {
  await page.evaluate(INSTRUMENT)
}

async function typeKeys(page: Page, cdp: CDPSession, chinese: boolean, n: number): Promise<number[]> {
  await page.evaluate(() => ((window as unknown as { __lat: number[] }).__lat = []))
  const chars = chinese ? CHINESE : LATIN
  for (let i = 0; i < n; i++) {
    const ch = chars[i % chars.length]
    if (chinese) await cdp.send('Input.insertText', { text: ch })
    else {
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, code: `Key${ch.toUpperCase()}`, text: ch, unmodifiedText: ch, windowsVirtualKeyCode: ch.toUpperCase().charCodeAt(0) })
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, code: `Key${ch.toUpperCase()}`, windowsVirtualKeyCode: ch.toUpperCase().charCodeAt(0) })
    }
    await page.waitForFunction((k) => (window as unknown as { __lat: number[]; __pending: boolean }).__lat.length > k && !(window as unknown as { __pending: boolean }).__pending, i, { polling: 'raf' })
  }
  const lat = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat)
  // The first few warm up the code paths.
  return lat.slice(5)
}

/** A static server for the bare editor page: the bundle, the app's own styles, the document. */
async function bareServer(doc: DocNode): Promise<{ server: Server; url: string; setDoc: (d: DocNode) => void }> {
  const out = await build({
    entryPoints: [join(__dirname, 'editorBare', 'entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent'
  })
  const js = out.outputFiles[0].text
  const assets = join(ROOT, process.env.NIANBAO_OUT ?? 'out', 'renderer', 'assets')
  const cssFile = readdirSync(assets).find((f) => f.endsWith('.css'))
  const css = cssFile ? readFileSync(join(assets, cssFile), 'utf8') : ''
  let current = doc
  const server = createServer((req, res) => {
    if (req.url === '/bare.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' })
      res.end(`window.__DOC = ${JSON.stringify(current)};\n${js}`)
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head>` +
          `<body><div class="workspace" style="height:100%"><main class="editor-pane"><div class="page"></div></main></div><script src="/bare.js"></script></body></html>`
      )
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as { port: number }).port
  return { server, url: `http://127.0.0.1:${port}/`, setDoc: (d) => (current = d) }
}

interface Measured {
  latin: number[]
  chinese: number[]
}

/** The app with one chapter open, ready for typing. */
async function openApp(browser: Browser, url: string, chapterTitle: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(url)
  await page.waitForSelector('.chapter-doc[contenteditable="true"]')
  await page.click(`.outline-item.level-1:has-text("${chapterTitle}")`)
  await page.waitForFunction((t) => document.querySelector('[data-testid="chapter-title"]')?.textContent?.includes(t), chapterTitle)
  await page.waitForTimeout(500)
  await instrument(page)
  return page
}

async function openBare(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(url)
  await page.waitForSelector('.chapter-doc[contenteditable="true"]')
  await page.waitForTimeout(300)
  await instrument(page)
  return page
}

/**
 * Type into the app and the bare editor in alternating rounds, so that load
 * from other programs on the machine falls on both alike.
 */
async function measurePair(app: Page, bare: Page): Promise<{ ours: Measured; floor: Measured }> {
  const ours: Measured = { latin: [], chinese: [] }
  const floor: Measured = { latin: [], chinese: [] }
  const cdpApp = await app.context().newCDPSession(app)
  const cdpBare = await bare.context().newCDPSession(bare)
  const ROUNDS = 4
  for (let r = 0; r < ROUNDS; r++) {
    for (const chinese of [false, true]) {
      const kind = chinese ? 'chinese' : 'latin'
      for (const [page, cdp, out] of [
        [app, cdpApp, ours],
        [bare, cdpBare, floor]
      ] as const) {
        await page.bringToFront()
        await placeCaret(page)
        out[kind].push(...(await typeKeys(page, cdp, chinese, Math.ceil(KEYS / ROUNDS) + 5)))
      }
    }
  }
  return { ours, floor }
}

/** Click chapter 3 in the outline (coming from chapter 2) and wait for the first frame in which it is editable. */
async function measureSwitch(browser: Browser, url: string, from: string, to: string): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  const times: number[] = []
  try {
    await page.goto(url)
    await page.waitForSelector('.chapter-doc[contenteditable="true"]')
    for (let i = 0; i < SWITCHES; i++) {
      await page.click(`.outline-item.level-1:has-text("${from}")`)
      await page.waitForFunction((t) => document.querySelector('[data-testid="chapter-title"]')?.textContent?.includes(t), from)
      await page.waitForTimeout(300)
      const ms = (await page.evaluate(`(async (title) => {
        const button = Array.from(document.querySelectorAll('.outline-item.level-1')).find((b) => b.textContent.includes(title))
        const t0 = performance.now()
        button.click()
        // The new chapter's editor, editable and filled, then the end of the frame that shows it.
        await new Promise((resolve) => {
          const check = () => {
            const ed = document.querySelector('.chapter-doc[contenteditable="true"]')
            const heading = document.querySelector('[data-testid="chapter-title"]')
            if (ed && heading && heading.textContent.includes(title) && ed.textContent.length > 1000) resolve()
            else requestAnimationFrame(check)
          }
          check()
        })
        await ${AFTER_FRAME}
        return performance.now() - t0
      })(${JSON.stringify(to)})`)) as number
      times.push(ms)
    }
    return times.slice(2)
  } finally {
    await page.close()
  }
}

/** The bare editor created for the same chapter: from `new Editor` to the end of its first frame. */
async function measureBareCreate(browser: Browser, url: string): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  try {
    await page.goto(url)
    await page.waitForSelector('.chapter-doc[contenteditable="true"]')
    const times: number[] = []
    for (let i = 0; i < SWITCHES; i++) {
      times.push(
        (await page.evaluate(`(async () => {
          const t0 = performance.now()
          window.__mount(window.__DOC)
          await ${AFTER_FRAME}
          return performance.now() - t0
        })()`)) as number
      )
    }
    return times.slice(2)
  } finally {
    await page.close()
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const host = await startHost([], isolatedEnv())
  const browser = await launchBrowser(['--disable-frame-rate-limit', '--disable-gpu-vsync'])
  let bare: Awaited<ReturnType<typeof bareServer>> | null = null
  try {
    // Chapter 3 from the Qingyuan text; chapter 9 holds chapter 3 five times over.
    await fillWithQingyuan(host.origin, host.token, { chapters: [2, 3], longChapter: 9 })
    const chapters = (await hostCall<{ chapters: { id: string; title: string; summary: { words: number } }[] }>(host, 'report.state')).chapters
    const [ch2, ch3, ch9] = [chapters[1], chapters[2], chapters[8]]
    const ch3Doc = (await hostCall<{ doc: DocNode }>(host, 'chapter.get', { id: ch3.id })).doc
    const longDoc = (await hostCall<{ doc: DocNode }>(host, 'chapter.get', { id: ch9.id })).doc
    const note = (d: DocNode) => {
      let chars = 0
      let tables = 0
      let cases = 0
      const walk = (n: DocNode) => {
        if (n.type === 'text') chars += (n.text ?? '').length
        if (n.type === 'table') tables++
        if (n.type === 'caseStudy') cases++
        n.content?.forEach(walk)
      }
      walk(d)
      return `${chars} 字符, ${tables} 表, ${cases} 案例`
    }

    bare = await bareServer(bareDoc(ch3Doc))
    const cases: [string, DocNode, string][] = [
      ['第3章', ch3Doc, ch3.title],
      ['第3章×5', longDoc, ch9.title]
    ]
    for (const [name, doc, title] of cases) {
      bare.setDoc(bareDoc(doc))
      const appPage = await openApp(browser, host.url, title)
      const barePage = await openBare(browser, bare.url)
      const { ours, floor } = await measurePair(appPage, barePage)
      await appPage.close()
      await barePage.close()
      for (const kind of ['latin', 'chinese'] as const) {
        const o = summarize(ours[kind])
        const b = summarize(floor[kind])
        const label = `${name} ${kind === 'latin' ? '拉丁字母' : '汉字'}`
        rows.push({ area: AREA, case: label, metric: 'keystroke p50', value: o.p50, unit: 'ms', note: `bare ${b.p50.toFixed(2)} ms; ${note(doc)}` })
        rows.push({ area: AREA, case: label, metric: 'keystroke p95', value: o.p95, unit: 'ms', note: `bare ${b.p95.toFixed(2)} ms; n=${ours[kind].length}` })
        rows.push({ area: AREA, case: label, metric: 'p95 ratio to bare', value: o.p95 / b.p95, unit: '×', goal: '≤ 1.3×', note: `p50 ratio ${(o.p50 / b.p50).toFixed(2)}×` })
      }
    }

    bare.setDoc(bareDoc(ch3Doc))
    const sw = summarize(await measureSwitch(browser, host.url, ch2.title, ch3.title))
    const bc = summarize(await measureBareCreate(browser, bare.url))
    rows.push({ area: AREA, case: '切换到第3章', metric: 'to editable p50', value: sw.p50, unit: 'ms', goal: '≤ 150 ms', note: `p95 ${sw.p95.toFixed(0)} ms; bare editor created ${bc.p50.toFixed(0)} ms` })
  } finally {
    await browser.close()
    await host.stop()
    bare?.server.close()
  }
  return rows
}
