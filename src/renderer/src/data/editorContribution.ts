import { Extension, type Editor } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import type { Node as PMNode } from '@tiptap/pm/model'
import { ReactNodeViewRenderer } from '@tiptap/react'
import { compactCrossRefs } from '@shared/model/crossref'
import type { EditorContribution, EditorEnv } from '../editor/contribution'
import { IDS_REASSIGNED, type ReassignedId } from '../editor/behaviour/uniqueIds'
import { api } from '../api/client'
import { liveData } from './store'
import { openDataDialog } from './dialogs'
import { dataFieldView } from './field/fieldView'
import { crossRefView } from './crossref/crossRefView'
import { ReportTableNodeView } from './table/ReportTableView'
import { FigureNodeView } from '../charts/FigureView'

/**
 * Live data in the chapter editor: node views for report tables, charts,
 * quoted figures and cross-references; "@" to quote a figure and "见表 /
 * 见图 / 见案例" to reference one; a pasted copy of a table or chart gets a
 * row of its own; fields follow when the cells they quote move.
 */
const compactKey = new PluginKey<DecorationSet>('crossRefCompact')

/** "见图 2-2、2-3": the second reference of a run is drawn without its word. */
function compactDecorations(doc: PMNode): DecorationSet {
  const decos: Decoration[] = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    let hasRef = false
    node.forEach((c) => {
      if (c.type.name === 'crossRef') hasRef = true
    })
    if (!hasRef) return false
    const children: { type: string; attrs: Record<string, unknown>; text?: string; offset: number; size: number }[] = []
    node.forEach((c, offset) => children.push({ type: c.type.name, attrs: c.attrs, text: c.text, offset, size: c.nodeSize }))
    compactCrossRefs(children).forEach((compact, i) => {
      if (!compact) return
      const from = pos + 1 + children[i].offset
      decos.push(Decoration.node(from, from + children[i].size, {}, { compact: true }))
    })
    return false
  })
  return DecorationSet.create(doc, decos)
}

const TRIGGERS: { text: string; kind: 'field' | 'table' | 'figure' | 'case'; replace: number }[] = [
  { text: '@', kind: 'field', replace: 1 },
  { text: '＠', kind: 'field', replace: 1 },
  { text: '见表', kind: 'table', replace: 1 },
  { text: '见图', kind: 'figure', replace: 1 },
  { text: '见案例', kind: 'case', replace: 2 }
]

function triggerAt(state: EditorState): { kind: 'field' | 'table' | 'figure' | 'case'; from: number; to: number } | null {
  const { selection } = state
  if (!selection.empty) return null
  const $pos = selection.$from
  if (!$pos.parent.isTextblock || $pos.parent.type.name === 'caseTitle') return null
  const before = $pos.parent.textBetween(Math.max(0, $pos.parentOffset - 3), $pos.parentOffset, undefined, '\ufffc')
  for (const t of TRIGGERS) if (before.endsWith(t.text)) return { kind: t.kind, from: $pos.pos - t.replace, to: $pos.pos }
  return null
}

function behaviour(env: EditorEnv) {
  return Extension.create({
    name: 'liveDataBehaviour',
    addProseMirrorPlugins() {
      const editor = this.editor as Editor
      let lastTrigger = -1
      let typed = false
      const check = (view: EditorView) => {
        if (!typed || view.composing || view.isDestroyed) return
        typed = false
        const t = triggerAt(view.state)
        if (!t) lastTrigger = -1
        if (!t || t.to === lastTrigger) return
        lastTrigger = t.to
        if (t.kind === 'field') openDataDialog({ kind: 'field', editor, replace: { from: t.from, to: t.to } })
        else openDataDialog({ kind: 'crossRef', editor, target: t.kind, replace: { from: t.from, to: t.to } })
      }
      return [
        new Plugin<DecorationSet>({
          key: compactKey,
          state: {
            init: (_, state) => compactDecorations(state.doc),
            apply: (tr, old) => (tr.docChanged ? compactDecorations(tr.doc) : old)
          },
          props: { decorations: (state) => compactKey.getState(state) }
        }),
        new Plugin({
          key: new PluginKey('liveDataTriggers'),
          // Typed text only, however it was typed: a key, or an IME commit of any length ("……（见表" in one go);
          // never a paste, an undo or a replacement made by a command. The trigger is looked for at the cursor
          // once the typed text is in (after the composition, for an IME).
          props: {
            handleTextInput: () => {
              typed = true
              return false
            },
            handleDOMEvents: {
              compositionend: (view) => {
                typed = true
                setTimeout(() => check(view))
                return false
              }
            }
          },
          view: () => ({ update: (view) => check(view) })
        }),
        new Plugin({
          key: new PluginKey('liveDataCopies'),
          appendTransaction(trs) {
            // A pasted or duplicated table or chart carries a fresh id: copy its row under that id.
            for (const tr of trs) {
              const changes = tr.getMeta(IDS_REASSIGNED) as ReassignedId[] | undefined
              for (const ch of changes ?? []) {
                if (!ch.from) continue
                if (ch.type === 'reportTable') void liveData.run(() => api.data.duplicateTable({ id: ch.from!, to: ch.to, chapterId: env.chapterId }))
                if (ch.type === 'figure') void liveData.run(() => api.data.duplicateFigure({ id: ch.from!, to: ch.to, chapterId: env.chapterId }))
              }
            }
            return null
          }
        })
      ]
    },
    onCreate() {
      const editor = this.editor
      // Fields whose quoted cells moved (rows inserted) get their new formula.
      const off = liveData.onFieldRenames((renames) => {
        if (editor.isDestroyed) return
        const map = new Map(renames.map((r) => [r.from, r.to]))
        const tr = editor.state.tr
        editor.state.doc.descendants((node, pos) => {
          if (node.type.name === 'dataField' && map.has(String(node.attrs.ref))) tr.setNodeMarkup(pos, undefined, { ...node.attrs, ref: map.get(String(node.attrs.ref)) })
          return true
        })
        // Not an undo step: undoing it would point the fields back at cells that now hold other rows' figures.
        if (tr.docChanged) editor.view.dispatch(tr.setMeta('addToHistory', false))
      })
      ;(this.storage as { off?: () => void }).off = off
    },
    onDestroy() {
      ;(this.storage as { off?: () => void }).off?.()
    },
    addStorage() {
      return {} as { off?: () => void }
    }
  })
}

/** Events inside a table's own interface are the table's; the drag handle stays ProseMirror's. */
function tableStopEvent({ event }: { event: Event }): boolean {
  const target = event.target as HTMLElement | null
  if (!target?.closest) return false
  if (target.closest('[data-drag-handle]')) return false
  if (event.type.startsWith('drag') || event.type === 'drop') return false
  return !!target.closest('.rt-body')
}

export const liveDataEditor: EditorContribution = (env) => ({
  name: 'live-data',
  nodeViews: {
    reportTable: ReactNodeViewRenderer(ReportTableNodeView, { stopEvent: tableStopEvent, ignoreMutation: () => true }),
    figure: ReactNodeViewRenderer(FigureNodeView, { ignoreMutation: () => true }),
    dataField: dataFieldView(env.numbering),
    crossRef: crossRefView(env.numbering)
  },
  extensions: [behaviour(env)]
})
