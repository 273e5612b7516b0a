import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Editor } from '@tiptap/core'
import type { AppInfo } from '@shared/api'
import type { ChapterRecord, ReportState } from '@shared/model/report'
import { idsOutsideChapter } from '@shared/model/summary'
import { api, transport, errorMessage } from '../../api/client'
import { ConfirmDialog, Dialog } from '../../components/Dialog'
import { TextPrompt } from '../../components/TextPrompt'
import { useNotify } from '../../components/Notice'
import { ChapterEditor, type ChapterEditorHandle } from '../../editor/ChapterEditor'
import { NumberingProvider } from '../../editor/numbering/NumberingProvider'
import { NumberingStore } from '../../editor/numbering/store'
import { SaveQueue } from '../../editor/save/SaveQueue'
import { sidePanels } from '../../panels/registry'
import { SidePanel } from '../../panels/SidePanel'
import type { Workspace } from '../../panels/types'
import { OutlinePane } from './OutlinePane'
import { outlineActions, type OutlineModal } from './outlineActions'
import { Toolbar } from '../../editor/toolbar/Toolbar'
import { FindBar } from '../../editor/search/FindBar'
import { findCase } from '../../editor/behaviour/caseStudy'
import { addSection, deleteSection, renameSection } from '../../editor/commands/sections'
import { CaseMoveDialog } from '../../panels/cases/CaseMoveDialog'
import { PropertiesDialog } from './PropertiesDialog'
import { StatusBar } from './StatusBar'
import { ExportButton } from '../../export/ExportButton'
import { ImportMenu } from '../../import/ImportActions'

interface Props {
  info: AppInfo
  report: ReportState
  onReportChange: (r: ReportState) => void
  /** The report was closed; `then: 'new'` when 新建报告 was chosen from the menu. */
  onClosed: (then?: 'new') => void
}

type Modal =
  | { kind: 'properties' }
  | { kind: 'add-chapter' }
  | { kind: 'rename'; id: string; title: string }
  | { kind: 'delete'; id: string; title: string; hasContent: boolean }
  | { kind: 'save-as' }
  | { kind: 'case-school'; school: string }
  | { kind: 'case-move'; caseId: string }
  | { kind: 'case-delete'; title: string }
  | OutlineModal
  | null

const PANEL_KEY = 'nianbao.sidePanel'

/**
 * 另存为 opens the copy as a new report screen: it starts in the chapter
 * that was open (chapter ids are the same in the copy), not at chapter 1.
 */
let resumeChapterId: string | null = null

/** The main window: outline on the left, the chapter editor in the middle, side panels on the right, the status bar below. */
export function ReportScreen({ info, report, onReportChange, onClosed }: Props) {
  const notify = useNotify()
  const editorRef = useRef<ChapterEditorHandle>(null)
  const [chapter, setChapter] = useState<ChapterRecord | null>(null)
  /** Bumped when the open chapter is reloaded from the file, so a fresh editor is made. */
  const [generation, setGeneration] = useState(0)
  const [modal, setModal] = useState<Modal>(null)
  const [panel, setPanel] = useState<string | null>(() => localStorage.getItem(PANEL_KEY))
  const [editor, setEditor] = useState<Editor | null>(null)
  const [find, setFind] = useState<{ replace: boolean; key: number } | null>(null)
  const [currentHeading, setCurrentHeading] = useState<string | null>(null)
  const pendingNode = useRef<string | null>(null)
  const switching = useRef<Promise<void>>(Promise.resolve())
  const reportRef = useRef(report)
  reportRef.current = report

  const numbering = useMemo(() => new NumberingStore(), [])
  const queue = useMemo(() => new SaveQueue((r) => onReportChange(r.state)), [onReportChange])
  useLayoutEffect(() => numbering.setReport(report), [numbering, report])

  useEffect(() => {
    if (panel) localStorage.setItem(PANEL_KEY, panel)
    else localStorage.removeItem(PANEL_KEY)
  }, [panel])

  /** Leave the open chapter (its text saved, a snapshot taken) and open another one. */
  const switchTo = useCallback(
    async (id: string, nodeId?: string, force = false) => {
      const current = editorRef.current
      if (!force && current && current.chapterId === id) {
        if (nodeId && !current.scrollToNode(nodeId)) notify('info', '没有在本章中找到这一项，可能已被删除。')
        return
      }
      if (current) {
        const leaving = current.chapterId
        const ok = await current.detach()
        if (ok) void queue.run(() => api.revision.create({ chapterId: leaving, reason: 'switch' }).catch(() => null))
      }
      try {
        const next = await api.chapter.get({ id })
        pendingNode.current = nodeId ?? null
        setChapter(next)
        setGeneration((g) => g + 1)
      } catch (e) {
        notify('error', errorMessage(e))
      }
    },
    [notify, queue]
  )

  const openChapter = useCallback(
    (id: string, nodeId?: string) => {
      // Clicks queue up: a second click waits for the first switch to finish.
      const run = switching.current.then(() => switchTo(id, nodeId))
      switching.current = run.catch(() => undefined)
      return run
    },
    [switchTo]
  )

  const reloadChapter = useCallback(async () => {
    const id = editorRef.current?.chapterId ?? chapter?.id
    if (!id) return
    const run = switching.current.then(async () => {
      // The editor being replaced hands over first, so the fresh one starts from what is stored.
      await editorRef.current?.detach()
      try {
        const next = await api.chapter.get({ id })
        setChapter(next)
        setGeneration((g) => g + 1)
      } catch (e) {
        notify('error', errorMessage(e))
      }
    })
    switching.current = run.catch(() => undefined)
    return run
  }, [chapter?.id, notify])

  // Open the first chapter when the report opens, or another one when the open chapter was deleted.
  useEffect(() => {
    if (chapter && report.chapters.some((c) => c.id === chapter.id)) return
    const resumed = report.chapters.find((c) => c.id === resumeChapterId)
    resumeChapterId = null
    const first = resumed ?? report.chapters[0]
    if (!first) {
      setChapter(null)
      return
    }
    const gone = chapter?.id
    const run = switching.current.then(async () => {
      try {
        setChapter(await api.chapter.get({ id: first.id }))
        setGeneration((g) => g + 1)
      } catch (e) {
        if (gone !== undefined || chapter === null) notify('error', errorMessage(e))
      }
    })
    switching.current = run.catch(() => undefined)
  }, [report.chapters, chapter, notify])

  const onEditorReady = useCallback((e: Editor) => {
    setEditor(e)
    const node = pendingNode.current
    pendingNode.current = null
    if (node) requestAnimationFrame(() => editorRef.current?.scrollToNode(node))
  }, [])

  const flush = useCallback(async () => {
    const ok = await queue.flushAll()
    return ok
  }, [queue])

  // Save what is pending when main asks (window close, quit) or the page goes away.
  useEffect(() => {
    const off = transport.onEvent((event) => {
      if (event.type === 'flush-request') {
        void flush()
          .catch(() => false)
          .then((saved) => api.app.flushed({ requestId: event.requestId, saved }))
      } else if (event.type === 'menu') {
        if (event.command === 'save') void flush()
        else if (event.command === 'properties') setModal({ kind: 'properties' })
        else if (event.command === 'save-as') setModal({ kind: 'save-as' })
        else if (event.command === 'close') void close()
        else if (event.command === 'new') void close('new')
        else if (event.command === 'open') void openAnother()
      }
    })
    const onHide = () => queue.flushForUnload()
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flush()
    }
    // Text a failing save still holds (a full disk, a moved file) would go with the page: the browser asks first.
    // (Electron asks in main when the window closes.)
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (transport.transport !== 'browser' || queue.status.getSnapshot().kind !== 'error') return
      e.preventDefault()
      e.returnValue = ''
    }
    window.addEventListener('pagehide', onHide)
    window.addEventListener('beforeunload', onBeforeUnload)
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      off()
      window.removeEventListener('pagehide', onHide)
      window.removeEventListener('beforeunload', onBeforeUnload)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return
      const key = e.key.toLowerCase()
      if (key === 's') {
        e.preventDefault()
        void flush().then((ok) => ok && notify('success', '已保存。'))
      } else if (key === 'f' || key === 'h') {
        e.preventDefault()
        setFind((f) => ({ replace: key === 'h' || (f?.replace ?? false), key: (f?.key ?? 0) + 1 }))
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [flush, notify])

  const numberingContext = useMemo(() => {
    const n = report.numbering
    const mine = n.chapters.findIndex((x) => x.id === chapter?.id)
    const before = new Set(n.chapters.slice(0, Math.max(mine, 0)).map((c) => c.id))
    return { chapterNumber: n.chapters[mine]?.number ?? null, caseOffset: n.cases.filter((c) => before.has(c.chapterId)).length }
  }, [report.numbering, chapter?.id])

  const editorEnv = useMemo(
    () => ({
      foreignIds: () => idsOutsideChapter(reportRef.current.chapters, editorRef.current?.chapterId),
      uploadImage: async (file: Blob) => {
        const data = await blobToBase64(file)
        return api.asset.put({ data })
      },
      assetUrl: (hash: string) => transport.assetUrl(hash),
      notify
    }),
    [notify]
  )

  /** Run a call that answers with the report's new state; false (after telling the user) if it failed. */
  const run = async (f: () => Promise<ReportState | null>): Promise<boolean> => {
    try {
      const r = await f()
      if (r) onReportChange(r)
      return true
    } catch (e) {
      notify('error', errorMessage(e))
      return false
    }
  }

  const close = async (then?: 'new') => {
    const ok = await flush()
    if (!ok) {
      notify('error', '有内容未能保存，请先解决状态栏中提示的问题，或用“另存为”保存到其他位置。')
      return
    }
    await api.report.close()
    onClosed(then)
  }

  /** 文件 › 打开 with a report open: save, then switch to the chosen report (this one stays as it was if none is chosen). */
  const openAnother = async () => {
    const ok = await flush()
    if (!ok) {
      notify('error', '有内容未能保存，请先解决状态栏中提示的问题，或用“另存为”保存到其他位置。')
      return
    }
    try {
      const r = await api.report.openDialog()
      if (r) onReportChange(r)
    } catch (e) {
      notify('error', errorMessage(e))
    }
  }

  const workspace: Workspace = {
    openChapter,
    flush,
    reloadChapter,
    editor: () => editorRef.current?.editor() ?? null,
    setReport: onReportChange,
    notify,
    showPanel: (id) => setPanel(id)
  }

  const outline = outlineActions({
    open: () => {
      const h = editorRef.current
      const e = h?.editor()
      return h && e ? { chapterId: h.chapterId, editor: e } : null
    },
    openChapter,
    flush,
    reloadChapter,
    setReport: onReportChange,
    notify,
    ask: setModal,
    addChapter: () => setModal({ kind: 'add-chapter' }),
    renameChapter: (id) => setModal({ kind: 'rename', id, title: report.chapters.find((c) => c.id === id)?.title ?? '' }),
    deleteChapter: (id) => {
      const c = report.chapters.find((x) => x.id === id)
      if (c) setModal({ kind: 'delete', id, title: c.title, hasContent: numbering.chapterWords(id) > 0 || c.summary.headings.length > 0 })
    },
    moveChapter: (id, to) => void run(() => api.chapter.move({ id, toIndex: to }))
  })

  /** Run an edit on the open chapter's editor, when it is the chapter the action was meant for. */
  const editOpen = (chapterId: string, f: (e: Editor) => ReturnType<typeof addSection>) => {
    const h = editorRef.current
    const e = h?.editor()
    if (!h || !e || h.chapterId !== chapterId) return
    const tr = f(e)
    if (tr) {
      e.view.dispatch(tr)
      e.view.focus()
    }
  }

  const chapterTitle = report.chapters.find((c) => c.id === chapter?.id)?.title ?? ''
  const chapterNumber = numberingContext.chapterNumber

  return (
    <NumberingProvider store={numbering}>
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
          <button type="button" className="btn" onClick={() => void flush().then((ok) => ok && notify('success', '已保存。'))} title="Ctrl+S">
            保存
          </button>
          <button type="button" className="btn" onClick={() => setModal({ kind: 'save-as' })}>
            另存为
          </button>
          <ImportMenu report={report} flush={flush} />
          <ExportButton flush={flush} />
          <button type="button" className="btn" onClick={() => void close()}>
            关闭报告
          </button>
        </header>
        <div className="workspace">
          <OutlinePane activeChapterId={chapter?.id ?? null} currentHeadingId={currentHeading} actions={outline} />
          <main className="editor-column">
            <Toolbar
              editor={editor}
              env={{ ...editorEnv, chapterId: chapter?.id ?? '' }}
              onFind={(replace) => setFind((f) => ({ replace, key: (f?.key ?? 0) + 1 }))}
              onCaseSchool={() => {
                const e = editorRef.current?.editor()
                const found = e && findCase(e.state)
                if (found) setModal({ kind: 'case-school', school: String(found.node.attrs.school ?? '') })
              }}
              onCaseDelete={() => {
                const e = editorRef.current?.editor()
                const found = e && findCase(e.state)
                if (found) setModal({ kind: 'case-delete', title: found.node.firstChild?.textContent ?? '' })
              }}
              onCaseMove={() => {
                const e = editorRef.current?.editor()
                const found = e && findCase(e.state)
                if (found) setModal({ kind: 'case-move', caseId: String(found.node.attrs.id) })
              }}
            />
            {find && (
              <FindBar
                editor={editor}
                chapterId={chapter?.id ?? null}
                replace={find.replace}
                focusKey={find.key}
                onClose={() => {
                  setFind(null)
                  editorRef.current?.editor()?.commands.focus()
                }}
                openChapter={(id) => openChapter(id)}
                flush={flush}
                setReport={onReportChange}
                notify={notify}
              />
            )}
            <div className="editor-pane">
            {chapter ? (
              <div className="page">
                <h1 className="chapter-title" data-testid="chapter-title">
                  {chapterNumber && <span className="num">{chapterNumber}</span>}
                  {chapterTitle}
                </h1>
                <ChapterEditor
                  key={`${chapter.id}:${generation}`}
                  ref={editorRef}
                  chapter={chapter}
                  numbering={numberingContext}
                  queue={queue}
                  store={numbering}
                  env={editorEnv}
                  onReady={onEditorReady}
                  onCurrentHeading={setCurrentHeading}
                />
              </div>
            ) : (
              <p className="empty">这个报告还没有章节。请在左侧添加一章。</p>
            )}
            </div>
          </main>
          <SidePanel panels={sidePanels} active={panel} onSelect={setPanel} report={report} chapterId={chapter?.id ?? null} workspace={workspace} />
        </div>
        <StatusBar status={queue.status} numbering={numbering} chapterId={chapter?.id ?? null} fileName={report.fileName} />

        {modal?.kind === 'properties' && <PropertiesDialog report={report} onSaved={onReportChange} onClose={() => setModal(null)} />}
        {modal?.kind === 'add-chapter' && (
          <TextPrompt
            title="添加章"
            label="章标题"
            confirmLabel="添加"
            onClose={() => setModal(null)}
            onSubmit={(title) => {
              setModal(null)
              void run(() => api.chapter.add({ title, afterId: newChapterPlace(report.chapters) }))
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
              modal.hasContent ? `“${modal.title}”中有内容，删除后可以在历史版本中找回。确定删除吗？` : `确定删除“${modal.title}”吗？`
            }
            confirmLabel="删除"
            onCancel={() => setModal(null)}
            onConfirm={() => {
              const id = modal.id
              setModal(null)
              void (async () => {
                await flush()
                await run(() => api.chapter.remove({ id }))
              })()
            }}
          />
        )}
        {modal?.kind === 'add-section' && (
          <TextPrompt
            title={modal.afterId ? (modal.child ? '添加下级节' : '添加同级节') : '在本章末尾添加一节'}
            label="节标题"
            confirmLabel="添加"
            onClose={() => setModal(null)}
            onSubmit={(title) => {
              const m = modal
              setModal(null)
              void (async () => {
                if (editorRef.current?.chapterId !== m.chapterId) await openChapter(m.chapterId)
                editOpen(m.chapterId, (e) => addSection(e.state, title, m.afterId, m.child))
              })()
            }}
          />
        )}
        {modal?.kind === 'rename-section' && (
          <TextPrompt
            title="重命名节"
            label="节标题"
            initial={modal.title}
            onClose={() => setModal(null)}
            onSubmit={(title) => {
              const m = modal
              setModal(null)
              editOpen(m.chapterId, (e) => renameSection(e.state, m.headingId, title))
            }}
          />
        )}
        {modal?.kind === 'delete-section' &&
          (modal.detail ? (
            <ConfirmDialog
              title="删除节"
              danger
              message={`“${modal.label}”中有 ${modal.detail}，将一起删除。删除后可以用“撤销”（Ctrl+Z）恢复。确定删除吗？`}
              confirmLabel="删除"
              onCancel={() => setModal(null)}
              onConfirm={() => {
                const m = modal
                setModal(null)
                editOpen(m.chapterId, (e) => deleteSection(e.state, m.headingId))
              }}
            />
          ) : (
            <DeleteNow
              run={() => {
                const m = modal
                setModal(null)
                editOpen(m.chapterId, (e) => deleteSection(e.state, m.headingId))
              }}
            />
          ))}
        {modal?.kind === 'case-school' && (
          <SchoolPrompt
            initial={modal.school}
            onClose={() => setModal(null)}
            onSubmit={(school) => {
              setModal(null)
              editorRef.current?.editor()?.chain().focus().setCaseSchool(school).run()
            }}
          />
        )}
        {modal?.kind === 'case-delete' && (
          <ConfirmDialog
            title="删除案例"
            danger
            message={`删除案例“${modal.title || '（未填写标题）'}”及其正文和图片？删除后可以用“撤销”（Ctrl+Z）恢复。`}
            confirmLabel="删除"
            onCancel={() => setModal(null)}
            onConfirm={() => {
              setModal(null)
              editorRef.current?.editor()?.chain().focus().deleteCaseStudy().run()
            }}
          />
        )}
        {modal?.kind === 'case-move' && <CaseMoveDialog caseId={modal.caseId} workspace={workspace} onClose={() => setModal(null)} />}
        {modal?.kind === 'save-as' &&
          (info.nativeDialogs ? (
            <SaveAsNative onDone={() => setModal(null)} run={run} flush={flush} openChapterId={editorRef.current?.chapterId ?? null} />
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
                  await flush()
                  resumeChapterId = editorRef.current?.chapterId ?? null
                  const copied = await run(() => api.report.saveAs({ fileName }))
                  // Text that could not be saved to the old file goes to the new one.
                  if ((await queue.flushAll()) && copied) notify('success', '已另存为新文件。')
                })()
              }}
            />
          ))}
      </div>
    </NumberingProvider>
  )
}

/** A new chapter goes after the last numbered chapter, before the annexes (附件) at the end. */
function newChapterPlace(chapters: ReportState['chapters']): string | undefined {
  let end = chapters.length
  while (end > 0 && chapters[end - 1].kind === 'appendix') end--
  return end > 0 && end < chapters.length ? chapters[end - 1].id : undefined
}

/** An empty section is deleted without asking. */
function DeleteNow({ run }: { run: () => void }) {
  useEffect(() => {
    run()
    // Once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return null
}

/** 案例所属学校: may be left empty (a bureau's own case). */
function SchoolPrompt({ initial, onSubmit, onClose }: { initial: string; onSubmit: (s: string) => void; onClose: () => void }) {
  const [value, setValue] = useState(initial)
  return (
    <Dialog
      title="案例所属学校"
      onClose={onClose}
      testId="school-prompt"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn btn-primary" onClick={() => onSubmit(value)}>
            确定
          </button>
        </>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          onSubmit(value)
        }}
      >
        <label className="field">
          <span>学校名称</span>
          <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={100} placeholder="不填表示不属于某一所学校" />
        </label>
      </form>
    </Dialog>
  )
}

function SaveAsNative({ onDone, run, flush, openChapterId }: { onDone: () => void; run: (f: () => Promise<ReportState | null>) => Promise<boolean>; flush: () => Promise<boolean>; openChapterId: string | null }) {
  useEffect(() => {
    void (async () => {
      await flush()
      resumeChapterId = openChapterId
      await run(() => api.report.saveAs({}))
      await flush()
      onDone()
    })()
    // Runs once when the dialog is requested.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return null
}

/** Base64 of a file's bytes, for asset.put. */
export async function blobToBase64(blob: Blob): Promise<string> {
  const buf = new Uint8Array(await blob.arrayBuffer())
  let s = ''
  const CHUNK = 0x8000
  for (let i = 0; i < buf.length; i += CHUNK) s += String.fromCharCode(...buf.subarray(i, i + CHUNK))
  return btoa(s)
}
