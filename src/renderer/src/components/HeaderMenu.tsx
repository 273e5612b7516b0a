import { useRef, useState } from 'react'
import { useDismiss } from './useDismiss'

export interface HeaderMenuItem {
  label: string
  onSelect(): void
  testId?: string
}

interface Props {
  /** The button's text, without the ▾. */
  label: string
  items: HeaderMenuItem[]
  testId?: string
}

/** A menu in the report screen's top bar (上一年报告 ▾, 汇总 ▾): Escape or a click outside closes it, choosing an item closes it first. */
export function HeaderMenu({ label, items, testId }: Props) {
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)
  useDismiss(open, ref, () => setOpen(false))
  return (
    <div className="import-menu" ref={ref}>
      <button type="button" className="btn" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid={testId}>
        {label} ▾
      </button>
      {open && (
        <div className="import-menu-list" role="menu">
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false)
                item.onSelect()
              }}
              data-testid={item.testId}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
