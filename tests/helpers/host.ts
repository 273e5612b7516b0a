import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const ROOT = join(__dirname, '..', '..')
export const BIN = join(ROOT, 'bin', 'nianbao.js')

export interface HostProcess {
  url: string
  origin: string
  token: string
  child: ChildProcess
  stderr: () => string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** A fresh, isolated config and workspace for one test. */
/** Tests run against the build in NIANBAO_OUT (default out/), see scripts/build-if-stale.mjs. */
export function isolatedEnv(): NodeJS.ProcessEnv {
  const base = mkdtempSync(join(tmpdir(), 'nianbao-test-'))
  return { ...process.env, NIANBAO_CONFIG_DIR: join(base, 'config'), NIANBAO_WORKSPACE: join(base, 'workspace') }
}

/** Start `nianbao serve` (the built CLI) and wait for the URL line it prints. */
export function startHost(args: string[], env: NodeJS.ProcessEnv = isolatedEnv()): Promise<HostProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`host did not start: ${err}`)), 20_000)
    child.stderr!.on('data', (d) => (err += d))
    child.stdout!.on('data', (d) => {
      out += d
      const line = out.split('\n').find((l) => l.startsWith('http://127.0.0.1:'))
      if (line) {
        clearTimeout(timer)
        const url = new URL(line.trim())
        resolve({
          url: line.trim(),
          origin: url.origin,
          token: url.searchParams.get('token') ?? '',
          child,
          stderr: () => err,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode)
              child.once('exit', (code) => done(code))
              child.kill(signal)
            })
        })
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`host exited (${code}): ${err}`))
    })
  })
}
