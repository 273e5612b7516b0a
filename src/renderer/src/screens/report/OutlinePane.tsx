import { useState } from 'react'
import type { ReportState } from '@shared/model/report'
import { useReportNumbering } from '../../editor/numbering/NumberingProvider'

interface Props {
  report: ReportState
  activeChapterId: string | null
  onSelectChapter: (id: string) => void
  onSelectHeading: (chapterId: string, headingId: string) => void
  onAddChapter: () => void
  onRenameChapter: (id: string) => void
  onDeleteChapter: (id: string) => void
  onMoveChapter: (id: string, toIndex: number) => void
}

/** 导航: chapters and their headings as a tree, each with its computed number. */
export function OutlinePane(props: Props) {
  const { report, activeChapterId } = props
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({})
  const numbering = useReportNumbering()
  return (
    <nav className="outline" aria-label="报告大纲" data-testid="outline">
      <div className="outline-header">
        <span>大纲</span>
        <button type="button" className="btn btn-small" onClick={props.onAddChapter} title="在末尾添加一章">
          ＋ 添加章
        </button>
      </div>
      <ol className="outline-tree">
        {numbering.chapters.map((c, index) => {
          const headings = numbering.headings.filter((h) => h.chapterId === c.id)
          const open = !collapsed[c.id]
          return (
            <li key={c.id} className={`outline-chapter${c.id === activeChapterId ? ' active' : ''}`}>
              <div className="outline-row">
                <button
                  type="button"
                  className="outline-toggle"
                  aria-label={open ? '折叠' : '展开'}
                  onClick={() => setCollapsed((s) => ({ ...s, [c.id]: open }))}
                  disabled={headings.length === 0}
                >
                  {headings.length ? (open ? '▾' : '▸') : ''}
                </button>
                <button type="button" className="outline-item level-1" onClick={() => props.onSelectChapter(c.id)} data-chapter-id={c.id}>
                  {c.number ? <span className="num">{c.number}</span> : <span className="num appendix">附</span>}
                  <span className="text">{c.title}</span>
                </button>
                <span className="outline-actions">
                  <button type="button" title="上移" aria-label={`上移 ${c.title}`} disabled={index === 0} onClick={() => props.onMoveChapter(c.id, index - 1)}>
                    ↑
                  </button>
                  <button
                    type="button"
                    title="下移"
                    aria-label={`下移 ${c.title}`}
                    disabled={index === numbering.chapters.length - 1}
                    onClick={() => props.onMoveChapter(c.id, index + 1)}
                  >
                    ↓
                  </button>
                  <button type="button" title="重命名" aria-label={`重命名 ${c.title}`} onClick={() => props.onRenameChapter(c.id)}>
                    ✎
                  </button>
                  <button type="button" title="删除" aria-label={`删除 ${c.title}`} onClick={() => props.onDeleteChapter(c.id)}>
                    ✕
                  </button>
                </span>
              </div>
              {open && headings.length > 0 && (
                <ol>
                  {headings.map((h) => (
                    <li key={h.id}>
                      <button
                        type="button"
                        className={`outline-item level-${h.depth}`}
                        onClick={() => props.onSelectHeading(c.id, h.id)}
                        data-heading-id={h.id}
                      >
                        {h.number && <span className="num">{h.number}</span>}
                        <span className="text">{h.text || '（无标题）'}</span>
                      </button>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
