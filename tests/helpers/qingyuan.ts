import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DocNode } from '../../src/shared/model/doc'
import { newId } from '../../src/shared/editor/ids'

/** The text of the Qingyuan 2021 report (a copy kept with the benches). */
export const QINGYUAN_TXT = join(__dirname, '..', '..', 'bench', 'fixtures', 'qingyuan-2021.txt')

const text = (t: string): DocNode => ({ type: 'text', text: t })
const para = (t: string): DocNode => ({ type: 'paragraph', content: t ? [text(t)] : undefined })

/** Lines of one chapter of the Qingyuan report ("3 质量保障措施" up to the next chapter heading). */
export function chapterLines(chapterNo: number): string[] {
  const lines = readFileSync(QINGYUAN_TXT, 'utf8').split('\n')
  // The body starts after the lists at the front (目录, 案例目录, 图表目录).
  const body = lines.findIndex((l) => l.trim() === '图表目录')
  const start = lines.findIndex((l, i) => i > body && new RegExp(`^${chapterNo} \\S`).test(l.trim()) && !l.includes('|'))
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^${chapterNo + 1} \\S`).test(l.trim()) && !l.includes('|'))
  return lines.slice(start + 1, end < 0 ? undefined : end)
}

function table(rows: string[]): DocNode {
  const cells = rows.filter((r) => !/^\|[-\s|]+\|$/.test(r.trim())).map((r) => r.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()))
  return {
    type: 'table',
    content: cells.map((row, i) => ({
      type: 'tableRow',
      content: row.map((c) => ({ type: i === 0 ? 'tableHeader' : 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [para(c)] }))
    }))
  }
}

/**
 * A chapter document built from the text of the Qingyuan 2021 report: its
 * numbered headings become levels 2–4 (numbers stripped: they are computed),
 * "案例 N：标题" blocks become cases, markdown tables become tables.
 */
export function qingyuanChapter(chapterNo: number): DocNode {
  const lines = chapterLines(chapterNo)
  const top: DocNode[] = []
  let inCase: DocNode | null = null
  let tableRows: string[] = []
  const push = (n: DocNode) => {
    if (inCase && n.type !== 'heading') inCase.content!.push(n)
    else top.push(n)
  }
  const flushTable = () => {
    if (tableRows.length) push(table(tableRows))
    tableRows = []
  }
  for (const raw of lines) {
    const line = raw.trim()
    if (line.startsWith('|')) {
      tableRows.push(line)
      continue
    }
    flushTable()
    if (!line) continue
    const h = /^(\d+(?:\.\d+){1,3})\s+(.+)$/.exec(line)
    const c = /^案例\s*\d+[：:]\s*(.+)$/.exec(line)
    if (h && h[1].startsWith(`${chapterNo}.`) && line.length < 60) {
      inCase = null
      top.push({ type: 'heading', attrs: { level: h[1].split('.').length, id: newId('h') }, content: [text(h[2])] })
    } else if (c) {
      inCase = { type: 'caseStudy', attrs: { id: newId('case'), school: '' }, content: [{ type: 'caseTitle', content: [text(c[1])] }] }
      top.push(inCase)
    } else push(para(line))
  }
  flushTable()
  // A case needs at least one body block.
  for (const n of top) if (n.type === 'caseStudy' && n.content!.length < 2) n.content!.push(para(''))
  return { type: 'doc', content: top }
}

/** The same chapter `times` times over (fresh ids), for the long-chapter measurements. */
export function repeatChapter(doc: DocNode, times: number): DocNode {
  const copy = (n: DocNode): DocNode => {
    const attrs = n.attrs && typeof n.attrs.id === 'string' ? { ...n.attrs, id: newId(String(n.attrs.id).split('_')[0]) } : n.attrs
    return { ...n, ...(attrs ? { attrs } : {}), ...(n.content ? { content: n.content.map(copy) } : {}) }
  }
  const content: DocNode[] = []
  for (let i = 0; i < times; i++) content.push(...doc.content!.map(copy))
  return { type: 'doc', content }
}

/**
 * Fill the report open in a running host (`nianbao serve`) with the text of
 * the Qingyuan 2021 report, through the same calls the editor makes: each
 * template chapter gets its chapter's text. `chapter3Times` repeats chapter 3
 * (for the long-chapter measurements); `longChapter` (a chapter number)
 * gets chapter 3 five times over instead of its own text.
 */
export async function fillWithQingyuan(origin: string, token: string, opts: { chapters?: number[]; chapter3Times?: number; longChapter?: number } = {}): Promise<void> {
  const call = async (name: string, input: unknown) => {
    const res = await fetch(`${origin}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nianbao-Token': token },
      body: JSON.stringify(input)
    })
    const env = (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } }
    if (!env.ok) throw new Error(`${name}: ${env.error?.message}`)
    return env.result
  }
  const state = (await call('report.state', {})) as { chapters: { id: string }[] }
  for (const n of opts.chapters ?? [1, 2, 3, 4, 5, 6, 7, 8, 9]) {
    const ch = state.chapters[n - 1]
    if (!ch) continue
    let doc = qingyuanChapter(n)
    if (n === 3 && opts.chapter3Times && opts.chapter3Times > 1) doc = repeatChapter(doc, opts.chapter3Times)
    await call('chapter.save', { id: ch.id, doc })
  }
  // Optionally one more chapter holding chapter 3 five times over.
  if (opts.longChapter) await call('chapter.save', { id: state.chapters[opts.longChapter - 1].id, doc: repeatChapter(qingyuanChapter(3), 5) })
}
