import type { Provenance } from '@shared/contract/intake'
import { plainNumber } from '@shared/model/format'
import { Dialog } from '../components/Dialog'
import { intakeController } from './controller'
import { shortDate } from './IntakeDialog'

const num = (v: number | null) => (v === null ? '—' : plainNumber(v))

/** Which schools gave what for one compiled figure: each school's parts, whether it counts, the file and the cell. */
export function ProvenanceDialog({ data, busy }: { data: Provenance; busy: boolean }) {
  const differs = data.value !== null && data.reportValue !== null && data.value !== data.reportValue
  const unit = data.unit && data.unit !== '—' ? ` ${data.unit}` : ''
  return (
    <Dialog
      title={`${data.name}的来源（${data.year} 年）`}
      onClose={() => intakeController.close()}
      width={820}
      testId="provenance-dialog"
      footer={
        <>
          {differs && (
            <button type="button" className="btn" disabled={busy} onClick={() => void intakeController.useCompiled(data)} data-testid="use-compiled">
              采用汇总值 {num(data.value)}
            </button>
          )}
          <button type="button" className="btn btn-primary" onClick={() => intakeController.close()}>
            关闭
          </button>
        </>
      }
    >
      <p className="provenance-rule">
        汇总方法：{data.rule}
        <br />
        汇总值：<b data-testid="provenance-value">{num(data.value)}</b>
        {unit}
        {differs ? (
          <span className="bad">（报告中现为手工填写的 {num(data.reportValue)}{unit}）</span>
        ) : data.reportValue === null && data.value !== null ? (
          <span className="bad">（报告中尚未填入）</span>
        ) : null}
      </p>
      <table className="intake-values provenance" data-testid="provenance-table">
        <thead>
          <tr>
            <th>填报单位</th>
            {data.parts.map((p) => (
              <th key={p.figure}>
                {p.name}
                {p.unit && p.unit !== '—' ? `（${p.unit}）` : ''}
              </th>
            ))}
            {data.parts.length > 1 && <th>计入</th>}
            <th>文件</th>
            <th>位置</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.contributor} className={r.used ? '' : 'unused'}>
              <td>{r.contributor}</td>
              {r.values.map((v, i) => (
                <td key={i} className="num" title={r.note ?? ''}>
                  {num(v)}
                </td>
              ))}
              {data.parts.length > 1 && <td>{r.used ? '是' : '否（缺项）'}</td>}
              <td>
                {r.fileName}
                {r.fileDate ? <small> · {shortDate(r.fileDate)}</small> : null}
              </td>
              <td className="place">
                {r.place}
                {r.note ? <small> · {r.note}</small> : null}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>合计（计入的单位）</td>
            {data.parts.map((p) => (
              <td key={p.figure} className="num">
                {p.total === null ? '' : plainNumber(p.total)}
              </td>
            ))}
            {data.parts.length > 1 && <td />}
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
      {data.missing.length > 0 && <p className="hint">没有报送这一项的：{data.missing.join('、')}。</p>}
    </Dialog>
  )
}
