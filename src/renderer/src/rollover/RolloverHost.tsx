import { useSyncExternalStore } from 'react'
import type { StartState } from '@shared/api'
import { importController } from '../import/controller'
import { RolloverDialog } from './RolloverDialog'

/** The 从上一年报告新建 dialog, over the window while it is asked for (a start card, the 上一年报告 menu, the import panel). */
export function RolloverHost({ start }: { start: StartState }) {
  const ui = useSyncExternalStore(importController.subscribe, importController.getSnapshot)
  if (!ui.rolloverOpen) return null
  const files = [...start.workspaceFiles, ...start.recent.filter((r) => r.exists && !start.workspaceFiles.some((w) => w.path === r.path))]
  return <RolloverDialog files={files} busy={Boolean(ui.busy)} />
}
