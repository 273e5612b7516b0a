import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensureElectronNative, NATIVE_DIR, NATIVE_FILE, nativeStatus } from '../../scripts/electron-native.mjs'
import { devNativeBinding } from '../../src/main/electron/native'
import { tempDir } from '../helpers/reports'

/**
 * better-sqlite3 twice: node_modules keeps the Node build (tests, CLI, browser
 * host) and, where Electron is installed, scripts/electron-native.mjs puts an
 * Electron build in native/electron/, which the app loads in a development
 * checkout. These tests build fake project folders to check its decisions.
 */
function project(opts: { electron?: 'absent' | 'no-binary' | 'installed'; electronVersion?: string; built?: string } = {}): string {
  const root = tempDir('nianbao-native-')
  writeFileSync(join(root, 'package.json'), '{"name":"p","private":true}')
  mkdirSync(join(root, 'node_modules', 'better-sqlite3'), { recursive: true })
  writeFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), '{"name":"better-sqlite3","version":"12.11.1"}')
  if (opts.electron && opts.electron !== 'absent') {
    const dir = join(root, 'node_modules', 'electron')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: opts.electronVersion ?? '41.7.1', main: 'index.js' }))
    const binary = join(dir, 'dist', 'electron')
    if (opts.electron === 'installed') {
      mkdirSync(join(dir, 'dist'))
      writeFileSync(binary, '')
    }
    // Like electron's own index.js: the path of the binary, or an error when it was never downloaded.
    writeFileSync(
      join(dir, 'index.js'),
      opts.electron === 'installed'
        ? `module.exports = ${JSON.stringify(binary)}`
        : "throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again')"
    )
  }
  if (opts.built) {
    const out = join(root, ...NATIVE_DIR)
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, NATIVE_FILE), 'binary')
    writeFileSync(join(out, 'VERSION'), opts.built)
  }
  return root
}

describe('better-sqlite3 for Electron', () => {
  it('does nothing where Electron is not installed', async () => {
    for (const electron of ['absent', 'no-binary'] as const) {
      const root = project({ electron })
      expect(nativeStatus(root)).toEqual({ state: 'no-electron' })
      expect(await ensureElectronNative({ quiet: true, root })).toBe(false)
      expect(existsSync(join(root, 'native'))).toBe(false)
    }
  })

  it('asks for a build where Electron is installed and none was made yet', () => {
    const root = project({ electron: 'installed' })
    expect(nativeStatus(root)).toMatchObject({ state: 'stale', electronVersion: '41.7.1', sqliteVersion: '12.11.1', outDir: join(root, 'native', 'electron') })
  })

  it('keeps a build made for this Electron and this better-sqlite3', async () => {
    const root = project({ electron: 'installed', built: 'electron 41.7.1 better-sqlite3 12.11.1' })
    expect(nativeStatus(root).state).toBe('current')
    expect(await ensureElectronNative({ quiet: true, root })).toBe(true)
  })

  it('rebuilds after Electron or better-sqlite3 changed version', () => {
    expect(nativeStatus(project({ electron: 'installed', electronVersion: '42.0.0', built: 'electron 41.7.1 better-sqlite3 12.11.1' })).state).toBe('stale')
    expect(nativeStatus(project({ electron: 'installed', built: 'electron 41.7.1 better-sqlite3 11.0.0' })).state).toBe('stale')
  })

  it('the app looks for the build exactly where the script puts it, and only in a development checkout', () => {
    const root = project({ electron: 'installed', built: 'electron 41.7.1 better-sqlite3 12.11.1' })
    expect(devNativeBinding(root, false)).toBe(join(root, ...NATIVE_DIR, NATIVE_FILE))
    expect(devNativeBinding(root, true)).toBeUndefined()
    expect(devNativeBinding(project(), false)).toBeUndefined()
  })

  it('the Node build in node_modules is the one tests and the CLI load', async () => {
    const Database = (await import('better-sqlite3')).default
    const db = new Database(':memory:')
    expect(db.prepare('SELECT sqlite_version() AS v').get()).toEqual({ v: expect.stringMatching(/^3\.\d+\.\d+$/) })
    db.close()
  })
})
