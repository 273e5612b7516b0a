// Electron's own install script downloads its binary from GitHub and, when
// that fails (no internet, GitHub blocked on an office network), fails the
// whole `npm install`. package.json's "allowScripts" therefore keeps npm from
// running it; this step runs it instead and tolerates a failure: the app then
// runs in the browser (`npm start` falls back to the browser host), and the
// message says how to get the binary through a mirror.
//
//   node scripts/electron-install.mjs            download if missing; exit 1 on failure
//   node scripts/electron-install.mjs --tolerant the same, but never fail (npm install)
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const projectRoot = join(fileURLToPath(import.meta.url), '..', '..')
/** A download that has not finished by then is given up (a blocked network may never answer). */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000
const MIRROR_EXAMPLE = 'https://npmmirror.com/mirrors/electron/'

/** The path of Electron's install script, or null when the electron package is not installed. */
function electronInstallScript(root) {
  try {
    const require = createRequire(join(root, 'package.json'))
    const script = join(require.resolve('electron/package.json'), '..', 'install.js')
    return existsSync(script) ? script : null
  } catch {
    return null
  }
}

/** The last line of the downloader's output that names an error, for the message. */
function reasonOf(output) {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean)
  return lines.find((l) => /error|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN|\d{3}/i.test(l)) ?? lines[0] ?? '未知原因'
}

/** The Chinese message shown when the binary could not be downloaded. */
export function downloadFailedMessage(reason) {
  return [
    '',
    `未能下载 Electron 程序（${reason}）。`,
    '年报仍可使用：npm start 会改为在浏览器中运行年报。',
    '如需桌面版，请通过镜像下载 Electron 程序，然后再次运行 npm start：',
    `  Linux / macOS：  ELECTRON_MIRROR=${MIRROR_EXAMPLE} npm run electron:install`,
    `  Windows PowerShell：  $env:ELECTRON_MIRROR="${MIRROR_EXAMPLE}"; npm run electron:install`,
    `  长期有效（以后每次 npm install 都用镜像）：Windows 运行 setx ELECTRON_MIRROR ${MIRROR_EXAMPLE}，Linux 在 ~/.profile 中加入 export ELECTRON_MIRROR=${MIRROR_EXAMPLE}`,
    ''
  ].join('\n')
}

/**
 * Download Electron's binary where it is missing. Returns 'installed' (now or
 * before), 'skipped' (ELECTRON_SKIP_BINARY_DOWNLOAD, or no electron package)
 * or 'failed' (with the message already printed).
 */
export function installElectronBinary(root = projectRoot) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'skipped'
  const script = electronInstallScript(root)
  if (!script) return 'skipped'
  const r = spawnSync(process.execPath, [script], { cwd: join(script, '..'), encoding: 'utf8', timeout: DOWNLOAD_TIMEOUT_MS })
  if (r.status === 0) return 'installed'
  const reason = r.error?.code === 'ETIMEDOUT' ? '下载超时' : reasonOf(`${r.stderr ?? ''}\n${r.stdout ?? ''}`)
  process.stderr.write(downloadFailedMessage(reason))
  return 'failed'
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = installElectronBinary()
  if (result === 'failed' && !process.argv.includes('--tolerant')) process.exit(1)
}
