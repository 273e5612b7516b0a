import type { PanelDef, PanelProps } from '../types'

function HistoryPanel(_props: PanelProps) {
  return <p className="panel-empty">正在加载历史版本…</p>
}

export const historyPanel: PanelDef = { id: 'history', title: '历史版本', component: HistoryPanel }
