import { useEffect, useRef, useState, type DragEvent } from 'react'
import type { NumberedChapter, NumberedHeading } from '@shared/model/numbering'
import { useReportNumbering } from '../../editor/numbering/NumberingProvider'
import type { OutlineActions } from './outlineActions'
import './outline.css'

interface Props {
  activeChapterId: string | null
  /** The section the cursor is in. */
  currentHeadingId?: string | null
  actions: OutlineActions
}

type Dragged = { kind: 'chapter'; id: string } | { kind: 'section'; chapterId: string; headingId: string }
type DropMark = { key: string; where: 'before' | 'after' | 'into' } | null

const DRAG_TYPE = 'application/x-nianbao-outline'

function siblingsOf(headings: NumberedHeading[], h: NumberedHeading): { prev: boolean; next: boolean } {
  const i = headings.indexOf(h)
  let prev = false
  for (let k = i - 1; k >= 0; k--) {
    if (headings[k].depth < h.depth) break
    if (headings[k].depth === h.depth) {
      prev = true
      break
    }
  }
  let next = false
  for (let k = i + 1; k < headings.length; k++) {
    if (headings[k].depth < h.depth) break
    if (headings[k].depth === h.depth) {
      next = true
      break
    }
  }
  return { prev, next }
}

/** 大纲: chapters and their sections with computed numbers; click to go there, buttons or drag and drop to rearrange. */
export function OutlinePane({ activeChapterId, currentHeadingId, actions }: Props) {
  const numbering = useReportNumbering()
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({})
  const [dragged, setDragged] = useState<Dragged | null>(null)
  const [drop, setDrop] = useState<DropMark>(null)
  const nav = useRef<HTMLElement>(null)

  // A chapter opened from elsewhere (查找, the 案例 panel) is brought into view in the outline.
  useEffect(() => {
    if (!activeChapterId) return
    nav.current?.querySelector(`.chapter-row [data-chapter-id="${CSS.escape(activeChapterId)}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [activeChapterId])

  const half = (e: DragEvent): 'before' | 'after' => {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect()
    return e.clientY < r.top + r.height / 2 ? 'before' : 'after'
  }

  const onDragStart = (e: DragEvent, d: Dragged) => {
    e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(d))
    e.dataTransfer.effectAllowed = 'move'
    setDragged(d)
  }
  const onDragEnd = () => {
    setDragged(null)
    setDrop(null)
  }

  const chapterDrop = (c: NumberedChapter, index: number) => ({
    onDragOver: (e: DragEvent) => {
      if (!dragged) return
      e.preventDefault()
      const where = dragged.kind === 'chapter' ? half(e) : 'into'
      if (drop?.key !== c.id || drop.where !== where) setDrop({ key: c.id, where })
    },
    onDragLeave: () => setDrop(null),
    onDrop: (e: DragEvent) => {
      e.preventDefault()
      const d = dragged
      onDragEnd()
      if (!d) return
      if (d.kind === 'chapter') {
        const from = numbering.chapters.findIndex((x) => x.id === d.id)
        let to = half(e) === 'before' ? index : index + 1
        if (from < to) to--
        if (from !== to) actions.moveChapter(d.id, to)
      } else {
        actions.moveSectionTo(d.chapterId, d.headingId, { chapterId: c.id, headingId: null, where: 'after' })
      }
    }
  })

  const headingDrop = (chapterId: string, h: NumberedHeading) => ({
    onDragOver: (e: DragEvent) => {
      if (dragged?.kind !== 'section' || dragged.headingId === h.id) return
      e.preventDefault()
      e.stopPropagation()
      const where = half(e)
      if (drop?.key !== h.id || drop.where !== where) setDrop({ key: h.id, where })
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault()
      e.stopPropagation()
      const d = dragged
      const where = half(e)
      onDragEnd()
      if (d?.kind === 'section' && d.headingId !== h.id) actions.moveSectionTo(d.chapterId, d.headingId, { chapterId, headingId: h.id, where })
    }
  })

  const mark = (key: string) => (drop?.key === key ? ` drop-${drop.where}` : '')

  return (
    <nav className="outline" aria-label="报告大纲" data-testid="outline" ref={nav}>
      <div className="outline-header">
        <span>大纲</span>
        <button type="button" className="btn btn-small" onClick={actions.addChapter} title="在最后一章之后（附件之前）添加一章" data-testid="add-chapter">
          ＋ 添加章
        </button>
      </div>
      <ol className="outline-tree">
        {numbering.chapters.map((c, index) => {
          const headings = numbering.headings.filter((h) => h.chapterId === c.id)
          const open = !collapsed[c.id]
          return (
            <li key={c.id} className={`outline-chapter${c.id === activeChapterId ? ' active' : ''}`} data-chapter-id={c.id}>
              <div
                className={`outline-row chapter-row${mark(c.id)}`}
                draggable
                onDragStart={(e) => onDragStart(e, { kind: 'chapter', id: c.id })}
                onDragEnd={onDragEnd}
                {...chapterDrop(c, index)}
              >
                <button
                  type="button"
                  className="outline-toggle"
                  aria-label={open ? '折叠' : '展开'}
                  onClick={() => setCollapsed((s) => ({ ...s, [c.id]: open }))}
                  disabled={headings.length === 0}
                >
                  {headings.length ? (open ? '▾' : '▸') : ''}
                </button>
                <button type="button" className="outline-item level-1" onClick={() => actions.selectChapter(c.id)} data-chapter-id={c.id} title={c.title}>
                  {c.number ? <span className="num">{c.number}</span> : <span className="num appendix">附</span>}
                  <span className="text">{c.title}</span>
                </button>
                <span className="outline-actions">
                  <button type="button" title="在本章末尾添加一节" aria-label={`在“${c.title}”末尾添加一节`} onClick={() => actions.addSection(c.id, null, false)}>
                    ＋
                  </button>
                  <button type="button" title="上移" aria-label={`上移 ${c.title}`} disabled={index === 0} onClick={() => actions.moveChapter(c.id, index - 1)}>
                    ↑
                  </button>
                  <button
                    type="button"
                    title="下移"
                    aria-label={`下移 ${c.title}`}
                    disabled={index === numbering.chapters.length - 1}
                    onClick={() => actions.moveChapter(c.id, index + 1)}
                  >
                    ↓
                  </button>
                  <button type="button" title="重命名" aria-label={`重命名 ${c.title}`} onClick={() => actions.renameChapter(c.id)}>
                    ✎
                  </button>
                  <button type="button" title="删除" aria-label={`删除 ${c.title}`} onClick={() => actions.deleteChapter(c.id)}>
                    ✕
                  </button>
                </span>
              </div>
              {open && headings.length > 0 && (
                <ol>
                  {headings.map((h) => {
                    const sib = siblingsOf(headings, h)
                    const label = `${h.number ?? ''} ${h.text}`.trim()
                    return (
                      <li key={h.id}>
                        <div
                          className={`outline-row heading-row${mark(h.id)}${h.id === currentHeadingId && c.id === activeChapterId ? ' current' : ''}`}
                          draggable
                          onDragStart={(e) => {
                            e.stopPropagation()
                            onDragStart(e, { kind: 'section', chapterId: c.id, headingId: h.id })
                          }}
                          onDragEnd={onDragEnd}
                          {...headingDrop(c.id, h)}
                        >
                          <button
                            type="button"
                            className={`outline-item level-${h.depth}`}
                            onClick={() => actions.selectHeading(c.id, h.id)}
                            data-heading-id={h.id}
                            title={label}
                          >
                            {h.number && <span className="num">{h.number}</span>}
                            <span className="text">{h.text || '（无标题）'}</span>
                          </button>
                          <span className="outline-actions">
                            <button type="button" title="在后面添加同级节" aria-label={`在“${label}”后添加同级节`} onClick={() => actions.addSection(c.id, h.id, false)}>
                              ＋
                            </button>
                            {h.depth < 4 && (
                              <button type="button" title="添加下级节" aria-label={`在“${label}”中添加下级节`} onClick={() => actions.addSection(c.id, h.id, true)}>
                                ⤷
                              </button>
                            )}
                            <button type="button" title="上移" aria-label={`上移 ${label}`} disabled={!sib.prev} onClick={() => actions.moveSectionBy(c.id, h.id, -1)}>
                              ↑
                            </button>
                            <button type="button" title="下移" aria-label={`下移 ${label}`} disabled={!sib.next} onClick={() => actions.moveSectionBy(c.id, h.id, 1)}>
                              ↓
                            </button>
                            <button type="button" title="重命名" aria-label={`重命名 ${label}`} onClick={() => actions.renameSection(c.id, h.id)}>
                              ✎
                            </button>
                            <button type="button" title="删除（连同其下内容）" aria-label={`删除 ${label}`} onClick={() => actions.deleteSection(c.id, h.id)}>
                              ✕
                            </button>
                          </span>
                        </div>
                      </li>
                    )
                  })}
                </ol>
              )}
            </li>
          )
        })}
      </ol>
      <p className="outline-tip">提示：鼠标移到章或节上，右侧会出现添加小节、上移、下移、重命名和删除按钮；拖动章或节可以调整顺序，把一节拖到另一章的章名上，可以移到那一章末尾。</p>
    </nav>
  )
}
