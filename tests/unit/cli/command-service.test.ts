import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../src/main/cli'
import { commandService } from '../../../src/main/cli/service'
import { dispatch } from '../../../src/main/services/dispatch'
import { makeReport, sha256, tempDir } from '../../helpers/reports'

/** Every call name that reaches dispatch. */
const seen = vi.hoisted(() => [] as string[])
vi.mock('../../../src/main/services/dispatch', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/main/services/dispatch')>()
  return {
    ...actual,
    dispatch: vi.fn((...args: Parameters<typeof actual.dispatch>) => {
      seen.push(String(args[1]))
      return actual.dispatch(...args)
    })
  }
})

/** Runs a command in this process, as bin/nianbao.js does, and keeps what it prints. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('nianbao commands go through the service layer', () => {
  it('every call of a command passes dispatch, with its validation', async () => {
    const dir = tempDir()
    const file = join(dir, '清远市2021.nianbao')
    expect((await run(['new', '--template', 'city', '--region', '清远市', '--year', '2021', '--out', file])).code).toBe(0)
    seen.length = 0
    const r = await run(['set', file, '专任教师', '2021', '1649', '--json'])
    expect(r.code, r.err).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({ indicator: 'teachers.fulltime', name: '专任教师', year: 2021, value: 1649 })
    expect(seen[0]).toBe('report.openDialog')
    expect(seen).toContain('chapter.get')
    expect(seen).toContain('data.fields')
    expect(seen).toContain('data.setValue')
    expect(seen.at(-1)).toBe('report.close')
  })

  it('the file dialogs answer with the files the command names; nothing is remembered as a recent file', async () => {
    const dir = tempDir()
    const config = join(dir, 'config')
    vi.stubEnv('NIANBAO_CONFIG_DIR', config)
    try {
      const out = join(dir, '新报告.nianbao')
      const service = commandService({ output: out })
      const state = await service.call('report', 'create', { template: 'school', region: '某某职业学校', year: 2024 })
      expect(state?.path).toBe(out)
      expect(state?.meta).toMatchObject({ level: 'school', year: 2024 })
      await service.close()
      expect(existsSync(out)).toBe(true)
      expect(existsSync(config)).toBe(false)

      const reader = commandService({ input: out })
      const before = sha256(out)
      const read = await reader.call('report', 'openDialog', { readOnly: true })
      expect(read?.meta.region).toBe('某某职业学校')
      await reader.close()
      expect(sha256(out)).toBe(before)
      expect(readdirSync(dir).sort()).toEqual(['新报告.nianbao'])
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('input the contract refuses is refused for a command too, with the Chinese message', async () => {
    const dir = tempDir()
    const service = commandService({ input: makeReport(join(dir, 'a.nianbao')) })
    await service.call('report', 'openDialog', { readOnly: true })
    await expect(service.call('data', 'setValue', { indicator: '专任教师', year: 1800, value: 1 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/^参数无效（year）/) })
    await expect(service.call('report', 'openDialog', { readOnly: 'yes' } as never)).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await service.close()
  })

  it('a failure that is not the userʼs keeps its exit code 2 and its own message', async () => {
    const dir = tempDir()
    const file = makeReport(join(dir, 'a.nianbao'))
    vi.mocked(dispatch).mockImplementationOnce(async (_h, _name, _raw, log) => {
      log?.(new TypeError('boom in a handler'))
      return { ok: false, error: { code: 'INTERNAL', message: '程序内部错误' } }
    })
    const r = await run(['info', file])
    expect(r.code).toBe(2)
    expect(r.err).toBe('内部错误：boom in a handler')
  })

  it('a user error from a handler is exit 1 with its message, as before', async () => {
    const dir = tempDir()
    const file = makeReport(join(dir, 'a.nianbao'))
    const r = await run(['set', file, '没有这个指标', '2021', '5'])
    expect(r.code).toBe(1)
    expect(r.err).toBe('错误：找不到指标“没有这个指标”。请检查指标名称或标识。')
    const missing = await run(['info', join(dir, '没有.nianbao')])
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/^错误：.*没有\.nianbao/)
  })
})
