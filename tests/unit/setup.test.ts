/**
 * A newcomer's set-up on any machine (issue 12): `npm install && npm start`
 * as the README says, where Electron's binary cannot be downloaded; no
 * EBADENGINE warning on the Node version package.json declares; tests that
 * read only what is inside the clone; CI that installs every system package
 * the tests use; no generated files in git. The README's command itself runs
 * literally on a clean clone in CI (.ci/run); these check what makes it work.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

/** A project with an `electron` package whose own install script fails as it does on an office network. */
function projectWithUnreachableElectron(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-setup-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }))
  mkdirSync(join(dir, 'node_modules', 'electron'), { recursive: true })
  writeFileSync(join(dir, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '41.7.1', main: 'index.js' }))
  writeFileSync(
    join(dir, 'node_modules', 'electron', 'install.js'),
    "console.error('RequestError: getaddrinfo ENOTFOUND github.com'); console.error('    at ClientRequest.<anonymous>'); process.exit(1)\n"
  )
  return dir
}

/** Run installElectronBinary(dir) in a child, as scripts/prepare.mjs does in `npm install`. */
function installIn(dir: string) {
  const script = join(ROOT, 'scripts', 'electron-install.mjs')
  const code = `import(${JSON.stringify(script)}).then((m) => process.stdout.write(m.installElectronBinary(${JSON.stringify(dir)})))`
  const env = { ...process.env }
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
  return spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', env, timeout: 60_000 })
}

describe('npm install where Electron cannot be downloaded', () => {
  it('npm never runs Electron’s own download (its failure rolled the whole install back); the project’s install step runs it instead', () => {
    expect(pkg.allowScripts?.electron).toBe(false)
    expect(pkg.scripts.prepare).toBe('node scripts/prepare.mjs')
    expect(readFileSync(join(ROOT, 'scripts', 'prepare.mjs'), 'utf8')).toMatch(/installElectronBinary\(root\)/)
  })

  it('goes on when the download fails, saying why in Chinese and how to get the binary through a mirror', () => {
    const r = installIn(projectWithUnreachableElectron())
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('failed')
    expect(r.stderr).toContain('未能下载 Electron 程序（RequestError: getaddrinfo ENOTFOUND github.com）')
    expect(r.stderr).toContain('npm start 会改为在浏览器中运行年报')
    expect(r.stderr).toContain('ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm run electron:install')
  })

  it('npm run electron:install (asked for by the user) fails with that message, --tolerant (npm install) does not', () => {
    const dir = projectWithUnreachableElectron()
    // The command line form reads the project it lives in: copy the script beside the fake project.
    mkdirSync(join(dir, 'scripts'))
    writeFileSync(join(dir, 'scripts', 'electron-install.mjs'), readFileSync(join(ROOT, 'scripts', 'electron-install.mjs')))
    const env = { ...process.env }
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
    const strict = spawnSync(process.execPath, [join(dir, 'scripts', 'electron-install.mjs')], { encoding: 'utf8', env, timeout: 60_000 })
    expect(strict.status).toBe(1)
    expect(strict.stderr).toContain('未能下载 Electron 程序')
    const tolerant = spawnSync(process.execPath, [join(dir, 'scripts', 'electron-install.mjs'), '--tolerant'], { encoding: 'utf8', env, timeout: 60_000 })
    expect(tolerant.status).toBe(0)
  })
})

describe('the Node version package.json declares', () => {
  it('is enough for every installed package (no EBADENGINE: @electron/rebuild, node-abi and nanoid wanted Node 22)', () => {
    const semver = createRequire(join(ROOT, 'package.json'))('semver') as { minVersion(r: string): { version: string } | null; satisfies(v: string, r: string): boolean }
    const lowest = semver.minVersion(pkg.engines.node)!.version
    expect(lowest).toBe('20.19.0')
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> }
    const wanting = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(lowest, p.engines.node))
      .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')} (node ${(p.engines as { node: string }).node})`)
    expect(wanting).toEqual([])
  })
})

/** Every file under a folder of the project (node_modules and build output left out). */
function filesUnder(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...filesUnder(path))
    else out.push(path)
  }
  return out
}

describe('tests and scripts read only what is inside the clone', () => {
  it('name no folder of this machine (the Qingyuan fixtures and the render script were read from beside the project)', () => {
    const code = [...filesUnder(join(ROOT, 'tests')), ...filesUnder(join(ROOT, 'scripts'))].filter((f) => /\.(ts|mjs|js|py|sh)$/.test(f))
    const absolute = /['"`](\/work|\/home|\/Users|\/root|[A-Z]:\\\\)[/\\][^'"`]*/g
    const found = code.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(absolute)].map((m) => `${relative(ROOT, f)}: ${m[0]}`))
    // Allowed: system programs (/usr/bin/python3, /usr/bin/chromium) — not in the pattern; a made-up path in an error test.
    expect(found.filter((f) => !f.includes('secret path'))).toEqual([])
  })

  it('keep the Qingyuan report and the render script in the repository', () => {
    for (const f of ['tests/fixtures/qingyuan-2021/report.txt', 'tests/fixtures/qingyuan-2021/report.docx', 'scripts/render/docx-to-pdf.py', 'scripts/render/fonts.conf']) {
      expect(existsSync(join(ROOT, f)), f).toBe(true)
    }
    const helper = readFileSync(join(ROOT, 'tests', 'helpers', 'exportFixture.ts'), 'utf8')
    expect(helper).toMatch(/join\(__dirname, '\.\.', 'fixtures', 'qingyuan-2021', 'report\.txt'\)/)
  })
})

describe('CI (.ci/run)', () => {
  const run = readFileSync(join(ROOT, '.ci', 'run'), 'utf8')
  const installed = /apt-get install[^\n]*\\\n([^\n]+)/.exec(run)?.[1].trim().split(/\s+/) ?? []

  it('installs every system package the tests use: python3-uno for the render script’s `import uno` among them', () => {
    for (const p of ['python3-uno', 'libreoffice-writer-nogui', 'poppler-utils', 'chromium', 'fonts-noto-cjk', 'pandoc', 'python3']) expect(installed).toContain(p)
    expect(readFileSync(join(ROOT, 'scripts', 'render', 'docx-to-pdf.py'), 'utf8')).toMatch(/^import uno$/m)
  })

  it('runs the README’s set-up literally on a clean clone, without ELECTRON_SKIP_BINARY_DOWNLOAD', () => {
    expect(run).toMatch(/git clone -q \. "\$fresh\/nianbao"/)
    expect(run).toMatch(/npm install && node scripts\/check-start\.mjs/)
    expect(run).not.toMatch(/^\s*export ELECTRON_SKIP_BINARY_DOWNLOAD/m)
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('npm install && npm start')
  })
})

describe('git', () => {
  it.runIf(existsSync(join(ROOT, '.git')))('holds no generated files (tsconfig.*.tsbuildinfo)', () => {
    const tracked = spawnSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n')
    expect(tracked.filter((f) => /\.tsbuildinfo$|^out\/|^dist\/|^test-artifacts\//.test(f))).toEqual([])
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\*\.tsbuildinfo$/m)
  })
})
