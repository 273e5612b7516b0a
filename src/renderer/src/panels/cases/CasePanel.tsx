import { useReportNumbering } from '../../editor/numbering/NumberingProvider'
import type { PanelDef, PanelProps } from '../types'

/** 案例: every case of the report with its number, title, chapter and school; click to go there. */
function CasePanel({ chapterId, workspace }: PanelProps) {
  const numbering = useReportNumbering()
  const chapters = new Map(numbering.chapters.map((c) => [c.id, c]))
  if (numbering.cases.length === 0) {
    return <p className="panel-empty">报告中还没有案例。在正文中点击工具栏的“案例”即可插入。</p>
  }
  return (
    <ol className="case-list" data-testid="case-list">
      {numbering.cases.map((c) => {
        const ch = chapters.get(c.chapterId)
        return (
          <li key={c.id} className={c.chapterId === chapterId ? 'here' : undefined}>
            <button type="button" className="case-item" onClick={() => void workspace.openChapter(c.chapterId, c.id)} data-case-id={c.id}>
              <span className="case-no">案例 {c.number}</span>
              <span className="case-title">{c.title || '（未填写标题）'}</span>
              <span className="case-meta">
                {ch ? `${ch.number ? `第 ${ch.number} 章 ` : '附录 '}${ch.title}` : ''}
                {c.school ? ` · ${c.school}` : ''}
              </span>
            </button>
          </li>
        )
      })}
    </ol>
  )
}

export const casePanel: PanelDef = { id: 'cases', title: '案例', component: CasePanel }
