import type { DocNode } from '../../../src/shared/model/doc'

const FILLER =
  '全市中等职业学校深入贯彻全国职业教育大会精神，夯实基础，补齐短板，继续推进职业教育高质量发展；办学规模保持稳定，专业布局逐步优化，办学条件不断改善。'

/** Chapter text for save number n: a heading and 40 paragraphs, each marked "#n" (about 60 kB). */
export function savePayload(n: number): DocNode {
  const paragraphs: DocNode[] = Array.from({ length: 40 }, (_, i) => ({
    type: 'paragraph',
    content: [{ type: 'text', text: `第 ${i + 1} 段 #${n}：${FILLER.repeat(6)}` }]
  }))
  return { type: 'doc', content: [{ type: 'heading', attrs: { level: 2, id: 'h_crash' }, content: [{ type: 'text', text: `保存 #${n}` }] }, ...paragraphs] }
}

/** The save number a stored chapter holds; throws if its paragraphs come from different saves. */
export function payloadNumber(doc: DocNode): number {
  const marks = new Set<number>()
  const visit = (node: DocNode) => {
    if (node.text) for (const m of node.text.matchAll(/#(\d+)/g)) marks.add(Number(m[1]))
    node.content?.forEach(visit)
  }
  visit(doc)
  if (marks.size !== 1) throw new Error(`chapter mixes saves ${[...marks].join(', ')}`)
  return [...marks][0]
}
