import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type ComponentProps } from 'react'
import type { Editor } from '@tiptap/core'
import type { ReportState } from '@shared/model/report'
import { api } from '../../api/client'
import { ConfirmDialog } from '../../components/Dialog'
import { chapterLabel } from '@shared/model/numbering'
import { useNumberingStore, useReportNumbering } from '../numbering/NumberingProvider'
import type { NoticeKind } from '../../components/noticeKind'
import { FindController, findCountText } from './findController'
import { findEditorOf } from './findEditor'
import './find.css'

interface Props {
  editor: Editor | null
  chapterId: string | null
  replace: boolean
  /** Bumped each time Ctrl+F / Ctrl+H is pressed, to focus the field again. */
  focusKey: number
  onClose: () => void
  openChapter: (id: string) => Promise<void>
  flush: () => Promise<boolean>
  setReport: (r: ReportState) => void
  notify: (kind: NoticeKind, text: string) => void
}

interface FindInputProps extends Omit<ComponentProps<'input'>, 'onChange'> {
  label: string
  value: string
  onChange: (value: string) => void
}

/** The 查找 and 替换为 fields. */
function FindInput({ label, onChange, ...rest }: FindInputProps) {
  return <input className="find-input" aria-label={label} maxLength={200} onChange={(e) => onChange(e.target.value)} {...rest} />
}

/**
 * 查找和替换 (Ctrl+F / Ctrl+H) over the whole report. What it does is the
 * find controller's (findController.ts); this draws it.
 */
export function FindBar({ editor, chapterId, replace, focusKey, onClose, openChapter, flush, setReport, notify }: Props) {
  const store = useNumberingStore()
  const latest = useRef({ openChapter, flush, setReport, notify })
  latest.current = { openChapter, flush, setReport, notify }
  const [c] = useState(
    () =>
      new FindController({
        api,
        openChapter: (id) => latest.current.openChapter(id),
        flush: () => latest.current.flush(),
        setReport: (r) => latest.current.setReport(r),
        notify: (kind, text) => latest.current.notify(kind, text),
        chapterOrder: () => store.getSnapshot().chapters.map((x) => x.id)
      })
  )
  const s = useSyncExternalStore(c.subscribe, c.getSnapshot)
  const numbering = useReportNumbering()
  const input = useRef<HTMLInputElement>(null)
  const target = useMemo(() => (editor ? findEditorOf(editor) : null), [editor])

  useEffect(() => c.show(target, chapterId), [c, target, chapterId])
  // Leaving clears the highlights.
  useEffect(() => () => c.close(), [c])

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [focusKey])

  const { query, here, others, busy } = s
  const totalOthers = c.totalOthers
  const chapterName = (id: string) => {
    const x = numbering.chapters.find((ch) => ch.id === id)
    return x ? chapterLabel(x) : ''
  }

  return (
    <div
      className="find-bar"
      role="search"
      data-testid="find-bar"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          onClose()
        }
      }}
    >
      <div className="find-row">
        <FindInput
          ref={input}
          placeholder="查找"
          label="查找内容"
          value={query}
          onChange={(q) => c.setQuery(q)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              void c.go(e.shiftKey ? -1 : 1)
            }
          }}
          data-testid="find-input"
        />
        <span className="find-count" data-testid="find-count">
          {findCountText(s, totalOthers)}
        </span>
        <button type="button" className="btn btn-small" onClick={() => void c.go(-1)} disabled={!query} title="上一个（Shift+Enter）">
          上一个
        </button>
        <button type="button" className="btn btn-small" onClick={() => void c.go(1)} disabled={!query} title="下一个（Enter）">
          下一个
        </button>
        <label className="find-option">
          <input type="checkbox" checked={s.matchCase} onChange={(e) => c.setMatchCase(e.target.checked)} /> 区分大小写
        </label>
        <button type="button" className="find-close" aria-label="关闭查找" onClick={onClose}>
          ×
        </button>
      </div>
      {replace && (
        <div className="find-row">
          <FindInput placeholder="替换为" label="替换为" value={s.replacement} onChange={(r) => c.setReplacement(r)} data-testid="replace-input" />
          <button type="button" className="btn btn-small" onClick={() => void c.replaceOne()} disabled={!query || !here.count || busy}>
            替换
          </button>
          <button type="button" className="btn btn-small" onClick={() => c.replaceInChapter()} disabled={!query || !here.count || busy}>
            本章全部替换
          </button>
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => c.askReplaceAll()}
            disabled={!query || (!here.count && !totalOthers) || busy}
            data-testid="replace-all"
          >
            全文全部替换
          </button>
        </div>
      )}
      {query && others.length > 0 && (
        <ul className="find-others" aria-label="其他章中的结果">
          {others.map((o) => (
            <li key={o.chapterId}>
              <button type="button" onClick={() => void c.jumpTo(o.chapterId)} title={o.snippets.map((x) => `…${x.before}${x.match}${x.after}…`).join('\n')}>
                <span className="find-chapter">{chapterName(o.chapterId)}</span>
                <span className="find-snippet">
                  …{o.snippets[0]?.before}
                  <mark>{o.snippets[0]?.match}</mark>
                  {o.snippets[0]?.after}…
                </span>
                <span className="find-n">{o.count} 处</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {s.confirmAll && (
        <ConfirmDialog
          title="全文全部替换"
          message={c.confirmMessage}
          confirmLabel="全部替换"
          onCancel={() => c.cancelReplaceAll()}
          onConfirm={() => void c.replaceEverywhere()}
        />
      )}
    </div>
  )
}
