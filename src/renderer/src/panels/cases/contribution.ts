import type { Feature } from '../../editor/feature'
import { casePanel } from './CasePanel'

/** 案例: the list of every case with its number, to jump to one or move it. */
export const casesFeature: Feature = { id: 'cases', panels: [casePanel] }
