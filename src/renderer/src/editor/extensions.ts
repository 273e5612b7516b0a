import type { AnyExtension, NodeViewRenderer } from '@tiptap/core'
import { reportExtensions } from '@shared/editor/schema'
import type { EditorContribution, EditorEnv } from './contribution'
import { coreEditing } from './coreEditing'

/**
 * The renderer's extension list for one chapter editor: the shared schema
 * (the very nodes main validates and export reads) plus node views and
 * behaviour, the editor's own (coreEditing.ts) and those the features
 * contribute (Feature.editor, listed in app/features.ts).
 */
export function buildEditorExtensions(env: EditorEnv, contributions: EditorContribution[]): AnyExtension[] {
  const nodeViews = new Map<string, NodeViewRenderer>()
  const extra: AnyExtension[] = []
  for (const c of [coreEditing, ...contributions]) {
    const parts = typeof c === 'function' ? c(env) : c
    for (const [name, view] of Object.entries(parts.nodeViews ?? {})) {
      if (nodeViews.has(name)) throw new Error(`node view for "${name}" registered twice (${parts.name})`)
      nodeViews.set(name, view)
    }
    extra.push(...(parts.extensions ?? []))
  }
  const base = reportExtensions().map((ext) => {
    const view = ext.type === 'node' ? nodeViews.get(ext.name) : undefined
    if (!view) return ext
    nodeViews.delete(ext.name)
    return ext.extend({ addNodeView: () => view })
  })
  if (nodeViews.size) throw new Error(`node views for unknown nodes: ${[...nodeViews.keys()].join(', ')}`)
  return [...base, ...extra]
}
