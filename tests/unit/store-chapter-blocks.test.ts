/**
 * A chapter stored as block rows (migration 006): a patch writes only the
 * blocks it changes and reads back exactly as a whole save of the same
 * document; a stale patch or a failure half-way changes nothing; snapshots
 * and restores see the whole text.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DocNode } from '../../src/shared/model/doc'
import { summarizeChapter } from '../../src/shared/model/summary'
import { AppState } from '../../src/main/services/appState'
import { dispatch } from '../../src/main/services/dispatch'
import { createService } from '../../src/main/services/service'
import type { ReportStore } from '../../src/main/store/reportStore'
import { makeReport, tempDir } from '../helpers/reports'

const text = (t: string): DocNode => ({ type: 'text', text: t })
const p = (t: string): DocNode => ({ type: 'paragraph', content: [text(t)] })
const h = (id: string, t: string): DocNode => ({ type: 'heading', attrs: { level: 2, id }, content: [text(t)] })
const caseOf = (id: string, title: string): DocNode => ({
  type: 'caseStudy',
  attrs: { id, school: '清远工贸' },
  content: [{ type: 'caseTitle', content: [text(title)] }, p('案例正文。')]
})
const docOf = (content: DocNode[]): DocNode => ({ type: 'doc', content })

function setup() {
  const base = tempDir('nianbao-blocks-')
  const svc = createService({ appState: new AppState(join(base, 'config')), ports: { transport: 'browser', workspaceDir: base } })
  svc.session.open(makeReport(join(base, 'r.nianbao')))
  const store = (): ReportStore => svc.session.require().store
  const call = async (name: string, input?: unknown) => {
    const r = (await dispatch(svc.handlers, name, input, () => {})) as { ok: boolean; result?: any; error?: { message: string } }
    if (!r.ok) throw new Error(r.error!.message)
    return r.result
  }
  return { svc, store, call }
}

/** Everything stored about a chapter: its text, version, summary, case index, and its block rows. */
function stored(store: ReportStore, id: string) {
  const c = store.getChapter(id)
  return {
    doc: c.doc,
    version: c.version,
    summary: store.chapterSummary(id),
    cases: store.db.prepare('SELECT id, position, title FROM case_study WHERE chapter_id = ? ORDER BY position').all(id),
    rows: blockRows(store, id)
  }
}

function blockRows(store: ReportStore, id: string): { id: number; doc: string }[] {
  return store.db.prepare('SELECT id, doc FROM chapter_block WHERE chapter_id = ? ORDER BY id').all(id) as { id: number; doc: string }[]
}

const start = [h('h_a', '一、概况'), p('第一段。'), caseOf('case_a', '案例甲'), p('第二段。'), h('h_b', '二、成效'), p('第三段。')]

describe('ReportStore.patchChapter', () => {
  // [from, to, new blocks]: replace, insert and delete at the start, in the middle and at the end.
  const patches: [string, number, number, DocNode[]][] = [
    ['replace the first block', 0, 1, [h('h_a', '一、基本概况')]],
    ['insert at the start', 0, 0, [p('开头加的一段。'), p('又一段。')]],
    ['delete at the start', 0, 2, []],
    ['replace one in the middle', 3, 4, [p('改过的第二段。')]],
    ['replace one in the middle with three', 3, 4, [p('甲。'), caseOf('case_b', '案例乙'), p('丙。')]],
    ['replace three in the middle with one', 1, 4, [p('合并后的一段。')]],
    ['insert in the middle', 2, 2, [p('插在案例前。')]],
    ['delete in the middle, a case with it', 2, 3, []],
    ['replace the last block', 5, 6, [p('改过的第三段。')]],
    ['append at the end', 6, 6, [p('最后加的一段。')]],
    ['delete at the end', 4, 6, []]
  ]

  for (const [name, from, to, blocks] of patches) {
    it(`${name}: reads back exactly the document a whole save stores, with the same summary and case index`, () => {
      const { svc, store } = setup()
      const [a, b] = store().listChapters()
      store().saveChapter(a.id, docOf(start), summarizeChapter(docOf(start)))
      const before = stored(store(), a.id)

      const next = docOf([...start.slice(0, from), ...blocks, ...start.slice(to)])
      const saved = store().patchChapter(a.id, from, to, blocks, summarizeChapter(next), before.version)
      expect(saved.version).toBe(before.version + 1)
      // The same document saved whole, in another chapter (the case ids moved there with it), for comparison.
      store().saveChapter(b.id, next, summarizeChapter(next))

      const after = stored(store(), a.id)
      expect(after.doc).toEqual(next)
      expect(after.doc).toEqual(store().getChapter(b.id).doc)
      expect(after.summary).toEqual(store().chapterSummary(b.id))
      expect(after.version).toBe(before.version + 1)
      // One row per block, no row left behind by a deleted block.
      expect(after.rows).toHaveLength(next.content!.length)
      // The blocks kept are not written again: their rows stay as they were.
      const untouched = [...start.slice(0, from), ...start.slice(to)].map((x) => JSON.stringify(x))
      for (const row of before.rows.filter((r) => untouched.includes(r.doc))) expect(after.rows).toContainEqual(row)
      // A snapshot of the patched chapter holds the whole text.
      const rev = store().addRevision(a.id, 'manual')!
      expect(store().revisionDoc(rev.id)).toEqual(next)
      svc.session.close()
    })
  }

  it('a case the patch removes leaves the case index; one it adds enters it; a renamed one is renamed there', () => {
    const { svc, store } = setup()
    const [a] = store().listChapters()
    const v = store().saveChapter(a.id, docOf(start), summarizeChapter(docOf(start))).version
    const next = docOf([...start.slice(0, 2), caseOf('case_b', '案例乙'), ...start.slice(3)])
    store().patchChapter(a.id, 2, 3, [caseOf('case_b', '案例乙')], summarizeChapter(next), v)
    expect(stored(store(), a.id).cases).toEqual([{ id: 'case_b', position: 0, title: '案例乙' }])
    // A case whose title changes keeps its place in the index under the new title.
    const renamed = docOf([...start.slice(0, 2), caseOf('case_b', '案例乙（改）'), ...start.slice(3)])
    store().patchChapter(a.id, 2, 3, [caseOf('case_b', '案例乙（改）')], summarizeChapter(renamed), v + 1)
    expect(stored(store(), a.id).cases).toEqual([{ id: 'case_b', position: 0, title: '案例乙（改）' }])
    svc.session.close()
  })

  it('a stale base version is refused and nothing changes', () => {
    const { svc, store } = setup()
    const [a] = store().listChapters()
    const v = store().saveChapter(a.id, docOf(start), summarizeChapter(docOf(start))).version
    const before = stored(store(), a.id)
    const next = docOf([p('别处的旧版本里改的。'), ...start.slice(1)])
    expect(() => store().patchChapter(a.id, 0, 1, [p('别处的旧版本里改的。')], summarizeChapter(next), v - 1)).toThrow(/已在别处被修改/)
    expect(stored(store(), a.id)).toEqual(before)
    svc.session.close()
  })

  it('a range outside the chapter is refused and nothing changes', () => {
    const { svc, store } = setup()
    const [a] = store().listChapters()
    const v = store().saveChapter(a.id, docOf(start), summarizeChapter(docOf(start))).version
    const before = stored(store(), a.id)
    expect(() => store().patchChapter(a.id, 5, 7, [p('超出范围。')], summarizeChapter(docOf(start)), v)).toThrow(/超出了这一章的范围/)
    expect(() => store().patchChapter(a.id, 3, 2, [], summarizeChapter(docOf(start)), v)).toThrow(/超出了这一章的范围/)
    expect(stored(store(), a.id)).toEqual(before)
    svc.session.close()
  })

  it('a failure after the patch in the same transaction leaves the chapter as it was', () => {
    const { svc, store } = setup()
    const [a] = store().listChapters()
    const v = store().saveChapter(a.id, docOf(start), summarizeChapter(docOf(start))).version
    const before = stored(store(), a.id)
    const next = docOf([...start.slice(0, 1), p('插入的。'), caseOf('case_b', '案例乙'), ...start.slice(3)])
    expect(() =>
      store().transaction(() => {
        store().patchChapter(a.id, 1, 3, [p('插入的。'), caseOf('case_b', '案例乙')], summarizeChapter(next), v)
        expect(store().getChapter(a.id).doc).toEqual(next)
        throw new Error('进程在提交前中断')
      })
    ).toThrow('进程在提交前中断')
    expect(stored(store(), a.id)).toEqual(before)
    svc.session.close()
  })

  it('deleting a chapter removes its block rows, and restoring it from 历史版本 brings its text back exactly', async () => {
    const { svc, store, call } = setup()
    const [a] = store().listChapters()
    const v = store().saveChapter(a.id, docOf(start), summarizeChapter(docOf(start))).version
    const next = docOf([...start.slice(0, 3), p('删除前最后写的。'), ...start.slice(4)])
    store().patchChapter(a.id, 3, 4, [p('删除前最后写的。')], summarizeChapter(next), v)
    await call('chapter.remove', { id: a.id })
    expect(store().hasChapter(a.id)).toBe(false)
    expect(blockRows(store(), a.id)).toEqual([])
    const [deleted] = await call('revision.deletedChapters')
    const restored = await call('revision.restore', { id: deleted.revisionId })
    expect(restored.chapter.doc).toEqual(next)
    expect(store().getChapter(a.id).doc).toEqual(next)
    svc.session.close()
  })
})

describe('chapter.save through the block rows', () => {
  it('a snapshot taken before edits restores the chapter exactly, after patches that inserted and removed blocks', async () => {
    const { svc, store, call } = setup()
    const [a] = store().listChapters()
    let { version } = await call('chapter.save', { id: a.id, doc: docOf(start) })
    const snapshot = await call('revision.create', { chapterId: a.id, reason: 'manual' })
    const original = store().getChapter(a.id).doc
    for (const [from, to, blocks] of [
      [0, 0, [p('开头。')]],
      [3, 5, [p('中间。')]],
      [5, 6, []]
    ] as [number, number, DocNode[]][]) {
      const r = await call('chapter.save', { id: a.id, baseVersion: version, from, to, blocks })
      expect(r.stored).toBe(true)
      version = r.version
    }
    expect(store().getChapter(a.id).doc).not.toEqual(original)
    const restored = await call('revision.restore', { id: snapshot.id })
    expect(restored.chapter.doc).toEqual(original)
    // What the restore replaced was kept too, and reads back whole.
    const revisions = await call('revision.list', { chapterId: a.id })
    const before = revisions.find((r: { reason: string }) => r.reason === 'before-restore')
    expect((await call('revision.get', { id: before.id })).doc.content.map((b: DocNode) => b.content?.[0]?.text ?? b.type)).toEqual([
      '开头。',
      '一、概况',
      '第一段。',
      '中间。',
      '二、成效'
    ])
    svc.session.close()
  })
})
