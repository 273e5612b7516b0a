// better-sqlite3 is a native module: node_modules holds the build for Node
// (tests, CLI, browser host). Electron needs one built against its own
// headers. Where the Electron binary is installed, put that copy in
// native/electron/ (a prebuilt binary when one is published for this
// Electron, else compiled; needs the internet once); the app loads it from
// there in a development checkout (src/main/electron/native.ts). Packaged
// apps get their own rebuild from electron-builder (npmRebuild).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const projectRoot = join(fileURLToPath(import.meta.url), '..', '..')

/** Where the Electron build of better-sqlite3 goes, relative to the project (the app looks there too). */
export const NATIVE_DIR = ['native', 'electron']
export const NATIVE_FILE = 'better_sqlite3.node'

function electronBinary(require) {
  try {
    const p = require('electron')
    return typeof p === 'string' && existsSync(p) ? p : null
  } catch {
    // electron/index.js throws when its binary was never downloaded.
    return null
  }
}

/**
 * What needs doing in `root`: nothing without an Electron binary, nothing if
 * native/electron/ already holds a build for this Electron and this
 * better-sqlite3, else a build.
 */
export function nativeStatus(root = projectRoot) {
  const require = createRequire(join(root, 'package.json'))
  const binary = electronBinary(require)
  if (!binary) return { state: 'no-electron' }
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
  const sqliteDir = join(root, 'node_modules', 'better-sqlite3')
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version
  const outDir = join(root, ...NATIVE_DIR)
  const wanted = `electron ${electronVersion} better-sqlite3 ${sqliteVersion}`
  const marker = join(outDir, 'VERSION')
  const current = existsSync(marker) && readFileSync(marker, 'utf8') === wanted && existsSync(join(outDir, NATIVE_FILE))
  return { state: current ? 'current' : 'stale', binary, electronVersion, sqliteVersion, sqliteDir, outDir, wanted }
}

/** Returns true when an Electron build of better-sqlite3 is in place, false when Electron is absent. */
export async function ensureElectronNative({ quiet = false, root = projectRoot } = {}) {
  const status = nativeStatus(root)
  if (status.state === 'no-electron') {
    if (!quiet) process.stderr.write('未安装 Electron 程序，跳过为 Electron 编译 better-sqlite3。\n')
    return false
  }
  if (status.state === 'current') return true

  const { electronVersion, sqliteVersion, sqliteDir, outDir, wanted } = status
  process.stderr.write(`正在为 Electron ${electronVersion} 准备 better-sqlite3（首次需要联网下载）…\n`)
  // Rebuild a copy, so node_modules keeps the Node build that tests and the CLI use.
  const work = join(root, 'native', 'build')
  rmSync(work, { recursive: true, force: true })
  mkdirSync(join(work, 'node_modules'), { recursive: true })
  cpSync(sqliteDir, join(work, 'node_modules', 'better-sqlite3'), { recursive: true, filter: (src) => !src.includes(join('better-sqlite3', 'build')) })
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'nianbao-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }))
  // @electron/rebuild is an ES module: import(), not require().
  const { rebuild } = await import('@electron/rebuild')
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true })
  mkdirSync(outDir, { recursive: true })
  cpSync(join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', NATIVE_FILE), join(outDir, NATIVE_FILE))
  writeFileSync(join(outDir, 'VERSION'), wanted)
  rmSync(work, { recursive: true, force: true })
  return true
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureElectronNative().catch((e) => {
    process.stderr.write(`为 Electron 编译 better-sqlite3 失败：${e?.message ?? e}\n`)
    process.exit(1)
  })
}
