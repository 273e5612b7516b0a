/**
 * The editor's save (chapter.save) and its policy in main: changed blocks
 * against the stored version, what happens when the chapter changed behind
 * the editor, the snapshot of a chapter left for another, and an answer
 * that carries only what changed.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DocNode } from '../../src/shared/model/doc'
import { summarizeChapter } from '../../src/shared/model/summary'
import { AppState } from '../../src/main/services/appState'
import { dispatch } from '../../src/main/services/dispatch'
import { createService } from '../../src/main/services/service'
import { makeReport, tempDir } from '../helpers/reports'

type Envelope = { ok: boolean; result?: any; error?: { code: string; message: string } }

const text = (t: string): DocNode => ({ type: 'text', text: t })
const p = (t: string): DocNode => ({ type: 'paragraph', content: [text(t)] })
const h = (id: string, t: string): DocNode => ({ type: 'heading', attrs: { level: 2, id }, content: [text(t)] })

function setup() {
  const base = tempDir('nianbao-saving-')
  const svc = createService({ appState: new AppState(join(base, 'config')), ports: { transport: 'browser', workspaceDir: base } })
  const send = (name: string, input?: unknown) => dispatch(svc.handlers, name, input, () => {}) as Promise<Envelope>
  const call = async (name: string, input?: unknown) => {
    const r = await send(name, input)
    if (!r.ok) throw new Error(r.error!.message)
    return r.result
  }
  svc.session.open(makeReport(join(base, 'r.nianbao')))
  const store = () => svc.session.require().store
  const reasons = async (chapterId: string) => ((await call('revision.list', { chapterId })) as { reason: string }[]).map((r) => r.reason).reverse()
  return { svc, send, call, store, reasons }
}

/** A chapter written whole, as the starting point; answers its id and version. */
async function chapterWith(s: ReturnType<typeof setup>, content: DocNode[], index = 0): Promise<{ id: string; version: number }> {
  const { id } = s.store().listChapters()[index]
  const r = await s.call('chapter.save', { id, doc: { type: 'doc', content } })
  return { id, version: r.version }
}

describe('chapter.save: changed blocks', () => {
  it('replaces the blocks sent and answers with the chapter’s outline entry as report.state lists it, not the whole report', async () => {
    const s = setup()
    const { id, version } = await chapterWith(s, [h('h_a', '一、概况'), p('原来的第一段。'), p('第二段。')])
    const r = await s.call('chapter.save', { id, baseVersion: version, from: 1, to: 2, blocks: [p('改过的第一段，多了几个字。'), p('新加的一段。')] })
    expect(r.stored).toBe(true)
    expect(r.version).toBe(version + 1)
    expect(r).not.toHaveProperty('state')
    expect(r.normalized).toBeNull()
    const stored = s.store().getChapter(id)
    expect(stored.doc.content).toEqual([h('h_a', '一、概况'), p('改过的第一段，多了几个字。'), p('新加的一段。'), p('第二段。')])
    const state = await s.call('report.state')
    expect(r.chapter).toEqual(state.chapters.find((c: { id: string }) => c.id === id))
    expect(r.chapter.summary).toEqual(summarizeChapter(stored.doc))
    s.svc.session.close()
  })

  it('keeps the whole chapter’s summary right over many small saves, headings added and removed', async () => {
    const s = setup()
    const start = await chapterWith(s, [h('h_a', '概况'), p('甲乙丙。'), p('Quality report')])
    const id = start.id
    let version = start.version
    const steps: [number, number, DocNode[]][] = [
      [1, 2, [p('甲乙丙丁。')]],
      [2, 2, [h('h_b', '新的一节'), p('新节的正文 text')]],
      [0, 1, []],
      [3, 4, [p('Quality report 2021')]]
    ]
    for (const [from, to, blocks] of steps) {
      const r = await s.call('chapter.save', { id, baseVersion: version, from, to, blocks })
      version = r.version
      expect(r.chapter.summary).toEqual(summarizeChapter(s.store().getChapter(id).doc))
    }
    expect(s.store().getChapter(id).doc.content).toEqual([p('甲乙丙丁。'), h('h_b', '新的一节'), p('新节的正文 text'), p('Quality report 2021')])
    expect(s.store().listChapters().find((c) => c.id === id)!.summary.headings.map((x) => x.id)).toEqual(['h_b'])
    s.svc.session.close()
  })

  it('gives a new block a new id where another chapter or a block that stays uses it, and answers with the repaired text', async () => {
    const s = setup()
    await chapterWith(s, [h('h_other', '别章的一节')], 1)
    const { id, version } = await chapterWith(s, [h('h_here', '本章的一节'), p('正文。')])
    const r = await s.call('chapter.save', { id, baseVersion: version, from: 1, to: 2, blocks: [h('h_other', '抄来的'), h('h_here', '又一个'), p('正文。')] })
    const headings = (r.normalized as DocNode).content!.filter((n) => n.type === 'heading').map((n) => n.attrs!.id as string)
    expect(headings[0]).toBe('h_here') // the block that stayed keeps its id
    expect(new Set(headings).size).toBe(3)
    expect(headings).not.toContain('h_other')
    expect(s.store().getChapter(id).doc).toEqual(r.normalized)
    s.svc.session.close()
  })

  it('refuses a block the schema does not allow, or blocks a chapter cannot hold at its top, and stores nothing', async () => {
    const s = setup()
    const { id, version } = await chapterWith(s, [p('第一段。')])
    const before = s.store().getChapter(id)
    const bad = await s.send('chapter.save', { id, baseVersion: version, from: 0, to: 1, blocks: [{ type: 'paragraph', content: [p('段中段')] }] })
    expect(bad.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('章节内容格式无效（段落的结构不符合规则）') })
    const top = await s.send('chapter.save', { id, baseVersion: version, from: 0, to: 1, blocks: [text('裸露的文字')] })
    expect(top.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('章节内容格式无效') })
    expect(s.store().getChapter(id)).toEqual(before)
    // The refused saves leave nothing behind: the next one builds on the stored text.
    const ok = await s.call('chapter.save', { id, baseVersion: version, from: 1, to: 1, blocks: [p('第二段。')] })
    expect(ok.version).toBe(version + 1)
    expect(s.store().getChapter(id).doc.content).toEqual([p('第一段。'), p('第二段。')])
    s.svc.session.close()
  })

  it('asks for the whole text when the blocks no longer fit: the chapter changed behind the editor, or the range is off', async () => {
    const s = setup()
    const { id, version } = await chapterWith(s, [p('第一段。'), p('第二段。')])
    // Another path (find and replace in main) changed the chapter since.
    await s.call('search.replaceAll', { query: '第二段', replacement: '第贰段', chapterIds: [id] })
    const stale = await s.call('chapter.save', { id, baseVersion: version, from: 0, to: 1, blocks: [p('编辑器里的第一段。')] })
    expect(stale).toEqual({ stored: false })
    const current = s.store().getChapter(id)
    expect(current.doc.content).toEqual([p('第一段。'), p('第贰段。')])
    const off = await s.call('chapter.save', { id, baseVersion: current.version, from: 1, to: 5, blocks: [p('x')] })
    expect(off).toEqual({ stored: false })
    expect(s.store().getChapter(id)).toEqual(current)
    // Built on what main changed, the next save fits again.
    const r = await s.call('chapter.save', { id, baseVersion: current.version, from: 0, to: 1, blocks: [p('编辑器里的第一段。')] })
    expect(r.stored).toBe(true)
    expect(s.store().getChapter(id).doc.content).toEqual([p('编辑器里的第一段。'), p('第贰段。')])
    s.svc.session.close()
  })
})

describe('chapter.save: the whole text over a changed chapter', () => {
  it('keeps what is stored as a snapshot, then stores the editor’s text: nobody’s text is lost', async () => {
    const s = setup()
    const { id, version } = await chapterWith(s, [p('编辑器打开时的文字。')])
    await s.call('search.replaceAll', { query: '打开时', replacement: '在别处改过', chapterIds: [id] })
    const before = await s.reasons(id)
    const r = await s.call('chapter.save', { id, baseVersion: version, doc: { type: 'doc', content: [p('编辑器里的新文字。')] } })
    expect(r.stored).toBe(true)
    expect(s.store().getChapter(id).doc.content).toEqual([p('编辑器里的新文字。')])
    const revisions = (await s.call('revision.list', { chapterId: id })) as { id: number; reason: string }[]
    expect(revisions.length).toBe(before.length + 1)
    const kept = await s.call('revision.get', { id: revisions[0].id })
    expect(kept.doc.content).toEqual([p('编辑器在别处改过的文字。')])
    s.svc.session.close()
  })

  it('with the stored version, stores it without a snapshot of its own', async () => {
    const s = setup()
    const { id, version } = await chapterWith(s, [p('第一稿。')])
    const before = await s.reasons(id)
    await s.call('chapter.save', { id, baseVersion: version, doc: { type: 'doc', content: [p('第二稿。')] } })
    expect(await s.reasons(id)).toEqual(before)
    s.svc.session.close()
  })
})

describe('chapter.save: leaving a chapter for another', () => {
  it('snapshots the chapter as left, with the save of its last change, in one call', async () => {
    const s = setup()
    const { id, version } = await chapterWith(s, [p('第一段。')])
    const before = await s.reasons(id)
    const r = await s.call('chapter.save', { id, baseVersion: version, from: 1, to: 1, blocks: [p('离开前写的。')], leaving: true })
    expect(await s.reasons(id)).toEqual([...before, 'switch'])
    const revisions = (await s.call('revision.list', { chapterId: id })) as { id: number }[]
    expect((await s.call('revision.get', { id: revisions[0].id })).doc.content).toEqual([p('第一段。'), p('离开前写的。')])
    expect(r.version).toBe(version + 1)
    s.svc.session.close()
  })

  it('with nothing changed, takes only the snapshot (none when the last one holds the same text)', async () => {
    const s = setup()
    const { id, version } = await chapterWith(s, [p('没有改动。')])
    await s.call('revision.create', { chapterId: id, reason: 'manual' })
    await s.call('chapter.save', { id, baseVersion: version, from: 0, to: 1, blocks: [p('改了一点。')] })
    const before = await s.reasons(id)
    const r = await s.call('chapter.save', { id, baseVersion: version + 1, leaving: true })
    expect(r).toMatchObject({ stored: true, version: version + 1, normalized: null })
    expect(r.chapter.summary).toEqual(summarizeChapter(s.store().getChapter(id).doc))
    expect(await s.reasons(id)).toEqual([...before, 'switch'])
    await s.call('chapter.save', { id, baseVersion: version + 1, leaving: true })
    expect(await s.reasons(id)).toEqual([...before, 'switch'])
    s.svc.session.close()
  })

  it('a failed save takes no snapshot either', async () => {
    const s = setup()
    const { id, version } = await chapterWith(s, [p('第一段。')])
    const before = await s.reasons(id)
    const r = await s.send('chapter.save', { id, baseVersion: version, from: 0, to: 1, blocks: [{ type: 'nothing' }], leaving: true })
    expect(r.ok).toBe(false)
    expect(await s.reasons(id)).toEqual(before)
    s.svc.session.close()
  })
})

describe('chapter.save: what it accepts', () => {
  it('refuses a request that mixes the whole text and blocks, blocks without their version or range, or nothing to do', async () => {
    const s = setup()
    const { id } = s.store().listChapters()[0]
    const refused = async (input: unknown) => {
      const r = await s.send('chapter.save', input)
      expect(r.ok).toBe(false)
      return r.error!.message
    }
    expect(await refused({ id, doc: { type: 'doc', content: [] }, from: 0, to: 0, blocks: [] })).toMatch(/只能给一种/)
    expect(await refused({ id, from: 0, to: 0, blocks: [] })).toMatch(/baseVersion/)
    expect(await refused({ id, baseVersion: 1, from: 0, blocks: [] })).toMatch(/同时给出/)
    expect(await refused({ id, baseVersion: 1 })).toMatch(/没有要保存的内容/)
    const gone = await s.send('chapter.save', { id: 'ch_gone', baseVersion: 1, leaving: true })
    expect(gone.error).toEqual({ code: 'NOT_FOUND', message: '找不到这一章，它可能已被删除。' })
    s.svc.session.close()
  })
})
