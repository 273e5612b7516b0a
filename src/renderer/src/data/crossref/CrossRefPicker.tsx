import { useEffect, useMemo, useState } from 'react'
import { caseLabel, figureLabel, tableLabel } from '@shared/model/numbering'
import { Dialog } from '../../components/Dialog'
import { Segmented } from '../../components/fields'
import { api } from '../../api/client'
import { useNumberingStore } from '../../editor/numbering/NumberingProvider'
import type { DataDialogRequest } from '../dialogs'
import '../dialogs.css'

const TARGETS = [
  { value: 'table', label: '表' },
  { value: 'figure', label: '图' },
  { value: 'case', label: '案例' }
] as const

interface Item {
  id: string
  label: string
  title: string
  chapter: string
}

/**
 * Insert a live reference to a table, figure or case: the list shows every
 * one in the report with its current number and title.
 */
export function CrossRefPicker({ request, onClose }: { request: Extract<DataDialogRequest, { kind: 'crossRef' }>; onClose: () => void }) {
  const [target, setTarget] = useState<'table' | 'figure' | 'case'>(request.target)
  const [captions, setCaptions] = useState<Map<string, string>>(new Map())
  const [query, setQuery] = useState('')
  const n = useNumberingStore().getSnapshot()

  useEffect(() => {
    if (target === 'case') return
    const ids = (target === 'table' ? n.tables : n.figures).map((x) => x.id)
    if (!ids.length) return
    void api.data.views(target === 'table' ? { tables: ids } : { figures: ids }).then((v) =>
      setCaptions(new Map([...v.tables.map((t) => [t.id, t.resolved.caption] as const), ...v.figures.map((f) => [f.id, f.resolved.caption] as const)]))
    )
    // Numbering is read once when the picker opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target])

  const items: Item[] = useMemo(() => {
    const chapterOf = new Map(n.chapters.map((c) => [c.id, c.number ? `第 ${c.number} 章` : c.title]))
    if (target === 'case') return n.cases.map((c) => ({ id: c.id, label: caseLabel(c.number), title: c.title, chapter: chapterOf.get(c.chapterId) ?? '' }))
    const list = target === 'table' ? n.tables : n.figures
    return list.map((x) => ({ id: x.id, label: target === 'table' ? tableLabel(x.number) : figureLabel(x.number), title: captions.get(x.id) ?? '', chapter: chapterOf.get(x.chapterId) ?? '' }))
  }, [n, target, captions])

  const shown = items.filter((i) => !query || i.title.includes(query) || i.label.includes(query))

  const choose = (id: string) => {
    const { editor } = request
    onClose()
    editor.chain().insertContentAt(request.replace, { type: 'crossRef', attrs: { target, id } }).run()
    editor.view.focus()
  }

  return (
    <Dialog title="插入交叉引用" onClose={onClose} width={560} testId="crossref-dialog">
      <div className="form data-form">
        <Segmented aria="引用对象" value={target} onChange={setTarget} choices={TARGETS} />
        <label className="field">
          <span>查找</span>
          <input
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="输入标题中的文字"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && shown[0]) {
                e.preventDefault()
                choose(shown[0].id)
              }
            }}
            data-testid="crossref-search"
          />
        </label>
        <ul className="data-pick-list tall" role="listbox" aria-label="可引用的对象" data-testid="crossref-list">
          {shown.map((i) => (
            <li key={i.id}>
              <button type="button" role="option" aria-selected={false} onClick={() => choose(i.id)}>
                <span className="nm">
                  <b>{i.label}</b> {i.title}
                </span>
                <span className="meta">{i.chapter}</span>
              </button>
            </li>
          ))}
          {shown.length === 0 && <li className="none">报告中还没有可以引用的{TARGETS.find((t) => t.value === target)?.label}。</li>}
        </ul>
        <p className="hint">在正文中输入“见表”“见图”或“见案例”也会打开这个窗口。编号随表、图、案例的顺序自动更新。</p>
      </div>
    </Dialog>
  )
}
