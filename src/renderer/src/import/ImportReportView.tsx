import { useEffect, useState } from 'react'
import type { ImportIssue, ImportReport, ValueChoice } from '@shared/contract/import'
import { importController } from './controller'

/**
 * 导入报告: what was found (counts), every inconsistency of the old document
 * with its place, what was changed or could not be carried over, and what
 * was recognised but not imported as content.
 */
/** 保留原文数字 / 采用计算值 for one contradicted cell, and which the table shows now. */
function ValueChoiceRow({ cell, onChoose }: { cell: ValueChoice; onChoose: (c: ValueChoice, choice: ValueChoice['choice']) => void }) {
  return (
    <div className="import-choice" data-testid="value-choice" data-choice={cell.choice}>
      <span className="import-choice-now">{cell.choice === 'printed' ? `表中显示原文数字 ${cell.printed}（与公式不一致，已标出）` : `表中显示计算值 ${cell.computed}（公式）`}</span>
      <button type="button" className="btn btn-small" aria-pressed={cell.choice === 'printed'} disabled={cell.choice === 'printed'} onClick={() => onChoose(cell, 'printed')} data-testid="keep-printed">
        保留原文 {cell.printed}
      </button>
      <button type="button" className="btn btn-small" aria-pressed={cell.choice === 'computed'} disabled={cell.choice === 'computed'} onClick={() => onChoose(cell, 'computed')} data-testid="take-computed">
        采用计算值 {cell.computed}
      </button>
    </div>
  )
}

function Section({
  title,
  items,
  tone,
  open: initiallyOpen,
  testId,
  onChoose
}: {
  title: string
  items: ImportIssue[]
  tone: 'warn' | 'info' | 'muted'
  open: boolean
  testId: string
  onChoose?: (c: ValueChoice, choice: ValueChoice['choice']) => void
}) {
  const [open, setOpen] = useState(initiallyOpen)
  if (items.length === 0) return null
  return (
    <section className={`import-section import-${tone}`} data-testid={testId}>
      <button type="button" className="import-section-head" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span className="import-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        {title}
        <span className="import-count">{items.length}</span>
      </button>
      {open && (
        <ol className="import-issues">
          {items.map((i, k) => (
            <li key={k} data-code={i.code}>
              {i.target ? (
                <button type="button" className="import-place import-go" title="转到这里" onClick={() => void importController.goTo(i.target!)} data-testid="import-go">
                  {i.place}
                </button>
              ) : (
                <div className="import-place">{i.place}</div>
              )}
              <div className="import-message">{i.message}</div>
              {i.cell && onChoose && <ValueChoiceRow cell={i.cell} onChoose={onChoose} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

export function ImportReportView({ report: given, compact = false }: { report: ImportReport; compact?: boolean }) {
  const [report, setReport] = useState(given)
  useEffect(() => setReport(given), [given])
  const choose = (c: ValueChoice, choice: ValueChoice['choice']) => {
    void importController.chooseValue(c, choice).then((r) => r && setReport(r))
  }
  const c = report.counts
  const cells: [string, number][] = [
    ['章', c.chapters],
    ['小节标题', c.headings],
    ['案例', c.cases],
    ['表', c.tables],
    ['图', c.figures],
    // Word charts that came in live: counted only when the document had any.
    ...(c.charts ? [['图表', c.charts] as [string, number]] : []),
    ['图片', c.images]
  ]
  const when = new Date(report.importedAt)
  return (
    <div className={`import-report${compact ? ' compact' : ''}`} data-testid="import-report">
      <p className="import-source">
        {report.rollover ? (
          <>
            由 {report.rollover.fromYear} 年度报告“{report.source.fileName}”新建为 {report.rollover.toYear} 年度报告
          </>
        ) : (
          <>导入自“{report.source.fileName}”</>
        )}
        {!Number.isNaN(when.getTime()) && <span className="import-when"> · {when.toLocaleString('zh-CN', { hour12: false })}</span>}
      </p>
      <dl className="import-counts" data-testid="import-counts">
        {cells.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      <p className="import-extra">
        {c.appendices > 0 && <>另有附件 {c.appendices} 个{c.appendixTables ? `（附表 ${c.appendixTables} 张）` : ''}；</>}
        交叉引用 {c.crossRefs} 处，表中公式 {c.formulas} 个，照片 {c.photos} 张
        {c.fields !== undefined && <span data-testid="import-fields">；正文中 {c.fields} 个数字已改为数据字段</span>}。
      </p>
      {report.inconsistencies.length === 0 && report.warnings.length === 0 && <p className="import-ok">原文的编号和目录没有发现不一致。</p>}
      <Section title="原文中的不一致" items={report.inconsistencies} tone="warn" open testId="import-inconsistencies" onChoose={report.rollover ? undefined : choose} />
      <Section title="需要注意" items={report.warnings} tone="info" open={!compact || report.inconsistencies.length === 0} testId="import-warnings" />
      <Section title="未作为正文导入" items={report.dropped} tone="muted" open={false} testId="import-dropped" />
    </div>
  )
}
