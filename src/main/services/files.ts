import { existsSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { UserError } from '@shared/errors'
import type { AppState } from './appState'
import type { HostPorts } from './ports'

export const REPORT_EXT = '.nianbao'

export function withExt(name: string): string {
  return name.toLowerCase().endsWith(REPORT_EXT) ? name : `${name}${REPORT_EXT}`
}

/** `dir/name.nianbao`, or `name（2）.nianbao` … if taken. */
export function uniquePath(dir: string, name: string, ext = REPORT_EXT): string {
  const base = name.toLowerCase().endsWith(ext) ? name.slice(0, -ext.length) : name
  let candidate = join(dir, `${base}${ext}`)
  for (let i = 2; existsSync(candidate); i++) candidate = join(dir, `${base}（${i}）${ext}`)
  return candidate
}

/**
 * A path from the renderer is only accepted if main offered it: a recent file
 * or (in the browser host) a report in the workspace folder.
 */
export function allowedReportPath(path: string, ports: HostPorts, appState: AppState): string {
  const p = resolve(path)
  const ws = resolve(ports.workspaceDir)
  const inWorkspace = ports.transport === 'browser' && p.startsWith(ws + sep) && p.toLowerCase().endsWith(REPORT_EXT)
  if (!inWorkspace && !appState.isRecent(p)) throw new UserError('BAD_INPUT', '只能打开“最近使用的文件”或工作文件夹中的报告。')
  return p
}

/**
 * Where a new file goes: the native save dialog in Electron (null when
 * cancelled), the workspace folder in the browser host.
 */
export async function chooseSavePath(ports: HostPorts, suggested: string, ext = REPORT_EXT, exact = false): Promise<string | null> {
  if (ports.dialogs) {
    const chosen = await ports.dialogs.saveReport(suggested)
    if (!chosen) return null
    return chosen.toLowerCase().endsWith(ext) ? chosen : `${chosen}${ext}`
  }
  return exact ? join(ports.workspaceDir, suggested) : uniquePath(ports.workspaceDir, suggested, ext)
}
