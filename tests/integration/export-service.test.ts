/**
 * export.start / export.progress through the service layer, as Electron
 * (save dialog) and the browser host (workspace folder) call them, each
 * input validated by dispatch first.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppState } from '../../src/main/services/appState'
import { dispatch } from '../../src/main/services/dispatch'
import type { Dialogs } from '../../src/main/services/ports'
import { createService } from '../../src/main/services/service'
import { writeFixtureReport } from '../helpers/exportFixture'
import { openDocx } from '../helpers/exportDocx'

type Envelope = { ok: boolean; result?: any; error?: { code: string; message: string } }

function setup(transport: 'electron' | 'browser', dialogs?: Partial<Dialogs>) {
  const base = mkdtempSync(join(tmpdir(), 'nianbao-export-svc-'))
  const workspace = join(base, 'workspace')
  mkdirSync(workspace, { recursive: true })
  const svc = createService({
    appState: new AppState(join(base, 'config')),
    ports: { transport, workspaceDir: workspace, dialogs: dialogs ? ({ openReport: async () => null, saveReport: async () => null, ...dialogs } as Dialogs) : undefined }
  })
  const call = (name: string, input?: unknown) => dispatch(svc.handlers, name, input, () => {}) as Promise<Envelope>
  const report = join(workspace, '清远市2021.nianbao')
  writeFixtureReport(report)
  svc.session.open(report)
  return { svc, call, base, workspace }
}

async function finish(call: (n: string, i?: unknown) => Promise<Envelope>, id: string): Promise<Envelope> {
  for (;;) {
    const r = await call('export.progress', { id })
    if (!r.ok || r.result.state !== 'running') return r
    await new Promise((done) => setTimeout(done, 100))
  }
}

describe('export through the service layer', () => {
  it('browser host: writes into the workspace under the report title, reporting progress until done', async () => {
    const { call, workspace, svc } = setup('browser')
    const started = await call('export.start', {})
    expect(started.ok).toBe(true)
    expect(started.result.state).toBe('running')
    // One export at a time.
    const second = await call('export.start', {})
    expect(second.ok).toBe(false)
    expect(second.error!.code).toBe('CONFLICT')
    expect(second.error!.message).toContain('正在导出')

    const done = await finish(call, started.result.id)
    expect(done.result.state).toBe('done')
    expect(done.result.progress).toMatchObject({ stage: 'done', fraction: 1 })
    const path = join(workspace, '2022年清远市中等职业教育质量年度报告.docx')
    expect(done.result.result).toMatchObject({ path, chapters: 9, cases: 25 })
    expect(openDocx(readFileSync(path)).document).toContain('</w:body>')

    // A chosen file name.
    const named = await call('export.start', { fileName: '终稿' })
    expect((await finish(call, named.result.id)).result.result.path).toBe(join(workspace, '终稿.docx'))
    svc.session.close()
  })

  it('Electron: asks where to save with the Word dialog; cancelling does nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nianbao-export-svc-out-')), '清远年报')
    const answers: (string | null)[] = [null, out]
    const asked: string[] = []
    const { call, svc } = setup('electron', {
      saveDocx: async (name) => {
        asked.push(name)
        return answers.shift() ?? null
      }
    })
    const cancelled = await call('export.start', {})
    expect(cancelled).toEqual({ ok: true, result: null })
    const started = await call('export.start', {})
    const done = await finish(call, started.result.id)
    expect(done.result.result.path).toBe(`${out}.docx`)
    expect(existsSync(`${out}.docx`)).toBe(true)
    expect(asked[0]).toBe('2022年清远市中等职业教育质量年度报告.docx')
    svc.session.close()
  })

  it('refuses bad input, unknown jobs and exporting with no report open, in Chinese', async () => {
    const { call, svc } = setup('browser')
    expect((await call('export.start', { fileName: '../../etc/passwd' })).error!.code).toBe('BAD_INPUT')
    expect((await call('export.start', { path: '/tmp/x.docx' })).error!.code).toBe('BAD_INPUT')
    const unknown = await call('export.progress', { id: 'exp_nothing' })
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND' })
    expect(unknown.error!.message).toMatch(/[\u4e00-\u9fff]/)
    svc.session.close()
    const none = await call('export.start', {})
    expect(none.error).toMatchObject({ code: 'NO_REPORT_OPEN' })
  })

  it('reports a failed export with its Chinese message, leaving the previous file', async () => {
    const { call, workspace, svc } = setup('browser')
    // The target name is taken by a folder: writing must fail.
    mkdirSync(join(workspace, '冲突.docx'))
    const started = await call('export.start', { fileName: '冲突' })
    const done = await finish(call, started.result.id)
    expect(done.result.state).toBe('failed')
    expect(done.result.error.message).toMatch(/[\u4e00-\u9fff]/)
    svc.session.close()
  })
})
