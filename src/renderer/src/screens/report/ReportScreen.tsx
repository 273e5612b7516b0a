import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { AppInfo, SaveResult } from '@shared/api'
import type { ChapterRecord, ReportState } from '@shared/model/report'
import { api, bridge, errorMessage } from '../../api/client'
import { ConfirmDialog } from '../../components/Dialog'
import { TextPrompt } from '../../components/TextPrompt'
import { useNotify } from '../../components/Notice'
import { ChapterEditor, type ChapterEditorHandle } from '../../editor/ChapterEditor'
import type { SaveStatus } from '../../editor/useAutosave'
import { OutlinePane } from './OutlinePane'
import { PropertiesDialog } from './PropertiesDialog'
import { StatusBar } from './StatusBar'

interface Props {
  info: AppInfo
  report: ReportState
  onReportChange: (r: ReportState) => void
  onClosed: () => void
}

type Modal =
  | { kind: 'properties' }
  | { kind: 'add-chapter' }
  | { kind: 'rename'; id: string; title: string }
  | { kind: 'delete'; id: string; title: string; hasContent: boolean }
  | { kind: 'save-as' }
  | null

/** The main window: outline on the left, the chapter editor in the middle, the status bar below. */
export function ReportScreen({ info, report, onReportChange, onClosed }: Props) {
  const notify = useNotify()
  const editorRef = useRef<ChapterEditorHandle>(null)
  const [chapter, setChapter] = useState<ChapterRecord | null>(null)
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved' })
  const [chapterWords, setChapterWords] = useState(0)
  const [modal, setModal] = useState<Modal>(null)
  const pendingHeading = useRef<string | null>(null)

  const openChapter = useCallback(
    async (id: string, headingId?: string) => {
      if (chapter?.id === id) {
        if (headingId) editorRef.current?.scrollToNode(headingId)
        return
      }
      await editorRef.current?.flush()
      try {
        const next = await api.chapter.get({ id })
        pendingHeading.current = headingId ?? null
        setChapter(next)
      } catch (e) {
        notify('error', errorMessage(e))
      }
    },
    [chapter?.id, notify]
  )

  // Open the first chapter when the report opens (or when the open chapter was deleted).
  useEffect(() => {
    if (!chapter || !report.chapters.some((c) => c.id === chapter.id)) {
      const first = report.chapters[0]
      if (first) void api.chapter.get({ id: first.id }).then(setChapter, (e) => notify('error', errorMessage(e)))
      else setChapter(null)
    }
  }, [report.chapters, chapter, notify])

  useEffect(() => {
    if (chapter && pendingHeading.current) {
      const h = pendingHeading.current
      pendingHeading.current = null
      requestAnimationFrame(() => editorRef.current?.scrollToNode(h))
    }
  }, [chapter])

  // Save what is pending when main asks (window close, quit) or the page goes away.
  useEffect(() => {
    const off = bridge.onEvent((event) => {
      if (event.type === 'flush-request') {
        void (editorRef.current?.flush() ?? Promise.resolve()).finally(() => api.app.flushed({ requestId: event.requestId }))
      } else if (event.type === 'menu') {
        if (event.command === 'save') void editorRef.current?.flush()
        else if (event.command === 'properties') setModal({ kind: 'properties' })
        else if (event.command === 'save-as') setModal({ kind: 'save-as' })
        else if (event.command === 'close') void close()
      }
    })
    const onHide = () => void editorRef.current?.flush()
    window.addEventListener('pagehide', onHide)
    document.addEventListener('visibilitychange', onHide)
    return () => {
      off()
      window.removeEventListener('pagehide', onHide)
      document.removeEventListener('visibilitychange', onHide)
    }
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault()
        void editorRef.current?.flush()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const numberingContext = useMemo(() => {
    const n = report.numbering
    const numbered = n.chapters.find((c) => c.id === chapter?.id)
    const caseOffset = n.cases.filter((c) => {
      const idx = n.chapters.findIndex((x) => x.id === c.chapterId)
      const mine = n.chapters.findIndex((x) => x.id === chapter?.id)
      return idx < mine
    }).length
    return { chapterNumber: numbered?.number ?? null, caseOffset }
  }, [report.numbering, chapter?.id])

  const onSaved = useCallback((r: SaveResult) => onReportChange(r.state), [onReportChange])

  const run = async (f: () => Promise<ReportState | null>) => {
    try {
      const r = await f()
      if (r) onReportChange(r)
    } catch (e) {
      notify('error', errorMessage(e))
    }
  }

  const close = async () => {
    await editorRef.current?.flush()
    await api.report.close()
    onClosed()
  }

  const chapterTitle = report.chapters.find((c) => c.id === chapter?.id)?.title ?? ''
  const chapterNumber = numberingContext.chapterNumber

  return (
    <div className="report-screen">
      <header className="top-bar">
        <div className="logo small" aria-hidden="true">
          年报
        </div>
        <div className="report-title" data-testid="report-title">
          {report.meta.title}
        </div>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setModal({ kind: 'properties' })}>
          报告属性
        </button>
        <button type="button" className="btn" onClick={() => void editorRef.current?.flush()} title="Ctrl+S">
          保存
        </button>
        <button type="button" className="btn" onClick={() => setModal({ kind: 'save-as' })}>
          另存为
        </button>
        <button type="button" className="btn" onClick={() => void close()}>
          关闭报告
        </button>
      </header>
      <div className="workspace">
        <OutlinePane
          report={report}
          activeChapterId={chapter?.id ?? null}
          onSelectChapter={(id) => void openChapter(id)}
          onSelectHeading={(cid, hid) => void openChapter(cid, hid)}
          onAddChapter={() => setModal({ kind: 'add-chapter' })}
          onRenameChapter={(id) => setModal({ kind: 'rename', id, title: report.chapters.find((c) => c.id === id)?.title ?? '' })}
          onDeleteChapter={(id) => {
            const c = report.chapters.find((x) => x.id === id)
            if (c) setModal({ kind: 'delete', id, title: c.title, hasContent: c.summary.words > 0 || c.summary.headings.length > 0 })
          }}
          onMoveChapter={(id, to) => void run(() => api.chapter.move({ id, toIndex: to }))}
        />
        <main className="editor-pane">
          {chapter ? (
            <div className="page">
              <h1 className="chapter-title" data-testid="chapter-title">
                {chapterNumber && <span className="num">{chapterNumber}</span>}
                {chapterTitle}
              </h1>
              <ChapterEditor
                key={chapter.id}
                ref={editorRef}
                chapter={chapter}
                numbering={numberingContext}
                onSaved={onSaved}
                onStatus={setStatus}
                onWords={setChapterWords}
              />
            </div>
          ) : (
            <p className="empty">这个报告还没有章节。请在左侧添加一章。</p>
          )}
        </main>
      </div>
      <StatusBar status={status} chapterWords={chapterWords} reportWords={report.words} fileName={report.fileName} />

      {modal?.kind === 'properties' && <PropertiesDialog report={report} onSaved={onReportChange} onClose={() => setModal(null)} />}
      {modal?.kind === 'add-chapter' && (
        <TextPrompt
          title="添加章"
          label="章标题"
          confirmLabel="添加"
          onClose={() => setModal(null)}
          onSubmit={(title) => {
            setModal(null)
            void run(() => api.chapter.add({ title }))
          }}
        />
      )}
      {modal?.kind === 'rename' && (
        <TextPrompt
          title="重命名章"
          label="章标题"
          initial={modal.title}
          onClose={() => setModal(null)}
          onSubmit={(title) => {
            setModal(null)
            void run(() => api.chapter.rename({ id: modal.id, title }))
          }}
        />
      )}
      {modal?.kind === 'delete' && (
        <ConfirmDialog
          title="删除章"
          danger
          message={
            modal.hasContent
              ? `“${modal.title}”中有内容，删除后可以在历史版本中找回。确定删除吗？`
              : `确定删除“${modal.title}”吗？`
          }
          confirmLabel="删除"
          onCancel={() => setModal(null)}
          onConfirm={() => {
            const id = modal.id
            setModal(null)
            void run(() => api.chapter.remove({ id }))
          }}
        />
      )}
      {modal?.kind === 'save-as' &&
        (info.nativeDialogs ? (
          <SaveAsNative onDone={() => setModal(null)} run={run} flush={() => editorRef.current?.flush()} />
        ) : (
          <TextPrompt
            title="另存为"
            label="新文件名"
            initial={`${report.fileName.replace(/\.nianbao$/i, '')}-副本`}
            confirmLabel="保存"
            onClose={() => setModal(null)}
            onSubmit={(fileName) => {
              setModal(null)
              void (async () => {
                await editorRef.current?.flush()
                await run(() => api.report.saveAs({ fileName }))
                notify('success', '已另存为新文件。')
              })()
            }}
          />
        ))}
    </div>
  )
}

function SaveAsNative({ onDone, run, flush }: { onDone: () => void; run: (f: () => Promise<ReportState | null>) => Promise<void>; flush: () => Promise<void> | undefined }) {
  useEffect(() => {
    void (async () => {
      await flush()
      await run(() => api.report.saveAs({}))
      onDone()
    })()
    // Runs once when the dialog is requested.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return null
}
