import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/**
 * Where the app's own data files live. Packaged Electron apps keep them in
 * process.resourcesPath; the CLI, the browser host and tests find them by
 * walking up from this module to the project's resources/ folder.
 */
export function resourcesDir(): string {
  const fromEnv = process.env.NIANBAO_RESOURCES
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  const packaged = (process as { resourcesPath?: string }).resourcesPath
  if (packaged && existsSync(join(packaged, 'resources', 'templates'))) return join(packaged, 'resources')
  let dir = __dirname
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources')
    if (existsSync(join(candidate, 'templates'))) return candidate
    dir = dirname(dir)
  }
  return resolve(process.cwd(), 'resources')
}

/** The built renderer (index.html and its assets). */
export function rendererDir(): string {
  const fromEnv = process.env.NIANBAO_RENDERER
  if (fromEnv) return fromEnv
  let dir = __dirname
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'out', 'renderer')
    if (existsSync(join(candidate, 'index.html'))) return candidate
    const sibling = join(dir, 'renderer')
    if (existsSync(join(sibling, 'index.html'))) return sibling
    dir = dirname(dir)
  }
  return resolve(process.cwd(), 'out', 'renderer')
}
