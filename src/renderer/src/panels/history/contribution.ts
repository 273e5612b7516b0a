import type { Feature } from '../../editor/feature'
import { historyPanel } from './HistoryPanel'

/** 历史版本: the chapter's snapshots, previewed and restored, and deleted chapters brought back. */
export const historyFeature: Feature = { id: 'history', panels: [historyPanel] }
