import { existsSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { UserError } from '@shared/errors'
import type { AppState } from './appState'
import type { HostPorts } from './ports'

export const REPORT_EXT = '.nianbao'

/** Bytes of a file name before its extension: file systems allow 255, and a temporary name adds about 30. */
const MAX_NAME_BYTES = 200

/**
 * A name made from text the user or a document supplied (a region, a title)
 * that names a file in one folder and nothing else: characters Windows
 * refuses or that separate folders become “_”, leading dots go, and it is
 * kept short enough for the file system (a Chinese character takes 3 bytes).
 */
export function safeFileName(name: string, fallback: string): string {
  const clean = name
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/^[\s.]+/, '')
    .trim()
  const chars = Array.from(clean)
  let bytes = Buffer.byteLength(clean)
  while (bytes > MAX_NAME_BYTES) bytes -= Buffer.byteLength(chars.pop()!)
  return chars.join('').trim() || fallback
}

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
export async function chooseSavePath(ports: HostPorts, suggestedName: string, ext = REPORT_EXT, exact = false): Promise<string | null> {
  // Suggested names come from a region, a title or a document's cover: only ever a name inside the folder.
  const base = suggestedName.toLowerCase().endsWith(ext) ? suggestedName.slice(0, -ext.length) : suggestedName
  const suggested = `${safeFileName(base, '年度质量报告')}${ext}`
  if (ports.dialogs) {
    const chosen = await ports.dialogs.saveReport(suggested)
    if (!chosen) return null
    return chosen.toLowerCase().endsWith(ext) ? chosen : `${chosen}${ext}`
  }
  return exact ? join(ports.workspaceDir, suggested) : uniquePath(ports.workspaceDir, suggested, ext)
}
