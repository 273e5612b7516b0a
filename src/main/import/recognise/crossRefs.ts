import type { Inline, TextRun } from '../docx/body'

/**
 * References in the text — "（见表 1-1）", "见图 2-2、2-3", "详见案例 5" —
 * found so they can become live cross-references. The label and number
 * become one reference each; the words around them ("见", "、") stay text.
 */
export interface RefInline {
  kind: 'ref'
  target: 'table' | 'figure' | 'case'
  /** The number as typed: "1-1", "5". */
  typed: string
  /** The text the reference replaces, kept when it cannot be resolved. */
  raw: string
  /** Formatting of the text it replaces. */
  like: TextRun
}

export type RichInline = Inline | RefInline

const NUM = String.raw`\d{1,3}\s*[-－—–]\s*\d{1,3}`
const TABLE_FIGURE = new RegExp(String.raw`(见|如|详见|参见|参看|参阅)\s*(表|图)\s*(${NUM})((?:\s*[、，,和及与]\s*(?:[表图]\s*)?${NUM})*)`, 'g')
const ITEM = new RegExp(String.raw`([、，,和及与]\s*)?([表图]\s*)?(${NUM})`, 'g')
const CASE = /(见|详见|参见|参看|参阅)\s*(案例\s*(\d{1,3}))/g

interface Hit {
  start: number
  end: number
  target: RefInline['target']
  typed: string
}

function normaliseNumber(s: string): string {
  const [a, b] = s.split(/\s*[-－—–]\s*/)
  return `${Number(a)}-${Number(b)}`
}

function findHits(text: string): Hit[] {
  const hits: Hit[] = []
  for (const m of text.matchAll(TABLE_FIGURE)) {
    const target = m[2] === '表' ? 'table' : 'figure'
    const labelStart = m.index! + m[0].indexOf(m[2], m[1].length)
    const firstNumEnd = m.index! + m[1].length + m[0].slice(m[1].length).indexOf(m[3]) + m[3].length
    hits.push({ start: labelStart, end: firstNumEnd, target, typed: normaliseNumber(m[3]) })
    const tail = m[4]
    const tailStart = m.index! + m[0].length - tail.length
    for (const t of tail.matchAll(ITEM)) {
      const sep = t[1] ?? ''
      const label = t[2] ?? ''
      const s = tailStart + t.index! + sep.length
      const kind = label ? (label.trim() === '表' ? 'table' : 'figure') : target
      hits.push({ start: s, end: s + label.length + t[3].length, target: kind, typed: normaliseNumber(t[3]) })
    }
  }
  for (const m of text.matchAll(CASE)) {
    const start = m.index! + m[1].length + m[0].slice(m[1].length).indexOf(m[2])
    hits.push({ start, end: start + m[2].length, target: 'case', typed: String(Number(m[3])) })
  }
  return hits.sort((a, b) => a.start - b.start)
}

/** Split a paragraph's runs at the references found in its text. */
export function splitRefs(runs: Inline[]): RichInline[] {
  let text = ''
  const spans: { run: Inline; start: number; end: number }[] = []
  for (const r of runs) {
    const len = r.kind === 'text' ? r.text.length : 0
    spans.push({ run: r, start: text.length, end: text.length + len })
    if (r.kind === 'text') text += r.text
  }
  const hits = findHits(text)
  if (hits.length === 0) return runs
  const out: RichInline[] = []
  let h = 0
  for (const s of spans) {
    if (s.run.kind !== 'text') {
      out.push(s.run)
      continue
    }
    const run = s.run
    let pos = s.start
    while (pos < s.end) {
      while (h < hits.length && hits[h].end <= pos) h++
      const hit = hits[h]
      if (!hit || hit.start >= s.end) {
        out.push({ ...run, text: text.slice(pos, s.end) })
        break
      }
      if (hit.start > pos) {
        out.push({ ...run, text: text.slice(pos, hit.start) })
        pos = hit.start
        continue
      }
      // The reference starts here (or started in an earlier run of this paragraph).
      if (hit.start === pos || pos === s.start) {
        if (hit.start >= s.start) out.push({ kind: 'ref', target: hit.target, typed: hit.typed, raw: text.slice(hit.start, hit.end), like: run })
      }
      pos = Math.min(hit.end, s.end)
    }
  }
  return out
}
