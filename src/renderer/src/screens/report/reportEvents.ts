import type { MainEvent } from '@shared/api'
import type { ReportController } from './reportController'

/** main asks for a flush (window close, quit) or a menu command was chosen. */
export function onMainEvent(c: ReportController, event: MainEvent): void {
  if (event.type === 'flush-request') {
    void c.answerFlush(event.requestId)
    return
  }
  if (event.type !== 'menu') return
  if (event.command === 'save') void c.flush()
  else if (event.command === 'properties') c.dialogs.show({ kind: 'properties' })
  else if (event.command === 'save-as') c.requestSaveAs()
  else if (event.command === 'close') void c.close()
  else if (event.command === 'new') void c.close('new')
  else if (event.command === 'open') void c.openAnother()
}

/** Ctrl+S saves; Ctrl+F finds, Ctrl+H replaces. True when the key was taken. */
export function onReportKey(c: ReportController, e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return false
  const key = e.key.toLowerCase()
  if (key === 's') {
    void c.save()
    return true
  }
  if (key === 'f' || key === 'h') {
    c.openFind(key === 'h' || (c.getSnapshot().find?.replace ?? false))
    return true
  }
  return false
}

/**
 * The events of the window while the report screen is shown: main's flush
 * requests and menu commands, Ctrl+S / Ctrl+F / Ctrl+H, and the page going
 * away (every pending save starts at once; hidden, it saves; with text a
 * failing save still holds, the browser asks first). Returns the way to stop.
 */
export function listenToWindow(c: ReportController, win: Window, doc: Document, onEvent: (l: (e: MainEvent) => void) => () => void): () => void {
  const off = onEvent((e) => onMainEvent(c, e))
  const onKey = (e: KeyboardEvent) => {
    if (onReportKey(c, e)) e.preventDefault()
  }
  const onHide = () => c.queue.flushForUnload()
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') void c.flush()
  }
  // (Electron asks in main when the window closes.)
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (!c.shouldKeepPage()) return
    e.preventDefault()
    e.returnValue = ''
  }
  win.addEventListener('keydown', onKey)
  win.addEventListener('pagehide', onHide)
  win.addEventListener('beforeunload', onBeforeUnload)
  doc.addEventListener('visibilitychange', onVisibility)
  return () => {
    off()
    win.removeEventListener('keydown', onKey)
    win.removeEventListener('pagehide', onHide)
    win.removeEventListener('beforeunload', onBeforeUnload)
    doc.removeEventListener('visibilitychange', onVisibility)
  }
}
