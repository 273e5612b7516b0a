import type { NodeViewRenderer } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { Decoration } from '@tiptap/pm/view'
import { crossRefText } from '@shared/model/crossref'
import type { NumberingSource } from '../../editor/numbering/store'
import { openDataDialog } from '../dialogs'
import '../field/field.css'

/**
 * A live reference to a table, figure or case ("表 1-2", "图 2-3",
 * "案例 5"), as plain DOM. It shows the target's current number and follows
 * every renumbering; a reference whose target was deleted is marked.
 * A reference continuing a run ("见图 2-2、2-3") is drawn without the word,
 * as a decoration tells it (see compactPlugin).
 */
export function crossRefView(numbering: NumberingSource): NodeViewRenderer {
  return ({ node: initial, decorations: initialDecos, getPos, editor }) => {
    let node: PMNode = initial
    let compact = isCompact(initialDecos as readonly Decoration[])
    const dom = document.createElement('span')
    dom.className = 'cross-ref'
    dom.setAttribute('data-type', 'cross-ref')
    dom.contentEditable = 'false'
    const render = () => {
      const r = crossRefText(String(node.attrs.target), String(node.attrs.id ?? ''), numbering.getSnapshot(), compact)
      if (dom.textContent !== r.text) dom.textContent = r.text
      dom.dataset.missing = r.missing ? 'true' : 'false'
      dom.title = r.missing ? '引用的对象已被删除，请删除或重新选择这个引用（双击）。' : '交叉引用：编号随顺序自动更新（双击更换）'
    }
    const off = numbering.subscribe(render)
    dom.addEventListener('dblclick', (e) => {
      e.preventDefault()
      const pos = typeof getPos === 'function' ? getPos() : undefined
      if (typeof pos === 'number') openDataDialog({ kind: 'crossRef', editor, target: node.attrs.target as 'table' | 'figure' | 'case', replace: { from: pos, to: pos + 1 } })
    })
    render()
    return {
      dom,
      update(next, decorations) {
        if (next.type !== node.type) return false
        node = next
        compact = isCompact(decorations)
        render()
        return true
      },
      ignoreMutation: () => true,
      stopEvent: (e) => e.type === 'dblclick',
      destroy: off
    }
  }
}

function isCompact(decorations: readonly Decoration[]): boolean {
  return decorations.some((d) => (d.spec as { compact?: boolean }).compact === true)
}
