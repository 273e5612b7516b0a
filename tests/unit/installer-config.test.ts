import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { imageSize } from 'image-size'
import { resourcesDir } from '../../src/main/paths'
import { tempDir } from '../helpers/reports'

const ROOT = join(__dirname, '..', '..')

/**
 * Installers need the internet to build (Electron, NSIS, AppImage tools), so
 * CI checks the configuration: electron-builder's own loader and schema
 * validation (app-builder-lib, the code `electron-builder` runs first), then
 * what the configuration must promise a bureau's IT department.
 */
function builderLib() {
  const require = createRequire(join(ROOT, 'package.json'))
  const from = dirname(require.resolve('electron-builder/package.json'))
  const config = require(require.resolve('app-builder-lib/out/util/config/config', { paths: [from] })) as {
    getConfig(projectDir: string, configPath: string | null, fromOptions: unknown): Promise<Record<string, any>>
    validateConfiguration(config: unknown, logger: unknown): Promise<void>
  }
  const { DebugLogger } = require(require.resolve('builder-util', { paths: [from] })) as { DebugLogger: new (enabled: boolean) => unknown }
  return { ...config, logger: new DebugLogger(false) }
}

describe('installer configuration (electron-builder.yml)', () => {
  let config: Record<string, any>
  const lib = builderLib()

  beforeAll(async () => {
    config = await lib.getConfig(ROOT, null, null)
  })

  it('is what electron-builder loads, and passes its schema validation', async () => {
    expect(config.appId).toBe('cn.nianbao.editor')
    await expect(lib.validateConfiguration(config, lib.logger)).resolves.toBeUndefined()
  })

  it('the same validation refuses a misspelt option (so the check above means something)', async () => {
    await expect(lib.validateConfiguration({ ...config, nsis: { ...config.nsis, oneClik: false } }, lib.logger)).rejects.toThrow(/does not match the API schema/)
  })

  it('makes a Windows NSIS installer and Linux AppImage and deb packages named 年报', () => {
    expect(config.productName).toBe('年报')
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis'])
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true, shortcutName: '年报', installerLanguages: ['zh_CN'] })
    expect(config.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage', 'deb'])
    expect(config.linux.desktop.entry.Name).toBe('年报')
    expect(config.linux.maintainer).toMatch(/<.+@.+>/)
  })

  it('opens .nianbao files with the app', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'nianbao', name: '年报报告', role: 'Editor', mimeType: 'application/x-nianbao' })])
    expect(config.linux.mimeTypes).toEqual(['application/x-nianbao'])
  })

  it('packs the built app with its native modules outside the asar, rebuilt for Electron', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    expect(pkg.main).toBe('out/main/index.js')
    // electron-builder normalises `files` into filter sets.
    const files = (config.files as (string | { filter?: string[] })[]).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])))
    expect(files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']))
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/*.node']))
    expect(config.npmRebuild).toBe(true)
    expect(pkg.dependencies['better-sqlite3']).toBeDefined()
  })

  it('ships the templates and the window icon where the packaged app looks for them (resources/ next to the asar)', () => {
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*', '!icons/**', '!*.svg', '!icon.ico'] }])
    for (const t of ['city', 'province', 'school']) expect(existsSync(join(ROOT, 'resources', 'templates', `${t}.json`))).toBe(true)
    // In the installed app, process.resourcesPath holds what extraResources copied.
    const installed = tempDir('nianbao-installed-')
    cpSync(join(ROOT, 'resources', 'templates'), join(installed, config.extraResources[0].to, 'templates'), { recursive: true })
    const proc = process as { resourcesPath?: string }
    const saved = proc.resourcesPath
    const savedEnv = process.env.NIANBAO_RESOURCES
    delete process.env.NIANBAO_RESOURCES
    proc.resourcesPath = installed
    try {
      expect(resourcesDir()).toBe(join(installed, 'resources'))
    } finally {
      proc.resourcesPath = saved
      if (savedEnv !== undefined) process.env.NIANBAO_RESOURCES = savedEnv
    }
  })

  it('has the icon in every size the installers and desktops use', () => {
    const png = (file: string) => imageSize(readFileSync(file))
    expect(png(join(ROOT, 'resources', 'icon.png'))).toMatchObject({ width: 512, height: 512, type: 'png' })
    const sizes = readdirSync(join(ROOT, config.linux.icon)).sort((a, b) => parseInt(a) - parseInt(b))
    expect(sizes).toEqual(['16x16.png', '24x24.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png', '1024x1024.png'])
    for (const f of sizes) {
      const n = parseInt(f)
      expect(png(join(ROOT, config.linux.icon, f)), f).toMatchObject({ width: n, height: n })
    }
    // Windows wants a 256 px image in the .ico (stored with width 0).
    const ico = readFileSync(join(ROOT, config.win.icon))
    expect(ico.readUInt16LE(2)).toBe(1)
    const count = ico.readUInt16LE(4)
    const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256)
    expect(widths).toEqual([16, 24, 32, 48, 64, 128, 256])
    for (let i = 0; i < count; i++) {
      const offset = ico.readUInt32LE(6 + 16 * i + 12)
      expect(ico.subarray(offset, offset + 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true)
    }
    expect(config.nsis.installerIcon).toBe(config.win.icon)
  })
})
