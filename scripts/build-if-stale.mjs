// Build the app (electron-vite: main, preload, renderer, CLI) unless the
// output is newer than every source file. Honours NIANBAO_OUT (an output
// folder inside the project, e.g. out-editor) so parallel work can build
// without overwriting each other's output.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(import.meta.url), '..', '..')
// `--out <folder>` wins over NIANBAO_OUT (npm run dist always packs out/).
const outArg = process.argv.indexOf('--out')
const outDir = join(root, (outArg > 0 && process.argv[outArg + 1]) || process.env.NIANBAO_OUT || 'out')
const stamp = join(outDir, '.build-stamp')

function newest(path) {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let t = st.mtimeMs
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)))
  return t
}

const inputs = ['src', 'resources', 'electron.vite.config.ts', 'package.json'].map((p) => join(root, p)).filter(existsSync)
const sourceTime = Math.max(...inputs.map(newest))
const force = process.argv.includes('--force')
if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= sourceTime) {
  process.exit(0)
}
// Absolute: a relative --outDir would be resolved against the renderer's root (src/renderer).
const args = ['electron-vite', 'build', '--outDir', outDir]
const r = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', args, { cwd: root, stdio: 'inherit' })
if (r.status !== 0) {
  process.stderr.write('构建失败。\n')
  process.exit(r.status ?? 1)
}
writeFileSync(stamp, new Date().toISOString())
