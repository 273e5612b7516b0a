import type { Feature } from '../editor/feature'
import { RolloverHost } from './RolloverHost'

/** 从上一年报告新建: the dialog, over the start screen or an open report. */
export const rolloverFeature: Feature = { id: 'rollover', windowHosts: [{ id: 'rollover', component: RolloverHost }] }
