// `npm run bench`: run bench/index.ts (TypeScript, through tsx) and print its table.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(import.meta.url), '..', '..')
const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'index.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  // tsconfig.node.json maps @shared/* for the benches that import the app's code.
  env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json'), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=4096` }
})
process.exit(r.status ?? 1)
