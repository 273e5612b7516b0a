import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef } from 'react'
import { EditorContent, useEditor } from '@tiptap/react'
import type { SaveResult } from '@shared/api'
import type { ChapterRecord } from '@shared/model/report'
import { reportExtensions } from '@shared/editor/schema'
import { countWords } from '@shared/model/wordCount'
import { Numbering, numberingKey, type NumberingContext } from './extensions/numbering'
import { useAutosave, type SaveStatus } from './useAutosave'

export interface ChapterEditorHandle {
  flush(): Promise<void>
  scrollToNode(id: string): void
}

interface Props {
  chapter: ChapterRecord
  numbering: NumberingContext
  onSaved: (r: SaveResult) => void
  onStatus: (s: SaveStatus) => void
  onWords: (words: number) => void
}

/** One tiptap editor for one chapter; numbers are drawn, text is saved continuously. */
export const ChapterEditor = forwardRef<ChapterEditorHandle, Props>(function ChapterEditor({ chapter, numbering, onSaved, onStatus, onWords }, ref) {
  const ctx = useRef(numbering)
  ctx.current = numbering
  const extensions = useMemo(() => [...reportExtensions(), Numbering.configure({ context: () => ctx.current })], [])
  const editor = useEditor(
    {
      extensions,
      content: chapter.doc,
      editorProps: { attributes: { class: 'chapter-doc', spellcheck: 'false', 'aria-label': `${chapter.title} 正文` } },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false
    },
    [chapter.id]
  )
  const { status, flush } = useAutosave(chapter.id, editor, chapter.version, onSaved)

  useEffect(() => onStatus(status), [status, onStatus])

  // Renumber when the chapter's place in the report changes (e.g. a chapter moved before it).
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(numberingKey, true))
  }, [editor, numbering.chapterNumber, numbering.caseOffset])

  useImperativeHandle(
    ref,
    () => ({
      flush,
      scrollToNode(id: string) {
        const el = editor?.view.dom.querySelector(`[data-id="${CSS.escape(id)}"]`)
        el?.scrollIntoView({ block: 'start', behavior: 'smooth' })
      }
    }),
    [flush, editor]
  )

  // 字数 of this chapter, recounted shortly after typing pauses.
  useEffect(() => {
    if (!editor) return
    let t: ReturnType<typeof setTimeout> | null = null
    const count = () => onWords(countWords(editor.state.doc.textContent))
    const onUpdate = () => {
      if (t) clearTimeout(t)
      t = setTimeout(count, 300)
    }
    count()
    editor.on('update', onUpdate)
    return () => {
      if (t) clearTimeout(t)
      editor.off('update', onUpdate)
    }
  }, [editor, onWords])

  return <EditorContent editor={editor} className="editor-surface" />
})
