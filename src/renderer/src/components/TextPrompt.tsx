import { useState } from 'react'
import { Dialog } from './Dialog'
import { DialogButtons, DialogForm, FormError, useFormDialog } from './FormDialog'

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
    <Dialog title={title} onClose={onClose} testId="text-prompt" footer={<DialogButtons onCancel={onClose} onConfirm={submit} confirmLabel={confirmLabel} />}>
      <DialogForm onSubmit={submit}>
        <label className="field">
          <span>{label}</span>
          <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={200} />
        </label>
        <FormError error={form.error} />
      </DialogForm>
    </Dialog>
  )
}
