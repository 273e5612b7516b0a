// better-sqlite3 is a native module: node_modules holds the build for Node
// (tests, CLI, browser host). Electron needs one built against its own
// headers. Where the Electron binary is installed, build that copy into
// native/electron/ (needs the internet once, for Electron's headers); the
// app loads it from there in a development checkout. Packaged apps get their
// own rebuild from electron-builder.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(import.meta.url), '..', '..')
const require = createRequire(join(root, 'package.json'))

function electronBinary() {
  try {
    const p = require('electron')
    return typeof p === 'string' && existsSync(p) ? p : null
  } catch {
    return null
  }
}

export async function ensureElectronNative({ quiet = false } = {}) {
  const bin = electronBinary()
  if (!bin) {
    if (!quiet) process.stderr.write('未安装 Electron 程序，跳过为 Electron 编译 better-sqlite3。\n')
    return false
  }
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
  const sqliteDir = join(root, 'node_modules', 'better-sqlite3')
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version
  const outDir = join(root, 'native', 'electron')
  const marker = join(outDir, 'VERSION')
  const wanted = `electron ${electronVersion} better-sqlite3 ${sqliteVersion}`
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted && existsSync(join(outDir, 'better_sqlite3.node'))) return true

  process.stderr.write(`正在为 Electron ${electronVersion} 编译 better-sqlite3（首次需要联网下载 Electron 头文件）…\n`)
  const work = join(root, 'native', 'build')
  rmSync(work, { recursive: true, force: true })
  mkdirSync(join(work, 'node_modules'), { recursive: true })
  cpSync(sqliteDir, join(work, 'node_modules', 'better-sqlite3'), { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) })
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'nianbao-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }))
  const { rebuild } = require('@electron/rebuild')
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true })
  mkdirSync(outDir, { recursive: true })
  cpSync(join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'))
  writeFileSync(marker, wanted)
  rmSync(work, { recursive: true, force: true })
  return true
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureElectronNative().catch((e) => {
    process.stderr.write(`为 Electron 编译 better-sqlite3 失败：${e?.message ?? e}\n`)
    process.exit(1)
  })
}
