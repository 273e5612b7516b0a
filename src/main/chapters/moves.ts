import { UserError } from '@shared/errors'
import type { DocNode } from '@shared/model/doc'

/**
 * Moving parts of stored chapters (a section with its content, a case)
 * between chapters. Pure functions on document JSON; the handler stores
 * both chapters in one transaction.
 */

const level = (n: DocNode) => Number(n.attrs?.level ?? 2)
const isEmptyParagraph = (n: DocNode) => n.type === 'paragraph' && !(n.content ?? []).length

/** Top-level index range [start, end) of a section: the heading and everything up to the next heading of its level or higher. */
export function sectionBlocks(doc: DocNode, headingId: string): [number, number] | null {
  const blocks = doc.content ?? []
  const i = blocks.findIndex((b) => b.type === 'heading' && b.attrs?.id === headingId)
  if (i < 0) return null
  let j = i + 1
  while (j < blocks.length && !(blocks[j].type === 'heading' && level(blocks[j]) <= level(blocks[i]))) j++
  return [i, j]
}

/** Remove blocks [start, end); a chapter left empty keeps one empty paragraph. */
export function withoutBlocks(doc: DocNode, start: number, end: number): DocNode {
  const content = [...(doc.content ?? []).slice(0, start), ...(doc.content ?? []).slice(end)]
  return { ...doc, content: content.length ? content : [{ type: 'paragraph' }] }
}

/** Insert blocks at a top-level index; a chapter that is only an empty paragraph is replaced. */
export function withBlocks(doc: DocNode, at: number, blocks: DocNode[]): DocNode {
  const content = doc.content ?? []
  if (content.length === 1 && isEmptyParagraph(content[0])) return { ...doc, content: [...blocks] }
  // Keep a trailing empty paragraph last (the editor keeps one after a case or a table).
  let index = Math.min(at, content.length)
  if (index === content.length && content.length && isEmptyParagraph(content[content.length - 1])) index--
  return { ...doc, content: [...content.slice(0, index), ...blocks, ...content.slice(index)] }
}

/** Where a block goes "at the end of section `headingId`" or, without one, at the end of the chapter. */
export function insertionIndex(doc: DocNode, afterHeadingId: string | undefined, beforeHeadingId?: string): number {
  const blocks = doc.content ?? []
  if (beforeHeadingId) {
    const i = blocks.findIndex((b) => b.type === 'heading' && b.attrs?.id === beforeHeadingId)
    if (i < 0) throw new UserError('NOT_FOUND', '找不到目标位置的标题，它可能已被删除。')
    return i
  }
  if (!afterHeadingId) return blocks.length
  const r = sectionBlocks(doc, afterHeadingId)
  if (!r) throw new UserError('NOT_FOUND', '找不到目标位置的标题，它可能已被删除。')
  return r[1]
}

/** Find a case among the top-level blocks. */
export function caseIndex(doc: DocNode, caseId: string): number {
  return (doc.content ?? []).findIndex((b) => b.type === 'caseStudy' && b.attrs?.id === caseId)
}
