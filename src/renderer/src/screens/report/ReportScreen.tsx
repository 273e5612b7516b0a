import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { AppInfo } from '@shared/api'
import type { ReportState } from '@shared/model/report'
import { api, transport } from '../../api/client'
import { useNotify } from '../../components/Notice'
import { ChapterEditor } from '../../editor/ChapterEditor'
import { NumberingProvider } from '../../editor/numbering/NumberingProvider'
import { SidePanel } from '../../panels/SidePanel'
import { Toolbar } from '../../editor/toolbar/Toolbar'
import { FindBar } from '../../editor/search/FindBar'
import { useContributions } from '../../editor/FeaturesProvider'
import { OutlinePane } from './OutlinePane'
import { outlineActions } from './outlineActions'
import { ReportController } from './reportController'
import { ReportDialogsView } from './ReportDialogsView'
import { listenToWindow } from './reportEvents'
import { StatusBar } from './StatusBar'
import './report.css'

interface Props {
  info: AppInfo
  report: ReportState
  /** The chapter to start in (the copy made by 另存为 continues where the original was), else the first. */
  resumeChapterId?: string | null
  onReportChange: (r: ReportState) => void
  /** 另存为 made a copy, which main now holds open. */
  onSavedAs: (copy: ReportState, chapterId: string | null) => void
  /** The report was closed; `then: 'new'` when 新建报告 was chosen from the menu. */
  onClosed: (then?: 'new') => void
}

/**
 * The main window: outline on the left, the chapter editor in the middle,
 * side panels on the right, the status bar below. What it does is the
 * report controller's (reportController.ts); this draws it.
 */
export function ReportScreen({ info, report, resumeChapterId = null, onReportChange, onSavedAs, onClosed }: Props) {
  const notify = useNotify()
  const latest = useRef({ notify, onReportChange, onSavedAs, onClosed })
  latest.current = { notify, onReportChange, onSavedAs, onClosed }
  const [c] = useState(
    () =>
      new ReportController(
        report,
        {
          api,
          notify: (kind, text) => latest.current.notify(kind, text),
          setReport: (r) => latest.current.onReportChange(r),
          savedAs: (copy, chapterId) => latest.current.onSavedAs(copy, chapterId),
          closed: (then) => latest.current.onClosed(then),
          nativeDialogs: info.nativeDialogs,
          transport: transport.transport,
          assetUrl: (hash) => transport.assetUrl(hash),
          storage: localStorage,
          later: (f) => requestAnimationFrame(f)
        },
        resumeChapterId
      )
  )
  const s = useSyncExternalStore(c.subscribe, c.getSnapshot)
  const { panels, header, reportHosts } = useContributions()

  useLayoutEffect(() => c.setReport(report), [c, report])
  // Save what is pending when main asks (window close, quit) or the page goes away; Ctrl+S, Ctrl+F, Ctrl+H.
  useEffect(() => listenToWindow(c, window, document, (l) => transport.onEvent(l)), [c])

  const chapterId = s.chapter?.id ?? null
  const chapterTitle = report.chapters.find((x) => x.id === chapterId)?.title ?? ''
  const chapterNumber = useSyncExternalStore(c.numbering.subscribe, () => (chapterId ? c.numbering.contextOf(chapterId).chapterNumber : null))
  const d = c.dialogs
  const outline = outlineActions({
    open: () => {
      const editor = c.editorOf()
      return editor && c.openChapterId ? { chapterId: c.openChapterId, editor } : null
    },
    openChapter: c.openChapter,
    flush: c.flush,
    reloadChapter: c.reloadChapter,
    setReport: onReportChange,
    notify,
    numbering: () => c.numbering.getSnapshot(),
    ask: d.ask,
    addChapter: () => d.show({ kind: 'add-chapter' }),
    renameChapter: d.askRenameChapter,
    deleteChapter: d.askDeleteChapter,
    moveChapter: d.moveChapter
  })

  return (
    <NumberingProvider store={c.numbering}>
      <div className="report-screen">
        <header className="top-bar">
          <div className="logo small" aria-hidden="true">
            年报
          </div>
          <div className="report-title" data-testid="report-title">
            {report.meta.title}
          </div>
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => d.show({ kind: 'properties' })}>
            报告属性
          </button>
          <button type="button" className="btn" onClick={() => void c.save()} title="Ctrl+S">
            保存
          </button>
          <button type="button" className="btn" onClick={() => c.requestSaveAs()}>
            另存为
          </button>
          {header.map(({ id, component: Item }) => (
            <Item key={id} report={report} flush={c.flush} openChapter={c.openChapter} showPanel={c.showPanel} />
          ))}
          <button type="button" className="btn" onClick={() => void c.close()}>
            关闭报告
          </button>
        </header>
        <div className="workspace">
          <OutlinePane activeChapterId={chapterId} currentHeadingId={s.currentHeading} actions={outline} />
          <main className="editor-column">
            <Toolbar
              editor={s.editor}
              env={{ ...c.editorEnv, chapterId: chapterId ?? '' }}
              onFind={(replace) => c.openFind(replace)}
              onCaseSchool={d.askCaseSchool}
              onCaseDelete={d.askCaseDelete}
              onCaseMove={d.askCaseMove}
            />
            {s.find && (
              <FindBar
                editor={s.editor}
                chapterId={chapterId}
                replace={s.find.replace}
                focusKey={s.find.key}
                onClose={() => c.closeFind()}
                openChapter={(id) => c.openChapter(id)}
                flush={c.flush}
                setReport={onReportChange}
                notify={notify}
              />
            )}
            <div className="editor-pane">
              {s.chapter ? (
                <div className="page">
                  <h1 className="chapter-title" data-testid="chapter-title">
                    {chapterNumber && <span className="num">{chapterNumber}</span>}
                    {chapterTitle}
                  </h1>
                  <ChapterEditor
                    key={`${s.chapter.id}:${s.generation}`}
                    ref={c.attach}
                    chapter={s.chapter}
                    queue={c.queue}
                    store={c.numbering}
                    env={c.editorEnv}
                    onReady={(e) => c.editorReady(e)}
                    onCurrentHeading={(id) => c.setCurrentHeading(id)}
                  />
                </div>
              ) : (
                <p className="empty">这个报告还没有章节。请在左侧添加一章。</p>
              )}
            </div>
          </main>
          <SidePanel panels={panels} active={s.panel} onSelect={c.showPanel} report={report} chapterId={chapterId} workspace={c.workspace} />
        </div>
        <StatusBar status={c.queue.status} numbering={c.numbering} chapterId={chapterId} fileName={report.fileName} />
        <ReportDialogsView controller={c} report={report} />
        {reportHosts.map(({ id, component: Host }) => (
          <Host key={id} />
        ))}
      </div>
    </NumberingProvider>
  )
}
