import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { dispatch } from '../../src/main/services/dispatch'
import { AppState } from '../../src/main/services/appState'
import { createService } from '../../src/main/services/service'
import { closeReportDatabase, openReportDatabase } from '../../src/main/store/database'
import { ReportStore } from '../../src/main/store/reportStore'
import type { DocNode } from '../../src/shared/model/doc'
import { textOf } from '../../src/shared/model/doc'
import { makeReport, sha256, tempDir } from '../helpers/reports'
import { nianbao, STACK_TRACE } from '../helpers/cli'

const paragraph = (text: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })

describe('disk full', () => {
  it('a save that does not fit fails with a Chinese message and leaves the last good save in the file', async () => {
    const dir = tempDir()
    const file = makeReport(join(dir, '清远市2021.nianbao'))
    const service = createService({ appState: new AppState(join(dir, 'config')), ports: { transport: 'browser', workspaceDir: dir } })
    service.session.open(file)
    const id = service.session.require().store.listChapters()[0].id

    const good = await dispatch(service.handlers, 'chapter.save', { id, doc: { type: 'doc', content: [paragraph('最后一次成功保存的内容')] } })
    expect(good.ok).toBe(true)
    const revisionsBefore = service.session.require().store.listRevisions(id)

    // The file may not grow any more: as if the disk were full.
    const db = service.session.require().store.db
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`)
    const big: DocNode = { type: 'doc', content: Array.from({ length: 400 }, (_, i) => paragraph(`第 ${i + 1} 段：${'职业教育质量年度报告'.repeat(40)}`)) }
    const full = await dispatch(service.handlers, 'chapter.save', { id, doc: big }, () => {})
    expect(full).toEqual({ ok: false, error: { code: 'DISK_FULL', message: expect.stringMatching(/磁盘空间不足.*未能保存/) } })

    // Nothing half-changed: the chapter, its history and the file are as after the good save.
    const store = service.session.require().store
    expect(textOf(store.getChapter(id).doc)).toBe('最后一次成功保存的内容')
    expect(store.listRevisions(id)).toEqual(revisionsBefore)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')

    // Once there is room again, the editor's retry goes through.
    db.pragma('max_page_count = 1073741823')
    const retried = await dispatch(service.handlers, 'chapter.save', { id, doc: big })
    expect(retried.ok).toBe(true)
    service.session.close()

    const reopened = openReportDatabase(file)
    try {
      expect(new ReportStore(reopened).getChapter(id).doc.content).toHaveLength(400)
    } finally {
      closeReportDatabase(reopened)
    }
  })

  it('a failed 另存为 leaves no half-written copy and keeps editing the original', async () => {
    const dir = tempDir()
    const file = makeReport(join(dir, '原报告.nianbao'))
    const service = createService({ appState: new AppState(join(dir, 'config')), ports: { transport: 'browser', workspaceDir: dir } })
    service.session.open(file)
    const store = service.session.require().store
    // The backup API fails after it has written (part of) the copy, as when the disk fills up.
    const backup = store.backupTo.bind(store)
    store.backupTo = async (path: string) => {
      await backup(path)
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    }
    const r = await dispatch(service.handlers, 'report.saveAs', { fileName: '副本.nianbao' }, () => {})
    expect(r).toEqual({ ok: false, error: { code: 'DISK_FULL', message: expect.stringContaining('磁盘空间不足') } })
    expect(readdirSync(dir).filter((f) => f.includes('副本'))).toEqual([])
    expect(service.session.require().path).toBe(file)
    service.session.close()
  })
})

/**
 * A report on a read-only medium or without write permission. Permissions do
 * not bind root, so when the tests run as root the commands run as the
 * unprivileged user "nobody" (uid 65534) instead: the file then really is
 * read-only for the process that opens it.
 */
describe('read-only report', () => {
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
  const run = (args: string[], dir: string) => nianbao(args, { ...asUser, env: { ...process.env, HOME: dir, NIANBAO_CONFIG_DIR: join(dir, 'config') } })

  const setup = () => {
    const dir = tempDir()
    chmodSync(dir, 0o755)
    return dir
  }

  // `serve FILE` opens the report for editing, as 打开 does in the app; `info` only reads it.
  it('a read-only file is refused for editing with a Chinese message and left exactly as it was; it can still be read', () => {
    const dir = setup()
    const file = makeReport(join(dir, '只读报告.nianbao'))
    chmodSync(file, 0o444)
    const before = sha256(file)
    const r = run(['serve', file, '--dir', dir], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/“只读报告\.nianbao”是只读文件或没有写入权限.*文件未做任何改动/)
    expect(r.stderr).not.toMatch(STACK_TRACE)
    expect(sha256(file)).toBe(before)
    expect(readdirSync(dir)).toEqual(['只读报告.nianbao'])

    const info = run(['info', file, '--json'], dir)
    expect(info.code).toBe(0)
    expect(JSON.parse(info.stdout)).toMatchObject({ title: '2022年清远市中等职业教育质量年度报告', chapters: 9, appendices: 1 })
    expect(sha256(file)).toBe(before)
    expect(readdirSync(dir)).toEqual(['只读报告.nianbao'])
  })

  it('a report in a folder that cannot be written is refused for editing before anything is written', () => {
    const dir = setup()
    const folder = join(dir, '光盘')
    mkdirSync(folder)
    const file = makeReport(join(folder, '报告.nianbao'))
    chmodSync(file, 0o666)
    chmodSync(folder, 0o555)
    const before = sha256(file)
    const r = run(['serve', file], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/无法在文件夹“.*光盘”中写入/)
    expect(sha256(file)).toBe(before)
    expect(readdirSync(folder)).toEqual(['报告.nianbao'])
    expect(run(['info', file], dir).code).toBe(0)
    expect(readdirSync(folder)).toEqual(['报告.nianbao'])

    const created = run(['new', '--template', 'city', '--region', '清远市', '--year', '2021', '--out', join(folder, '新报告.nianbao')], dir)
    expect(created.code).toBe(1)
    expect(created.stderr).toMatch(/无法在文件夹“.*光盘”中写入/)
    expect(existsSync(join(folder, '新报告.nianbao'))).toBe(false)
    expect(readdirSync(folder)).toEqual(['报告.nianbao'])
  })
})
