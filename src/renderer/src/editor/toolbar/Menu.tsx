import { useRef, useState, type ReactNode } from 'react'
import { useDismiss } from '../../components/useDismiss'

export interface MenuItem {
  label: string
  onSelect: () => void
  disabled?: boolean
  hint?: string
  separatorBefore?: boolean
}

/** A toolbar drop-down: opens on click, closes on choice, Escape or a click elsewhere. */
export function Menu({ label, title, items, testId }: { label: ReactNode; title: string; items: MenuItem[]; testId?: string }) {
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)
  useDismiss(open, ref, () => setOpen(false))
  return (
    <div className="tb-menu" ref={ref}>
      <button
        type="button"
        className={`tb-btn tb-menu-btn${open ? ' active' : ''}`}
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        {label}
        <span className="tb-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="tb-menu-list" role="menu">
          {items.map((it) => (
            <button
              key={it.label}
              type="button"
              role="menuitem"
              className={`tb-menu-item${it.separatorBefore ? ' sep' : ''}`}
              disabled={it.disabled}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setOpen(false)
                it.onSelect()
              }}
            >
              <span>{it.label}</span>
              {it.hint && <span className="tb-hint">{it.hint}</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
