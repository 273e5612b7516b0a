import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * better-sqlite3 built for Electron in a development checkout, where
 * scripts/electron-native.mjs puts it (node_modules keeps the Node build for
 * tests and the CLI). Packaged apps load their own rebuilt copy: undefined.
 */
export function devNativeBinding(appPath: string, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined
  const file = join(appPath, 'native', 'electron', 'better_sqlite3.node')
  return existsSync(file) ? file : undefined
}
