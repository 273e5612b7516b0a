import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strToU8 } from 'fflate'
import { nianbao, STACK_TRACE } from '../helpers/cli'
import { makeDocx, QINGYUAN_DOCX } from '../helpers/docx'
import { sha256, tempDir } from '../helpers/reports'
import { startHost } from '../helpers/host'

/** `nianbao import` and `nianbao rollover` as a script would use them (the built CLI in NIANBAO_OUT). */
describe('nianbao import', () => {
  it('imports the Qingyuan report and prints counts, inconsistencies and warnings as JSON', () => {
    const dir = tempDir('nianbao-cli-import-')
    const out = join(dir, '清远市2021.nianbao')
    const before = sha256(QINGYUAN_DOCX)
    const r = nianbao(['import', QINGYUAN_DOCX, '--out', out, '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.counts).toMatchObject({ chapters: 9, headings: 67, cases: 25, tables: 13, figures: 12, images: 58 })
    // Numbers of the text that quote the data beyond doubt became live fields; the import says how many.
    expect(json.counts.fields).toBeGreaterThanOrEqual(10)
    expect(json.warnings.find((w: { code: string }) => w.code === 'FIELDS_BOUND')?.message).toContain(`正文中有 ${json.counts.fields} 个数字`)
    expect(json.inconsistencies).toHaveLength(13)
    expect(json.inconsistencies.filter((i: { target?: unknown }) => i.target).length).toBeGreaterThan(6)
    for (const i of json.inconsistencies) {
      // `target`: the place in the new report the import report's 转到 opens (the chapter, and the heading, table or figure there).
      const keys = [...(i.code === 'TABLE_VALUE_MISMATCH' ? ['cell'] : []), 'code', 'message', 'place', ...(i.target ? ['target'] : [])]
      expect(Object.keys(i).sort()).toEqual(keys)
      if (i.target) expect(typeof i.target.chapterId).toBe('string')
      expect(i.message).toMatch(/[\u4e00-\u9fff]/)
      expect(i.message).toMatch(/\d/)
    }
    // Each contradicted printed value says which the table shows: the printed one, until the user takes the computed one.
    const c33 = json.inconsistencies.find((i: { cell?: { printed: string } }) => i.cell?.printed === '44')
    expect(c33.cell).toMatchObject({ address: 'E2', printed: '44', computed: '42', choice: 'printed', formula: '=SUM(B2:D2)' })
    expect(Array.isArray(json.warnings)).toBe(true)
    expect(existsSync(out)).toBe(true)
    expect(sha256(QINGYUAN_DOCX)).toBe(before)
    const info = JSON.parse(nianbao(['info', out, '--json']).stdout)
    expect(info).toMatchObject({ title: '2022年清远市中等职业教育质量年度报告', year: 2021, cases: 25 })
  })

  it('prints the import report for people without --json', () => {
    const dir = tempDir('nianbao-cli-import-')
    const r = nianbao(['import', QINGYUAN_DOCX, '--out', join(dir, 'a')])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('已导入')
    expect(existsSync(join(dir, 'a.nianbao'))).toBe(true)
    expect(r.stdout).toContain('9 章 + 1 个附件，67 个小节标题，25 个案例，13 张表')
    expect(r.stdout).toMatch(/个公式；正文中 [1-9]\d* 个数字已改为数据字段。/)
    // Figures and photos apart, as the export says them (“12 幅图，58 张图片” read as a contradiction).
    expect(r.stdout).toContain('12 幅图，46 张照片，')
    expect(r.stdout).not.toContain('张图片')
    expect(r.stdout).toContain('原文中的不一致（13）')
    expect(r.stdout).toContain('表 3-3')
    expect(r.stdout).toContain('表中保留原文数字 44（在“导入报告”中可改为计算值 42）')
  })

  it('a file that cannot be imported: exit 1, one Chinese sentence, no file', () => {
    const dir = tempDir('nianbao-cli-import-')
    const bad = join(dir, 'bad.docx')
    writeFileSync(bad, strToU8('not a zip at all'))
    const r = nianbao(['import', bad, '--out', join(dir, 'x.nianbao')])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^错误：这不是 Word 文档/)
    expect(r.stderr).toContain('没有生成新报告')
    expect(r.stderr).not.toMatch(STACK_TRACE)
    expect(readdirSync(dir)).toEqual(['bad.docx'])

    const xxe = join(dir, 'xxe.docx')
    writeFileSync(xxe, makeDocx({ body: '', extra: { 'word/document.xml': strToU8('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>') } }))
    const r2 = nianbao(['import', xxe, '--out', join(dir, 'y.nianbao')])
    expect(r2.code).toBe(1)
    expect(r2.stderr).toContain('DOCTYPE')
    expect(readdirSync(dir).sort()).toEqual(['bad.docx', 'xxe.docx'])
  })

  it('a missing file, a missing --out, or a report that exists already', () => {
    const dir = tempDir('nianbao-cli-import-')
    expect(nianbao(['import', join(dir, 'nope.docx'), '--out', join(dir, 'x.nianbao')]).stderr).toMatch(/找不到文件/)
    expect(nianbao(['import', QINGYUAN_DOCX]).stderr).toMatch(/缺少输出文件 --out/)
    const out = join(dir, 'x.nianbao')
    expect(nianbao(['import', QINGYUAN_DOCX, '--out', out]).code).toBe(0)
    const before = sha256(out)
    const again = nianbao(['import', QINGYUAN_DOCX, '--out', out])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/已存在/)
    expect(sha256(out)).toBe(before)
  })
})

describe('nianbao rollover', () => {
  it('from last year’s .nianbao and from its .docx', () => {
    const dir = tempDir('nianbao-cli-rollover-')
    const last = join(dir, '2021.nianbao')
    expect(nianbao(['import', QINGYUAN_DOCX, '--out', last]).code).toBe(0)
    const before = sha256(last)
    const r = nianbao(['rollover', last, '--year', '2022', '--out', join(dir, '2022.nianbao'), '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).rollover).toMatchObject({ fromYear: 2021, toYear: 2022 })
    expect(sha256(last)).toBe(before)
    const info = JSON.parse(nianbao(['info', join(dir, '2022.nianbao'), '--json']).stdout)
    expect(info).toMatchObject({ year: 2022, title: '2023年清远市中等职业教育质量年度报告', chapters: 9, appendices: 1, cases: 25 })

    const fromDocx = nianbao(['rollover', QINGYUAN_DOCX, '--year', '2022', '--out', join(dir, 'docx2022')])
    expect(fromDocx.code).toBe(0)
    expect(fromDocx.stderr).toContain('已新建 2022 年度报告')
    expect(readdirSync(dir).sort()).toEqual(['2021.nianbao', '2022.nianbao', 'docx2022.nianbao'])
  })

  it('refuses a year that is not after last year’s, and other sources', () => {
    const dir = tempDir('nianbao-cli-rollover-')
    const last = join(dir, '2021.nianbao')
    expect(nianbao(['import', QINGYUAN_DOCX, '--out', last]).code).toBe(0)
    const r = nianbao(['rollover', last, '--year', '2021', '--out', join(dir, 'x.nianbao')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/应晚于上一年报告的数据年度（2021）/)
    expect(nianbao(['rollover', last, '--year', 'abc', '--out', join(dir, 'x.nianbao')]).stderr).toMatch(/年度应是/)
    writeFileSync(join(dir, 'a.txt'), 'x')
    expect(nianbao(['rollover', join(dir, 'a.txt'), '--year', '2022', '--out', join(dir, 'x.nianbao')]).stderr).toMatch(/只能从 \.nianbao 报告或 \.docx 文档新建/)
    expect(readdirSync(dir).sort()).toEqual(['2021.nianbao', 'a.txt'])
  })

  it('refuses last year’s report while another window or program has it open, and creates nothing', async () => {
    const dir = tempDir('nianbao-cli-rollover-')
    const last = join(dir, '2021.nianbao')
    expect(nianbao(['import', QINGYUAN_DOCX, '--out', last]).code).toBe(0)
    const holder = await startHost([last])
    try {
      const r = nianbao(['rollover', last, '--year', '2022', '--out', join(dir, '2022.nianbao')])
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/“2021\.nianbao”正被另一个年报窗口或程序使用/)
      expect(r.stderr).not.toMatch(STACK_TRACE)
    } finally {
      await holder.stop()
    }
    expect(readdirSync(dir).sort()).toEqual(['2021.nianbao'])
    // Once it is closed, the rollover goes through.
    expect(nianbao(['rollover', last, '--year', '2022', '--out', join(dir, '2022.nianbao')]).code).toBe(0)
  })
})
