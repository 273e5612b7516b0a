import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { AppState } from '../src/main/services/appState'
import { createService, type Service } from '../src/main/services/service'
import { ReportStore } from '../src/main/store/reportStore'
import { summarizeChapter } from '../src/shared/model/summary'
import type { DocNode } from '../src/shared/model/doc'
import { newId } from '../src/shared/editor/ids'
import { summarize, type BenchRow } from './types'

/**
 * Foundation figures: making a report from a template, opening a report, and
 * saving a chapter (the autosave path: validate, normalise, summarise, store
 * in one transaction, renumber), for the Qingyuan 2021 report and for a
 * synthetic report twenty times its size. Everything goes through the
 * service layer's handlers, as the app calls them.
 */

const AREA = 'foundation'
const TEXT = join(__dirname, 'fixtures', 'qingyuan-2021.txt')

export interface Chapter {
  title: string
  body: DocNode[]
}

/** The narrative of the Qingyuan report: chapters, numbered headings and paragraphs (tables and the table of contents left out). */
export function qingyuanChapters(): Chapter[] {
  const lines = readFileSync(TEXT, 'utf8').split('\n').map((l) => l.trim())
  const start = lines.findIndex((l, i) => i > 100 && l === '1 基本情况')
  const chapters: Chapter[] = []
  for (const line of lines.slice(start)) {
    if (!line || line.startsWith('|')) continue
    const chapter = /^(\d) (\S.*)$/.exec(line)
    const heading = /^\d+((?:\.\d+)+) (\S.*)$/.exec(line)
    if (chapter && Number(chapter[1]) === chapters.length + 1) chapters.push({ title: chapter[2], body: [] })
    else if (heading && chapters.length) {
      const level = Math.min(4, heading[1].split('.').length + 1)
      chapters.at(-1)!.body.push({ type: 'heading', attrs: { level, id: newId('h') }, content: [{ type: 'text', text: heading[2] }] })
    } else if (chapters.length) chapters.at(-1)!.body.push({ type: 'paragraph', content: [{ type: 'text', text: line }] })
  }
  return chapters
}

/** Each chapter's text repeated `times` over (fresh heading ids), for a report `times` the size. */
export function scaled(chapters: Chapter[], times: number): Chapter[] {
  return chapters.map((c) => ({
    title: c.title,
    body: Array.from({ length: times }, () => c.body.map((n) => (n.type === 'heading' ? { ...n, attrs: { ...n.attrs, id: newId('h') } } : n))).flat()
  }))
}

function docOf(c: Chapter): DocNode {
  return { type: 'doc', content: c.body }
}

async function timeAsync<T>(f: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now()
  const value = await f()
  return { ms: performance.now() - t0, value }
}

export function service(dir: string): Service {
  return createService({ appState: new AppState(join(dir, 'config')), ports: { transport: 'browser', workspaceDir: dir } })
}

/** A report file with these chapters' text, written through the store. */
export function writeReport(dir: string, name: string, chapters: Chapter[]): string {
  const s = service(dir)
  const path = join(dir, name)
  s.session.create(
    path,
    { title: '2022年清远市中等职业教育质量年度报告', region: '清远市', level: 'city', year: 2021, issuer: '清远市教育局', issueDate: '2021-11-30', template: 'city' },
    chapters.map((c) => ({ title: c.title, kind: 'chapter', doc: docOf(c), summary: summarizeChapter(docOf(c)) }))
  )
  s.session.close()
  return path
}

function rows(caseName: string, metric: string, samples: number[], note?: string): BenchRow[] {
  const s = summarize(samples)
  return [
    { area: AREA, case: caseName, metric: `${metric} p50`, value: s.p50, unit: 'ms', note },
    { area: AREA, case: caseName, metric: `${metric} p95`, value: s.p95, unit: 'ms' }
  ]
}

async function reportCase(dir: string, label: string, chapters: Chapter[], opens: number, saves: number): Promise<BenchRow[]> {
  const path = writeReport(dir, `${label}.nianbao`, chapters)
  const chars = chapters.reduce((n, c) => n + JSON.stringify(c.body).length, 0)
  const words = chapters.reduce((n, c) => n + summarizeChapter(docOf(c)).words, 0)
  const caseName = `${label}（${chapters.length} 章，${(words / 10000).toFixed(1)} 万字）`

  // Open: what 打开 does — check, lock, migrate, read the outline and number it.
  const s = service(dir)
  const openMs: number[] = []
  for (let i = 0; i < opens; i++) {
    const { ms } = await timeAsync(() => s.handlers.report.open({ path }))
    openMs.push(ms)
    s.handlers.report.close(undefined)
  }

  // Save: the largest chapter, one character more each time, as autosave sends it.
  await s.handlers.report.open({ path })
  const store: ReportStore = s.session.require().store
  const largest = store.listChapters().reduce((a, b) => (b.summary.words > a.summary.words ? b : a))
  const record = store.getChapter(largest.id)
  const doc = record.doc
  let version = record.version
  const firstParagraph = doc.content!.find((n) => n.type === 'paragraph')!.content![0]
  const saveMs: number[] = []
  for (let i = 0; i < saves; i++) {
    firstParagraph.text += '字'
    const { ms, value } = await timeAsync(() => s.handlers.chapter.save({ id: largest.id, doc, baseVersion: version }))
    if (!value.stored) throw new Error('a whole chapter is always stored')
    version = value.version
    saveMs.push(ms)
  }
  s.handlers.report.close(undefined)
  const size = statSync(path).size

  return [
    ...rows(caseName, '打开报告', openMs, `文件 ${(size / 1048576).toFixed(1)} MB`),
    ...rows(caseName, '保存一章', saveMs, `最大的一章“${largest.title}”，${(JSON.stringify(doc).length / 1024).toFixed(0)} KB；全部正文 JSON ${(chars / 1024).toFixed(0)} KB`)
  ]
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'))
  mkdirSync(join(dir, 'config'))
  try {
    const out: BenchRow[] = []

    // 新建报告 from each template, as the dialog does (file, outline, template tables and indicators).
    const s = service(dir)
    for (const template of ['city', 'province', 'school'] as const) {
      const ms: number[] = []
      for (let i = 0; i < 10; i++) {
        const r = await timeAsync(() => s.handlers.report.create({ template, region: '清远市', year: 2021, fileName: `${template}-${i}.nianbao` }))
        if (!r.value) throw new Error('report.create made no report')
        ms.push(r.ms)
        s.handlers.report.close(undefined)
      }
      out.push(...rows(`模板 ${template}`, '新建报告', ms))
    }

    const qingyuan = qingyuanChapters()
    out.push(...(await reportCase(dir, '清远市2021', qingyuan, 20, 60)))
    out.push(...(await reportCase(dir, '合成×20', scaled(qingyuan, 20), 10, 30)))
    return out
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
