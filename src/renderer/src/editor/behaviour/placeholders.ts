import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { isTextOnly, structureOf } from '@shared/editor/structure'

/**
 * Grey hints in empty places a user must fill: a case's title, a photo's
 * caption, an empty chapter. Only those few nodes are looked at, never the
 * whole text.
 */
function build(state: EditorState): DecorationSet {
  const decos: Decoration[] = []
  const hint = (pos: number, size: number, text: string) => decos.push(Decoration.node(pos, pos + size, { class: 'is-empty', 'data-placeholder': text }))
  const structure = structureOf(state.doc)
  for (const { node, pos } of structure?.cases ?? []) {
    const title = node.firstChild
    if (title && title.type.name === 'caseTitle' && title.content.size === 0) hint(pos + 1, title.nodeSize, '请输入案例标题')
  }
  for (const { node, pos } of structure?.photos ?? []) {
    if (node.content.size === 0) hint(pos, node.nodeSize, '请输入图片说明')
  }
  const doc = state.doc
  if (doc.childCount === 1 && doc.firstChild!.isTextblock && doc.firstChild!.content.size === 0) {
    hint(0, doc.firstChild!.nodeSize, '在此输入本章正文…')
  }
  return DecorationSet.create(doc, decos)
}

export const Placeholders = Extension.create({
  name: 'reportPlaceholders',
  addProseMirrorPlugins() {
    const key = new PluginKey<DecorationSet>('reportPlaceholders')
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => build(state),
          apply: (tr, old, _o, state) => {
            if (!tr.docChanged) return old
            // Typing in ordinary text cannot empty or fill a case title or a caption.
            let hinted = state.doc.childCount <= 1
            if (!hinted && isTextOnly(tr, (b) => (hinted ||= b.type.name === 'caseTitle' || b.type.name === 'photo'))) {
              if (!hinted) return old.map(tr.mapping, tr.doc)
            }
            return build(state)
          }
        },
        props: {
          decorations: (state) => key.getState(state)
        }
      })
    ]
  }
})
