/**
 * revision.restore through the service layer: a restore is one change (the
 * snapshot of what it replaces, the text and the restore version together
 * or not at all), and a restored chapter never brings back ids that another
 * chapter uses by now.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppState } from '../../src/main/services/appState'
import { dispatch } from '../../src/main/services/dispatch'
import { createService } from '../../src/main/services/service'
import { makeReport, tempDir } from '../helpers/reports'

type Envelope = { ok: boolean; result?: any; error?: { code: string; message: string } }

function setup() {
  const base = tempDir('nianbao-restore-')
  const svc = createService({ appState: new AppState(join(base, 'config')), ports: { transport: 'browser', workspaceDir: base } })
  const call = async (name: string, input?: unknown) => {
    const r = (await dispatch(svc.handlers, name, input, () => {})) as Envelope
    if (!r.ok) throw new Error(r.error!.message)
    return r.result
  }
  svc.session.open(makeReport(join(base, 'r.nianbao')))
  return { svc, call }
}

const section = (id: string, title: string, text: string) => [
  { type: 'heading', attrs: { level: 2, id }, content: [{ type: 'text', text: title }] },
  { type: 'paragraph', content: [{ type: 'text', text }] }
]

describe('revision.restore', () => {
  it('a restored deleted chapter gets new ids where another chapter now uses them', async () => {
    const { svc, call } = setup()
    const [a, b] = (await call('report.state')).chapters
    const chA = await call('chapter.get', { id: a.id })
    await call('chapter.save', { id: a.id, doc: { type: 'doc', content: section('sec_moved', '搬走的一节', '原来在第一章。') }, baseVersion: chA.version })
    const snapshot = await call('revision.create', { chapterId: a.id, reason: 'manual' })
    await call('chapter.moveSection', { chapterId: a.id, headingId: 'sec_moved', toChapterId: b.id })
    await call('chapter.remove', { id: a.id })

    const restored = await call('revision.restore', { id: snapshot.id })
    const ids = restored.state.numbering.headings.map((h: { id: string }) => h.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(restored.state.numbering.headings.filter((h: { text: string }) => h.text === '搬走的一节')).toHaveLength(2)
    // The chapter that holds the section now keeps its id.
    const inB = svc.session.require().store.getChapter(b.id).doc.content!.find((n) => n.type === 'heading' && n.attrs?.id === 'sec_moved')
    expect(inB).toBeDefined()
    svc.session.close()
  })

  it('a restore that fails half-way leaves the chapter and its history as they were', async () => {
    const { svc, call } = setup()
    const [a] = (await call('report.state')).chapters
    const ch = await call('chapter.get', { id: a.id })
    await call('chapter.save', { id: a.id, doc: { type: 'doc', content: section('sec_1', '第一稿', '第一稿的正文。') }, baseVersion: ch.version })
    const first = await call('revision.create', { chapterId: a.id, reason: 'manual' })
    const again = await call('chapter.get', { id: a.id })
    await call('chapter.save', { id: a.id, doc: { type: 'doc', content: section('sec_1', '第二稿', '第二稿的正文。') }, baseVersion: again.version })
    const before = await call('revision.list', { chapterId: a.id })

    // The disk fills up while the restored text is written.
    const store = svc.session.require().store
    const save = store.saveChapter.bind(store)
    store.saveChapter = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    }
    await expect(call('revision.restore', { id: first.id })).rejects.toThrow(/磁盘|空间/)
    store.saveChapter = save

    expect(await call('revision.list', { chapterId: a.id })).toEqual(before)
    expect(JSON.stringify((await call('chapter.get', { id: a.id })).doc)).toContain('第二稿的正文')
    svc.session.close()
  })
})
