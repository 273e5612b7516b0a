import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { exportReport } from '../src/main/export'
import { storeExportSource } from '../src/main/export/storeSource'
import { clearChartCache } from '../src/main/charts/cache'
import { ReportSession } from '../src/main/services/reportSession'
import { numberReport } from '../src/shared/model/numbering'
import { summarizeChapter } from '../src/shared/model/summary'
import type { DocNode } from '../src/shared/model/doc'
import { textOf } from '../src/shared/model/doc'
import { chartPng, qingyuanReport, repeatedReport, writeFixtureReport, type FixtureReport } from '../tests/helpers/exportFixture'
import type { BenchRow } from './types'

/**
 * Word export of the Qingyuan 2021 report (with its 12 charts drawn through
 * the data layer) and of a synthetic report 20 times its size, against
 * pandoc converting the same content written as Markdown (same text, tables
 * and pictures), measured in the same run. Goal: not slower than pandoc,
 * growing linearly.
 */
const AREA = 'export'

/** The report as Markdown with its pictures as files, for pandoc. */
function markdown(r: FixtureReport, dir: string): string {
  const n = numberReport(r.chapters.map((c) => ({ id: c.id, kind: c.kind, title: c.title, summary: summarizeChapter(c.doc) })))
  const out: string[] = [`% ${r.meta.title}`, '']
  const written = new Set<string>()
  const picture = (name: string, bytes: Uint8Array) => {
    const path = join(dir, name)
    if (!written.has(name)) writeFileSync(path, bytes)
    written.add(name)
    return path
  }
  let figureNo = 0
  let caseNo = 0
  const blocks = (nodes: DocNode[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'heading':
          out.push(`${'#'.repeat(Number(node.attrs?.level ?? 2))} ${textOf(node)}`, '')
          break
        case 'paragraph':
          if (textOf(node).trim()) out.push(textOf(node), '')
          break
        case 'caseStudy':
          out.push(`**案例 ${++caseNo}：${textOf(node.content![0])}**`, '')
          blocks(node.content!.slice(1))
          break
        case 'photo': {
          const a = r.assets.get(String(node.attrs?.asset))!
          out.push(`![${textOf(node)}](${picture(`${String(node.attrs?.asset).slice(0, 16)}.png`, a.bytes)})`, '')
          break
        }
        case 'figure': {
          const f = r.figures.get(String(node.attrs?.id))!
          out.push(`![${f.caption}](${picture(`chart-${(figureNo++ % 12) + 1}.png`, chartPng((figureNo % 12) + 1, { width: 1181, height: 669 }))})`, '')
          break
        }
        case 'reportTable': {
          const t = r.tables.get(String(node.attrs?.id))!
          out.push(`Table: ${t.caption}`, '')
          const rows = t.rows.map((row) => `| ${row.map((c) => c.text.replace(/\|/g, '/') || ' ').join(' | ')} |`)
          out.push(rows[0], `|${t.rows[0].map(() => '---').join('|')}|`, ...rows.slice(1), '')
          if (t.note) out.push(t.note, '')
          break
        }
      }
    }
  }
  for (const c of r.chapters) {
    const number = n.chapters.find((x) => x.id === c.id)?.number
    out.push(`# ${number ? `${number} ` : ''}${c.title}`, '')
    blocks(c.doc.content ?? [])
  }
  return out.join('\n')
}

function pandocMs(md: string, dir: string): number {
  const input = join(dir, 'report.md')
  writeFileSync(input, md)
  const started = performance.now()
  const r = spawnSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', join(dir, 'pandoc.docx'), input], { stdio: 'ignore' })
  if (r.status !== 0) throw new Error('pandoc failed')
  return performance.now() - started
}

async function exportMs(file: string, out: string): Promise<{ ms: number; pages: number }> {
  const session = new ReportSession({ now: () => new Date() })
  try {
    const started = performance.now()
    const source = storeExportSource(session.open(file))
    const s = await exportReport(source, out)
    return { ms: performance.now() - started, pages: s.pages }
  } finally {
    session.close()
  }
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-export-'))
  const rows: BenchRow[] = []
  try {
    const base = qingyuanReport()
    const sizes: [string, FixtureReport][] = [
      ['清远 2021', base],
      ['20 倍合成报告', repeatedReport(base, 20)]
    ]
    const times: Record<string, number> = {}
    for (const [name, report] of sizes) {
      const work = join(dir, String(Object.keys(times).length))
      mkdirSync(work)
      const file = join(work, 'report.nianbao')
      writeFixtureReport(file, report)
      // The first export in a process draws the charts; the next reuses the pictures of unchanged charts.
      clearChartCache()
      const cold = await exportMs(file, join(work, 'cold.docx'))
      const warm = await exportMs(file, join(work, 'warm.docx'))
      const pandoc = pandocMs(markdown(report, work), work)
      times[name] = warm.ms
      const figures = [...report.figures.keys()].length
      const distinct = new Set([...report.figures.values()].map((f) => JSON.stringify(f.chart))).size
      rows.push(
        { area: AREA, case: name, metric: '导出 Word（首次，含绘制图表）', value: cold.ms, unit: 'ms', note: `${cold.pages} 页，${figures} 幅图（${distinct} 种不同的图要绘制）` },
        { area: AREA, case: name, metric: '导出 Word（图表未变）', value: warm.ms, unit: 'ms' },
        { area: AREA, case: name, metric: 'pandoc（同样内容的 Markdown）', value: pandoc, unit: 'ms' },
        { area: AREA, case: name, metric: '导出 / pandoc（图表未变）', value: warm.ms / pandoc, unit: '×', goal: '≤ 1' },
        { area: AREA, case: name, metric: '导出 / pandoc（首次）', value: cold.ms / pandoc, unit: '×' }
      )
    }
    rows.push({
      area: AREA,
      case: '20 倍 / 1 倍',
      metric: '增长（图表未变）',
      value: times['20 倍合成报告'] / times['清远 2021'],
      unit: '×',
      goal: '≈ 20（线性）'
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
