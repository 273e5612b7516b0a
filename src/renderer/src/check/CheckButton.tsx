import { useEffect, useSyncExternalStore } from 'react'
import type { HeaderItemProps } from '../editor/feature'
import { liveData } from '../data/store'
import { checkStore } from './store'

/**
 * 体检 in the top bar: opens the panel, and shows how many errors are open.
 * It asks for a check after every save (the report state the screen gets
 * back from a save) and after every change of the data, never while typing.
 */
/** How long after the last save (or the report opening) the check runs. */
const CHECK_AFTER_PAUSE_MS = 1200

export function CheckButton({ report, showPanel }: HeaderItemProps) {
  const state = useSyncExternalStore(checkStore.subscribe, checkStore.getSnapshot)

  useEffect(() => {
    checkStore.noteReport(report.path)
  }, [report.path])

  // A save, a chapter added or moved, new properties: each comes back as a new report state.
  // The check waits for a pause (saves come every 0.7 s while the user types), so it never
  // competes with the saves of someone typing, nor with the first saves after a report opens.
  // A key pressed meanwhile puts it off again: while someone types, nothing is checked.
  useEffect(() => {
    let t = setTimeout(() => void checkStore.request(), CHECK_AFTER_PAUSE_MS)
    const putOff = () => {
      clearTimeout(t)
      t = setTimeout(() => void checkStore.request(), CHECK_AFTER_PAUSE_MS)
    }
    window.addEventListener('keydown', putOff, true)
    return () => {
      clearTimeout(t)
      window.removeEventListener('keydown', putOff, true)
    }
  }, [report])

  useEffect(() => {
    let t: ReturnType<typeof setTimeout> | null = null
    const off = liveData.subscribe('changed', () => {
      if (t) clearTimeout(t)
      t = setTimeout(() => void checkStore.request(), 300)
    })
    return () => {
      if (t) clearTimeout(t)
      off()
    }
  }, [])

  const c = state.result?.counts
  const errors = c?.error ?? 0
  const verify = c?.verify ?? 0
  const title = c ? `体检：错误 ${c.error} 处，请核实 ${c.verify} 处，提示 ${c.hint} 处` : '报告体检'
  return (
    <button type="button" className="btn check-button" onClick={() => showPanel('check')} title={title} data-testid="check-button">
      体检
      {errors > 0 ? (
        <span className="check-badge sev-error" data-testid="check-badge">
          {errors}
        </span>
      ) : verify > 0 ? (
        <span className="check-badge sev-verify" data-testid="check-badge">
          {verify}
        </span>
      ) : null}
    </button>
  )
}
