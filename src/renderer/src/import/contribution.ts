import type { Feature } from '../editor/feature'
import { importEditor } from './editorContribution'
import { importPanel } from './ImportPanel'
import { ImportMenu } from './ImportActions'
import { ImportHost } from './ImportHost'

/** Last year's report: the draft tint of carried-over text, the 导入报告 panel, the 上一年报告 menu, and the import report over every screen. */
export const importFeature: Feature = {
  id: 'import',
  editor: [importEditor],
  panels: [importPanel],
  header: [{ id: 'import', component: ImportMenu }],
  windowHosts: [{ id: 'import', component: ImportHost }]
}
