import { useEffect, useState } from 'react'
import type { Editor } from '@tiptap/core'
import { FieldDialog } from './field/FieldDialog'
import { CrossRefPicker } from './crossref/CrossRefPicker'
import { ChartDialog } from '../charts/ChartDialog'
import { InsertTableDialog } from './table/InsertTableDialog'
import './dialogs.css'

/**
 * The live-data dialogs, opened from node views, the toolbar menu, the 数据
 * panel and typing triggers (@, 见表): a request goes through this module
 * and <DataDialogs/> (mounted once, inside the report screen) shows it.
 */
export type DataDialogRequest =
  /** Edit the field at `pos`, or insert a new one replacing `replace` (e.g. the typed "@"). */
  | { kind: 'field'; editor: Editor; pos?: number; ref?: string; format?: string; replace?: { from: number; to: number }; query?: string }
  /** Insert (or replace) a cross-reference, replacing `replace` (e.g. the typed "表" of "见表"). */
  | { kind: 'crossRef'; editor: Editor; target: 'table' | 'figure' | 'case'; replace: { from: number; to: number } }
  /** Create a chart (inserted at `at`), or edit figure `figureId`. */
  | { kind: 'chart'; editor?: Editor; chapterId: string | null; figureId?: string; at?: number; tableId?: string; range?: string }
  | { kind: 'insertTable'; editor: Editor; chapterId: string | null; at: number }

let current: DataDialogRequest | null = null
const listeners = new Set<() => void>()

export function openDataDialog(r: DataDialogRequest): void {
  current = r
  listeners.forEach((l) => l())
}

function close(): void {
  current = null
  listeners.forEach((l) => l())
}

export function DataDialogs() {
  const [req, setReq] = useState<DataDialogRequest | null>(current)
  useEffect(() => {
    const l = () => setReq(current)
    listeners.add(l)
    return () => void listeners.delete(l)
  }, [])
  if (!req) return null
  switch (req.kind) {
    case 'field':
      return <FieldDialog request={req} onClose={close} />
    case 'crossRef':
      return <CrossRefPicker request={req} onClose={close} />
    case 'chart':
      return <ChartDialog request={req} onClose={close} />
    case 'insertTable':
      return <InsertTableDialog request={req} onClose={close} />
  }
}
