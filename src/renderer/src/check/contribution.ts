import type { Feature } from '../editor/feature'
import { CheckButton } from './CheckButton'
import { checkPanel } from './CheckPanel'

/** 体检: the header button with the open error count and the side panel of findings and proposed fields. */
export const checkFeature: Feature = { id: 'check', panels: [checkPanel], header: [{ id: 'check', component: CheckButton }] }
