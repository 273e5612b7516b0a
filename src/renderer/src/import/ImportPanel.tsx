import { useEffect, useState } from 'react'
import type { ImportReport } from '@shared/contract/import'
import { api, errorMessage } from '../api/client'
import type { PanelDef, PanelProps } from '../panels/types'
import { importController } from './controller'
import { ImportReportView } from './ImportReportView'

/** 导入报告 (side panel): the report of the import or rollover that made this report, to read again later. */
function ImportPanel({ report, workspace }: PanelProps) {
  const [data, setData] = useState<ImportReport | null | undefined>(undefined)
  useEffect(() => {
    let live = true
    setData(undefined)
    api.import
      .report()
      .then((r) => live && setData(r))
      .catch((e) => {
        if (live) setData(null)
        workspace.notify('error', errorMessage(e))
      })
    return () => {
      live = false
    }
  }, [report.path, workspace])

  if (data === undefined) return <p className="panel-empty">正在读取…</p>
  if (data === null)
    return (
      <div className="panel-empty" data-testid="import-panel-empty">
        <p>这份报告不是从上一年的文档导入或新建的，没有导入报告。</p>
        <p>
          <button type="button" className="btn btn-small" onClick={() => importController.openRollover()}>
            从上一年报告新建…
          </button>
        </p>
      </div>
    )
  return <ImportReportView report={data} />
}

export const importPanel: PanelDef = { id: 'import', title: '导入报告', component: ImportPanel }
