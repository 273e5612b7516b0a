import { useCallback, useEffect, useState } from 'react'
import type { AppInfo, StartState } from '@shared/api'
import type { ReportState } from '@shared/model/report'
import { api, errorMessage } from '../api/client'
import { NoticeProvider } from '../components/Notice'
import { StartScreen } from '../screens/start/StartScreen'
import { ReportScreen } from '../screens/report/ReportScreen'
import { ImportHost } from '../import/ImportHost'
import { RolloverHost } from '../rollover/RolloverHost'

/** The two screens: the start screen (新建/打开/最近) and the open report. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [start, setStart] = useState<StartState | null>(null)
  const [report, setReport] = useState<ReportState | null>(null)
  const [fatal, setFatal] = useState<string | null>(null)
  const [startWithNew, setStartWithNew] = useState(false)

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
    <NoticeProvider>
      {report ? (
        <ReportScreen
          key={report.path}
          info={info}
          report={report}
          onReportChange={setReport}
          onClosed={(then) => {
            setStartWithNew(then === 'new')
            setReport(null)
            void loadStart()
          }}
        />
      ) : (
        <StartScreen info={info} start={start} onOpened={setReport} onRefresh={loadStart} initialNew={startWithNew} />
      )}
      <ImportHost info={info} onOpened={setReport} />
      <RolloverHost start={start} />
    </NoticeProvider>
  )
}
