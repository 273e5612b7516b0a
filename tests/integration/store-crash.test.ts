import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closeReportDatabase, openReportDatabase } from '../../src/main/store/database'
import { ReportStore } from '../../src/main/store/reportStore'
import { ReportSession } from '../../src/main/services/reportSession'
import { templateChapters, templateMeta } from '../../src/main/templates/outline'
import { payloadNumber, savePayload } from './children/payload'
import { exited, spawnTs } from '../helpers/tsChild'

const CHILD = join(__dirname, 'children', 'save-loop.ts')
const ROUNDS = 20

/**
 * A crash (power cut, kill -9) loses at most the save that was in flight:
 * a child process saves a chapter in a loop and is killed at a random moment,
 * twenty times over. Each time the report opens, SQLite finds no damage, and
 * the chapter holds the last save the child saw acknowledged, or the one after.
 */
describe('kill -9 while saving', () => {
  it(`leaves a sound report with the last acknowledged save, ${ROUNDS} times in a row`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-crash-'))
    const file = join(dir, '清远市2021.nianbao')
    const configDir = join(dir, 'config')
    mkdirSync(configDir)
    const session = new ReportSession({ now: () => new Date() })
    session.create(file, templateMeta('city', { region: '清远市', year: 2021 }), templateChapters('city'))
    const chapterId = session.require().store.listChapters()[1].id
    session.require().store.saveChapter(chapterId, savePayload(0), { headings: [], cases: [], tables: [], figures: [], assets: [], words: 0 })
    session.close()

    let next = 1
    const observed: { acked: number; stored: number }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const child = spawnTs(CHILD, [file, chapterId, configDir, String(next)])
      let out = ''
      let err = ''
      child.stderr!.on('data', (d) => (err += d))
      const firstAck = new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d) => {
          out += d
          if (out.includes('\n')) resolve()
        })
        child.once('exit', () => reject(new Error(`save loop ended by itself: ${err}`)))
      })
      await firstAck
      // Somewhere in the middle of a later save (each takes a few milliseconds).
      await new Promise((r) => setTimeout(r, Math.random() * 250))
      child.kill('SIGKILL')
      expect(await exited(child)).toBe('SIGKILL')

      const acks = [...out.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]))
      const acked = Math.max(...acks)
      const db = openReportDatabase(file)
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        const stored = payloadNumber(new ReportStore(db).getChapter(chapterId).doc)
        expect(stored).toBeGreaterThanOrEqual(acked)
        expect(stored).toBeLessThanOrEqual(acked + 1)
        observed.push({ acked, stored })
        next = stored + 1
      } finally {
        closeReportDatabase(db)
      }
    }
    expect(observed).toHaveLength(ROUNDS)
  }, 240_000)
})
