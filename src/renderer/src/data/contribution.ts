import type { Feature } from '../editor/feature'
import { liveDataEditor } from './editorContribution'
import { liveDataToolbar } from './toolbar/LiveDataMenu'
import { dataPanel } from './panel/DataPanel'
import { LiveDataLink } from './link'

/** Live data: table, chart, field and cross-reference node views and typing triggers, the 数据 menu, the 数据 panel, and the data dialogs. */
export const liveDataFeature: Feature = {
  id: 'live-data',
  editor: [liveDataEditor],
  toolbar: [liveDataToolbar],
  panels: [dataPanel],
  reportHosts: [{ id: 'live-data', component: LiveDataLink }]
}
