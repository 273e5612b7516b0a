import { useCallback, useEffect, useRef, useState } from 'react'
import type { Editor } from '@tiptap/core'
import type { SaveResult } from '@shared/api'
import type { DocNode } from '@shared/model/doc'
import { api, ApiError, errorMessage } from '../api/client'

export type SaveStatus = { kind: 'saved' } | { kind: 'saving' } | { kind: 'dirty' } | { kind: 'error'; message: string }

export const AUTOSAVE_DELAY_MS = 1000
const RETRY_MS = 3000

/**
 * Saves the chapter at most a second after typing stops, at once on flush()
 * (blur, chapter switch, Ctrl+S, close), and keeps retrying after a failure
 * while the text stays in the editor. One save runs at a time.
 */
export function useAutosave(chapterId: string, editor: Editor | null, initialVersion: number, onSaved: (r: SaveResult) => void) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved' })
  const version = useRef(initialVersion)
  const dirty = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const inFlight = useRef<Promise<void> | null>(null)
  const onSavedRef = useRef(onSaved)
  onSavedRef.current = onSaved

  const save = useCallback(async (): Promise<void> => {
    if (!editor || editor.isDestroyed) return
    if (inFlight.current) await inFlight.current
    if (!dirty.current) return
    dirty.current = false
    const doc = editor.getJSON() as DocNode
    setStatus({ kind: 'saving' })
    const run = (async () => {
      try {
        const r = await api.chapter.save({ id: chapterId, doc, baseVersion: version.current })
        version.current = r.version
        if (r.normalized && !editor.isDestroyed && !dirty.current) {
          editor.commands.setContent(r.normalized, { emitUpdate: false })
        }
        setStatus(dirty.current ? { kind: 'dirty' } : { kind: 'saved' })
        onSavedRef.current(r)
      } catch (e) {
        dirty.current = true
        setStatus({ kind: 'error', message: errorMessage(e) })
        if (!(e instanceof ApiError && e.code === 'CONFLICT')) {
          if (timer.current) clearTimeout(timer.current)
          timer.current = setTimeout(() => void save(), RETRY_MS)
        }
      }
    })()
    inFlight.current = run
    await run
    inFlight.current = null
  }, [chapterId, editor])

  const schedule = useCallback(() => {
    dirty.current = true
    setStatus((s) => (s.kind === 'error' ? s : { kind: 'dirty' }))
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS)
  }, [save])

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    await save()
  }, [save])

  useEffect(() => {
    if (!editor) return
    const onUpdate = () => schedule()
    const onBlur = () => void flush()
    editor.on('update', onUpdate)
    editor.on('blur', onBlur)
    return () => {
      editor.off('update', onUpdate)
      editor.off('blur', onBlur)
    }
  }, [editor, schedule, flush])

  useEffect(() => () => void flush(), [flush])

  return { status, flush, isDirty: () => dirty.current }
}
