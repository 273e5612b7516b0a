import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { join } from 'node:path'

export const ROOT = join(__dirname, '..', '..')

/**
 * Run a TypeScript file of the project in a child Node process (through tsx,
 * with the project's path aliases), for tests that need a second process:
 * one to kill, or one that holds a file open.
 */
export function spawnTs(file: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
    env: { ...process.env, ...options.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') }
  })
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

/**
 * Children still running when their test file ends (a test that failed or
 * timed out before killing its save loop) are killed then: left behind they
 * kept writing for the rest of the run and slowed every later test.
 */
const live = new Set<ChildProcess>()
afterAll(() => {
  for (const child of live) child.kill('SIGKILL')
  live.clear()
})

/** Resolves with the exit code (or signal) once the child has ended. */
export function exited(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode)
  if (child.signalCode !== null) return Promise.resolve(child.signalCode)
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)))
}
