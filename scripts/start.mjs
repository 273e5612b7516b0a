// `npm start`: build if needed, then open the Electron app. Where Electron's
// binary is not installed (no internet when npm install ran), say so and
// serve the same app through the browser host instead.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureElectronNative } from './electron-native.mjs'

const root = join(fileURLToPath(import.meta.url), '..', '..')
const require = createRequire(join(root, 'package.json'))

let electronPath = null
try {
  const p = require('electron')
  if (typeof p === 'string' && existsSync(p)) electronPath = p
} catch {
  electronPath = null
}

// Electron starts package.json's "main" (out/main/index.js): build there. The
// browser host runs the build in NIANBAO_OUT (default out/).
const buildArgs = electronPath ? ['--out', 'out'] : []
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-if-stale.mjs'), ...buildArgs], { cwd: root, stdio: 'inherit' })
if (built.status !== 0) process.exit(built.status ?? 1)

const args = process.argv.slice(2)
if (electronPath) {
  try {
    await ensureElectronNative({ quiet: true })
  } catch (e) {
    process.stderr.write(`无法为 Electron 准备 better-sqlite3：${e?.message ?? e}\n`)
    electronPath = null
  }
}
const child = electronPath
  ? spawn(electronPath, [root, ...args], { stdio: 'inherit' })
  : // Only the reason here; `nianbao serve` says where to open the app.
    (process.stderr.write(buildArgs.length ? '' : '本机没有可用的 Electron 程序（安装时未能下载，npm run electron:install 可再试），因此改用浏览器。\n'),
    // The browser host runs the build just made (out/ when it was made for Electron).
    spawn(process.execPath, [join(root, 'bin', 'nianbao.js'), 'serve', ...args], {
      stdio: 'inherit',
      env: buildArgs.length ? { ...process.env, NIANBAO_OUT: 'out' } : process.env
    }))
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
