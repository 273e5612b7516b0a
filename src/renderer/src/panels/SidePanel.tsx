import type { PanelDef, PanelProps } from './types'
import './panels.css'

interface Props extends PanelProps {
  panels: PanelDef[]
  active: string | null
  onSelect: (id: string | null) => void
}

/** The right-hand panel area: a tab per registered panel; clicking the open tab folds the area away. */
export function SidePanel({ panels: all, active, onSelect, ...props }: Props) {
  const panels = all.filter((p) => p.available?.(props.report) ?? true)
  const current = panels.find((p) => p.id === active) ?? null
  const Component = current?.component
  return (
    <aside className={`side-panel${current ? ' open' : ''}`} aria-label="侧边面板" data-testid="side-panel">
      <div className="side-tabs" role="tablist" aria-orientation="vertical">
        {panels.map((p) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            aria-selected={p.id === active}
            className={`side-tab${p.id === active ? ' active' : ''}`}
            onClick={() => onSelect(p.id === active ? null : p.id)}
            data-panel={p.id}
          >
            {p.title}
          </button>
        ))}
      </div>
      {Component && current && (
        <section className="side-body" role="tabpanel" aria-label={current.title} data-testid={`panel-${current.id}`}>
          <Component {...props} />
        </section>
      )}
    </aside>
  )
}
