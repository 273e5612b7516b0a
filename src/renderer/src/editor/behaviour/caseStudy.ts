import { Extension, type Editor } from '@tiptap/core'
import { TextSelection, type EditorState } from '@tiptap/pm/state'
import type { Node as PMNode } from '@tiptap/pm/model'
import { newId } from '@shared/editor/ids'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    reportCaseStudy: {
      /** Insert an empty case (title line and one paragraph) after the block holding the cursor. */
      insertCaseStudy: (title?: string) => ReturnType
      /** Set the school of the case holding the cursor ('' clears it). */
      setCaseSchool: (school: string) => ReturnType
      /** Remove the case holding the cursor. */
      deleteCaseStudy: () => ReturnType
    }
  }
}

/** The case holding the selection, with its position. */
export function findCase(state: EditorState): { node: PMNode; pos: number } | null {
  const $from = state.selection.$from
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d)
    if (node.type.name === 'caseStudy') return { node, pos: $from.before(d) }
  }
  return null
}

/** The case holding the selection, for toolbars. */
export function currentCase(editor: Editor): { node: PMNode; pos: number } | null {
  return findCase(editor.state)
}

/**
 * 案例 editing: insert a case where the cursor is, set its school, remove
 * it; Enter on an empty last line of a case leaves the case (as in lists).
 */
export const CaseStudyEditing = Extension.create({
  name: 'reportCaseStudy',
  addCommands() {
    return {
      insertCaseStudy:
        (title = '') =>
        ({ state, dispatch }) => {
          const { schema } = state
          const $from = state.selection.$from
          // After the top-level block holding the cursor: cases never nest.
          const at = $from.depth > 0 ? $from.after(1) : state.doc.content.size
          const node = schema.nodes.caseStudy.create({ id: newId('case'), school: '' }, [
            schema.nodes.caseTitle.create(null, title ? schema.text(title) : null),
            schema.nodes.paragraph.create()
          ])
          if (dispatch) {
            const tr = state.tr.insert(at, node)
            tr.setSelection(TextSelection.create(tr.doc, at + 2 + (title ? title.length : 0)))
            dispatch(tr.scrollIntoView())
          }
          return true
        },
      setCaseSchool:
        (school) =>
        ({ state, dispatch }) => {
          const found = findCase(state)
          if (!found) return false
          if (dispatch) dispatch(state.tr.setNodeMarkup(found.pos, undefined, { ...found.node.attrs, school: school.trim().slice(0, 100) }))
          return true
        },
      deleteCaseStudy:
        () =>
        ({ state, dispatch }) => {
          const found = findCase(state)
          if (!found) return false
          if (dispatch) dispatch(state.tr.delete(found.pos, found.pos + found.node.nodeSize).scrollIntoView())
          return true
        }
    }
  },
  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        const { state } = editor
        const { $from, empty } = state.selection
        // The case title is one line: Enter moves on to the case's body.
        if ($from.parent.type.name === 'caseTitle') {
          const bodyStart = $from.after() + 1
          editor.view.dispatch(state.tr.setSelection(TextSelection.near(state.doc.resolve(bodyStart))).scrollIntoView())
          return true
        }
        if (!empty || $from.parent.type.name !== 'paragraph' || $from.parent.content.size > 0) return false
        // An empty paragraph, directly in a case, last, and not the case's only body block.
        if ($from.depth < 2 || $from.node($from.depth - 1).type.name !== 'caseStudy') return false
        const caseNode = $from.node($from.depth - 1)
        if ($from.index($from.depth - 1) !== caseNode.childCount - 1 || caseNode.childCount <= 2) return false
        const paraStart = $from.before()
        const caseEnd = $from.after($from.depth - 1)
        const tr = state.tr.delete(paraStart, paraStart + 2)
        const after = tr.mapping.map(caseEnd)
        tr.insert(after, state.schema.nodes.paragraph.create())
        tr.setSelection(TextSelection.create(tr.doc, after + 1))
        editor.view.dispatch(tr.scrollIntoView())
        return true
      }
    }
  }
})
