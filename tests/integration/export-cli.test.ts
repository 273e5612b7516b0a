/**
 * `nianbao export`: a real report file (chapters, photos, live tables and
 * charts through the data layer) exported by the built CLI; the summary,
 * progress, failures in Chinese, and a crash while writing.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DocNode } from '@shared/model/doc'
import { BIN } from '../helpers/host'
import { qingyuanReport, repeatedReport, writeFixtureReport } from '../helpers/exportFixture'
import { instructions, openDocx, paragraphs } from '../helpers/exportDocx'

let dir: string
let report: string

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: process.env, timeout: 120_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-export-'))
  report = join(dir, '清远市2021.nianbao')
  writeFixtureReport(report)
})

describe('nianbao export', () => {
  it('exports the report with its live tables and charts, printing progress on stderr and a JSON summary', () => {
    const out = join(dir, '年报.docx')
    const r = cli(['export', report, '--out', out, '--json'])
    expect(r.err).toMatch(/\[\s*\d+%\] 生成图表（1\/12）/)
    expect(r.err).toContain('写入文件')
    expect(r.code).toBe(0)
    const s = JSON.parse(r.out)
    // The published report's sentence errors are still open: the export says so (and still writes the document).
    expect(s).toMatchObject({ path: out, chapters: 9, appendices: 1, headings: 67, cases: 25, tables: 14, figures: 12, images: 54, photos: 42, warnings: [expect.stringMatching(/^体检发现 \d+ 处错误尚未处理/)] })
    expect(s.pages).toBeGreaterThan(60)
    expect(s.bodyPages).toBeLessThan(s.pages)
    expect(s.ms).toBeGreaterThan(0)
    expect(s.bytes).toBe(readFileSync(out).length)

    const docx = openDocx(readFileSync(out))
    // Every chart drawn by the data layer, every photo from the file.
    expect(docx.media.length).toBeGreaterThanOrEqual(12)
    // 54 pictures (12 charts, 42 photos); behind each chart picture the Word chart with its data, a drawing of its own.
    const wordCharts = (docx.document.match(/<c:chart /g) ?? []).length
    expect(wordCharts).toBe(12)
    expect((docx.document.match(/<w:drawing>/g) ?? []).length).toBe(54 + wordCharts)
    // Table cells come computed from the data layer: 表 1-2 as the editor shows it.
    const texts = paragraphs(docx.document).map((p) => p.text)
    expect(texts).toContain('表 1-2 2020 和 2021 年清远市中等职业学校教师队伍建设情况对比')
    expect(texts.some((t) => t.includes('专任教师数 1649 人'))).toBe(true)
    expect(instructions(docx.document).filter((i) => i.startsWith('SEQ 案例')).length).toBe(25)
  })

  it('prints the file and a summary line counting figures and photos apart', () => {
    const out = join(dir, '摘要.docx')
    const r = cli(['export', report, '--out', out])
    expect(r.code).toBe(0)
    expect(r.out.trim()).toBe(out)
    // "12 幅图，54 张图片" read as if pictures were missing: the 54 were the 12 figures and 42 photos.
    expect(r.err).toMatch(/^约 \d+ 页（正文 \d+ 页）：9 章，1 个附件，67 个小节，25 个案例，14 张表，12 幅图，42 张照片；用时 \d+\.\d 秒$/m)
    expect(r.err).not.toContain('张图片')
  })

  it('is quiet with --quiet and names the file; the .docx extension is added when missing', () => {
    const r = cli(['export', report, '--out', join(dir, '安静'), '--quiet'])
    expect(r.code).toBe(0)
    expect(r.err).toBe('')
    expect(r.out.trim()).toBe(join(dir, '安静.docx'))
    expect(existsSync(join(dir, '安静.docx'))).toBe(true)
  })

  it('fails with exit 1 and a Chinese message, leaving no file behind', () => {
    const missing = cli(['export', join(dir, '没有这个文件.nianbao'), '--out', join(dir, 'x.docx')])
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/^错误：.*[\u4e00-\u9fff]/)
    expect(existsSync(join(dir, 'x.docx'))).toBe(false)

    const noFolder = cli(['export', report, '--out', join(dir, '不存在的文件夹', 'x.docx')])
    expect(noFolder.code).toBe(1)
    expect(noFolder.err).toContain('找不到输出文件夹')

    const notReport = join(dir, '不是报告.nianbao')
    writeFileSync(notReport, 'hello')
    const bad = cli(['export', notReport, '--out', join(dir, 'y.docx')])
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/^错误：/)

    const usage = cli(['export'])
    expect(usage.code).toBe(1)
    expect(usage.err).toContain('nianbao export')
  })

  it('leaves the previous .docx intact when the export is killed while writing', async () => {
    // A larger report without charts: the write takes long enough to be interrupted.
    const big = repeatedReport(qingyuanReport(), 4)
    const noFigures = (n: DocNode): DocNode => ({ ...n, content: n.content?.filter((c) => c.type !== 'figure').map(noFigures) })
    for (const c of big.chapters) c.doc = noFigures(c.doc)
    big.figures.clear()
    const bigReport = join(dir, '大报告.nianbao')
    writeFixtureReport(bigReport, big)
    const out = join(dir, '大报告.docx')
    expect(cli(['export', bigReport, '--out', out, '--quiet']).code).toBe(0)

    let interrupted = 0
    for (let attempt = 0; attempt < 6 && interrupted < 2; attempt++) {
      const earlier = new Set(readdirSync(dir))
      const current = readFileSync(out)
      const child = spawn(process.execPath, [BIN, 'export', bigReport, '--out', out, '--quiet'], { stdio: 'ignore' })
      const exited = new Promise<void>((r) => child.once('exit', () => r()))
      // Kill it the moment its temporary file appears beside the target.
      const watcher = watch(dir, (_e, name) => {
        if (name && name.startsWith('.~nianbao-大报告.docx.')) child.kill('SIGKILL')
      })
      await exited
      watcher.close()
      const temps = readdirSync(dir).filter((n) => n.startsWith('.~nianbao-大报告.docx.') && !earlier.has(n))
      const after = readFileSync(out)
      if (temps.length > 0) {
        // Killed mid-write: the previous file is exactly as it was.
        interrupted++
        expect(after.equals(current)).toBe(true)
      } else {
        // Killed too late to interrupt: the new file is complete.
        expect(openDocx(after).document).toContain('</w:body>')
      }
    }
    expect(interrupted).toBeGreaterThan(0)

    // The next export still replaces the file (stale temporary files are removed after a minute).
    expect(cli(['export', bigReport, '--out', out, '--quiet']).code).toBe(0)
    expect(openDocx(readFileSync(out)).document).toContain('</w:body>')
  })
})
