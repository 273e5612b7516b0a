/**
 * The published Qingyuan report, imported (nianbao import) and exported
 * again (nianbao export): everything comes through, and the numbers the
 * publication got wrong come out in order.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN } from '../helpers/host'
import { instructions, openDocx, paragraphs } from '../helpers/exportDocx'

const QINGYUAN_DOCX = join(__dirname, '..', 'fixtures', 'qingyuan-2021', 'report.docx')

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: process.env, timeout: 180_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('import, then export', () => {
  it('gives back the whole report in the official layout, numbered from order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-imported-'))
    const report = join(dir, '清远市2021.nianbao')
    expect(cli(['import', QINGYUAN_DOCX, '--out', report]).code).toBe(0)
    const r = cli(['export', report, '--out', join(dir, '年报.docx'), '--json', '--quiet'])
    expect(r.code).toBe(0)
    const s = JSON.parse(r.out)
    expect(s).toMatchObject({ chapters: 9, appendices: 1, headings: 67, cases: 25, figures: 12 })
    expect(s.tables).toBeGreaterThanOrEqual(13)

    const docx = openDocx(readFileSync(join(dir, '年报.docx')))
    const texts = paragraphs(docx.document).map((p) => p.text)
    // The publication numbered two sections 3.2.2.2, and put 表 4-1 in chapter 3 and 图 4-1 in chapter 5.
    expect(texts).toContain('3.2.2.3 持续推进现代学徒制工作')
    expect(texts.some((t) => /^表 3-5 2020 和 2021 年清远市中等职业学校教师参加培训情况/.test(t))).toBe(true)
    expect(texts.some((t) => /^图 5-1 2021 年清远市中职学校毕业生前五类专业大类/.test(t))).toBe(true)
    expect(instructions(docx.document).filter((i) => i === 'SEQ 案例 \\* ARABIC').length).toBe(25)
    expect(texts).toContain('附件')
  })
})
