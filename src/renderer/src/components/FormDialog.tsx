import { useState, useSyncExternalStore, type ReactNode } from 'react'
import { Dialog, DialogButtons } from './Dialog'
import { FormSubmitter, type FormState } from './formSubmit'
import './dialog.css'

/** A dialog's submissions (formSubmit.ts): `busy`, `error`, `submit(run, check?)` and `fail(message)`. */
export function useFormDialog(): FormState & Pick<FormSubmitter, 'submit' | 'fail'> {
  const [submitter] = useState(() => new FormSubmitter())
  const state = useSyncExternalStore(submitter.subscribe, submitter.getSnapshot)
  return { ...state, submit: submitter.submit, fail: submitter.fail }
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

interface FormDialogProps {
  title: string
  onClose: () => void
  /** What the confirm button and Enter in a field do. */
  onSubmit: () => void
  /** The dialog's submissions (useFormDialog): the button waits while one runs, the refusal shows under the fields. */
  form?: FormState
  width?: number
  testId?: string
  confirmLabel?: string
  busyLabel?: string
  confirmTestId?: string
  /** Nothing to confirm yet. */
  disabled?: boolean
  /** The form's class ('form' unless given). */
  className?: string
  children: ReactNode
}

/**
 * A dialog that asks for a few fields: the fields in a form (Enter submits),
 * the refusal under them, 取消 and the confirm button in the footer.
 */
export function FormDialog({ title, onClose, onSubmit, form, width, testId, confirmLabel, busyLabel, confirmTestId, disabled, className, children }: FormDialogProps) {
  const buttons = <DialogButtons onCancel={onClose} onConfirm={onSubmit} confirmLabel={confirmLabel} busy={form?.busy} busyLabel={busyLabel} disabled={disabled} confirmTestId={confirmTestId} />
  return (
    <Dialog title={title} onClose={onClose} width={width} testId={testId} footer={buttons}>
      <DialogForm className={className} onSubmit={onSubmit}>
        {children}
        <FormError error={form?.error ?? null} />
        {/* Enter submits a form of several fields only when it has a submit button. */}
        <button type="submit" hidden />
      </DialogForm>
    </Dialog>
  )
}
