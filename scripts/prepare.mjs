// Runs after `npm install` / `npm ci` in this project: download Electron's
// binary (a failure only means the app runs in the browser; the message says
// how to get it through a mirror), build the app so that `npx nianbao` works,
// and build better-sqlite3 for Electron where Electron is installed. A failure
// here never fails the install; `npm start` retries.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { installElectronBinary } from './electron-install.mjs'

const root = join(fileURLToPath(import.meta.url), '..', '..')
installElectronBinary(root)
const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-if-stale.mjs')], { cwd: root, stdio: 'inherit' })
if (r.status !== 0) process.stderr.write('构建未完成，npm start 会再次尝试。\n')
if (!process.env.CI) {
  const { ensureElectronNative } = await import('./electron-native.mjs')
  await ensureElectronNative().catch((e) => process.stderr.write(`为 Electron 编译 better-sqlite3 未完成：${e?.message ?? e}\n`))
}
