import { useState } from 'react'
import { chapterLabel } from '@shared/model/numbering'
import { useReportNumbering } from '../../editor/numbering/NumberingProvider'
import type { PanelDef, PanelProps } from '../types'
import { CaseMoveDialog } from './CaseMoveDialog'
import './cases.css'

/** 案例: every case of the report with its number, title, chapter and school; click to go there, or move one to another chapter. */
function CasePanel({ chapterId, workspace }: PanelProps) {
  const numbering = useReportNumbering()
  const [moving, setMoving] = useState<string | null>(null)
  const chapters = new Map(numbering.chapters.map((c) => [c.id, c]))
  if (numbering.cases.length === 0) {
    return <p className="panel-empty">报告中还没有案例。在正文中点击工具栏的“案例”→“插入案例”即可添加。</p>
  }
  return (
    <>
      <p className="panel-note">共 {numbering.cases.length} 个案例，编号按在报告中出现的顺序自动计算。</p>
      <ol className="case-list" data-testid="case-list">
        {numbering.cases.map((c) => {
          const ch = chapters.get(c.chapterId)
          return (
            <li key={c.id} className={c.chapterId === chapterId ? 'here' : undefined}>
              <button type="button" className="case-item" onClick={() => void workspace.openChapter(c.chapterId, c.id)} data-case-id={c.id}>
                <span className="case-no">案例 {c.number}</span>
                <span className="case-title">{c.title || '（未填写标题）'}</span>
                <span className="case-meta">
                  {ch ? (ch.number ? `第 ${ch.number} 章 ${ch.title}` : chapterLabel(ch)) : ''}
                  {c.school ? ` · ${c.school}` : ''}
                </span>
              </button>
              <button type="button" className="case-move" title="移到其他章或节" aria-label={`移动案例 ${c.number}`} onClick={() => setMoving(c.id)}>
                移动…
              </button>
            </li>
          )
        })}
      </ol>
      {moving && <CaseMoveDialog caseId={moving} workspace={workspace} onClose={() => setMoving(null)} />}
    </>
  )
}

export const casePanel: PanelDef = { id: 'cases', title: '案例', component: CasePanel }
