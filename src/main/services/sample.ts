import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AppState } from './appState'
import type { ReportSession } from './reportSession'
import { templateMeta } from '../templates/outline'
import { sampleValues, templateReport } from '../templates/report'
import { resourcesDir } from '../paths'
import { importToFile, readDocxFile } from '../import/service'

export const SAMPLE_FILE_NAME = '示例报告-清远市2021年度.nianbao'

/** The published Qingyuan 2021 report, shipped with the app: the sample is made by importing it. */
export function sampleDocxPath(): string {
  return join(resourcesDir(), 'samples', 'qingyuan-2021.docx')
}

/**
 * Before the first window opens: make the sample report by importing the
 * real Qingyuan 2021 report (.docx), so a new user sees a complete report —
 * chapters, cases with photos, live tables — and its 导入报告. Runs the
 * import in its worker; returns the sample's path, or null when the sample
 * was made before or could not be made (ensureSample then falls back).
 */
export async function prepareSample(appState: AppState, workspaceDir: string): Promise<string | null> {
  if (appState.sampleCreated()) return null
  const path = join(workspaceDir, SAMPLE_FILE_NAME)
  if (existsSync(path)) return path
  try {
    mkdirSync(workspaceDir, { recursive: true })
    await importToFile(readDocxFile(sampleDocxPath()), path)
    return path
  } catch {
    return null
  }
}

/**
 * On the very first start, open the sample report so a new user sees what a
 * report looks like. Returns the sample's path, or null if it was made before.
 * Without a prepared sample (prepareSample failed or was not run) the sample
 * is the city template with the Qingyuan 2021 figures.
 */
export function ensureSample(session: ReportSession, appState: AppState, workspaceDir: string): string | null {
  if (appState.sampleCreated()) return null
  mkdirSync(workspaceDir, { recursive: true })
  const path = join(workspaceDir, SAMPLE_FILE_NAME)
  if (!existsSync(path)) {
    const meta = templateMeta('city', { region: '清远市', year: 2021, issuer: '清远市教育局' })
    const t = templateReport('city', meta, sampleValues())
    session.create(path, meta, t.chapters, t.seed)
  } else {
    session.open(path)
  }
  appState.markSampleCreated()
  return path
}
