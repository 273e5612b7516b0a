import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppState } from '../../src/main/services/appState'
import { dispatch } from '../../src/main/services/dispatch'
import type { Dialogs } from '../../src/main/services/ports'
import { createService, type Service } from '../../src/main/services/service'
import { QINGYUAN_DOCX } from '../helpers/docx'
import { sha256, tempDir } from '../helpers/reports'

/**
 * import.docx / rollover.create / import.report through the service layer,
 * as Electron (native dialogs) and the browser host (uploads, workspace)
 * call them — each input validated by dispatch first.
 */
type Envelope = { ok: boolean; result?: any; error?: { code: string; message: string } }

function service(transport: 'electron' | 'browser', dialogs?: Partial<Dialogs>): { svc: Service; workspace: string; call: (name: string, input?: unknown) => Promise<Envelope> } {
  const base = tempDir('nianbao-import-svc-')
  const workspace = join(base, 'workspace')
  mkdirSync(workspace, { recursive: true })
  const appState = new AppState(join(base, 'config'))
  const svc = createService({
    appState,
    ports: {
      transport,
      workspaceDir: workspace,
      dialogs: dialogs ? ({ openReport: async () => null, saveReport: async () => null, ...dialogs } as Dialogs) : undefined
    }
  })
  return { svc, workspace, call: (name, input) => dispatch(svc.handlers, name, input, () => {}) as Promise<Envelope> }
}

const upload = () => ({ name: '清远市2021年报.docx', data: readFileSync(QINGYUAN_DOCX).toString('base64') })

describe('import through the service layer', () => {
  it('Electron: 导入上一年报告 asks for the .docx and where to save, opens the new report, keeps its import report', async () => {
    const dir = tempDir('nianbao-import-svc-out-')
    const targets = [join(dir, '清远市2021.nianbao'), join(dir, '清远市2022.nianbao')]
    const { svc, call } = service('electron', { openDocx: async () => QINGYUAN_DOCX, saveReport: async () => targets.shift() ?? null })
    const before = sha256(QINGYUAN_DOCX)
    const r = await call('import.docx', {})
    expect(r.ok).toBe(true)
    expect(r.result.state.path).toBe(join(dir, '清远市2021.nianbao'))
    expect(r.result.state.meta.year).toBe(2021)
    expect(r.result.report.counts).toMatchObject({ chapters: 9, cases: 25, tables: 13, figures: 12 })
    expect((await call('import.report')).result).toEqual(r.result.report)
    expect(sha256(QINGYUAN_DOCX)).toBe(before)

    // 从上一年报告新建 from the open report.
    const rolled = await call('rollover.create', { source: 'current', year: 2022 })
    expect(rolled.ok).toBe(true)
    expect(rolled.result.state.path).toBe(join(dir, '清远市2022.nianbao'))
    expect(rolled.result.state.meta).toMatchObject({ year: 2022, title: '2023年清远市中等职业教育质量年度报告' })
    expect(rolled.result.report.rollover).toMatchObject({ fromYear: 2021, toYear: 2022 })
    expect((await call('import.report')).result.rollover).toMatchObject({ toYear: 2022 })
    svc.session.close()
  })

  it('Electron: a cancelled dialog does nothing', async () => {
    const { svc, call, workspace } = service('electron', { openDocx: async () => null, openLastYear: async () => null })
    expect((await call('import.docx', {})).result).toBeNull()
    expect((await call('rollover.create', { source: 'dialog', year: 2022 })).result).toBeNull()
    expect(readdirSync(workspace)).toEqual([])
    expect(svc.session.report).toBeNull()
  })

  it('Electron: 从上一年报告新建 from a .docx chosen in the dialog', async () => {
    const target = join(tempDir('nianbao-import-svc-out-'), 'x.nianbao')
    const { svc, call } = service('electron', { openLastYear: async () => QINGYUAN_DOCX, saveReport: async () => target })
    const r = await call('rollover.create', { source: 'dialog', year: 2022 })
    expect(r.ok).toBe(true)
    expect(r.result.state.meta.year).toBe(2022)
    expect(readdirSync(join(target, '..')).filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm'))).toEqual(['x.nianbao'])
    svc.session.close()
  })

  it('browser: an uploaded .docx becomes a report in the workspace; a rollover from a workspace report', async () => {
    const { svc, call, workspace } = service('browser')
    expect((await call('import.docx', {})).error?.message).toMatch(/浏览器模式下请选择要上传/)
    // The page says a file is about to be chosen: the worker starts now and serves the upload.
    expect((await call('import.prepare')).result).toEqual({ ok: true })
    const r = await call('import.docx', { upload: upload() })
    expect(r.ok).toBe(true)
    expect(r.result.state.path).toBe(join(workspace, '清远市2021年度质量报告.nianbao'))
    const again = await call('import.docx', { upload: upload() })
    expect(again.result.state.path).toBe(join(workspace, '清远市2021年度质量报告（2）.nianbao'))

    const rolled = await call('rollover.create', { source: 'path', path: join(workspace, '清远市2021年度质量报告.nianbao'), year: 2022 })
    expect(rolled.ok).toBe(true)
    expect(rolled.result.state.path).toBe(join(workspace, '清远市2022年度质量报告.nianbao'))
    const fromUpload = await call('rollover.create', { source: 'upload', upload: upload(), year: 2022 })
    expect(fromUpload.ok).toBe(true)
    expect(fromUpload.result.state.meta.year).toBe(2022)
    svc.session.close()
  })

  it('从上一年报告新建 reads the chosen report’s data year before 新建: a workspace report, an upload, a file from the dialog', async () => {
    const { svc, call, workspace } = service('browser')
    const imported = await call('import.docx', { upload: upload() })
    const r2021 = imported.result.state.path as string
    const rolled = await call('rollover.create', { source: 'path', path: r2021, year: 2022 })
    svc.session.close()
    // A listed .nianbao, closed: its own 数据年度, whatever today's year is.
    expect((await call('rollover.lastYear', { source: 'path', path: r2021 })).result).toMatchObject({ fileName: '清远市2021年度质量报告.nianbao', year: 2021, title: '2022年清远市中等职业教育质量年度报告' })
    expect((await call('rollover.lastYear', { source: 'path', path: rolled.result.state.path })).result).toMatchObject({ year: 2022 })
    // An uploaded .docx: the year its import reads.
    expect((await call('rollover.lastYear', { source: 'upload', upload: upload() })).result).toMatchObject({ fileName: '清远市2021年报.docx', year: 2021 })
    // Only reports the page may name.
    expect((await call('rollover.lastYear', { source: 'path', path: '/etc/passwd' })).error?.code).toBe('BAD_INPUT')
    expect(readdirSync(workspace).filter((f) => f.endsWith('.nianbao')).sort()).toEqual(['清远市2021年度质量报告.nianbao', '清远市2022年度质量报告.nianbao'])

    // Electron: the file chosen to learn its year is the one the rollover then uses (no second dialog).
    const dir = tempDir('nianbao-import-svc-out-')
    let asked = 0
    const e = service('electron', { openLastYear: async () => (asked++, r2021), saveReport: async () => join(dir, '新.nianbao') })
    expect((await e.call('rollover.lastYear', { source: 'dialog' })).result).toMatchObject({ year: 2021 })
    const made = await e.call('rollover.create', { source: 'dialog', year: 2022 })
    expect(made.result.state.meta.year).toBe(2022)
    expect(asked).toBe(1)
    e.svc.session.close()
  })

  it('a printed value its formula contradicts is kept as printed and marked; the user takes the computed one per cell, stored in the report', async () => {
    const { svc, call } = service('browser')
    const r = await call('import.docx', { upload: upload() })
    const kept = (r.result.report.inconsistencies as { code: string; cell?: any }[]).filter((i) => i.cell)
    expect(kept.length).toBeGreaterThan(3)
    expect(kept.every((i) => i.code === 'TABLE_VALUE_MISMATCH' && i.cell.choice === 'printed')).toBe(true)
    const c44 = kept.find((i) => i.cell.printed === '44' && i.cell.computed === '42')!.cell
    const view = async () => (await call('data.table', { id: c44.tableId })).result.resolved.rows[c44.row][c44.col]
    // Import changed nothing without asking: the table shows 44, marked with what the formula gives.
    expect(await view()).toMatchObject({ text: '44' })
    expect((await view()).finding).toContain('42')
    const took = await call('import.chooseValue', { tableId: c44.tableId, row: c44.row, col: c44.col, choice: 'computed' })
    expect(took.ok).toBe(true)
    expect(await view()).toMatchObject({ text: '42', formula: true })
    expect((await view()).finding).toBeUndefined()
    const stored = (await call('import.report')).result.inconsistencies.find((i: any) => i.cell?.tableId === c44.tableId && i.cell.row === c44.row && i.cell.col === c44.col)
    expect(stored.cell.choice).toBe('computed')
    // And back: the printed value again, still marked.
    await call('import.chooseValue', { tableId: c44.tableId, row: c44.row, col: c44.col, choice: 'printed' })
    expect(await view()).toMatchObject({ text: '44' })
    expect((await view()).finding).toContain('42')
    expect((await call('import.chooseValue', { tableId: c44.tableId, row: 0, col: 0, choice: 'computed' })).error?.code).toBe('NOT_FOUND')
    svc.session.close()
  })

  it('refuses what is not last year’s report, with nothing created', async () => {
    const { svc, call, workspace } = service('browser')
    const notDocx = await call('import.docx', { upload: { name: '旧报告.doc', data: Buffer.from('abc').toString('base64') } })
    expect(notDocx.error?.message).toMatch(/另存为 \.docx/)
    const bad = await call('import.docx', { upload: { name: 'x.docx', data: Buffer.from('not a zip').toString('base64') } })
    expect(bad.error).toMatchObject({ code: 'IMPORT_FAILED' })
    expect(bad.error?.message).toMatch(/不是 Word 文档.*没有生成新报告/)
    const outside = await call('rollover.create', { source: 'path', path: '/etc/passwd', year: 2022 })
    expect(outside.error?.code).toBe('BAD_INPUT')
    const noReport = await call('rollover.create', { source: 'current', year: 2022 })
    expect(noReport.error?.code).toBe('NO_REPORT_OPEN')
    const badYear = await call('rollover.create', { source: 'current', year: 1999 })
    expect(badYear.error?.code).toBe('BAD_INPUT')
    expect(readdirSync(workspace)).toEqual([])
    expect(existsSync(join(workspace, 'x.nianbao'))).toBe(false)
    expect((await call('import.report')).result).toBeNull()
    svc.session.close()
  })
})
