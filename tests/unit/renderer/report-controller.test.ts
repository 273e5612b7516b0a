import { EditorState } from '@tiptap/pm/state'
import type { Editor } from '@tiptap/core'
import type { MainEvent } from '@shared/api'
import type { DocNode } from '@shared/model/doc'
import { numberReport } from '@shared/model/numbering'
import type { ChapterListItem, ChapterRecord, ReportState } from '@shared/model/report'
import { summarizeChapter } from '@shared/model/summary'
import { reportSchema } from '@shared/editor/schema'
import { ApiError } from '../../../src/renderer/src/api/errors'
import type { ChapterSaver } from '../../../src/renderer/src/editor/save/ChapterSaver'
import { ReportController, type OpenChapter, type ReportApi, type ReportDeps } from '../../../src/renderer/src/screens/report/reportController'
import { newChapterPlace } from '../../../src/renderer/src/screens/report/reportDialogs'
import { listenToWindow, onMainEvent, onReportKey } from '../../../src/renderer/src/screens/report/reportEvents'

/**
 * The report screen's controller under Node: a stand-in for main answers
 * its calls, fake editors stand in for the chapter editor, and the events
 * of the window are plain EventTargets.
 */
const text = (t: string): DocNode => ({ type: 'text', text: t })
const p = (t = ''): DocNode => ({ type: 'paragraph', ...(t ? { content: [text(t)] } : {}) })
const h = (level: number, t: string, id: string): DocNode => ({ type: 'heading', attrs: { level, id }, content: [text(t)] })
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content })

function reportOf(docs: Record<string, DocNode>, kinds: Record<string, 'chapter' | 'appendix'> = {}, path = '/w/清远.nianbao'): ReportState {
  const chapters: ChapterListItem[] = Object.entries(docs).map(([id, d], position) => ({ id, position, title: `章${id}`, kind: kinds[id] ?? 'chapter', summary: summarizeChapter(d), updatedAt: '' }))
  return { path, fileName: path.split('/').pop()!, meta: { title: '报告', region: '清远市', level: 'city', year: 2021, issuer: '', issueDate: '2022-06-01', template: 'city' }, chapters, numbering: numberReport(chapters), words: 0 }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

function setup(docs: Record<string, DocNode> = { a: doc(p('甲')), b: doc(h(2, '节', 'h1'), p('乙')), c: doc(p()) }, resume: string | null = null) {
  const calls: string[] = []
  let report = reportOf(docs)
  const notices: string[] = []
  const stored = new Map<string, string>()
  const frames: (() => void)[] = []
  const api = {
    chapter: {
      get: async ({ id }: { id: string }): Promise<ChapterRecord> => {
        calls.push(`get ${id}`)
        if (!docs[id]) throw new ApiError('NOT_FOUND', '找不到这一章，它可能已被删除。')
        return { id, title: `章${id}`, kind: 'chapter', doc: docs[id], version: 1, updatedAt: '' }
      },
      add: async ({ title, afterId }: { title: string; afterId?: string }) => (calls.push(`add ${title} after ${afterId}`), report),
      rename: async ({ id, title }: { id: string; title: string }) => (calls.push(`rename ${id} ${title}`), report),
      remove: async ({ id }: { id: string }) => {
        calls.push(`remove ${id}`)
        delete docs[id]
        return (report = reportOf(docs))
      },
      move: async ({ id, toIndex }: { id: string; toIndex: number }) => (calls.push(`move ${id} ${toIndex}`), report)
    },
    asset: { put: async ({ data }: { data: string }) => (calls.push(`asset ${data}`), { hash: 'h', width: 1, height: 1, mime: 'image/png', bytes: 1 }) },
    report: {
      close: async () => void calls.push('close'),
      openDialog: async () => (calls.push('open'), null),
      saveAs: async (input: { fileName?: string }) => {
        calls.push(`saveAs ${input.fileName ?? '(dialog)'}`)
        if (input.fileName === '坏') throw new ApiError('BAD_INPUT', '文件名不能用。')
        return { ...report, path: `/w/${input.fileName ?? '副本'}.nianbao` }
      }
    },
    app: { flushed: async ({ requestId, saved }: { requestId: number; saved: boolean }) => void calls.push(`flushed ${requestId} ${saved}`) }
  }
  const deps: ReportDeps & { events: string[] } = {
    events: [],
    api: api as unknown as ReportApi,
    notify: (kind, t) => notices.push(`${kind}: ${t}`),
    setReport: (r) => {
      report = r
      c.setReport(r)
    },
    savedAs: (copy, chapterId) => deps.events.push(`savedAs ${copy.path} at ${chapterId}`),
    closed: (then) => deps.events.push(`closed ${then ?? ''}`),
    nativeDialogs: false,
    transport: 'browser',
    assetUrl: (hash) => `/asset/${hash}`,
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v), removeItem: (k) => void stored.delete(k) },
    later: (f) => void frames.push(f)
  }
  const c = new ReportController(report, deps, resume)
  /** Fake chapter editors: mounted whenever the controller opens a chapter, as ReportScreen mounts ChapterEditor. */
  const editors: (OpenChapter & { scrolled: string[]; detached: boolean })[] = []
  let detachResult = true
  c.subscribe(() => {
    const ch = c.getSnapshot().chapter
    if (!ch || (c.openChapterId === ch.id && editors.at(-1)?.detached === false)) return
    const state = EditorState.create({ schema: reportSchema(), doc: reportSchema().nodeFromJSON(docs[ch.id] ?? doc(p())) })
    const fake = {
      chapterId: ch.id,
      scrolled: [] as string[],
      detached: false,
      dispatched: [] as unknown[],
      detach: async (leaving?: boolean) => {
        fake.detached = true
        calls.push(`detach ${ch.id}${leaving ? ' leaving' : ''}`)
        return detachResult
      },
      editor: () => ({ state, view: { dispatch: (tr: unknown) => fake.dispatched.push(tr), focus: () => undefined } }) as unknown as Editor,
      scrollToNode: (id: string) => (fake.scrolled.push(id), id.startsWith('h'))
    }
    editors.push(fake)
    c.attach(fake)
  })
  return { c, calls, notices, deps, editors, frames, stored, failDetach: () => (detachResult = false), report: () => report }
}

/** A saver in the queue that cannot save (a full disk). */
function failingSaver(): ChapterSaver {
  return { chapterId: 'a', flush: async () => false, flushForUnload: () => undefined, isDetached: () => false } as unknown as ChapterSaver
}

describe('report controller: chapters', () => {
  it('opens the first chapter when the report opens, or the chapter a 另存为 copy resumes in', async () => {
    const s = setup()
    s.c.setReport(s.report())
    await settle()
    expect(s.c.getSnapshot().chapter?.id).toBe('a')
    const r = setup(undefined, 'b')
    r.c.setReport(r.report())
    await settle()
    expect(r.c.getSnapshot().chapter?.id).toBe('b')
    expect(r.calls).toEqual(['get b'])
  })

  it('leaves a chapter by saving it as left (main snapshots it with that save), then opens the next; clicks queue up', async () => {
    const s = setup()
    s.c.setReport(s.report())
    await settle()
    void s.c.openChapter('b')
    await s.c.openChapter('c')
    await settle()
    const at = (call: string) => s.calls.indexOf(call)
    expect(s.calls.filter((x) => x.startsWith('get'))).toEqual(['get a', 'get b', 'get c'])
    // The second click waited for the first switch; each chapter left is saved before the next is read.
    expect(at('detach b leaving')).toBeGreaterThan(at('get b'))
    expect(at('get b')).toBeGreaterThan(at('detach a leaving'))
    expect(at('get c')).toBeGreaterThan(at('detach b leaving'))
    expect(s.calls.some((x) => x.startsWith('snapshot'))).toBe(false)
    expect(s.c.getSnapshot().chapter?.id).toBe('c')
    expect(s.c.getSnapshot().generation).toBe(3)
  })

  it('still opens the next chapter when the text left could not be saved (its saver keeps retrying)', async () => {
    const s = setup()
    s.c.setReport(s.report())
    await settle()
    s.failDetach()
    await s.c.openChapter('b')
    expect(s.calls).toEqual(['get a', 'detach a leaving', 'get b'])
    expect(s.c.getSnapshot().chapter?.id).toBe('b')
  })

  it('takes what a save answers (the saved chapter\'s outline entry) into the report, numbers and word count computed from it', async () => {
    const s = setup()
    s.c.setReport(s.report())
    await settle()
    const before = s.report()
    const b = doc(h(2, '节', 'h1'), h(2, '新的一节', 'h2'), p('乙丙丁'))
    const entry = { ...before.chapters[1], summary: summarizeChapter(b), updatedAt: '2026-01-01T00:00:00.000Z' }
    s.c.queue.saved({ stored: true, version: 2, chapter: entry, normalized: null })
    expect(s.report().chapters[1]).toEqual(entry)
    expect(s.report().chapters[0]).toBe(before.chapters[0])
    expect(s.report().numbering.headings.map((x) => [x.id, x.number])).toEqual([
      ['h1', '2.1'],
      ['h2', '2.2']
    ])
    expect(s.report().words).toBe(1 + 1 + 4 + 3)
    expect(s.c.current).toBe(s.report())
  })

  it('scrolls to a node once the chapter opened for it is ready, and says so when the open chapter lacks it', async () => {
    const s = setup()
    s.c.setReport(s.report())
    await settle()
    await s.c.openChapter('b', 'h1')
    s.c.editorReady({} as Editor)
    expect(s.frames).toHaveLength(1)
    s.frames[0]()
    expect(s.editors.at(-1)!.scrolled).toEqual(['h1'])
    await s.c.openChapter('b', 'x9')
    expect(s.notices).toEqual(['info: 没有在本章中找到这一项，可能已被删除。'])
    expect(s.calls.filter((x) => x === 'get b')).toHaveLength(1)
  })

  it('opens the first chapter when the open one is deleted, and says why a chapter cannot be opened', async () => {
    const s = setup()
    s.c.setReport(s.report())
    await settle()
    s.c.dialogs.askDeleteChapter('a')
    expect(s.c.dialogs.getSnapshot()).toEqual({ kind: 'delete', id: 'a', title: '章a', hasContent: true })
    await s.c.dialogs.deleteChapter('a')
    await settle()
    expect(s.c.dialogs.getSnapshot()).toBeNull()
    expect(s.calls).toContain('remove a')
    expect(s.c.getSnapshot().chapter?.id).toBe('b')
    await s.c.openChapter('gone')
    expect(s.notices.at(-1)).toBe('error: 找不到这一章，它可能已被删除。')
  })

  it('reloads the open chapter as a fresh editor after the editor being replaced hands its text over', async () => {
    const s = setup()
    s.c.setReport(s.report())
    await settle()
    await s.c.reloadChapter()
    expect(s.calls).toEqual(['get a', 'detach a', 'get a'])
    expect(s.c.getSnapshot().generation).toBe(2)
  })

  it('adds a chapter before the annexes, and an empty section is deleted without asking', async () => {
    expect(newChapterPlace(reportOf({ a: doc(), b: doc(), z: doc() }, { z: 'appendix' }).chapters)).toBe('b')
    expect(newChapterPlace(reportOf({ a: doc(), b: doc() }).chapters)).toBeUndefined()
    const s = setup({ a: doc(p('甲')), b: doc(h(2, '空节', 'h1'), h(2, '下一节', 'h2'), p('乙')), c: doc(p()) }, 'b')
    s.c.setReport(s.report())
    await settle()
    await s.c.dialogs.addChapter('新章')
    expect(s.calls).toContain('add 新章 after undefined')
    s.c.dialogs.ask({ kind: 'delete-section', chapterId: 'b', headingId: 'h1', label: '空节', detail: null })
    expect(s.c.dialogs.getSnapshot()).toBeNull()
    const tr = (s.editors.at(-1) as unknown as { dispatched: { doc: { textContent: string } }[] }).dispatched[0]
    expect(tr.doc.textContent).toBe('下一节乙')
    s.c.dialogs.ask({ kind: 'delete-section', chapterId: 'b', headingId: 'h2', label: '下一节', detail: '2 字正文' })
    expect(s.c.dialogs.getSnapshot()?.kind).toBe('delete-section')
  })
})

describe('report controller: saving and the report file', () => {
  it('closes the report only when everything is saved', async () => {
    const s = setup()
    s.c.queue.attach(failingSaver())
    await s.c.close()
    expect(s.notices).toEqual(['error: 有内容未能保存，请先解决状态栏中提示的问题，或用“另存为”保存到其他位置。'])
    expect(s.calls).not.toContain('close')
    s.c.queue.release(failingSaver())
    const t = setup()
    await t.c.close('new')
    expect(t.calls).toContain('close')
    expect(t.deps.events).toEqual(['closed new'])
  })

  it('另存为 continues in the copy at the open chapter; in the browser it says so, and a refusal is shown', async () => {
    const s = setup()
    s.c.setReport(s.report())
    await settle()
    await s.c.openChapter('b')
    s.c.requestSaveAs()
    expect(s.c.dialogs.getSnapshot()).toEqual({ kind: 'save-as' })
    await s.c.dialogs.saveAs('副本一')
    expect(s.deps.events).toEqual(['savedAs /w/副本一.nianbao at b'])
    expect(s.notices).toEqual(['success: 已另存为新文件。'])
    await s.c.saveAs('坏')
    expect(s.notices.at(-1)).toBe('error: 文件名不能用。')
    expect(s.deps.events).toHaveLength(1)

    const n = setup()
    n.deps.nativeDialogs = true
    n.c.requestSaveAs()
    await settle()
    expect(n.c.dialogs.getSnapshot()).toBeNull()
    expect(n.calls).toEqual(['saveAs (dialog)'])
    expect(n.notices).toEqual([])
  })

  it("answers main's flush request with whether everything was saved, and follows the menu", async () => {
    const s = setup()
    onMainEvent(s.c, { type: 'flush-request', requestId: 7 })
    await settle()
    expect(s.calls).toEqual(['flushed 7 true'])
    s.c.queue.attach(failingSaver())
    onMainEvent(s.c, { type: 'flush-request', requestId: 8 })
    await settle()
    expect(s.calls).toEqual(['flushed 7 true', 'flushed 8 false'])
    onMainEvent(s.c, { type: 'menu', command: 'properties' } as MainEvent)
    expect(s.c.dialogs.getSnapshot()).toEqual({ kind: 'properties' })
  })

  it('Ctrl+S saves and says so; Ctrl+F finds, Ctrl+H replaces, Ctrl+F again keeps replace', async () => {
    const s = setup()
    const k = (key: string, mods = {}) => ({ key, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...mods })
    expect(onReportKey(s.c, k('s'))).toBe(true)
    await settle()
    expect(s.notices).toEqual(['success: 已保存。'])
    expect(onReportKey(s.c, k('S', { shiftKey: true }))).toBe(false)
    onReportKey(s.c, k('h'))
    expect(s.c.getSnapshot().find).toEqual({ replace: true, key: 1 })
    onReportKey(s.c, k('f'))
    expect(s.c.getSnapshot().find).toEqual({ replace: true, key: 2 })
    s.c.closeFind()
    onReportKey(s.c, k('f'))
    expect(s.c.getSnapshot().find).toEqual({ replace: false, key: 1 })
    expect(onReportKey(s.c, k('b'))).toBe(false)
  })

  it('listens to the window: keys, the page going away, and the browser asks before dropping unsaved text', async () => {
    const s = setup()
    const win = new EventTarget() as unknown as Window
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' }) as unknown as Document
    let sendToRenderer: ((e: MainEvent) => void) | null = null
    const stop = listenToWindow(s.c, win, doc, (l) => ((sendToRenderer = l), () => (sendToRenderer = null)))
    const key = Object.assign(new Event('keydown', { cancelable: true }), { key: 's', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })
    win.dispatchEvent(key)
    expect(key.defaultPrevented).toBe(true)
    sendToRenderer!({ type: 'flush-request', requestId: 1 })
    const unload = () => Object.defineProperty(new Event('beforeunload', { cancelable: true }), 'returnValue', { writable: true, value: undefined })
    const unloading = unload()
    win.dispatchEvent(unloading)
    expect(unloading.defaultPrevented).toBe(false)
    s.c.queue.report('a', { kind: 'error', message: '磁盘已满' })
    const unloading2 = unload()
    win.dispatchEvent(unloading2)
    expect(unloading2.defaultPrevented).toBe(true)
    await settle()
    expect(s.calls).toContain('flushed 1 true')
    stop()
    expect(sendToRenderer).toBeNull()
    const after = Object.assign(new Event('keydown', { cancelable: true }), { key: 's', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })
    win.dispatchEvent(after)
    expect(after.defaultPrevented).toBe(false)
  })

  it('remembers the side panel shown, and the editor stores pictures through main', async () => {
    const s = setup()
    s.c.showPanel('data')
    expect(s.stored.get('nianbao.sidePanel')).toBe('data')
    expect(setup().c.getSnapshot().panel).toBeNull()
    s.c.showPanel(null)
    expect(s.stored.has('nianbao.sidePanel')).toBe(false)
    await s.c.editorEnv.uploadImage(new Blob([new Uint8Array([104, 105])]))
    expect(s.calls).toEqual(['asset aGk='])
  })
})
