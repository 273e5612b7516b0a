import { useState } from 'react'
import { FormDialog, useFormDialog } from './FormDialog'

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
  const form = useFormDialog()
  const submit = () => void form.submit(() => onSubmit(value.trim()), () => (value.trim() ? null : `${label}不能为空。`))
  return (
    <FormDialog title={title} onClose={onClose} onSubmit={submit} form={form} confirmLabel={confirmLabel} testId="text-prompt">
      <label className="field">
        <span>{label}</span>
        <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={200} />
      </label>
    </FormDialog>
  )
}
