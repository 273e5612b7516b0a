import { useEffect, useState } from 'react'
import { tableLabel } from '@shared/model/numbering'
import { api } from '../../api/client'
import { useNumberingStore } from '../../editor/numbering/NumberingProvider'

export interface TableChoice {
  id: string
  /** "表 1-2 2020 和 2021 年…" as the editor shows it. */
  label: string
}

/** The report's tables, numbered and captioned, for a dialog to pick one from (quoted figures, charts). */
export function useTableChoices(): TableChoice[] {
  const [tables, setTables] = useState<TableChoice[]>([])
  const store = useNumberingStore()
  useEffect(() => {
    const n = store.getSnapshot()
    if (!n.tables.length) return
    let live = true
    void api.data.views({ tables: n.tables.map((t) => t.id) }).then((v) => {
      if (!live) return
      const caption = new Map(v.tables.map((t) => [t.id, t.resolved.caption]))
      setTables(n.tables.map((t) => ({ id: t.id, label: `${tableLabel(t.number)} ${caption.get(t.id) ?? ''}` })))
    })
    return () => {
      live = false
    }
  }, [store])
  return tables
}
