import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { exportReport } from '../src/main/export'
import { prepareCharts, storeExportSource } from '../src/main/export/storeSource'
import { clearChartCache } from '../src/main/charts/cache'
import { chartPool } from '../src/main/charts/pool'
import { CHART_PIXELS } from '../src/main/export/geometry'
import { buildReportState } from '../src/main/services/reportState'
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
 * and pictures), measured in the same run. Goals: the first export after
 * opening the report (charts drawn) within 1.5× pandoc's time; an export
 * with unchanged charts not slower than pandoc, growing linearly.
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

/**
 * One export of the report file, timed from the click on 导出. 'fresh': the
 * file opened in a process that has drawn nothing yet (the CLI's case).
 * 'opened': a report opened a moment ago, the chart workers loaded but no
 * chart drawn yet. 'prepared': as in the app a few seconds after opening a
 * report, its charts drawn in the background (prepareCharts); `prepareMs`
 * is how long that background drawing took.
 */
async function exportMs(file: string, out: string, mode: 'fresh' | 'opened' | 'prepared'): Promise<{ ms: number; pages: number; prepareMs: number }> {
  const session = new ReportSession({ now: () => new Date() })
  try {
    let started = performance.now()
    let prepareMs = 0
    const open = session.open(file)
    if (mode === 'opened') await chartPool.warm()
    if (mode === 'prepared') {
      const t = performance.now()
      await prepareCharts(open, buildReportState(open).numbering.figures.map((f) => f.id), CHART_PIXELS)
      prepareMs = performance.now() - t
    }
    if (mode !== 'fresh') started = performance.now()
    const source = storeExportSource(open)
    const s = await exportReport(source, out)
    return { ms: performance.now() - started, pages: s.pages, prepareMs }
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
      // EXPORT_BENCH_ONLY_QINGYUAN=1: the Qingyuan report only (a quick look on a busy machine).
      ...(process.env.EXPORT_BENCH_ONLY_QINGYUAN ? [] : ([['20 倍合成报告', repeatedReport(base, 20)]] as [string, FixtureReport][]))
    ]
    const times: Record<string, number> = {}
    for (const [name, report] of sizes) {
      const work = join(dir, String(Object.keys(times).length))
      mkdirSync(work)
      const file = join(work, 'report.nianbao')
      writeFixtureReport(file, report)
      // The first export in a process draws the charts; the next reuses the pictures of unchanged charts.
      const fromScratch = () => {
        chartPool.stop()
        clearChartCache()
      }
      fromScratch()
      const fresh = await exportMs(file, join(work, 'fresh.docx'), 'fresh')
      fromScratch()
      const opened = await exportMs(file, join(work, 'opened.docx'), 'opened')
      fromScratch()
      const cold = await exportMs(file, join(work, 'cold.docx'), 'prepared')
      const warm = await exportMs(file, join(work, 'warm.docx'), 'opened')
      const pandoc = pandocMs(markdown(report, work), work)
      times[name] = warm.ms
      const figures = [...report.figures.keys()].length
      const distinct = new Set([...report.figures.values()].map((f) => JSON.stringify(f.chart))).size
      rows.push(
        { area: AREA, case: name, metric: '导出 Word（打开报告后首次）', value: cold.ms, unit: 'ms', note: `${cold.pages} 页，${figures} 幅图（${distinct} 种不同的图要绘制）；图表在打开报告后于后台绘制` },
        { area: AREA, case: name, metric: '后台绘制图表（打开报告后）', value: cold.prepareMs, unit: 'ms', note: '绘图线程中进行，不占编辑器' },
        { area: AREA, case: name, metric: '导出 Word（打开报告后立即导出）', value: opened.ms, unit: 'ms', note: '绘图线程已启动，图表尚未绘制' },
        { area: AREA, case: name, metric: '导出 Word（新进程）', value: fresh.ms, unit: 'ms', note: '命令行 nianbao export 的情形：在本进程中一次绘制（各图并行栅格化）' },
        { area: AREA, case: name, metric: '导出 Word（图表未变）', value: warm.ms, unit: 'ms' },
        { area: AREA, case: name, metric: 'pandoc（同样内容的 Markdown）', value: pandoc, unit: 'ms' },
        { area: AREA, case: name, metric: '导出 / pandoc（打开报告后首次）', value: cold.ms / pandoc, unit: '×', goal: '≤ 1.5' },
        { area: AREA, case: name, metric: '导出 / pandoc（打开报告后立即导出）', value: opened.ms / pandoc, unit: '×' },
        { area: AREA, case: name, metric: '导出 / pandoc（新进程）', value: fresh.ms / pandoc, unit: '×' },
        { area: AREA, case: name, metric: '导出 / pandoc（图表未变）', value: warm.ms / pandoc, unit: '×', goal: '≤ 1' }
      )
    }
    if (times['20 倍合成报告']) rows.push({
      area: AREA,
      case: '20 倍 / 1 倍',
      metric: '增长（图表未变）',
      value: times['20 倍合成报告'] / times['清远 2021'],
      unit: '×',
      goal: '≈ 20（线性）'
    })
  } finally {
    chartPool.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
