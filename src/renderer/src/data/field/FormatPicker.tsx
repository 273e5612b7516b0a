import { FORMAT_LABELS } from '@shared/model/format'
import type { CellFormat } from '@shared/model/table'
import { FieldRow } from '../../components/fields'
import '../dialogs.css'

/** The same format in another kind, keeping its decimals (2 when it had none). */
export function withKind(format: CellFormat, kind: CellFormat['kind']): CellFormat {
  return kind === 'general' ? { kind } : { kind, decimals: format.kind === 'general' ? 2 : format.decimals }
}

/** The kind of number format (常规, 数值, 百分比, 增减…), as the formula bar and the dialogs choose it. */
export function FormatKindSelect({ value, onChange, title, testId }: { value: CellFormat; onChange: (f: CellFormat) => void; title?: string; testId?: string }) {
  return (
    <select value={value.kind} onChange={(e) => onChange(withKind(value, e.target.value as CellFormat['kind']))} title={title} data-testid={testId}>
      {(Object.keys(FORMAT_LABELS) as CellFormat['kind'][]).map((k) => (
        <option key={k} value={k}>
          {FORMAT_LABELS[k]}
        </option>
      ))}
    </select>
  )
}

/** A number format in full: its kind, decimals and, for 增减, the words for up and down. */
export function FormatPicker({ value, onChange, label = '显示格式' }: { value: CellFormat; onChange: (f: CellFormat) => void; label?: string }) {
  return (
    <FieldRow label={label} className="field format-picker">
      <FormatKindSelect value={value} onChange={onChange} testId="format-kind" />
      {value.kind !== 'general' && (
        <label className="inline">
          小数位
          <input
            type="number"
            min={0}
            max={6}
            value={value.decimals}
            onChange={(e) => onChange({ ...value, decimals: Math.max(0, Math.min(6, Number(e.target.value) || 0)) })}
            data-testid="format-decimals"
          />
        </label>
      )}
      {value.kind === 'trend' && (
        <>
          <label className="inline">
            增加时
            <input value={value.up ?? '增加'} maxLength={8} onChange={(e) => onChange({ ...value, up: e.target.value || undefined })} />
          </label>
          <label className="inline">
            减少时
            <input value={value.down ?? '减少'} maxLength={8} onChange={(e) => onChange({ ...value, down: e.target.value || undefined })} />
          </label>
        </>
      )}
    </FieldRow>
  )
}
