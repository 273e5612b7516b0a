import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AppState } from './appState'
import type { ReportSession } from './reportSession'
import { templateMeta } from '../templates/templates'
import { sampleValues, templateReport } from '../data/template'

export const SAMPLE_FILE_NAME = '示例报告-清远市2021年度.nianbao'

/**
 * On the very first start, open a sample report so a new user sees what a
 * report looks like. Returns the sample's path, or null if it was made before.
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
