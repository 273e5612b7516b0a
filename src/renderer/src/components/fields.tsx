import type { ReactNode } from 'react'
import './dialog.css'

/** One option of a choice: what is stored and what the user reads. */
export interface Choice {
  value: string
  label: string
}

interface SelectFieldProps {
  label: ReactNode
  value: string
  onChange: (value: string) => void
  choices: readonly Choice[]
  /** The empty first option (请选择…, 本章末尾), when nothing may be chosen yet. */
  placeholder?: string
  testId?: string
}

/** A labelled choice in a dialog's form. */
export function SelectField({ label, value, onChange, choices, placeholder, testId }: SelectFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  )
}

/** A field whose parts sit side by side under its name (年份, 标注, 大小). */
export function FieldRow({ label, className = 'field', children }: { label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <span>{label}</span>
      <div className="row">{children}</div>
    </div>
  )
}

interface SegmentedProps<T extends string> {
  /** The field's name above the buttons; without it, the buttons alone (named by `aria`). */
  label?: string
  aria: string
  value: T
  onChange: (value: T) => void
  /** A choice may name its button for the tests (testId). */
  choices: readonly { value: T; label: ReactNode; testId?: string }[]
  /** Each button carries its value in this data attribute (data-chart-type="pie"). */
  valueAttr?: string
}

/** A choice of a few, as a row of buttons of which one is on (图表类型, 数据来自, 表格样式). */
export function Segmented<T extends string>({ label, aria, value, onChange, choices, valueAttr }: SegmentedProps<T>) {
  const buttons = (
    <div className="seg" role="radiogroup" aria-label={aria}>
      {choices.map((c) => (
        <button key={c.value} type="button" role="radio" aria-checked={value === c.value} className={value === c.value ? 'on' : ''} onClick={() => onChange(c.value)} data-testid={c.testId} {...(valueAttr ? { [`data-${valueAttr}`]: c.value } : {})}>
          {c.label}
        </button>
      ))}
    </div>
  )
  if (label === undefined) return buttons
  return (
    <div className="field">
      <span>{label}</span>
      {buttons}
    </div>
  )
}
