import { useState, useSyncExternalStore, type ReactNode } from 'react'
import { FormSubmitter, type FormState } from './formSubmit'

/** A dialog's submissions (formSubmit.ts): `busy`, `error`, `submit(run, check?)` and `fail(message)`. */
export function useFormDialog(): FormState & Pick<FormSubmitter, 'submit' | 'fail'> {
  const [submitter] = useState(() => new FormSubmitter())
  const state = useSyncExternalStore(submitter.subscribe, submitter.getSnapshot)
  return { ...state, submit: submitter.submit, fail: submitter.fail }
}

interface ButtonsProps {
  onCancel: () => void
  onConfirm: () => void
  /** 确定 unless the action has a name of its own (保存, 插入, 移动…). */
  confirmLabel?: string
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
export function DialogButtons({ onCancel, onConfirm, confirmLabel = '确定', busy = false, busyLabel, disabled = false, cancelDisabled, danger, confirmTestId, children }: ButtonsProps) {
  return (
    <>
      {children}
      <button type="button" className="btn" onClick={onCancel} disabled={cancelDisabled}>
        取消
      </button>
      <button type="button" className={danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={onConfirm} disabled={busy || disabled} data-testid={confirmTestId}>
        {busy && busyLabel ? busyLabel : confirmLabel}
      </button>
    </>
  )
}

/** The form inside a dialog: Enter in a field submits it, as the confirm button does. */
export function DialogForm({ className = 'form', onSubmit, children }: { className?: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className={className}
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit()
      }}
    >
      {children}
    </form>
  )
}

/** Why the dialog's submission was refused, under the fields (`inline`: in the footer). */
export function FormError({ error, inline }: { error: string | null; inline?: boolean }) {
  if (!error) return null
  const Tag = inline ? 'span' : 'p'
  return (
    <Tag className="form-error" role="alert">
      {error}
    </Tag>
  )
}
