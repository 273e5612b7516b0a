import { collectContributions, type Feature } from '../editor/feature'
import { casesFeature } from '../panels/cases/contribution'
import { historyFeature } from '../panels/history/contribution'
import { liveDataFeature } from '../data/contribution'
import { importFeature } from '../import/contribution'
import { rolloverFeature } from '../rollover/contribution'
import { checkFeature } from '../check/contribution'
import { exportFeature } from '../export/contribution'
import { intakeFeature } from '../intake/contribution'

/**
 * Every feature of the renderer, one line each. A feature says what it adds
 * (node views and behaviour in the chapter editor, toolbar menus, side
 * panels, header buttons, hosts) in its own folder, `<feature>/contribution.ts`
 * (a `Feature`, editor/feature.ts); this list is the only place that knows
 * them all, and its order is the order on screen (side panel tabs, toolbar
 * menus, header buttons). The editor core below knows only the types.
 */
export const features: Feature[] = [
  casesFeature,
  historyFeature,
  liveDataFeature,
  importFeature,
  rolloverFeature,
  checkFeature,
  intakeFeature,
  exportFeature
]

export const contributions = collectContributions(features)
