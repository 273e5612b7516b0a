import { createContext, useCallback, useContext, useState, type ReactNode } from 'react'
import type { NoticeKind } from './noticeKind'
import './notice.css'

export type { NoticeKind }
interface Notice {
  id: number
  kind: NoticeKind
  text: string
}

const NoticeContext = createContext<(kind: NoticeKind, text: string) => void>(() => {})

/** Short messages in the corner of the window (errors stay until dismissed). */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([])
  const dismiss = useCallback((id: number) => setNotices((n) => n.filter((x) => x.id !== id)), [])
  const notify = useCallback(
    (kind: NoticeKind, text: string) => {
      const id = Date.now() + Math.random()
      setNotices((n) => [...n.slice(-3), { id, kind, text }])
      if (kind !== 'error') setTimeout(() => dismiss(id), 4000)
    },
    [dismiss]
  )
  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <div className="notices" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <span>{n.text}</span>
            <button type="button" aria-label="关闭提示" onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  )
}

export function useNotify() {
  return useContext(NoticeContext)
}
