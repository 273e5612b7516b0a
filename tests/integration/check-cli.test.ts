import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { nianbao, STACK_TRACE } from '../helpers/cli'
import { QINGYUAN_DOCX } from '../helpers/docx'
import { databaseAt, insertChaptersAt } from '../helpers/migrations'
import { sha256, tempDir } from '../helpers/reports'
import { ReportStore } from '../../src/main/store/reportStore'
import { templateChapters, templateMeta } from '../../src/main/templates/outline'

/** `nianbao check`: the app's 体检 from the command line, over the built CLI; it never writes the file. */
describe('nianbao check', () => {
  const dir = tempDir('nianbao-checkcli-')
  const file = join(dir, '清远市2021.nianbao')

  beforeAll(() => {
    const r = nianbao(['import', QINGYUAN_DOCX, '--out', file])
    expect(r.code, r.stderr).toBe(0)
  })

  it('--json lists the findings with place, numbers and what they should read, and the proposals; the file is not written', () => {
    const before = sha256(file)
    const r = nianbao(['check', file, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({ file: '清远市2021.nianbao', year: 2021, settings: { caseWordLimit: 1000, changeThreshold: 50 } })
    const sentences = out.findings.filter((f: { rule: string }) => ['difference', 'data', 'samePlaces'].includes(f.rule))
    expect(sentences.map((f: { expected: string; fix: string }) => [f.expected, f.fix])).toEqual([
      ['2.47', '2.47'],
      ['10.24', '10.24'],
      ['18.28', '18.28'],
      ['82.40', '82.40']
    ])
    expect(sentences[2]).toMatchObject({ severity: 'error', place: expect.stringContaining('3.3.1'), sentence: expect.stringContaining('生师比 18.25:1'), numbers: ['18.25', '18.28'] })
    expect(out.counts.error).toBe(out.findings.filter((f: { severity: string; verified: unknown }) => f.severity === 'error' && !f.verified).length)
    expect(out.proposals.length).toBe(out.counts.proposals)
    expect(sha256(file)).toBe(before)
  })

  it('prints the findings for people, grouped by chapter', () => {
    const r = nianbao(['check', file])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^体检：2022年清远市中等职业教育质量年度报告（2021 年度）\n错误 \d+ 处，请核实 \d+ 处，提示 \d+ 处；可改为数据字段的数字 \d+ 个。/)
    expect(r.stdout).toContain('\n2 学生发展\n')
    expect(r.stdout).toContain('[错误] 增减 · 2.2.3 就业结构不断优化')
    expect(r.stdout).toContain('82.40 与上年的 72.16 相差 10.24 个百分点，句中写的是 9.79 个百分点。应为 10.24。')
  })

  it('nianbao export warns while 体检 errors remain open, and still writes the document', () => {
    const out = join(dir, '清远市2021.docx')
    const errors = JSON.parse(nianbao(['check', file, '--json']).stdout).counts.error
    expect(errors).toBeGreaterThanOrEqual(4)
    const r = nianbao(['export', file, '--out', out, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const summary = JSON.parse(r.stdout)
    expect(summary.path).toBe(out)
    expect(summary.warnings[0]).toBe(`体检发现 ${errors} 处错误尚未处理（数字前后不一致、与数据不符或计算有误），请在“体检”中修正或标为已核实。`)
    const human = nianbao(['export', file, '--out', join(dir, '清远市2021-2.docx')])
    expect(human.code, human.stderr).toBe(0)
    expect(human.stderr).toContain(`注意：体检发现 ${errors} 处错误尚未处理`)
  })

  it('reads a report written before 体检 existed without upgrading it', () => {
    const old = join(dir, 'old.nianbao')
    const db = databaseAt(3, old)
    ReportStore.insertMeta(db, templateMeta('city', { region: '清远市', year: 2021 }), '2022-01-01T00:00:00.000Z')
    insertChaptersAt(db, templateChapters('city').slice(0, 2))
    db.close()
    const before = sha256(old)
    const r = nianbao(['check', old, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).findings.some((f: { rule: string }) => f.rule === 'emptySection')).toBe(true)
    expect(sha256(old)).toBe(before)
    const after = new Database(old, { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(3)
    after.close()
  })

  it('exit code 1 with a Chinese message for bad arguments and files that are not reports', () => {
    const bad = join(dir, 'bad.nianbao')
    writeFileSync(bad, 'not a report')
    for (const [args, message] of [
      [['check'], /缺少报告文件/],
      [['check', file, '--bogus'], /未知的选项 --bogus/],
      [['check', join(dir, 'missing.nianbao')], /找不到|不存在/],
      [['check', bad], /不是|损坏/]
    ] as [string[], RegExp][]) {
      const r = nianbao(args)
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr).toMatch(/^错误：/)
      expect(r.stderr).toMatch(message)
      expect(r.stderr).not.toMatch(STACK_TRACE)
    }
  })
})
