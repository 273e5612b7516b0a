import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef } from 'react'
import { EditorContent, useEditor } from '@tiptap/react'
import type { Editor } from '@tiptap/core'
import { TextSelection, NodeSelection } from '@tiptap/pm/state'
import type { ChapterRecord } from '@shared/model/report'
import type { EditorEnv } from './contribution'
import { buildEditorExtensions } from './extensions'
import { useContributions } from './FeaturesProvider'
import { structureOf } from '@shared/editor/structure'
import { followNumbering } from './numbering/liveChapter'
import type { NumberingStore } from './numbering/store'
import { ChapterSaver } from './save/ChapterSaver'
import type { SaveQueue } from './save/SaveQueue'
import './chapter.css'

export interface ChapterEditorHandle {
  readonly chapterId: string
  /** Save now; false if it failed (the status bar says why and saving retries). */
  flush(): Promise<boolean>
  /** The chapter is being closed: hand its text to the save queue (`leaving`: for another chapter, snapshot it as left). */
  detach(leaving?: boolean): Promise<boolean>
  editor(): Editor | null
  /** Scroll to a heading, case, table or figure by id and put the cursor there. */
  scrollToNode(id: string): boolean
}

interface Props {
  chapter: ChapterRecord
  queue: SaveQueue
  /** The report's numbering: this chapter's place in it, and where the chapter's live outline goes. */
  store: NumberingStore
  env: Omit<EditorEnv, 'chapterId' | 'numbering' | 'place'>
  onReady?: (editor: Editor) => void
  /** The section the cursor is in (its heading id), for the outline; null before the first heading. */
  onCurrentHeading?: (headingId: string | null) => void
}

/** One tiptap editor for one chapter: numbers are drawn, text is saved continuously. */
export const ChapterEditor = forwardRef<ChapterEditorHandle, Props>(function ChapterEditor({ chapter, queue, store, env, onReady, onCurrentHeading }, ref) {
  const envRef = useRef(env)
  envRef.current = env
  const contributions = useContributions().editor

  const extensions = useMemo(
    () =>
      buildEditorExtensions({
        chapterId: chapter.id,
        numbering: store,
        place: () => store.contextOf(chapter.id),
        foreignIds: () => envRef.current.foreignIds(),
        uploadImage: (f, n) => envRef.current.uploadImage(f, n),
        assetUrl: (h) => envRef.current.assetUrl(h),
        notify: (k, t) => envRef.current.notify(k, t)
      }, contributions),
    [chapter.id, store, contributions]
  )

  // A closed editor of this chapter may still hold text that is not stored yet: continue from it.
  const takeover = useMemo(() => queue.takeOver(chapter.id), [queue, chapter.id])

  const editor = useEditor(
    {
      extensions,
      content: takeover?.currentDoc()?.toJSON() ?? chapter.doc,
      editorProps: {
        attributes: { class: 'chapter-doc', spellcheck: 'false', 'aria-label': `${chapter.title} 正文`, 'data-chapter-id': chapter.id }
      },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      enableContentCheck: false,
      // Copied text is serialized from the copied slice (see paste/pastePlugin.ts), so heading numbers come along.
      enableCoreExtensions: { clipboardTextSerializer: false }
    },
    [chapter.id]
  )

  const saver = useMemo(() => {
    if (!editor) return null
    const s = new ChapterSaver(queue, chapter.id, editor, chapter.version, takeover ? null : editor.state.doc)
    if (takeover) s.adoptFrom(takeover)
    return s
  }, [editor, queue, chapter.id, chapter.version, takeover])

  // However the editor goes away, its unsaved text goes to the save queue.
  useEffect(() => {
    if (!saver) return
    return () => {
      if (!saver.isDetached()) void saver.detach()
    }
  }, [saver])

  // Edits mark the chapter for saving; blur saves at once.
  useEffect(() => {
    if (!editor || !saver) return
    const onTransaction = ({ transaction }: { transaction: Parameters<typeof ChapterSaver.isEdit>[0] }) => {
      if (ChapterSaver.isEdit(transaction)) saver.markDirty()
    }
    const onBlur = () => void saver.flush()
    editor.on('transaction', onTransaction)
    editor.on('blur', onBlur)
    return () => {
      editor.off('transaction', onTransaction)
      editor.off('blur', onBlur)
    }
  }, [editor, saver])

  // The open chapter's outline goes to the report's numbering as it changes; its numbers follow its place in the report.
  useEffect(() => (editor ? followNumbering(editor, store, chapter.id) : undefined), [editor, store, chapter.id])

  // The section holding the cursor, shortly after the cursor stops moving.
  const onHeadingRef = useRef(onCurrentHeading)
  onHeadingRef.current = onCurrentHeading
  useEffect(() => {
    if (!editor) return
    let timer: ReturnType<typeof setTimeout> | null = null
    let last: string | null | undefined
    const check = () => {
      timer = null
      if (editor.isDestroyed) return
      const at = editor.state.selection.from
      let id: string | null = null
      for (const h of structureOf(editor.state.doc).headings) {
        if (h.pos > at) break
        id = (h.node.attrs.id as string | null) ?? null
      }
      if (id !== last) {
        last = id
        onHeadingRef.current?.(id)
      }
    }
    const onSelection = () => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(check, 200)
    }
    check()
    editor.on('selectionUpdate', onSelection)
    return () => {
      if (timer) clearTimeout(timer)
      editor.off('selectionUpdate', onSelection)
    }
  }, [editor])

  useEffect(() => {
    if (editor) onReady?.(editor)
    // Only when a new editor was made.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor])

  useImperativeHandle(
    ref,
    () => ({
      chapterId: chapter.id,
      flush: () => saver?.flush() ?? Promise.resolve(true),
      detach: (leaving?: boolean) => saver?.detach(leaving) ?? Promise.resolve(true),
      editor: () => (editor && !editor.isDestroyed ? editor : null),
      scrollToNode(id: string) {
        if (!editor || editor.isDestroyed) return false
        let found = -1
        editor.state.doc.descendants((node, pos) => {
          if (found >= 0) return false
          if (node.attrs.id === id && ['heading', 'caseStudy', 'reportTable', 'figure'].includes(node.type.name)) {
            found = pos
            return false
          }
          return !node.isTextblock
        })
        if (found < 0) return false
        const node = editor.state.doc.nodeAt(found)!
        const sel = node.isTextblock || node.type.name === 'caseStudy' ? TextSelection.create(editor.state.doc, found + (node.isTextblock ? 1 : 2)) : NodeSelection.create(editor.state.doc, found)
        editor.view.dispatch(editor.state.tr.setSelection(sel))
        const dom = editor.view.nodeDOM(found)
        if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'start' })
        editor.view.focus()
        return true
      }
    }),
    [saver, editor, chapter.id]
  )

  return <EditorContent editor={editor} className="editor-surface" />
})
