import { closeSync, fsyncSync, openSync, readdirSync, rmSync, statSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'

/**
 * Files appear whole or not at all: they are written under a temporary name
 * beside their place and renamed into it; the folder is flushed so that the
 * rename itself survives a power cut.
 */
export const TEMP_PREFIX = '.~nianbao-'

export function tempPathFor(path: string): string {
  return join(dirname(path), `${TEMP_PREFIX}${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
}

/** Make a rename in `dir` durable (POSIX); Windows has no folder handles to flush. */
export function syncFolder(dir: string): void {
  if (process.platform === 'win32') return
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some file systems refuse; the data itself is already on disk.
  }
}

/**
 * Temporary files an interrupted write (a crash, a kill) left beside `path`:
 * removed once they are older than a minute (a younger one may belong to a
 * write still under way in another window).
 */
export function removeStaleTemps(path: string): void {
  const dir = dirname(path)
  const prefix = `${TEMP_PREFIX}${basename(path)}.`
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/\.tmp(-journal|-wal)?$/.test(name)) continue
    const p = join(dir, name)
    try {
      if (Date.now() - statSync(p).mtimeMs > 60_000) rmSync(p, { force: true })
    } catch {
      // another write may own it
    }
  }
}
