/** The stored form of a chapter document: tiptap/ProseMirror JSON. */
export interface DocMark {
  type: string
  attrs?: Record<string, unknown>
}

export interface DocNode {
  type: string
  attrs?: Record<string, unknown>
  content?: DocNode[]
  marks?: DocMark[]
  text?: string
}

export function emptyDoc(): DocNode {
  return { type: 'doc', content: [{ type: 'paragraph' }] }
}

/** Plain text of a node and its descendants (inline atoms contribute nothing). */
export function textOf(node: DocNode): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  if (!node.content) return ''
  return node.content.map(textOf).join('')
}

/** Depth-first walk; return false from the visitor to skip a node's children. */
export function walk(node: DocNode, visit: (n: DocNode, parent: DocNode | null) => boolean | void, parent: DocNode | null = null): void {
  if (visit(node, parent) === false) return
  for (const child of node.content ?? []) walk(child, visit, node)
}
