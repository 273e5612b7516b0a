import type { Browser } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { isolatedEnv, startHost } from '../helpers/host'
import { caretAtEnd, chapters, hostCall, openApp, storedText } from '../helpers/editorPage'

/** Kill moments after typing starts: early, in the middle, late (several saves apart). */
const KILL_AFTER_MS = [1700, 2600, 3450]
/** What a kill may cost of a user's typing. */
const MAX_LOST_S = 1

/**
 * The host is killed with SIGKILL (power cut, task manager) while a user
 * types in Chromium. The report reopens, every word up to the last one kept
 * is there, in order, and what is gone was typed in the last second at most.
 * Seconds lost = the moment of the kill − the moment the last kept word was typed.
 */
describe('killed while typing', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it.each(KILL_AFTER_MS)(`loses at most ${MAX_LOST_S} s of typing (kill %i ms after typing starts)`, async (killAfter) => {
    const env = isolatedEnv()
    const host = await startHost([], env)
    const { path } = await hostCall<{ path: string }>(host, 'report.state')
    const page = await openApp(browser, host)
    await page.click('.chapter-doc h2 + p')
    await caretAtEnd(page, '.chapter-doc h2 + p', 0)

    // Words 词0001… typed one after another at a steady pace, each one's time noted when typed.
    const typedAt: number[] = []
    const word = (i: number) => `词${String(i).padStart(4, '0')}，`
    const start = Date.now()
    let killedAt = 0
    const killer = new Promise<void>((done) =>
      setTimeout(() => {
        host.child.kill('SIGKILL')
        killedAt = Date.now()
        done()
      }, killAfter)
    )
    for (let i = 0; !killedAt && Date.now() - start < killAfter + 2000; i++) {
      await page.keyboard.type(word(i), { delay: 15 })
      if (!killedAt) typedAt.push(Date.now())
    }
    await killer
    await page.close()
    await new Promise<void>((done) => (host.child.exitCode !== null || host.child.signalCode !== null ? done() : host.child.once('exit', () => done())))

    // Reopen the same file: it opens, and the chapter holds an unbroken run of the words.
    const again = await startHost([path], env)
    try {
      let text = ''
      for (const c of await chapters(again)) {
        const t = await storedText(again, c.id)
        if (t.includes('词0000')) text = t
      }
      const kept = [...text.matchAll(/词(\d{4})，/g)].map((m) => Number(m[1]))
      expect(kept.length).toBeGreaterThan(0)
      expect(kept).toEqual(kept.map((_, i) => i))
      const lastKept = kept[kept.length - 1]
      const lostSeconds = (killedAt - typedAt[lastKept]) / 1000
      console.log(`kill after ${killAfter} ms: ${typedAt.length} words typed, ${kept.length} kept, ${lostSeconds.toFixed(2)} s of typing lost`)
      expect(lostSeconds).toBeLessThanOrEqual(MAX_LOST_S)
    } finally {
      await again.stop()
    }
  }, 120_000)
})
