import { useState } from 'react'
import { FormDialog, useFormDialog } from '../../components/FormDialog'
import { FieldRow, Segmented } from '../../components/fields'
import { api } from '../../api/client'
import { liveData } from '../store'
import type { DataDialogRequest } from '../dialogs'
import '../dialogs.css'

const LAYOUTS = [
  { value: 'compare', label: '两年对比表（指标 | 上年 | 本年 | 变化情况）' },
  { value: 'blank', label: '空白表格' }
] as const

/**
 * 插入数据表: a numbered report table (表 N-M). The two-year comparison
 * layout (指标 | 上年 | 本年 | 变化情况) comes with its year headers and
 * change column as formulas; a blank table is a plain grid.
 */
export function InsertTableDialog({ request, onClose }: { request: Extract<DataDialogRequest, { kind: 'insertTable' }>; onClose: () => void }) {
  const [caption, setCaption] = useState('')
  const [layout, setLayout] = useState<'compare' | 'blank'>('compare')
  const [rows, setRows] = useState(6)
  const [cols, setCols] = useState(4)
  const form = useFormDialog()
  const submit = () =>
    void form.submit(async () => {
      // A refusal is said by the live data's notice.
      const r = await liveData.run(() => api.data.createTable({ chapterId: request.chapterId, caption, rows, cols, layout }))
      if (!r) return false
      const { editor } = request
      if (!editor.isDestroyed) editor.chain().focus().insertContentAt(Math.min(request.at, editor.state.doc.content.size), { type: 'reportTable', attrs: { id: r.id } }).run()
      onClose()
    })
  return (
    <FormDialog title="插入数据表" onClose={onClose} onSubmit={submit} form={form} confirmLabel="插入" confirmTestId="insert-table-ok" className="form data-form" width={480} testId="insert-table-dialog">
      <label className="field">
        <span>表题（显示在表上方，编号自动生成；可写 {'{本年}'}、{'{上年}'}）</span>
        <input value={caption} onChange={(e) => setCaption(e.target.value)} maxLength={200} placeholder="如：{上年} 和 {本年} 年中等职业学校办学条件对比" data-testid="insert-table-caption" />
      </label>
      <Segmented label="样式" aria="表格样式" value={layout} onChange={setLayout} choices={LAYOUTS} />
      <FieldRow label="大小">
        <label className="inline">
          行数（含标题行）
          <input type="number" min={2} max={100} value={rows} onChange={(e) => setRows(Math.max(2, Math.min(100, Number(e.target.value) || 2)))} />
        </label>
        {layout === 'blank' && (
          <label className="inline">
            列数
            <input type="number" min={1} max={20} value={cols} onChange={(e) => setCols(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} />
          </label>
        )}
      </FieldRow>
      <p className="hint">单元格中可以写文字、数字，或以“=”开头的公式，如 =C3-B3、=ROUND(B4/B2*100,2)、=指标("专任教师",本年)。</p>
    </FormDialog>
  )
}
