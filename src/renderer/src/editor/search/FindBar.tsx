import { useCallback, useEffect, useRef, useState, type ComponentProps } from 'react'
import type { Editor } from '@tiptap/core'
import type { ChapterHits } from '@shared/contract/search'
import type { ReportState } from '@shared/model/report'
import { api, errorMessage } from '../../api/client'
import { ConfirmDialog } from '../../components/Dialog'
import { chapterLabel } from '@shared/model/numbering'
import { useReportNumbering } from '../numbering/NumberingProvider'
import type { NoticeKind } from '../../components/noticeKind'
import { findKey, gotoMatch, replaceAllMatches, replaceCurrent, selectEdgeMatch, setFind, stepLeavesChapter } from './findPlugin'

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

function useMatchInfo(editor: Editor | null): { count: number; current: number } {
  const [info, setInfo] = useState({ count: 0, current: -1 })
  useEffect(() => {
    if (!editor) return
    const read = () => {
      const f = findKey.getState(editor.state)
      setInfo((old) => (old.count === (f?.matches.length ?? 0) && old.current === (f?.current ?? -1) ? old : { count: f?.matches.length ?? 0, current: f?.current ?? -1 }))
    }
    read()
    editor.on('transaction', read)
    return () => {
      editor.off('transaction', read)
    }
  }, [editor])
  return info
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
 * 查找和替换 (Ctrl+F / Ctrl+H) over the whole report: matches in the open
 * chapter are highlighted and replaced in the editor (one undo step); other
 * chapters are searched and replaced by main, each snapshotted first.
 */
export function FindBar({ editor, chapterId, replace, focusKey, onClose, openChapter, flush, setReport, notify }: Props) {
  const [query, setQuery] = useState('')
  const [replacement, setReplacement] = useState('')
  const [matchCase, setMatchCase] = useState(false)
  const [others, setOthers] = useState<ChapterHits[]>([])
  const [confirmAll, setConfirmAll] = useState(false)
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const numbering = useReportNumbering()
  const here = useMatchInfo(editor)
  const searchSeq = useRef(0)

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [focusKey])

  /** Set when another chapter was opened from the find bar: its first (or, going back, last) match gets selected. */
  const jumped = useRef<0 | -1 | null>(null)

  /**
   * Show the current match. ProseMirror's own scrollIntoView starts from the
   * DOM selection, which is in the find field while the bar has the focus,
   * so it would not scroll the chapter at all.
   */
  const reveal = (e: Editor, settle = false) => {
    const show = () => {
      if (!e.isDestroyed) e.view.dom.querySelector('.find-current')?.scrollIntoView({ block: 'center' })
    }
    requestAnimationFrame(show)
    if (!settle || typeof ResizeObserver === 'undefined') return
    // A chapter just opened still grows while its tables and charts load: keep the match in view meanwhile.
    const watch = new ResizeObserver(show)
    watch.observe(e.view.dom)
    setTimeout(() => watch.disconnect(), 1500)
  }

  // Highlight in the open chapter (again when another chapter opens).
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    const t = setTimeout(() => {
      editor.view.dispatch(setFind(editor.state, query, matchCase))
      if (jumped.current !== null) {
        const tr = selectEdgeMatch(editor.state, jumped.current)
        jumped.current = null
        if (tr) {
          editor.view.dispatch(tr)
          reveal(editor, true)
        }
      }
    }, 120)
    return () => clearTimeout(t)
  }, [editor, query, matchCase])

  /** What `others` holds results for (query, case, open chapter); 下一个 asks main itself when that is not yet the current search. */
  const othersKey = useRef('')
  const searchKey = `${query}\u0000${matchCase}\u0000${chapterId ?? ''}`

  const searchOthers = useCallback(async () => {
    const seq = ++searchSeq.current
    if (!query) return setOthers([])
    try {
      const r = await api.search.find({ query, matchCase, exceptChapterId: chapterId ?? undefined })
      if (seq === searchSeq.current) {
        othersKey.current = `${query}\u0000${matchCase}\u0000${chapterId ?? ''}`
        setOthers(r.chapters)
      }
    } catch (e) {
      if (seq === searchSeq.current) setOthers([])
      notify('error', errorMessage(e))
    }
  }, [query, matchCase, chapterId, notify])

  useEffect(() => {
    const t = setTimeout(() => void searchOthers(), 300)
    return () => clearTimeout(t)
  }, [searchOthers])

  // Leaving clears the highlights.
  useEffect(
    () => () => {
      if (editor && !editor.isDestroyed) editor.view.dispatch(setFind(editor.state, '', false))
    },
    [editor]
  )

  /** The next chapter (in report order, going round) after the open one that has matches. */
  const chapterAfter = async (dir: 1 | -1): Promise<string | null> => {
    let hits = others
    if (othersKey.current !== searchKey) {
      try {
        hits = (await api.search.find({ query, matchCase, exceptChapterId: chapterId ?? undefined })).chapters
      } catch {
        hits = []
      }
    }
    const withHits = new Set(hits.map((o) => o.chapterId))
    const order = numbering.chapters.map((c) => c.id)
    const at = order.indexOf(chapterId ?? '')
    for (let k = 1; k <= order.length; k++) {
      const id = order[(((at + dir * k) % order.length) + order.length) % order.length]
      if (withHits.has(id)) return id
    }
    return null
  }

  /** 下一个 / 上一个: through the open chapter, then on to the next chapter with matches (as Word goes through a document). */
  const go = async (dir: 1 | -1) => {
    if (!editor) return
    // Enter right after typing: the highlights (set a moment after the last keystroke) are brought up to date first.
    const f = findKey.getState(editor.state)
    if (!f || f.query !== query || f.matchCase !== matchCase) editor.view.dispatch(setFind(editor.state, query, matchCase))
    const next = stepLeavesChapter(editor.state, dir) ? await chapterAfter(dir) : null
    if (next) return jumpTo(next, dir === 1 ? 0 : -1)
    if (editor.isDestroyed) return
    const tr = gotoMatch(editor.state, dir)
    if (tr) {
      editor.view.dispatch(tr)
      reveal(editor)
    }
  }

  const jumpTo = async (id: string, which: 0 | -1 = 0) => {
    jumped.current = which
    await openChapter(id)
  }

  const replaceOne = () => {
    if (!editor) return
    const tr = replaceCurrent(editor.state, replacement)
    if (!tr) return go(1)
    editor.view.dispatch(tr)
    const next = gotoMatch(editor.state, 1)
    if (next) {
      editor.view.dispatch(next)
      reveal(editor)
    }
  }

  const replaceHere = (): number => {
    if (!editor) return 0
    const r = replaceAllMatches(editor.state, replacement)
    if (!r) return 0
    editor.view.dispatch(r.tr)
    return r.count
  }

  const replaceEverywhere = async () => {
    setConfirmAll(false)
    setBusy(true)
    try {
      const inChapter = replaceHere()
      await flush()
      let elsewhere = 0
      let chapters = 0
      const ids = others.map((o) => o.chapterId)
      if (ids.length) {
        const r = await api.search.replaceAll({ query, replacement, matchCase, chapterIds: ids })
        setReport(r.state)
        elsewhere = r.replaced
        chapters = r.chapters
      }
      setOthers([])
      const total = inChapter + elsewhere
      notify('success', total ? `已替换 ${total} 处${chapters ? `（其中其他 ${chapters} 章共 ${elsewhere} 处，替换前的内容已保存在历史版本中）` : ''}。` : '没有找到要替换的内容。')
    } catch (e) {
      notify('error', `替换未完成：${errorMessage(e)}`)
    } finally {
      setBusy(false)
    }
  }

  const totalOthers = others.reduce((n, o) => n + o.count, 0)
  const chapterName = (id: string) => {
    const c = numbering.chapters.find((x) => x.id === id)
    return c ? chapterLabel(c) : ''
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
          onChange={setQuery}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              go(e.shiftKey ? -1 : 1)
            }
          }}
          data-testid="find-input"
        />
        <span className="find-count" data-testid="find-count">
          {query ? (here.count ? `本章 ${here.current + 1}/${here.count}` : '本章 0 处') : ''}
          {query && totalOthers > 0 ? ` · 其他章 ${totalOthers} 处` : ''}
        </span>
        <button type="button" className="btn btn-small" onClick={() => go(-1)} disabled={!query} title="上一个（Shift+Enter）">
          上一个
        </button>
        <button type="button" className="btn btn-small" onClick={() => go(1)} disabled={!query} title="下一个（Enter）">
          下一个
        </button>
        <label className="find-option">
          <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} /> 区分大小写
        </label>
        <button type="button" className="find-close" aria-label="关闭查找" onClick={onClose}>
          ×
        </button>
      </div>
      {replace && (
        <div className="find-row">
          <FindInput placeholder="替换为" label="替换为" value={replacement} onChange={setReplacement} data-testid="replace-input" />
          <button type="button" className="btn btn-small" onClick={replaceOne} disabled={!query || !here.count || busy}>
            替换
          </button>
          <button type="button" className="btn btn-small" onClick={() => notify('success', `本章已替换 ${replaceHere()} 处。`)} disabled={!query || !here.count || busy}>
            本章全部替换
          </button>
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => setConfirmAll(true)}
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
              <button type="button" onClick={() => void jumpTo(o.chapterId)} title={o.snippets.map((s) => `…${s.before}${s.match}${s.after}…`).join('\n')}>
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
      {confirmAll && (
        <ConfirmDialog
          title="全文全部替换"
          message={`将把全文 ${here.count + totalOthers} 处“${query}”替换为“${replacement}”（本章 ${here.count} 处，其他 ${others.length} 章 ${totalOthers} 处）。其他章替换前的内容会保存在历史版本中，本章可以撤销。确定替换吗？`}
          confirmLabel="全部替换"
          onCancel={() => setConfirmAll(false)}
          onConfirm={() => void replaceEverywhere()}
        />
      )}
    </div>
  )
}
