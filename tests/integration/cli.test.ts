import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { nianbao, STACK_TRACE } from '../helpers/cli'
import { damage, makeForeignSqlite, makeNewerReport, makeReport, sha256, tempDir } from '../helpers/reports'
import { startHost } from '../helpers/host'
import { databaseAt, insertChaptersAt } from '../helpers/migrations'
import { ReportStore } from '../../src/main/store/reportStore'
import { templateChapters, templateMeta } from '../../src/main/templates/outline'

/** The outline of a template file, numbered the way a reader numbers it (1, 1.1, 1.1.1; the annex unnumbered). */
interface SectionDef {
  title: string
  sections?: SectionDef[]
}
function expectedOutline(template: string) {
  const t = JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'templates', `${template}.json`), 'utf8')) as {
    chapters: (SectionDef & { kind?: string })[]
  }
  const out: { level: number; number: string | null; title: string }[] = []
  const walk = (sections: SectionDef[] | undefined, prefix: string, level: number) =>
    sections?.forEach((s, i) => {
      out.push({ level, number: `${prefix}.${i + 1}`, title: s.title })
      walk(s.sections, `${prefix}.${i + 1}`, level + 1)
    })
  let n = 0
  for (const c of t.chapters) {
    const numbered = c.kind !== 'appendix'
    if (numbered) n++
    out.push({ level: 1, number: numbered ? String(n) : null, title: c.title })
    if (numbered) walk(c.sections, String(n), 2)
    // The annex's own sections carry no numbers.
    else c.sections?.forEach((s) => out.push({ level: 2, number: null, title: s.title }))
  }
  return out
}

function expectUserError(r: { code: number | null; stderr: string; stdout: string }, message: RegExp) {
  expect(r.code).toBe(1)
  expect(r.stderr).toMatch(/^错误：/)
  expect(r.stderr).toMatch(message)
  expect(r.stderr).not.toMatch(STACK_TRACE)
  expect(r.stderr).not.toMatch(/Error:|SQLITE_/)
  expect(r.stdout).toBe('')
}

describe('nianbao new and info', () => {
  it.each([
    ['city', '清远市', 2021, '2022年清远市中等职业教育质量年度报告', 9],
    ['province', '广东省', 2023, '2024年广东省中等职业教育质量年度报告', 9],
    ['school', '清远市职业技术学校', 2024, '清远市职业技术学校质量年度报告（2025年度）', 7]
  ])('new --template %s makes a report whose info --json shows its numbered outline', (template, region, year, title, chapters) => {
    const dir = tempDir()
    const file = join(dir, `${region}${year}.nianbao`)
    const made = nianbao(['new', '--template', template, '--region', region, '--year', String(year), '--out', file])
    expect(made.code).toBe(0)
    expect(made.stderr).toBe(`已创建报告：${file}\n`)
    expect(existsSync(file)).toBe(true)

    const info = nianbao(['info', file, '--json'])
    expect(info.code).toBe(0)
    expect(info.stderr).toBe('')
    const json = JSON.parse(info.stdout)
    const outline = expectedOutline(template)
    expect(json).toMatchObject({ title, template, year, chapters, appendices: 1, headings: outline.filter((o) => o.level > 1).length })
    expect(json.outline).toEqual(outline)
  })

  it('the city outline is the Qingyuan report’s: nine numbered chapters, down to 3.2.1', () => {
    const dir = tempDir()
    const file = makeReport(join(dir, 'a.nianbao'), 'city')
    const json = JSON.parse(nianbao(['info', file, '--json']).stdout)
    expect(json.outline.filter((o: { level: number }) => o.level === 1).map((o: { number: string; title: string }) => `${o.number ?? '附'} ${o.title}`)).toEqual([
      '1 基本情况',
      '2 学生发展',
      '3 质量保障措施',
      '4 校企合作',
      '5 社会贡献',
      '6 政府履责',
      '7 特色创新',
      '8 党建工作',
      '9 主要问题和改进措施',
      '附 附件'
    ])
    expect(json.outline).toContainEqual({ level: 3, number: '3.2.1', title: '质量监控体系建设' })
    expect(json.outline).toContainEqual({ level: 3, number: '9.2.3', title: '加强教师队伍建设，提高人才培养成效' })
  })

  it('info without --json prints the outline for people', () => {
    const dir = tempDir()
    const file = makeReport(join(dir, 'a.nianbao'), 'school', '清远市职业技术学校', 2024)
    const r = nianbao(['info', file])
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe('清远市职业技术学校质量年度报告（2025年度）')
    expect(lines[1]).toBe('学校报告 · 清远市职业技术学校 · 2024 年度 · 清远市职业技术学校')
    expect(lines).toContain('1 人才培养')
    expect(lines).toContain('  1.1 党建引领')
  })

  it('new --json prints the new file for scripts', () => {
    const dir = tempDir()
    const r = nianbao(['new', '--template', 'city', '--region', '韶关市', '--year', '2022', '--out', join(dir, '韶关'), '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ path: join(dir, '韶关.nianbao'), title: '2023年韶关市中等职业教育质量年度报告', template: 'city', year: 2022 })
  })

  it('new refuses to overwrite a file', () => {
    const dir = tempDir()
    const file = join(dir, 'a.nianbao')
    writeFileSync(file, '别人的文件')
    expectUserError(nianbao(['new', '--template', 'city', '--region', '清远市', '--year', '2021', '--out', file]), /文件“a\.nianbao”已存在/)
    expect(readFileSync(file, 'utf8')).toBe('别人的文件')
  })

  it.each([
    [['new', '--region', '清远市', '--year', '2021', '--out', 'x.nianbao'], /缺少模板 --template/],
    [['new', '--template', 'county', '--region', '清远市', '--year', '2021', '--out', 'x.nianbao'], /模板只能是 city（地市级）、province（省级）或 school（学校）/],
    [['new', '--template', 'city', '--region', '清远市', '--year', '二〇二一', '--out', 'x.nianbao'], /年份应是 2000 至 2100 之间的整数/],
    [['new', '--template', 'city', '--region', '清远市', '--year', '1999', '--out', 'x.nianbao'], /年份应是 2000 至 2100 之间的整数/],
    [['new', '--template', 'city', '--region', '清远市', '--year', '2021'], /缺少输出文件 --out/],
    [['new', '--template', 'city', '--colour', 'red'], /未知的选项 --colour/],
    [['new', '--template'], /选项 --template 缺少取值/],
    [['info'], /缺少报告文件/],
    [['serve', '--port', 'http'], /端口号无效/]
  ])('bad arguments %j: exit 1 with a Chinese message and the usage', (args, message) => {
    const dir = tempDir()
    const r = nianbao(args as string[], { cwd: dir })
    expectUserError(r, message)
    expect(existsSync(join(dir, 'x.nianbao'))).toBe(false)
  })

  it('an unknown command or none at all shows the commands', () => {
    const unknown = nianbao(['no-such-command'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/未知的命令“no-such-command”[\s\S]*用法：nianbao <命令>[\s\S]*new[\s\S]*info[\s\S]*serve/)
    expect(nianbao([]).code).toBe(1)
    const help = nianbao(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/年报 \d+\.\d+\.\d+ — 中等职业教育质量年度报告编辑器/)
  })
})

describe('nianbao info on files it cannot use', () => {
  it('a missing file', () => {
    expectUserError(nianbao(['info', join(tempDir(), '不存在.nianbao')]), /找不到文件“不存在\.nianbao”/)
  })

  it.each([
    ['a text file', (p: string) => writeFileSync(p, '这不是报告\n')],
    ['an empty file', (p: string) => writeFileSync(p, '')],
    ['a Word document renamed', (p: string) => writeFileSync(p, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4000, 1)]))],
    ['another program’s SQLite database', (p: string) => makeForeignSqlite(p)],
    ['a folder', (p: string) => mkdirSync(p)]
  ])('%s is not a report, and is left as it was', (_label, make) => {
    const file = join(tempDir(), '报告.nianbao')
    make(file)
    const before = statSync(file).isFile() ? sha256(file) : null
    expectUserError(nianbao(['info', file]), /“报告\.nianbao”不是年报报告文件（\.nianbao）/)
    if (before) expect(sha256(file)).toBe(before)
  })

  it.each([
    ['a damaged page', (p: string) => damage(p, 4096 * 2)],
    ['a damaged page further in', (p: string) => damage(p, 4096 * 9)],
    ['a file cut short', (p: string) => writeFileSync(p, readFileSync(p).subarray(0, 8192))]
  ])('a report with %s is refused as damaged and left as it was', (_label, harm) => {
    const file = makeReport(join(tempDir(), '清远市2021.nianbao'))
    harm(file)
    const before = sha256(file)
    expectUserError(nianbao(['info', file]), /“清远市2021\.nianbao”已损坏，无法打开。文件未做任何改动/)
    expect(sha256(file)).toBe(before)
  })

  it('a report from a newer Nianbao is refused and left as it was', () => {
    const file = makeNewerReport(join(tempDir(), '新版.nianbao'))
    const before = sha256(file)
    expectUserError(nianbao(['info', file]), /“新版\.nianbao”由更新版本的年报创建（文件格式 999，本程序支持到 \d+）。请升级年报后再打开/)
    expect(sha256(file)).toBe(before)
  })

  it('info reads a report from an older version without upgrading it on disk', () => {
    const file = join(tempDir(), '旧版.nianbao')
    const old = databaseAt(1, file)
    ReportStore.insertMeta(old, templateMeta('city', { region: '清远市', year: 2020 }), '2021-01-01T00:00:00.000Z')
    insertChaptersAt(old, templateChapters('city'))
    old.close()
    const before = sha256(file)
    const r = nianbao(['info', file, '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ title: '2021年清远市中等职业教育质量年度报告', year: 2020, chapters: 9, appendices: 1 })
    expect(sha256(file)).toBe(before)
  })

  it('info leaves a report it reads byte for byte as it was', () => {
    const file = makeReport(join(tempDir(), '清远市2021.nianbao'))
    const before = sha256(file)
    expect(nianbao(['info', file]).code).toBe(0)
    expect(sha256(file)).toBe(before)
    expect(readdirSync(join(file, '..'))).toEqual(['清远市2021.nianbao'])
  })

  it('a report another process has open is refused, naming the file; once closed it opens', async () => {
    const dir = tempDir()
    const file = makeReport(join(dir, '清远市2021.nianbao'))
    const holder = await startHost([file])
    try {
      expectUserError(nianbao(['info', file]), /“清远市2021\.nianbao”正被另一个年报窗口或程序使用，请先在那里关闭它/)
    } finally {
      await holder.stop()
    }
    const r = nianbao(['info', file, '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).title).toBe('2022年清远市中等职业教育质量年度报告')
  })
})
