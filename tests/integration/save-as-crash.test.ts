import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openReportDatabase, closeReportDatabase } from '../../src/main/store/database'
import { ReportSession } from '../../src/main/services/reportSession'
import { templateChapters, templateMeta } from '../../src/main/templates/outline'
import { exited, spawnTs } from '../helpers/tsChild'

const CHILD = join(__dirname, 'children', 'save-as.ts')

/**
 * 另存为 killed half-way (a crash, a power cut) leaves no half-written
 * report under the new name: the copy is made under a temporary name and
 * renamed into place only when complete.
 */
describe('另存为 interrupted', () => {
  it('leaves either no file under the new name or a complete, sound copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-saveas-'))
    const file = join(dir, '清远市2021.nianbao')
    const session = new ReportSession({ now: () => new Date() })
    session.create(file, templateMeta('city', { region: '清远市', year: 2021 }), templateChapters('city'))
    // Some tens of megabytes of pictures, so that the copy takes a while.
    for (let i = 0; i < 24; i++) {
      session.require().store.putAsset({ hash: randomBytes(32).toString('hex'), mime: 'image/png', width: 10, height: 10, bytes: randomBytes(2 * 1024 * 1024) })
    }
    session.close()

    for (let round = 0; round < 4; round++) {
      const target = join(dir, `副本${round}.nianbao`)
      const child = spawnTs(CHILD, [file, target])
      await new Promise<void>((resolve) => child.stdout!.on('data', (d) => String(d).includes('start') && resolve()))
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 60))
      child.kill('SIGKILL')
      await exited(child)
      if (existsSync(target)) {
        // The rename happened: the copy is whole.
        const db = openReportDatabase(target)
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        closeReportDatabase(db)
      }
      // Nothing half-written carries the report's new name.
      expect(readdirSync(dir).filter((n) => n.startsWith('副本') && n !== `副本${round}.nianbao` && !/^副本\d\.nianbao$/.test(n))).toEqual([])
    }
  }, 120_000)
})
