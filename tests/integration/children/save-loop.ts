/**
 * Child process of store-crash.test.ts: saves one chapter over and over
 * through the service layer (the path the editor's autosave takes) and prints
 * "ack N" on stdout after save N has returned, until it is killed.
 * Every paragraph of save N carries "#N", so a torn write would show.
 */
import { dirname } from 'node:path'
import { AppState } from '../../../src/main/services/appState'
import { createService } from '../../../src/main/services/service'
import { savePayload } from './payload'

const [file, chapterId, configDir, first] = process.argv.slice(2)
const service = createService({ appState: new AppState(configDir), ports: { transport: 'browser', workspaceDir: dirname(file) } })
service.session.open(file)

async function loop() {
  for (let n = Number(first); ; n++) {
    await service.handlers.chapter.save({ id: chapterId, doc: savePayload(n) })
    // Pipes are written synchronously on Linux: once this returns, the parent can read it.
    process.stdout.write(`ack ${n}\n`)
  }
}
void loop()
