// `npm run dist` (both platforms' targets from electron-builder.yml),
// `npm run dist -- --win` or `-- --linux`: build the app into out/ and make the
// installers in dist/. Needs the internet (Electron, NSIS, AppImage tools).
// electron-builder rebuilds better-sqlite3 inside node_modules for Electron;
// afterwards the Node build is put back so that npm test and the CLI work.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(import.meta.url), '..', '..')
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1

let status = run(process.execPath, [join(root, 'scripts', 'build-if-stale.mjs'), '--force', '--out', 'out'])
if (status === 0) {
  status = run(npx, ['electron-builder', '--publish', 'never', ...process.argv.slice(2)])
  process.stderr.write('恢复 Node 版本的 better-sqlite3（供测试和命令行使用）…\n')
  if (run(npm, ['rebuild', 'better-sqlite3']) !== 0) process.stderr.write('请手动运行 npm rebuild better-sqlite3。\n')
}
if (status === 0) process.stderr.write(`安装包已生成在 ${join(root, 'dist')}\n`)
process.exit(status)
