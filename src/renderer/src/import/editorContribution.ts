import { Extension } from '@tiptap/core'
import { isHistoryTransaction } from '@tiptap/pm/history'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Mapping, ReplaceAroundStep, ReplaceStep } from '@tiptap/pm/transform'
import type { EditorContribution } from '../editor/contribution'

/**
 * Last year's text carried over by 从上一年报告新建 is marked draft (shown
 * tinted). The first edit inside a paragraph makes it this year's text: the
 * flag is cleared on every paragraph whose text an edit changes, in the same
 * undo step. A paragraph an edit only touches keeps it (Enter at its end or
 * start leaves its text as it was; the new empty paragraph is this year's),
 * and undo and redo are not edits: they put the text back as it was, flag
 * included (Enter then Ctrl+Z leaves last year's paragraph a draft).
 */
export const draftKey = new PluginKey('draftParagraphs')

function touchedRanges(trs: readonly Transaction[]): [number, number][] {
  let ranges: [number, number][] = []
  for (const tr of trs) {
    // Ranges found so far move with this transaction's changes.
    ranges = ranges.map(([a, b]) => [tr.mapping.map(a, -1), tr.mapping.map(b, 1)])
    if (!tr.docChanged || tr.getMeta(draftKey) || tr.getMeta('addToHistory') === false || isHistoryTransaction(tr)) continue
    tr.steps.forEach((step, i) => {
      if (!(step instanceof ReplaceStep || step instanceof ReplaceAroundStep)) return
      // Where the step's change lands once the rest of this transaction is applied.
      const rest = tr.mapping.slice(i + 1)
      step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => ranges.push([rest.map(newStart, -1), rest.map(newEnd, 1)]))
    })
  }
  return ranges
}

/** The paragraph held the very same text before (its end maps back into a draft paragraph with equal content). */
function sameTextBefore(node: PMNode, pos: number, before: PMNode, inverse: Mapping): boolean {
  const end = inverse.mapResult(pos + node.nodeSize - 1, -1)
  if (end.deleted || end.pos > before.content.size) return false
  const old = before.resolve(end.pos).parent
  return old.type === node.type && !!old.attrs.draft && old.content.eq(node.content)
}

export const DraftParagraphs = Extension.create({
  name: 'draftParagraphs',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: draftKey,
        appendTransaction(trs, oldState, state) {
          const ranges = touchedRanges(trs)
          if (ranges.length === 0) return null
          // Back from the new document to the one before these transactions.
          const back = new Mapping()
          for (const t of trs) back.appendMapping(t.mapping)
          const inverse = back.invert()
          let tr: Transaction | null = null
          const size = state.doc.content.size
          for (const [a, b] of ranges) {
            const from = Math.max(0, Math.min(a, size))
            const to = Math.max(from, Math.min(b, size))
            state.doc.nodesBetween(from, to, (node, pos) => {
              if (node.type.name === 'paragraph' && node.attrs.draft && !sameTextBefore(node, pos, oldState.doc, inverse)) {
                tr ??= state.tr
                tr.setNodeMarkup(pos, undefined, { ...node.attrs, draft: false })
              }
              return true
            })
          }
          if (tr) (tr as Transaction).setMeta(draftKey, true)
          return tr
        }
      })
    ]
  }
})

export const importEditor: EditorContribution = { name: 'import-drafts', extensions: [DraftParagraphs] }
