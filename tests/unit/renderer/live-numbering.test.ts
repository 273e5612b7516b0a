import { EditorState, type Transaction } from '@tiptap/pm/state'
import type { DocNode } from '@shared/model/doc'
import { numberReport } from '@shared/model/numbering'
import type { ChapterListItem, ReportState } from '@shared/model/report'
import { summarizeChapter } from '@shared/model/summary'
import { reportSchema } from '@shared/editor/schema'
import { addSection } from '@shared/editor/sections'
import { numberingKey, numberingPlugin } from '../../../src/renderer/src/editor/numbering/plugin'
import { followNumbering, LIVE_DELAY_MS, type LiveChapterEditor } from '../../../src/renderer/src/editor/numbering/liveChapter'
import { NumberingStore } from '../../../src/renderer/src/editor/numbering/store'

/**
 * The report's numbering lives in one NumberingStore; the open chapter's
 * editor feeds it its live outline and draws its own numbers from the
 * chapter's place in it. Under Node: a ProseMirror state with the numbering
 * plugin stands in for the tiptap editor.
 */
const text = (t: string): DocNode => ({ type: 'text', text: t })
const p = (t = ''): DocNode => ({ type: 'paragraph', ...(t ? { content: [text(t)] } : {}) })
const h = (level: number, t: string, id: string): DocNode => ({ type: 'heading', attrs: { level, id }, content: [text(t)] })
const table = (id: string): DocNode => ({ type: 'reportTable', attrs: { id } })
const kase = (id: string, title: string): DocNode => ({ type: 'caseStudy', attrs: { id, school: '' }, content: [{ type: 'caseTitle', content: [text(title)] }, p('正文')] })
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content })
const schema = reportSchema()

function reportOf(docs: [string, DocNode][]): ReportState {
  const chapters: ChapterListItem[] = docs.map(([id, d], position) => ({ id, position, title: `章${id}`, kind: 'chapter', summary: summarizeChapter(d), updatedAt: '' }))
  return { path: '/w/r.nianbao', fileName: 'r.nianbao', meta: { title: '报告', region: '清远市', level: 'city', year: 2021, issuer: '', issueDate: '2022-06-01', template: 'city' }, chapters, numbering: numberReport(chapters), words: 0 }
}

class FakeEditor implements LiveChapterEditor {
  isDestroyed = false
  private listeners = new Set<() => void>()
  readonly view = { dispatch: (tr: Transaction) => this.apply(tr) }
  constructor(public state: EditorState) {}
  on(_: 'update', l: () => void) {
    this.listeners.add(l)
  }
  off(_: 'update', l: () => void) {
    this.listeners.delete(l)
  }
  apply(tr: Transaction) {
    this.state = this.state.apply(tr)
    if (tr.docChanged) for (const l of this.listeners) l()
  }
  private drawn(attr: string): string[] {
    return numberingKey
      .getState(this.state)!
      .decorations.find()
      .sort((x, y) => x.from - y.from)
      .map((d) => (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs[attr])
      .filter(Boolean)
  }
  /** The numbers drawn on this chapter's headings, in order. */
  headingNumbers(): string[] {
    return this.drawn('data-number')
  }
  /** The labels drawn on this chapter's case titles (案例 N：). */
  caseLabels(): string[] {
    return this.drawn('data-label')
  }
}

const first = doc(h(2, '规模', 'h1'), kase('k1', '甲案例'), table('t1'))
const second = doc(h(2, '专业', 'h2'), p('正文'), kase('k2', '乙案例'), table('t2'))

function open(chapterId: string, d: DocNode, docs: [string, DocNode][] = [['a', first], ['b', second]]) {
  const store = new NumberingStore()
  store.setReport(reportOf(docs))
  const state = EditorState.create({ schema, doc: schema.nodeFromJSON(d), plugins: [numberingPlugin(() => store.contextOf(chapterId))] })
  const editor = new FakeEditor(state)
  const close = followNumbering(editor, store, chapterId)
  return { store, editor, close }
}

afterEach(() => vi.useRealTimers())

describe('the numbering of the open chapter', () => {
  it('draws heading numbers and case labels from the chapter’s place in the report', () => {
    const { editor } = open('b', second)
    expect(editor.headingNumbers()).toEqual(['2.1'])
    expect(editor.caseLabels()).toEqual(['案例 2：'])
  })

  it('a section added in the editor is numbered at once in the whole report, before any save', () => {
    const { store, editor } = open('a', first)
    editor.apply(addSection(editor.state, '设施', 'h1', false)!)
    const headings = store.getSnapshot().headings.map((x) => `${x.number} ${x.text}`)
    expect(headings).toEqual(['1.1 规模', '1.2 设施', '2.1 专业'])
    expect(editor.headingNumbers()).toEqual(['1.1', '1.2'])
  })

  it('a table added in an earlier chapter renumbers the tables after it at once', () => {
    const { store, editor } = open('a', first)
    expect(store.getSnapshot().tables.map((t) => `${t.id}=${t.number}`)).toEqual(['t1=1-1', 't2=2-1'])
    const end = editor.state.doc.content.size
    editor.apply(editor.state.tr.insert(end, schema.nodeFromJSON(table('t0'))))
    expect(store.getSnapshot().tables.map((t) => `${t.id}=${t.number}`)).toEqual(['t1=1-1', 't0=1-2', 't2=2-1'])
  })

  it('typing reaches 字数 only after typing stops, without renumbering', () => {
    vi.useFakeTimers()
    const { store, editor } = open('b', second)
    const before = store.getWords()
    const snapshot = store.getSnapshot()
    editor.apply(editor.state.tr.insertText('五个汉字啊', 6))
    expect(store.getWords()).toBe(before)
    vi.advanceTimersByTime(LIVE_DELAY_MS)
    expect(store.getWords()).toBe(before + 5)
    expect(store.getSnapshot().tables).toEqual(snapshot.tables)
  })

  it('redraws its numbers when its place changes: a chapter moved before it, a case added earlier', () => {
    const { store, editor } = open('b', second)
    const withCase = doc(h(2, '规模', 'h1'), kase('k1', '甲案例'), kase('k0', '丙案例'), table('t1'))
    store.setReport(reportOf([['a', withCase], ['b', second]]))
    expect(editor.caseLabels()).toEqual(['案例 3：'])
    store.setReport(reportOf([['b', second], ['a', withCase]]))
    expect(editor.headingNumbers()).toEqual(['1.1'])
    expect(editor.caseLabels()).toEqual(['案例 1：'])
  })

  it('on closing, the report’s numbers go back to the saved outline and the editor is no longer followed', () => {
    const { store, editor, close } = open('a', first)
    editor.apply(addSection(editor.state, '设施', 'h1', false)!)
    expect(store.getSnapshot().headings).toHaveLength(3)
    close()
    expect(store.getSnapshot().headings.map((x) => x.number)).toEqual(['1.1', '2.1'])
    editor.apply(addSection(editor.state, '队伍', 'h1', false)!)
    expect(store.getSnapshot().headings).toHaveLength(2)
  })
})
