import type { Node as ProseMirrorNode } from '@tiptap/pm/model'

/**
 * The number a figure inserted at `pos` of a chapter will take ("2-3"): one
 * more than the figures before it in the chapter, as the report's numbering
 * counts them. Null in an annex, whose figures are 附图 without a number.
 */
export function newFigureNumber(doc: ProseMirrorNode, pos: number, chapterNumber: string | null): string | null {
  if (!chapterNumber) return null
  let before = 0
  doc.nodesBetween(0, Math.min(pos, doc.content.size), (node) => {
    if (node.type.name === 'figure') before++
    // Figures sit at the top level or inside a case; no need to look into paragraphs.
    return node.type.name === 'caseStudy' || node.type.name === 'doc'
  })
  return `${chapterNumber}-${before + 1}`
}
