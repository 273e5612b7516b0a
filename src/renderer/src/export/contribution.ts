import type { Feature } from '../editor/feature'
import { ExportButton } from './ExportButton'

/** 导出 Word: the header button, with its progress and result. */
export const exportFeature: Feature = { id: 'export', header: [{ id: 'export', component: ExportButton }] }
