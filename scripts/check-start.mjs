// CI: `npm start` as the README says, in this folder: it must come up and
// serve the app (in the browser where Electron's binary is missing). Waits
// for the address, loads the page, then stops it as Ctrl+C would.
import { spawn } from 'node:child_process'

const START_TIMEOUT_MS = 180_000
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const child = spawn(npm, ['start'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true })
let out = ''
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('npm start printed no address')), START_TIMEOUT_MS)
  child.stdout.on('data', (d) => {
    out += d
    process.stdout.write(d)
    const m = /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+$/m.exec(out)
    if (m) {
      clearTimeout(timer)
      resolve(m[0])
    }
  })
  child.once('exit', (code) => reject(new Error(`npm start ended (${code}) before serving`)))
}).catch((e) => {
  process.stderr.write(`npm start 未能启动：${e.message}\n`)
  process.exit(1)
})
// The address trades its token for a cookie and redirects; a script sends the token as a header.
const address = new URL(url)
const res = await fetch(`${address.origin}/`, { headers: { 'X-Nianbao-Token': address.searchParams.get('token') } })
const page = await res.text()
process.kill(-child.pid, 'SIGINT')
if (res.status !== 200 || !page.includes('<div id="root">')) {
  process.stderr.write(`npm start 的地址没有返回年报界面（HTTP ${res.status}）。\n`)
  process.exit(1)
}
process.stdout.write(`npm start 已在 ${new URL(url).origin} 提供年报界面。\n`)
