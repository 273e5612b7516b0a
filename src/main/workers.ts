import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * Workers (import analysis, export) ship as their own files next to the
 * built main bundle (importWorker.js, exportWorker.js). Run from source —
 * tests and benches under vitest or tsx — the same TypeScript module is
 * loaded through tsx instead. Returns null when neither is found (a damaged
 * installation); callers say so in Chinese.
 */
export function startWorker(builtName: string, sourcePath: string, options: WorkerOptions = {}, builtFile?: string): Worker | null {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd()
  const built = builtFile ?? findUp(here, builtName)
  if (built) return new Worker(built, options)
  const source = findUp(here, sourcePath) ?? findUp(process.cwd(), sourcePath)
  if (!source) return null
  const root = source.slice(0, source.length - sourcePath.length)
  const tsx = createRequire(join(root, 'package.json')).resolve('tsx/cjs/api')
  const tsconfig = join(root, 'tsconfig.node.json')
  const code = `process.env.TSX_TSCONFIG_PATH=${JSON.stringify(tsconfig)};require(${JSON.stringify(tsx)}).register();require(${JSON.stringify(source)})`
  return new Worker(code, { ...options, eval: true })
}

function findUp(start: string, rel: string): string | null {
  let dir = start
  for (let i = 0; i < 8; i++) {
    const p = join(dir, rel)
    if (existsSync(p)) return p
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  return null
}
