import type { DocNode } from './doc'
import { caseLabel, figureLabel, tableLabel, type ReportNumbering } from './numbering'

/**
 * How a cross-reference (crossRef node: target 'table' | 'figure' | 'case',
 * id) reads: "表 1-2", "图 2-2", "案例 5". In a run such as "见图 2-2、2-3"
 * the second reference of the same kind, joined by 、/和/及/与/至/-, drops
 * the word: "2-3". The editor and Word use these functions, so the text
 * reads the same in both.
 */
export type CrossRefTarget = 'table' | 'figure' | 'case'

export interface CrossRefText {
  text: string
  /** The target no longer exists (deleted, or in no chapter). */
  missing: boolean
}

const JOINERS = /^\s*[、和及与至\-–—~～]\s*$/

export function crossRefText(target: string, id: string, numbering: ReportNumbering, compact = false): CrossRefText {
  if (target === 'case') {
    const c = numbering.cases.find((x) => x.id === id)
    if (!c) return { text: '案例（已删除）', missing: true }
    return { text: compact ? String(c.number) : caseLabel(c.number), missing: false }
  }
  const list = target === 'figure' ? numbering.figures : numbering.tables
  const item = list.find((x) => x.id === id)
  if (!item) return { text: `${target === 'figure' ? '图' : '表'}（已删除）`, missing: true }
  if (compact && item.number) return { text: item.number, missing: false }
  return { text: target === 'figure' ? figureLabel(item.number) : tableLabel(item.number), missing: false }
}

/** For each inline child of a paragraph: is it a crossRef that continues a run of the same kind ("、2-3")? */
export function compactCrossRefs(inline: Pick<DocNode, 'type' | 'attrs' | 'text'>[]): boolean[] {
  return inline.map((n, i) => {
    if (n.type !== 'crossRef' || i < 2) return false
    const joiner = inline[i - 1]
    const prev = inline[i - 2]
    return joiner.type === 'text' && JOINERS.test(joiner.text ?? '') && prev.type === 'crossRef' && prev.attrs?.target === n.attrs?.target
  })
}
