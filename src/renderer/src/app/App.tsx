import { useCallback, useEffect, useState } from 'react'
import type { AppInfo, StartState } from '@shared/api'
import type { ReportState } from '@shared/model/report'
import { api, errorMessage } from '../api/client'
import { NoticeProvider } from '../components/Notice'
import { StartScreen } from '../screens/start/StartScreen'
import { ReportScreen } from '../screens/report/ReportScreen'
import { FeaturesProvider } from '../editor/FeaturesProvider'
import { contributions } from './features'

/** The two screens: the start screen (新建/打开/最近) and the open report. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [start, setStart] = useState<StartState | null>(null)
  const [report, setReport] = useState<ReportState | null>(null)
  const [fatal, setFatal] = useState<string | null>(null)
  const [startWithNew, setStartWithNew] = useState(false)
  /** 另存为: the copy opens in the chapter that was open (chapter ids are the same in the copy). */
  const [resume, setResume] = useState<{ path: string; chapterId: string } | null>(null)

  const loadStart = useCallback(async () => {
    const s = await api.app.startState()
    setStart(s)
    setReport(s.current)
  }, [])

  useEffect(() => {
    Promise.all([api.app.info(), api.app.startState()])
      .then(([i, s]) => {
        setInfo(i)
        setStart(s)
        setReport(s.current)
      })
      .catch((e) => setFatal(errorMessage(e)))
  }, [])

  useEffect(() => {
    if (report) document.title = `${report.meta.title} — 年报`
    else document.title = '年报'
  }, [report])

  if (fatal) return <div className="fatal">无法启动年报：{fatal}</div>
  if (!info || !start) return <div className="loading">正在启动…</div>

  return (
    <FeaturesProvider contributions={contributions}>
      <NoticeProvider>
        {report ? (
          <ReportScreen
            key={report.path}
            info={info}
            report={report}
            resumeChapterId={resume?.path === report.path ? resume.chapterId : null}
            onReportChange={setReport}
            onSavedAs={(copy, chapterId) => {
              setResume(chapterId ? { path: copy.path, chapterId } : null)
              setReport(copy)
            }}
            onClosed={(then) => {
              setStartWithNew(then === 'new')
              setReport(null)
              void loadStart()
            }}
          />
        ) : (
          <StartScreen info={info} start={start} onOpened={setReport} onRefresh={loadStart} initialNew={startWithNew} />
        )}
        {contributions.windowHosts.map(({ id, component: Host }) => (
          <Host key={id} info={info} start={start} openReport={setReport} />
        ))}
      </NoticeProvider>
    </FeaturesProvider>
  )
}
