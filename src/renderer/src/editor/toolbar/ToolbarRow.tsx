import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { useDismiss } from '../../components/useDismiss'
import { groupsThatFit } from './overflow'

export interface ToolbarGroup {
  key: string
  node: ReactNode
}

/**
 * The toolbar's groups in one row; those that do not fit go, in order, under
 * 更多 ▾ at the row's end (overflow.ts). `end` (查找) stays at the right.
 */
export function ToolbarRow({ groups, end }: { groups: ToolbarGroup[]; end: ReactNode }) {
  const row = useRef<HTMLDivElement>(null)
  const widths = useRef(new Map<string, number>())
  const [fit, setFit] = useState(groups.length)
  const [open, setOpen] = useState(false)
  const keys = groups.map((g) => g.key).join('|')

  useLayoutEffect(() => {
    const el = row.current
    if (!el) return
    const measure = () => {
      const style = getComputedStyle(el)
      const gap = parseFloat(style.columnGap) || 0
      for (const g of el.querySelectorAll<HTMLElement>(':scope > [data-group]')) widths.current.set(g.dataset.group!, g.offsetWidth + gap)
      const endEl = el.querySelector<HTMLElement>(':scope > .tb-end')
      const moreEl = el.querySelector<HTMLElement>(':scope > .tb-more')
      const available = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - (endEl ? endEl.offsetWidth + gap : 0)
      const more = moreEl ? moreEl.offsetWidth + gap : 64
      const next = groupsThatFit(keys.split('|').map((k) => widths.current.get(k) ?? NaN), available, more)
      setFit((f) => (f === next ? f : next))
    }
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [keys, fit])

  const more = useRef<HTMLDivElement>(null)
  const close = useCallback(() => setOpen(false), [])
  useDismiss(open, more, close)
  useEffect(() => {
    if (fit >= groups.length) setOpen(false)
  }, [fit, groups.length])

  const hidden = groups.slice(fit)
  return (
    <div className="toolbar" role="toolbar" aria-label="编辑工具栏" data-testid="toolbar" ref={row}>
      {groups.slice(0, fit).map((g) => (
        <div className="tb-group" key={g.key} data-group={g.key}>
          {g.node}
        </div>
      ))}
      {hidden.length > 0 && (
        <div className="tb-group tb-more" ref={more}>
          <button
            type="button"
            className={`tb-btn tb-menu-btn${open ? ' active' : ''}`}
            title="更多工具"
            aria-haspopup="true"
            aria-expanded={open}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => setOpen((o) => !o)}
            data-testid="tb-more"
          >
            更多
            <span className="tb-caret" aria-hidden="true">
              ▾
            </span>
          </button>
          {open && (
            <div
              className="tb-overflow"
              data-testid="tb-overflow"
              onClick={(e) => {
                // A command chosen (a button or a menu's item): the panel goes; opening a menu keeps it.
                const t = e.target as HTMLElement
                if (t.closest('[role="menuitem"], .tb-btn:not(.tb-menu-btn)')) setOpen(false)
              }}
            >
              {hidden.map((g) => (
                <div className="tb-group" key={g.key}>
                  {g.node}
                </div>
              ))}
            </div>
          )}
        </div>
      )}
      <span className="spacer" />
      <div className="tb-group tb-end">{end}</div>
    </div>
  )
}
