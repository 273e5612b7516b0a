import type { ComponentType } from 'react'
import type { AppInfo, StartState } from '@shared/api'
import type { ReportState } from '@shared/model/report'
import type { PanelDef } from '../panels/types'
import type { EditorContribution } from './contribution'
import type { ToolbarItem } from './toolbar/items'

export type { EditorContribution, EditorEnv } from './contribution'
export type { ToolbarItem, ToolbarItemProps } from './toolbar/items'
export type { PanelDef, PanelProps, Workspace } from '../panels/types'

/** What a button of the report screen's header gets (导出 Word, 上一年报告…). */
export interface HeaderItemProps {
  report: ReportState
  /** Save pending edits first; false when they could not be saved (the status bar says why). */
  flush(): Promise<boolean>
  /** Open a chapter and go to a node in it (the places an import or rollover report lists). */
  openChapter(chapterId: string, nodeId?: string): Promise<void>
  /** Bring a side panel to the front (体检 opens its panel, 汇总's menu its panels). */
  showPanel(id: string): void
}

/** What a component mounted once for the whole window gets (it outlives the screens: an import report, the rollover dialog). */
export interface WindowHostProps {
  info: AppInfo
  start: StartState
  /** Show a report main has opened. */
  openReport(report: ReportState): void
}

/** A component a feature mounts once, with an id for React. */
export interface Mounted<P = object> {
  id: string
  component: ComponentType<P>
}

/**
 * What one feature adds to the renderer. Each feature declares it in its own
 * folder (`<feature>/contribution.ts`) and app/features.ts lists it with one
 * line; the editor core knows only these types and draws what it is given:
 * the chapter editor its node views and behaviour, the toolbar its menus,
 * the side panel area its tabs, the report screen's header its buttons.
 */
export interface Feature {
  /** For messages, e.g. 'live-data'. */
  id: string
  /** Node views and behaviour in every chapter editor (and the read-only 历史版本 preview). */
  editor?: EditorContribution[]
  /** Menus and buttons of the editing toolbar, shown between 表格 and 案例. */
  toolbar?: ToolbarItem[]
  /** Tabs of the side panel area (案例, 历史版本, 数据…), in the order of the features. */
  panels?: PanelDef[]
  /** Buttons of the report screen's header, between 另存为 and 关闭报告. */
  header?: Mounted<HeaderItemProps>[]
  /** Mounted once inside the report screen (dialogs a feature opens from anywhere, links to the screen's notices and numbering). */
  reportHosts?: Mounted[]
  /** Mounted once for the whole window, on every screen. */
  windowHosts?: Mounted<WindowHostProps>[]
}

/** Everything the features add, gathered by kind in the order of the features. */
export interface Contributions {
  editor: EditorContribution[]
  toolbar: ToolbarItem[]
  panels: PanelDef[]
  header: Mounted<HeaderItemProps>[]
  reportHosts: Mounted[]
  windowHosts: Mounted<WindowHostProps>[]
}

export const NO_CONTRIBUTIONS: Contributions = { editor: [], toolbar: [], panels: [], header: [], reportHosts: [], windowHosts: [] }

/** Gather the features' contributions; two features (or two panels, toolbar items, hosts) with one id are a mistake, said at start. */
export function collectContributions(features: Feature[]): Contributions {
  const all: Contributions = { editor: [], toolbar: [], panels: [], header: [], reportHosts: [], windowHosts: [] }
  for (const f of features) {
    all.editor.push(...(f.editor ?? []))
    all.toolbar.push(...(f.toolbar ?? []))
    all.panels.push(...(f.panels ?? []))
    all.header.push(...(f.header ?? []))
    all.reportHosts.push(...(f.reportHosts ?? []))
    all.windowHosts.push(...(f.windowHosts ?? []))
  }
  const lists: [string, { id: string }[]][] = [
    ['feature', features],
    ['panel', all.panels],
    ['toolbar item', all.toolbar],
    ['header item', all.header],
    ['report host', all.reportHosts],
    ['window host', all.windowHosts]
  ]
  for (const [kind, list] of lists) {
    const seen = new Set<string>()
    for (const { id } of list) {
      if (seen.has(id)) throw new Error(`${kind} "${id}" registered twice`)
      seen.add(id)
    }
  }
  return all
}
