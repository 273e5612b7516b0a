import type { NodeViewRenderer } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { describeField } from '@shared/model/fields'
import { formatValue, parseFormat } from '@shared/model/format'
import { tableLabel } from '@shared/model/numbering'
import type { NumberingSource } from '../../editor/numbering/store'
import { liveData } from '../store'
import { openDataDialog } from '../dialogs'
import './field.css'

/**
 * A figure quoted in the text (dataField), as plain DOM: it reads as
 * ordinary text — the value in its format — and follows the data at once.
 * Not yet filled in: a marked 待填; a failing formula: a marked error with
 * its explanation. Double-click to change what it shows.
 */
/** `numbering`: the live numbering, for "表 1-2" in a quoted cell's tooltip. */
export function dataFieldView(numbering: NumberingSource): NodeViewRenderer {
  const tableLabelOf = (tableId: string): string => {
    const t = numbering.getSnapshot().tables.find((x) => x.id === tableId)
    return t ? tableLabel(t.number) : '表格'
  }
  return ({ node: initial, getPos, editor }) => {
    let node: PMNode = initial
    const dom = document.createElement('span')
    dom.className = 'data-field'
    dom.setAttribute('data-type', 'data-field')
    dom.contentEditable = 'false'
    let unsubscribe: () => void = () => undefined
    let watching = ''

    const render = () => {
      const ref = String(node.attrs.ref ?? '')
      const f = liveData.getField(ref)
      let text: string
      let state: string
      let title = describeField(ref, liveData.lookup, tableLabelOf)
      if (!ref) {
        text = '〔空字段〕'
        state = 'error'
      } else if (!f) {
        text = '…'
        state = 'loading'
      } else if (f.error) {
        text = '〔数据错误〕'
        state = 'error'
        title = `${title}\n${f.error}`
      } else if (f.missing) {
        text = '〔待填〕'
        state = 'missing'
        title = `${title}\n还没有填写这一年的数值，请在“数据”面板中填写。`
      } else {
        text = formatValue(f.value, parseFormat(node.attrs.format as string | null))
        state = 'ok'
      }
      if (dom.textContent !== text) dom.textContent = text
      dom.dataset.state = state
      dom.title = `${title}\n（双击修改）`
    }
    const watch = () => {
      const ref = String(node.attrs.ref ?? '')
      if (ref === watching) return
      unsubscribe()
      watching = ref
      unsubscribe = liveData.subscribe(`d:${ref}`, render)
      if (ref) liveData.requestField(ref)
    }
    const offIndicators = liveData.subscribe('indicators', render)
    dom.addEventListener('dblclick', (e) => {
      e.preventDefault()
      const pos = typeof getPos === 'function' ? getPos() : undefined
      if (typeof pos !== 'number') return
      openDataDialog({ kind: 'field', editor, pos, ref: String(node.attrs.ref ?? ''), format: String(node.attrs.format ?? 'general') })
    })
    watch()
    render()
    return {
      dom,
      update(next) {
        if (next.type !== node.type) return false
        node = next
        watch()
        render()
        return true
      },
      ignoreMutation: () => true,
      stopEvent: (e) => e.type === 'dblclick',
      destroy() {
        unsubscribe()
        offIndicators()
      }
    }
  }
}
