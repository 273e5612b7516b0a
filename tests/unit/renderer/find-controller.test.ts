import { EditorState, type Transaction } from '@tiptap/pm/state'
import type { DocNode } from '@shared/model/doc'
import { numberReport } from '@shared/model/numbering'
import type { ChapterListItem, ReportState } from '@shared/model/report'
import { summarizeChapter } from '@shared/model/summary'
import { findInDoc, replaceInDoc } from '@shared/model/textSearch'
import { reportSchema } from '@shared/editor/schema'
import { ApiError } from '../../../src/renderer/src/api/errors'
import { FindController, findCountText, HIGHLIGHT_DELAY, SEARCH_DELAY, type FindApi, type FindEditor } from '../../../src/renderer/src/editor/search/findController'
import { findKey, findPlugin } from '../../../src/renderer/src/editor/search/findPlugin'

/**
 * The find bar's controller under Node: a stand-in for main searches and
 * replaces the stored chapters with the same functions main uses, and a
 * small editor over a real ProseMirror state (with the find plugin) stands
 * in for the open chapter's tiptap editor.
 */
const text = (t: string): DocNode => ({ type: 'text', text: t })
const p = (t = ''): DocNode => ({ type: 'paragraph', ...(t ? { content: [text(t)] } : {}) })
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content })

class FakeEditor implements FindEditor {
  state: EditorState
  isDestroyed = false
  revealed: boolean[] = []
  private readonly listeners = new Set<() => void>()

  constructor(d: DocNode) {
    const schema = reportSchema()
    this.state = EditorState.create({ schema, doc: schema.nodeFromJSON(d), plugins: [findPlugin()] })
  }

  dispatch(tr: Transaction): void {
    this.state = this.state.apply(tr)
    for (const l of this.listeners) l()
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  reveal(settle: boolean): void {
    this.revealed.push(settle)
  }

  /** The paragraphs' text. */
  get lines(): string[] {
    const out: string[] = []
    this.state.doc.forEach((n) => void out.push(n.textContent))
    return out
  }

  /** The selected text. */
  get selected(): string {
    const { from, to } = this.state.selection
    return this.state.doc.textBetween(from, to)
  }

  get find() {
    return findKey.getState(this.state)!
  }
}

function reportOf(docs: Record<string, DocNode>): ReportState {
  const chapters: ChapterListItem[] = Object.entries(docs).map(([id, d], position) => ({ id, position, title: `章${id}`, kind: 'chapter', summary: summarizeChapter(d), updatedAt: '' }))
  return { path: '/w/r.nianbao', fileName: 'r.nianbao', meta: { title: '报告', region: '清远市', level: 'city', year: 2021, issuer: '', issueDate: '2022-06-01', template: 'city' }, chapters, numbering: numberReport(chapters), words: 0 }
}

function setup(docs: Record<string, DocNode>, open = 'a') {
  const calls: string[] = []
  const notices: string[] = []
  const reports: ReportState[] = []
  const main = { fail: null as string | null, failReplace: null as string | null, hold: null as { query: string; until: Promise<void> } | null }
  const api: FindApi = {
    search: {
      find: async (input) => {
        const { query, matchCase, exceptChapterId } = input!
        calls.push(`find ${query}${matchCase ? ' (case)' : ''} except ${exceptChapterId}`)
        if (main.hold && main.hold.query === query) await main.hold.until
        if (main.fail) throw new ApiError('BAD_INPUT', main.fail)
        const chapters = Object.entries(docs)
          .filter(([id]) => id !== exceptChapterId)
          .map(([chapterId, d]) => ({ chapterId, ...findInDoc(d, query, { matchCase }) }))
          .filter((c) => c.count > 0)
        return { chapters, total: chapters.reduce((n, c) => n + c.count, 0) }
      },
      replaceAll: async (input) => {
        const { query, replacement, matchCase, chapterIds } = input!
        calls.push(`replaceAll ${query}→${replacement} in ${chapterIds.join(',')}`)
        if (main.failReplace) throw new ApiError('READ_ONLY', main.failReplace)
        let replaced = 0
        let chapters = 0
        for (const id of chapterIds) {
          const r = replaceInDoc(docs[id], query, replacement, { matchCase })
          docs[id] = r.doc
          replaced += r.count
          if (r.count) chapters++
        }
        return { replaced, chapters, state: reportOf(docs) }
      }
    }
  }
  const editors: FakeEditor[] = []
  let chapterId = open
  const c: FindController = new FindController({
    api,
    openChapter: async (id) => {
      calls.push(`open ${id}`)
      // As the report screen does: the editor goes while the chapter loads, then the new one is ready.
      chapterId = id
      c.show(null, id)
      const e = new FakeEditor(docs[id])
      editors.push(e)
      c.show(e, id)
    },
    flush: async () => (calls.push('flush'), true),
    setReport: (r) => void reports.push(r),
    notify: (kind, t) => void notices.push(`${kind}: ${t}`),
    chapterOrder: () => Object.keys(docs)
  })
  const first = new FakeEditor(docs[open])
  editors.push(first)
  c.show(first, open)
  return { c, calls, notices, reports, main, editors, editor: () => editors.at(-1)!, chapterId: () => chapterId }
}

/** Let the highlights and main's search run (they follow the typing after a pause). */
async function pause(): Promise<void> {
  await vi.advanceTimersByTimeAsync(Math.max(HIGHLIGHT_DELAY, SEARCH_DELAY) + 10)
}

const three = () => ({ a: doc(p('学校甲，学校乙'), p('其他')), b: doc(p('没有')), c: doc(p('学校丙')), d: doc(p('学校丁 学校戊 学校己')) })

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('find controller: searching', () => {
  it('highlights the query in the open chapter and asks main for the other chapters, a moment after the typing stops', async () => {
    const s = setup(three())
    await pause()
    // Shown with an empty query: nothing asked of main.
    expect(s.calls).toEqual([])
    s.c.setQuery('学')
    s.c.setQuery('学校')
    expect(s.editor().find.matches).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(HIGHLIGHT_DELAY + 1)
    expect(s.editor().find.matches).toHaveLength(2)
    expect(s.c.getSnapshot().here).toEqual({ count: 2, current: 0 })
    expect(s.calls).toEqual([])
    await pause()
    // One search for what was typed last, without the open chapter.
    expect(s.calls).toEqual(['find 学校 except a'])
    expect(s.c.getSnapshot().others.map((o) => [o.chapterId, o.count])).toEqual([
      ['c', 1],
      ['d', 3]
    ])
    expect(s.c.totalOthers).toBe(4)
    expect(findCountText(s.c.getSnapshot(), s.c.totalOthers)).toBe('本章 1/2 · 其他章 4 处')
  })

  it('counts "本章 0 处" when the open chapter has none, and shows nothing without a query', async () => {
    const s = setup(three(), 'b')
    s.c.setQuery('学校')
    await pause()
    expect(findCountText(s.c.getSnapshot(), s.c.totalOthers)).toBe('本章 0 处 · 其他章 6 处')
    s.c.setQuery('')
    await pause()
    expect(s.c.getSnapshot().others).toEqual([])
    expect(findCountText(s.c.getSnapshot(), s.c.totalOthers)).toBe('')
    expect(s.calls).toEqual(['find 学校 except b'])
  })

  it('区分大小写 searches again, in the editor and in main', async () => {
    const s = setup({ a: doc(p('PPT 与 ppt')), b: doc(p('Ppt')) })
    s.c.setQuery('ppt')
    await pause()
    expect(s.c.getSnapshot().here.count).toBe(2)
    expect(s.c.totalOthers).toBe(1)
    s.c.setMatchCase(true)
    await pause()
    expect(s.c.getSnapshot().here.count).toBe(1)
    expect(s.c.totalOthers).toBe(0)
    expect(s.calls).toEqual(['find ppt except a', 'find ppt (case) except a'])
  })

  it('follows typing in the chapter: the count changes with the text', async () => {
    const s = setup(three())
    s.c.setQuery('学校')
    await pause()
    const e = s.editor()
    e.dispatch(e.state.tr.insertText('学校', 1))
    expect(s.c.getSnapshot().here.count).toBe(3)
  })

  it('shows main\'s refusal in Chinese and forgets the other chapters\' results', async () => {
    const s = setup(three())
    s.c.setQuery('学校')
    await pause()
    expect(s.c.getSnapshot().others).toHaveLength(2)
    s.main.fail = '查找内容过长'
    s.c.setQuery('学校甲')
    await pause()
    expect(s.notices).toEqual(['error: 查找内容过长'])
    expect(s.c.getSnapshot().others).toEqual([])
    s.main.fail = null
  })

  it('drops an answer overtaken by a newer search', async () => {
    const s = setup(three())
    let release: () => void = () => undefined
    s.main.hold = { query: '学校', until: new Promise<void>((r) => (release = r)) }
    s.c.setQuery('学校')
    await pause()
    s.c.setQuery('学校丁')
    await pause()
    release()
    await vi.advanceTimersByTimeAsync(1)
    expect(s.c.getSnapshot().others.map((o) => [o.chapterId, o.count])).toEqual([['d', 1]])
  })

  it('closing clears the highlights and cancels what was pending', async () => {
    const s = setup(three())
    s.c.setQuery('学校')
    await pause()
    s.c.setQuery('学校甲')
    s.c.close()
    await pause()
    expect(s.editor().find.query).toBe('')
    expect(s.editor().find.matches).toEqual([])
    expect(s.calls).toEqual(['find 学校 except a'])
  })
})

describe('find controller: 下一个 / 上一个', () => {
  it('steps through the open chapter, then on to the next chapter with matches (skipping those without), and round to the first', async () => {
    const s = setup(three())
    s.c.setQuery('学校')
    await pause()
    const a = s.editor()
    await s.c.go(1)
    expect([a.selected, a.find.current]).toEqual(['学校', 0])
    await s.c.go(1)
    expect(a.find.current).toBe(1)
    expect(a.revealed).toEqual([false, false])
    // The last match here: on to chapter c (b has none), at its first match, revealed once the highlights are set.
    await s.c.go(1)
    expect(s.calls.at(-1)).toBe('open c')
    expect(s.chapterId()).toBe('c')
    await pause()
    const c = s.editor()
    expect(c.selected).toBe('学校')
    expect(c.find.current).toBe(0)
    expect(c.revealed).toEqual([true])
    // The new chapter's own search leaves c out.
    expect(s.calls.at(-1)).toBe('find 学校 except c')
    await s.c.go(1)
    expect(s.chapterId()).toBe('d')
    await pause()
    await s.c.go(1)
    await s.c.go(1)
    expect(s.editor().find.current).toBe(2)
    // Past the end of the report: round to the first chapter.
    await s.c.go(1)
    expect(s.chapterId()).toBe('a')
  })

  it('going back arrives at the previous chapter\'s last match', async () => {
    const s = setup(three(), 'c')
    s.c.setQuery('学校')
    await pause()
    await s.c.go(-1)
    // The one match here is selected first; the step after it goes back to chapter a.
    expect(s.editor().selected).toBe('学校')
    await s.c.go(-1)
    expect(s.chapterId()).toBe('a')
    await pause()
    expect(s.editor().find.current).toBe(1)
  })

  it('Enter right after typing searches at once: the highlights are brought up to date and main is asked', async () => {
    const s = setup(three(), 'b')
    s.c.setQuery('学校')
    // No pause: neither the highlights nor main's answer are there yet.
    await s.c.go(1)
    expect(s.calls).toEqual(['find 学校 except b', 'open c'])
  })

  it('stays in a chapter that is the only one with matches', async () => {
    const s = setup({ a: doc(p('学校，学校')), b: doc(p('无')) })
    s.c.setQuery('学校')
    await pause()
    await s.c.go(1)
    await s.c.go(1)
    await s.c.go(1)
    expect(s.editor().find.current).toBe(0)
    expect(s.calls.filter((x) => x.startsWith('open'))).toEqual([])
  })

  it('does nothing without an editor', async () => {
    const s = setup(three())
    s.c.show(null, 'a')
    s.c.setQuery('学校')
    await s.c.go(1)
    await s.c.replaceOne()
    expect(s.calls).toEqual([])
  })
})

describe('find controller: replacing', () => {
  it('替换 replaces the current match and goes on to the next one', async () => {
    const s = setup(three())
    s.c.setQuery('学校')
    s.c.setReplacement('院校')
    await pause()
    const a = s.editor()
    await s.c.go(1)
    await s.c.replaceOne()
    expect(a.lines[0]).toBe('院校甲，学校乙')
    expect(a.selected).toBe('学校')
    expect(s.c.getSnapshot().here).toEqual({ count: 1, current: 0 })
  })

  it('替换 with no current match goes to the next one first', async () => {
    const s = setup({ a: doc(p('学校')), b: doc(p('学校')) })
    s.c.setQuery('学校')
    s.c.setReplacement('院校')
    await pause()
    const a = s.editor()
    a.dispatch(a.state.tr.setMeta(findKey, { current: -1 }))
    await s.c.replaceOne()
    expect(a.lines).toEqual(['学校'])
    expect(a.selected).toBe('学校')
  })

  it('本章全部替换 replaces every match of the open chapter and says how many', async () => {
    const s = setup(three())
    s.c.setQuery('学校')
    s.c.setReplacement('院校')
    await pause()
    s.c.replaceInChapter()
    expect(s.editor().lines).toEqual(['院校甲，院校乙', '其他'])
    expect(s.notices).toEqual(['success: 本章已替换 2 处。'])
    expect(s.calls).toEqual(['find 学校 except a'])
  })

  it('全文全部替换 asks first, then replaces here in the editor and in the other chapters through main, counting both', async () => {
    const s = setup(three())
    s.c.setQuery('学校')
    s.c.setReplacement('院校')
    await pause()
    s.c.askReplaceAll()
    expect(s.c.getSnapshot().confirmAll).toBe(true)
    expect(s.c.confirmMessage).toBe('将把全文 6 处“学校”替换为“院校”（本章 2 处，其他 2 章 4 处）。其他章替换前的内容会保存在历史版本中，本章可以撤销。确定替换吗？')
    const done = s.c.replaceEverywhere()
    expect(s.c.getSnapshot()).toMatchObject({ confirmAll: false, busy: true })
    await done
    expect(s.c.getSnapshot().busy).toBe(false)
    expect(s.editor().lines[0]).toBe('院校甲，院校乙')
    // The open chapter's text is saved before main replaces in the others.
    expect(s.calls.slice(1)).toEqual(['flush', 'replaceAll 学校→院校 in c,d'])
    expect(s.reports).toHaveLength(1)
    expect(s.c.getSnapshot().others).toEqual([])
    expect(s.notices).toEqual(['success: 已替换 6 处（其中其他 2 章共 4 处，替换前的内容已保存在历史版本中）。'])
  })

  it('全文全部替换 with matches only here does not call main', async () => {
    const s = setup({ a: doc(p('学校')), b: doc(p('无')) })
    s.c.setQuery('学校')
    s.c.setReplacement('')
    await pause()
    await s.c.replaceEverywhere()
    expect(s.editor().lines).toEqual([''])
    expect(s.calls).toEqual(['find 学校 except a', 'flush'])
    expect(s.notices).toEqual(['success: 已替换 1 处。'])
  })

  it('says so when there was nothing to replace', async () => {
    const s = setup(three())
    s.c.setQuery('')
    await pause()
    await s.c.replaceEverywhere()
    s.c.replaceInChapter()
    expect(s.editor().lines).toEqual(['学校甲，学校乙', '其他'])
    expect(s.calls).toEqual(['flush'])
    expect(s.notices).toEqual(['success: 没有找到要替换的内容。', 'success: 本章已替换 0 处。'])
  })

  it('a replacement main refuses is shown in Chinese and the bar can be used again', async () => {
    const s = setup(three())
    s.c.setQuery('学校')
    s.c.setReplacement('院校')
    await pause()
    s.main.failReplace = '报告文件无法写入。'
    await s.c.replaceEverywhere()
    expect(s.notices).toEqual(['error: 替换未完成：报告文件无法写入。'])
    expect(s.c.getSnapshot().busy).toBe(false)
    expect(s.reports).toEqual([])
    // The others' results stay for another try.
    expect(s.c.totalOthers).toBe(4)
  })

  it('cancelling the question replaces nothing', async () => {
    const s = setup(three())
    s.c.setQuery('学校')
    await pause()
    s.c.askReplaceAll()
    s.c.cancelReplaceAll()
    expect(s.c.getSnapshot().confirmAll).toBe(false)
    expect(s.editor().lines[0]).toBe('学校甲，学校乙')
    expect(s.calls).toEqual(['find 学校 except a'])
  })
})
