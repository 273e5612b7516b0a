import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { nativeStatus } from '../../scripts/electron-native.mjs'
import { isolatedEnv, ROOT } from '../helpers/host'

/**
 * The README's first command on a machine where Electron's binary could not
 * be downloaded (like CI): `npm start` says so in Chinese and serves the app
 * in the browser, with the sample report on the first start and the last
 * report on the next. Where Electron is installed npm start opens its window,
 * which cannot be driven here.
 */
async function npmStart(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let out = ''
  let err = ''
  child.stderr!.on('data', (d) => (err += d))
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no address: ${err}`)), 90_000)
    child.stdout!.on('data', (d) => {
      out += d
      const m = /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+$/m.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(new URL(m[0]))
      }
    })
    child.once('exit', (code) => reject(new Error(`npm start ended (${code}): ${err}`)))
  })
  const call = async (name: string, input?: unknown) => {
    const res = await fetch(`${url.origin}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nianbao-Token': url.searchParams.get('token')! },
      body: input === undefined ? '' : JSON.stringify(input)
    })
    return (await res.json()) as { ok: boolean; result: any }
  }
  // Ctrl+C in the terminal: the whole process group gets SIGINT.
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done()
      child.once('exit', () => done())
      process.kill(-child.pid!, 'SIGINT')
    })
  return { call, stop, stderr: () => err }
}

describe.runIf(nativeStatus().state === 'no-electron')('npm start without Electron', () => {
  it('serves the app in the browser: the sample first, then the last report', async () => {
    const env = isolatedEnv()
    const first = await npmStart(env)
    try {
      // Two lines: why (no Electron), then once where to open the app and how to stop it.
      const lines = first.stderr().trim().split('\n').filter((l) => !/^(vite|✓|out\/|transforming|rendering|computing|\s*$)/.test(l))
      const startup = lines.filter((l) => /浏览器/.test(l))
      expect(startup).toEqual([
        '本机没有可用的 Electron 程序（安装时未能下载，npm run electron:install 可再试），因此改用浏览器。',
        '年报已在浏览器中运行（仅本机可访问）：请用 Chromium、Chrome 或 Edge 打开下面的地址，按 Ctrl+C 退出。'
      ])
      expect((await first.call('report.state')).result.fileName).toBe('示例报告-清远市2021年度.nianbao')
      const made = await first.call('report.create', { template: 'school', region: '英德职业技术学校', year: 2024 })
      expect(made.result.fileName).toBe('英德职业技术学校2024年度质量报告.nianbao')
    } finally {
      await first.stop()
    }

    const second = await npmStart(env)
    try {
      expect((await second.call('report.state')).result.path).toBe(join(env.NIANBAO_WORKSPACE!, '英德职业技术学校2024年度质量报告.nianbao'))
    } finally {
      await second.stop()
    }
  }, 240_000)
})
