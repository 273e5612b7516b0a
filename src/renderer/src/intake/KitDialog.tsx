import { useEffect, useState } from 'react'
import type { KitResult } from '@shared/contract/intake'
import { Dialog } from '../components/Dialog'
import { FormDialog } from '../components/FormDialog'
import { transport } from '../api/client'
import { intakeController, type IntakeUiState } from './controller'

/**
 * 生成填报表: one workbook per school on the list (the list is remembered,
 * so the 汇总 panel shows who has not sent theirs), or one blank workbook.
 */
export function KitDialog({ ui, result }: { ui: IntakeUiState; result?: KitResult }) {
  const word = ui.overview?.word ?? '学校'
  const known = ui.overview?.contributors.filter((c) => c.expected).map((c) => c.name) ?? []
  const [text, setText] = useState(known.join('\n'))
  const [touched, setTouched] = useState(false)
  useEffect(() => {
    if (!ui.overview) void intakeController.loadOverview()
  }, [ui.overview])
  useEffect(() => {
    if (!touched && known.length) setText(known.join('\n'))
    // Only when the list first arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [known.length])
  const names = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const native = transport.transport === 'electron'
  if (result) {
    return (
      <Dialog
        title="填报表已生成"
        onClose={() => intakeController.close()}
        width={560}
        testId="kit-result"
        footer={
          <button type="button" className="btn btn-primary" onClick={() => intakeController.close()}>
            完成
          </button>
        }
      >
        <p>
          已生成 {result.files.length} 份填报表（每份 {result.figures} 项指标），保存在：
        </p>
        <p className="intake-path">{result.dir}</p>
        <ul className="intake-kit-files">
          {result.files.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
        <p className="hint">把填报表发给各{word}；收回后用“汇总 › 汇总{word === '学校' ? '学校' : '各单位'}数据…”读取，或直接把文件拖到窗口中。</p>
      </Dialog>
    )
  }
  return (
    <FormDialog
      title="生成填报表"
      onClose={() => intakeController.close()}
      onSubmit={() => void intakeController.makeKit(names)}
      confirmLabel={names.length ? `生成 ${names.length} 份填报表` : '生成一份空白填报表'}
      disabled={Boolean(ui.busy)}
      confirmTestId="kit-make"
      width={560}
      testId="kit-dialog"
    >
      <p className="hint">
        填报表是一份 Excel 工作簿：列出本报告需要各{word}填报的指标（名称和单位）、上一年和本年两列（上一年已按上次报送的数据填好）和“数据来源”一列，只能填写数字，第一张工作表是填写说明。
        {ui.overview ? `共 ${ui.overview.asked.length} 项指标。` : ''}
      </p>
      <label className="field">
        <span>{word}名单（每行一个；留空则生成一份空白填报表，由{word}自己填写名称）</span>
        <textarea
          rows={8}
          value={text}
          onChange={(e) => {
            setTouched(true)
            setText(e.target.value)
          }}
          placeholder={word === '学校' ? '清远市职业技术学校\n清远工贸职业技术学校' : '清远市\n韶关市'}
          data-testid="kit-schools"
        />
      </label>
      <p className="hint">{native ? '点击“生成”后选择保存填报表的文件夹。' : '填报表将保存在工作文件夹的“填报表”文件夹中。'}</p>
      {ui.busy && <p role="status">{ui.busy}</p>}
    </FormDialog>
  )
}
