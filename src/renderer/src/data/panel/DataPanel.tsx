import { memo, useMemo, useState } from 'react'
import { indicatorLabel, type IndicatorWithValues } from '@shared/model/indicator'
import { fieldFormula } from '@shared/model/fields'
import { formatToString, parseTypedNumber, plainNumber } from '@shared/model/format'
import { useReportNumbering } from '../../editor/numbering/NumberingProvider'
import type { PanelDef, PanelProps } from '../../panels/types'
import { api } from '../../api/client'
import { liveData, useDataYear, useIndicators } from '../store'
import { IndicatorDialog } from './IndicatorDialog'
import './panel.css'

/**
 * 数据: every indicator of the report, by chapter and group, with a grid to
 * type last year's and this year's values. A value typed here reaches every
 * table cell, quoted figure and chart that uses it at once.
 */
function DataPanel({ workspace }: PanelProps) {
  const indicators = useIndicators()
  const year = useDataYear()
  const numbering = useReportNumbering()
  const [query, setQuery] = useState('')
  const [onlyEmpty, setOnlyEmpty] = useState(false)
  const [dialog, setDialog] = useState<{ id?: string } | null>(null)

  const groups = useMemo(() => {
    const chapterTitle = new Map(numbering.chapters.map((c) => [c.id, c.number ? `${c.number} ${c.title}` : c.title]))
    const chapterOrder = new Map(numbering.chapters.map((c, i) => [c.id, i]))
    const q = query.trim()
    const shown = indicators.filter(
      (i) => (!q || i.name.includes(q) || i.group.includes(q) || i.id.includes(q.toLowerCase())) && (!onlyEmpty || i.values[String(year)] === undefined)
    )
    const out: { key: string; chapter: string; group: string; items: IndicatorWithValues[]; order: number }[] = []
    for (const i of shown) {
      const chapter = (i.chapterId && chapterTitle.get(i.chapterId)) || '其他'
      const key = `${chapter}\u0000${i.group}`
      let g = out.find((x) => x.key === key)
      if (!g) out.push((g = { key, chapter, group: i.group || '未分组', items: [], order: i.chapterId ? (chapterOrder.get(i.chapterId) ?? 999) : 999 }))
      g.items.push(i)
    }
    return out.sort((a, b) => a.order - b.order)
  }, [indicators, numbering.chapters, query, onlyEmpty, year])

  const filled = indicators.filter((i) => i.values[String(year)] !== undefined).length

  const insertField = (ind: IndicatorWithValues) => {
    const editor = workspace.editor()
    if (!editor) return workspace.notify('info', '请先在正文中点击要插入的位置。')
    editor
      .chain()
      .focus()
      .insertContent({ type: 'dataField', attrs: { ref: fieldFormula({ kind: 'value', indicator: ind.id }), format: formatToString(ind.format) } })
      .run()
  }

  let lastChapter = ''
  return (
    <div className="data-panel" data-testid="data-panel">
      <div className="dp-head">
        <div className="dp-year">
          数据年度 <b>{year || '…'}</b> 年 · 已填 {filled}/{indicators.length}
        </div>
        <input className="dp-search" type="search" placeholder="查找指标" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="data-search" />
        <div className="dp-actions">
          <label className="check inline">
            <input type="checkbox" checked={onlyEmpty} onChange={(e) => setOnlyEmpty(e.target.checked)} />
            只看本年未填
          </label>
          <button type="button" className="btn btn-small" onClick={() => setDialog({})} data-testid="data-new">
            新建指标
          </button>
        </div>
      </div>
      <div className="dp-table" role="grid" aria-label="数据指标">
        <div className="dp-row dp-colhead" role="row">
          <span role="columnheader">指标</span>
          <span role="columnheader">{year ? `${year - 1} 年` : '上年'}</span>
          <span role="columnheader">{year ? `${year} 年` : '本年'}</span>
          <span />
        </div>
        {groups.map((g) => {
          const showChapter = g.chapter !== lastChapter
          lastChapter = g.chapter
          return (
            <div key={g.key} role="rowgroup">
              {showChapter && <div className="dp-chapter">{g.chapter}</div>}
              <div className="dp-group">{g.group}</div>
              {g.items.map((i) => (
                <IndicatorRow key={i.id} ind={i} year={year} onEdit={() => setDialog({ id: i.id })} onInsert={() => insertField(i)} />
              ))}
            </div>
          )
        })}
        {groups.length === 0 && <p className="panel-empty">{indicators.length ? '没有符合条件的指标。' : '这个报告还没有数据指标。点击“新建指标”添加。'}</p>}
      </div>
      {dialog && <IndicatorDialog id={dialog.id} onClose={() => setDialog(null)} />}
    </div>
  )
}

const IndicatorRow = memo(function IndicatorRow({ ind, year, onEdit, onInsert }: { ind: IndicatorWithValues; year: number; onEdit: () => void; onInsert: () => void }) {
  return (
    <div className="dp-row" role="row" data-indicator={ind.name}>
      <span className="dp-name" title={`${indicatorLabel(ind)}${ind.source ? `\n数据来源：${ind.source}` : ''}`}>
        {ind.name}
        {ind.unit && <small>（{ind.unit}）</small>}
      </span>
      <ValueCell ind={ind} year={year - 1} />
      <ValueCell ind={ind} year={year} current />
      <span className="dp-row-actions">
        <button type="button" aria-label={`把“${ind.name}”的本年数值插入正文`} title="把本年数值插入正文（光标处）" onClick={onInsert} onMouseDown={(e) => e.preventDefault()} data-testid="insert-field">
          ＋
        </button>
        <button type="button" aria-label={`“${ind.name}”的属性`} title="名称、单位、来源和各年数值" onClick={onEdit}>
          ⋯
        </button>
      </span>
    </div>
  )
})

/** One value: typed as text, stored as a number when it leaves the box (Enter moves down, Esc undoes). */
function ValueCell({ ind, year, current }: { ind: IndicatorWithValues; year: number; current?: boolean }) {
  const stored = ind.values[String(year)]
  const shown = stored === undefined ? '' : plainNumber(stored)
  const [text, setText] = useState<string | null>(null)
  const value = text ?? shown
  const bad = text !== null && text.trim() !== '' && parseTypedNumber(text) === null
  const commit = async () => {
    if (text === null) return
    const t = text.trim()
    const n = t === '' ? null : parseTypedNumber(t)
    if (t !== '' && n === null) return liveData.warn(`“${t.slice(0, 20)}”不是有效的数字。`)
    setText(null)
    if (n === (stored ?? null)) return
    await liveData.run(() => api.data.setValue({ indicator: ind.id, year, value: n }))
  }
  return (
    <input
      className={`dp-value${current ? ' cur' : ''}${bad ? ' bad' : ''}${current && stored === undefined ? ' empty' : ''}`}
      value={value}
      inputMode="decimal"
      aria-label={`${ind.name} ${year} 年`}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setText(null)
          ;(e.target as HTMLInputElement).blur()
        } else if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault()
          const inputs = Array.from(document.querySelectorAll<HTMLInputElement>(`.data-panel input.dp-value${current ? '.cur' : ':not(.cur)'}`))
          const i = inputs.indexOf(e.target as HTMLInputElement)
          const next = inputs[i + (e.key === 'ArrowUp' ? -1 : 1)]
          if (next) next.focus()
          else (e.target as HTMLInputElement).blur()
        }
      }}
      data-testid={`value-${ind.id}-${year}`}
    />
  )
}

export const dataPanel: PanelDef = { id: 'data', title: '数据', component: DataPanel }
