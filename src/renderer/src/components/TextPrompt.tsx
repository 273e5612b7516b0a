import { useState } from 'react'
import { Dialog } from './Dialog'

interface Props {
  title: string
  label: string
  initial?: string
  confirmLabel?: string
  onSubmit: (value: string) => void
  onClose: () => void
}

/** Ask for one line of text (a chapter title, a file name). */
export function TextPrompt({ title, label, initial = '', confirmLabel = '确定', onSubmit, onClose }: Props) {
  const [value, setValue] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const submit = () => {
    if (!value.trim()) return setError(`${label}不能为空。`)
    onSubmit(value.trim())
  }
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="text-prompt"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn btn-primary" onClick={submit}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <label className="field">
          <span>{label}</span>
          <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={200} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  )
}
