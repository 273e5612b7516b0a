/**
 * Where the browser host puts a new report: always in its workspace folder.
 * The suggested name comes from text the renderer or a document supplies (a
 * region typed in 新建报告, the title on an imported .docx's cover): a name
 * like “../../x” used to create the report outside the workspace.
 */
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppState } from '../../src/main/services/appState'
import { dispatch } from '../../src/main/services/dispatch'
import { createService } from '../../src/main/services/service'
import { tempDir } from '../helpers/reports'

function setup() {
  const base = tempDir('nianbao-save-path-')
  const workspace = join(base, 'a', 'b', 'workspace')
  const svc = createService({ appState: new AppState(join(base, 'config')), ports: { transport: 'browser', workspaceDir: workspace } })
  const call = (name: string, input?: unknown) => dispatch(svc.handlers, name, input, () => {}) as Promise<{ ok: boolean; result?: any; error?: { message: string } }>
  return { svc, call, base, workspace }
}

describe('new reports in the browser host', () => {
  it('stay in the workspace whatever the region says', async () => {
    const { svc, call, workspace } = setup()
    const { mkdirSync } = await import('node:fs')
    mkdirSync(workspace, { recursive: true })
    const r = await call('report.create', { template: 'school', region: '../../../逃逸', year: 2024 })
    expect(r.ok).toBe(true)
    expect(dirname(r.result.path)).toBe(workspace)
    expect(r.result.fileName).not.toContain('/')
    expect(readdirSync(workspace).filter((f) => f.endsWith('.nianbao'))).toHaveLength(1)
    svc.session.close()
  })

  it('a backslash or a drive (folders on Windows) never reaches the file name', async () => {
    const { svc, call, workspace, base } = setup()
    const { mkdirSync } = await import('node:fs')
    mkdirSync(workspace, { recursive: true })
    const r = await call('report.create', { template: 'city', region: '..\\..\\C:逃逸', year: 2021 })
    expect(r.ok).toBe(true)
    expect(dirname(r.result.path)).toBe(workspace)
    expect(r.result.fileName).not.toMatch(/[\\:]/)
    expect(existsSync(join(base, 'a'))).toBe(true)
    expect(readdirSync(join(base, 'a'))).toEqual(['b'])
    svc.session.close()
  })

  it('a long file name keeps its extension', async () => {
    const { svc, call, workspace } = setup()
    const { mkdirSync } = await import('node:fs')
    mkdirSync(workspace, { recursive: true })
    const r = await call('report.create', { template: 'school', region: '某校', year: 2024, fileName: '很'.repeat(115) })
    expect(r.ok).toBe(true)
    expect(r.result.fileName).toMatch(/\.nianbao$/)
    expect(dirname(r.result.path)).toBe(workspace)
    svc.session.close()
  })
})
