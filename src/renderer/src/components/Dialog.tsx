import { useEffect, useRef, type ReactNode } from 'react'
import './dialog.css'

interface DialogProps {
  title: string
  children: ReactNode
  footer?: ReactNode
  onClose: () => void
  width?: number
  testId?: string
}

/** A modal dialog: Escape or the × closes it, focus starts inside. */
export function Dialog({ title, children, footer, onClose, width = 480, testId }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null)
  const close = useRef(onClose)
  close.current = onClose
  // Focus the first field once, when the dialog opens: a parent re-rendering
  // (a save finishing, a new onClose function) must not pull the cursor back
  // out of the field being typed in.
  useEffect(() => {
    // Where the cursor was (the text being written): it goes back there when the dialog closes.
    const before = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)')
    first?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current()
    }
    window.addEventListener('keydown', onKey)
    const dialog = ref.current
    return () => {
      window.removeEventListener('keydown', onKey)
      const now = document.activeElement
      const lost = !now || now === document.body || !!dialog?.contains(now)
      if (lost && before?.isConnected) before.focus({ preventScroll: true })
    }
  }, [])
  return (
    <div className="dialog-backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} style={{ width }} ref={ref} data-testid={testId}>
        <header className="dialog-header">
          <h2>{title}</h2>
          <button type="button" className="dialog-close" aria-label="关闭" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </div>
  )
}

interface ConfirmProps {
  title: string
  message: ReactNode
  confirmLabel: string
  /** The button that leaves things as they are (取消 unless said otherwise). */
  cancelLabel?: string
  danger?: boolean
  onConfirm: () => void
  onCancel: () => void
}

export function ConfirmDialog({ title, message, confirmLabel, cancelLabel = '取消', danger, onConfirm, onCancel }: ConfirmProps) {
  return (
    <Dialog title={title} onClose={onCancel} testId="confirm-dialog" footer={<DialogButtons onCancel={onCancel} onConfirm={onConfirm} confirmLabel={confirmLabel} cancelLabel={cancelLabel} danger={danger} />}>
      <p className="dialog-message">{message}</p>
    </Dialog>
  )
}

interface ButtonsProps {
  onCancel: () => void
  onConfirm: () => void
  /** 确定 unless the action has a name of its own (保存, 插入, 移动…). */
  confirmLabel?: string
  /** 取消 unless declining has a name of its own (保留公式). */
  cancelLabel?: string
  /** The submission is running: the confirm button waits (and says `busyLabel` when given). */
  busy?: boolean
  busyLabel?: string
  /** Nothing to confirm yet. */
  disabled?: boolean
  /** Cancelling is not possible while the submission runs. */
  cancelDisabled?: boolean
  danger?: boolean
  confirmTestId?: string
  /** Shown before the buttons: a preview, a message, a 删除 button. */
  children?: ReactNode
}

/** The footer of a dialog that asks something: 取消 and the confirm button, anything else before them. */
export function DialogButtons({ onCancel, onConfirm, confirmLabel = '确定', cancelLabel = '取消', busy = false, busyLabel, disabled = false, cancelDisabled, danger, confirmTestId, children }: ButtonsProps) {
  return (
    <>
      {children}
      <button type="button" className="btn" onClick={onCancel} disabled={cancelDisabled}>
        {cancelLabel}
      </button>
      <button type="button" className={danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={onConfirm} disabled={busy || disabled} data-testid={confirmTestId}>
        {busy && busyLabel ? busyLabel : confirmLabel}
      </button>
    </>
  )
}
