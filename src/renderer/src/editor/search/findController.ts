import type { EditorState, Transaction } from '@tiptap/pm/state'
import type { NianbaoApi } from '@shared/api'
import type { ChapterHits } from '@shared/contract/search'
import type { ReportState } from '@shared/model/report'
import { errorMessage } from '../../api/errors'
import { Store } from '../../components/store'
import type { NoticeKind } from '../../components/noticeKind'
import { findKey, gotoMatch, replaceAllMatches, replaceCurrent, selectEdgeMatch, setFind, stepLeavesChapter } from './findPlugin'

/** The open chapter's editor as 查找 uses it (findEditorOf() makes one from tiptap's Editor). */
export interface FindEditor {
  readonly state: EditorState
  readonly isDestroyed: boolean
  dispatch(tr: Transaction): void
  /** Hear of every transaction (typing changes the matches too); returns how to stop. */
  listen(listener: () => void): () => void
  /** Scroll the current match into view; `settle`: keep it there while a chapter just opened still grows. */
  reveal(settle: boolean): void
}

/** The calls 查找 makes: the chapters other than the open one are searched and replaced by main. */
export type FindApi = { search: Pick<NianbaoApi['search'], 'find' | 'replaceAll'> }

/** What the find bar needs from the report screen. */
export interface FindDeps {
  api: FindApi
  openChapter(id: string): Promise<void>
  /** Save what the editor holds before main replaces in the stored chapters. */
  flush(): Promise<boolean>
  /** Adopt the report's new state (answered by 全文全部替换). */
  setReport(report: ReportState): void
  notify(kind: NoticeKind, text: string): void
  /** The report's chapter ids in report order. */
  chapterOrder(): string[]
}

export interface FindBarState {
  query: string
  replacement: string
  matchCase: boolean
  /** Matches in the other chapters (main's answer to the current search). */
  others: ChapterHits[]
  /** Matches in the open chapter: how many, and which one is current (-1: none). */
  here: { count: number; current: number }
  /** 全文全部替换 waits for the user to confirm. */
  confirmAll: boolean
  /** 全文全部替换 is under way. */
  busy: boolean
}

/** The highlights follow the query a moment after the last keystroke. */
export const HIGHLIGHT_DELAY = 120
/** Main searches the other chapters a little later still. */
export const SEARCH_DELAY = 300

const searchKeyOf = (query: string, matchCase: boolean, chapterId: string | null | undefined) => `${query}\u0000${matchCase}\u0000${chapterId ?? ''}`

/**
 * 查找和替换 (Ctrl+F / Ctrl+H) over the whole report: matches in the open
 * chapter are highlighted and replaced in the editor (one undo step); other
 * chapters are searched and replaced by main, each snapshotted first.
 * 下一个 / 上一个 go through the open chapter and then on to the next chapter
 * with matches, as Word goes through a document. Plain TypeScript: FindBar
 * draws it.
 */
export class FindController extends Store<FindBarState> {
  private editor: FindEditor | null = null
  private stopListening: (() => void) | null = null
  /** The open chapter; undefined until the bar is shown (so the first show searches). */
  private chapterId: string | null | undefined = undefined
  private highlightTimer: ReturnType<typeof setTimeout> | undefined
  private searchTimer: ReturnType<typeof setTimeout> | undefined
  private searchSeq = 0
  /** What `others` holds results for (query, case, open chapter); 下一个 asks main itself when that is not the current search. */
  private othersKey = ''
  /** Set when another chapter was opened from the find bar: its first (0) or, going back, last (-1) match gets selected. */
  private jumped: 0 | -1 | null = null

  constructor(private readonly deps: FindDeps) {
    super()
    this.state = { query: '', replacement: '', matchCase: false, others: [], here: { count: 0, current: -1 }, confirmAll: false, busy: false }
  }

  // ---- what the bar is shown over ------------------------------------------------------------

  /** The open chapter and its editor (null while it loads); called whenever either changes. */
  show(editor: FindEditor | null, chapterId: string | null): void {
    if (editor !== this.editor) {
      this.leaveEditor()
      this.editor = editor
      if (editor) {
        this.stopListening = editor.listen(() => this.readMatches())
        this.readMatches()
      }
      this.highlightSoon()
    }
    if (chapterId !== this.chapterId) {
      this.chapterId = chapterId
      this.searchSoon()
    }
  }

  /** The bar closes: no more highlights, nothing pending. */
  close(): void {
    clearTimeout(this.highlightTimer)
    clearTimeout(this.searchTimer)
    this.leaveEditor()
    this.editor = null
    this.chapterId = undefined
  }

  private leaveEditor(): void {
    this.stopListening?.()
    this.stopListening = null
    const e = this.editor
    if (e && !e.isDestroyed) e.dispatch(setFind(e.state, '', false))
  }

  private readMatches(): void {
    const e = this.editor
    if (!e) return
    const f = findKey.getState(e.state)
    const count = f?.matches.length ?? 0
    const current = f?.current ?? -1
    const old = this.state.here
    if (old.count !== count || old.current !== current) this.set({ here: { count, current } })
  }

  // ---- the fields ----------------------------------------------------------------------------

  setQuery(query: string): void {
    this.set({ query })
    this.highlightSoon()
    this.searchSoon()
  }

  setMatchCase(matchCase: boolean): void {
    this.set({ matchCase })
    this.highlightSoon()
    this.searchSoon()
  }

  setReplacement(replacement: string): void {
    this.set({ replacement })
  }

  /** Matches in the other chapters, all together. */
  get totalOthers(): number {
    return this.state.others.reduce((n, o) => n + o.count, 0)
  }

  // ---- highlighting and searching ------------------------------------------------------------

  /** Highlight the query in the open chapter (again when another chapter opens). */
  private highlightSoon(): void {
    clearTimeout(this.highlightTimer)
    const e = this.editor
    if (!e || e.isDestroyed) return
    this.highlightTimer = setTimeout(() => {
      if (e.isDestroyed) return
      e.dispatch(setFind(e.state, this.state.query, this.state.matchCase))
      if (this.jumped !== null) {
        const tr = selectEdgeMatch(e.state, this.jumped)
        this.jumped = null
        if (tr) {
          e.dispatch(tr)
          e.reveal(true)
        }
      }
    }, HIGHLIGHT_DELAY)
  }

  private searchSoon(): void {
    clearTimeout(this.searchTimer)
    this.searchTimer = setTimeout(() => void this.searchOthers(), SEARCH_DELAY)
  }

  /** Ask main for the matches in the other chapters; an answer overtaken by a newer search is dropped. */
  private async searchOthers(): Promise<void> {
    const seq = ++this.searchSeq
    const { query, matchCase } = this.state
    const chapterId = this.chapterId
    if (!query) return this.set({ others: [] })
    try {
      const r = await this.deps.api.search.find({ query, matchCase, exceptChapterId: chapterId ?? undefined })
      if (seq === this.searchSeq) {
        this.othersKey = searchKeyOf(query, matchCase, chapterId)
        this.set({ others: r.chapters })
      }
    } catch (e) {
      if (seq === this.searchSeq) this.set({ others: [] })
      this.deps.notify('error', errorMessage(e))
    }
  }

  // ---- going through the matches ------------------------------------------------------------

  /** The next chapter (in report order, going round) after the open one that has matches. */
  private async chapterAfter(dir: 1 | -1): Promise<string | null> {
    const { query, matchCase } = this.state
    const chapterId = this.chapterId
    let hits = this.state.others
    if (this.othersKey !== searchKeyOf(query, matchCase, chapterId)) {
      try {
        hits = (await this.deps.api.search.find({ query, matchCase, exceptChapterId: chapterId ?? undefined })).chapters
      } catch {
        hits = []
      }
    }
    const withHits = new Set(hits.map((o) => o.chapterId))
    const order = this.deps.chapterOrder()
    const at = order.indexOf(chapterId ?? '')
    for (let k = 1; k <= order.length; k++) {
      const id = order[(((at + dir * k) % order.length) + order.length) % order.length]
      if (withHits.has(id)) return id
    }
    return null
  }

  /** 下一个 / 上一个: through the open chapter, then on to the next chapter with matches. */
  async go(dir: 1 | -1): Promise<void> {
    const e = this.editor
    if (!e) return
    const { query, matchCase } = this.state
    // Enter right after typing: the highlights (set a moment after the last keystroke) are brought up to date first.
    const f = findKey.getState(e.state)
    if (!f || f.query !== query || f.matchCase !== matchCase) e.dispatch(setFind(e.state, query, matchCase))
    const next = stepLeavesChapter(e.state, dir) ? await this.chapterAfter(dir) : null
    if (next) return this.jumpTo(next, dir === 1 ? 0 : -1)
    if (e.isDestroyed) return
    const tr = gotoMatch(e.state, dir)
    if (tr) {
      e.dispatch(tr)
      e.reveal(false)
    }
  }

  /** Open another chapter at its first (0) or last (-1) match. */
  async jumpTo(id: string, which: 0 | -1 = 0): Promise<void> {
    this.jumped = which
    await this.deps.openChapter(id)
  }

  // ---- replacing -----------------------------------------------------------------------------

  /** 替换: the current match, then on to the next one (with no current match, to the next one first). */
  async replaceOne(): Promise<void> {
    const e = this.editor
    if (!e) return
    const tr = replaceCurrent(e.state, this.state.replacement)
    if (!tr) return this.go(1)
    e.dispatch(tr)
    const next = gotoMatch(e.state, 1)
    if (next) {
      e.dispatch(next)
      e.reveal(false)
    }
  }

  /** Every match of the open chapter in one step (one undo); how many. */
  private replaceHere(): number {
    const e = this.editor
    if (!e) return 0
    const r = replaceAllMatches(e.state, this.state.replacement)
    if (!r) return 0
    e.dispatch(r.tr)
    return r.count
  }

  /** 本章全部替换. */
  replaceInChapter(): void {
    this.deps.notify('success', `本章已替换 ${this.replaceHere()} 处。`)
  }

  /** 全文全部替换 asks first. */
  askReplaceAll(): void {
    this.set({ confirmAll: true })
  }

  cancelReplaceAll(): void {
    this.set({ confirmAll: false })
  }

  /** What 全文全部替换 asks before it replaces. */
  get confirmMessage(): string {
    const { query, replacement, here, others } = this.state
    const totalOthers = this.totalOthers
    return `将把全文 ${here.count + totalOthers} 处“${query}”替换为“${replacement}”（本章 ${here.count} 处，其他 ${others.length} 章 ${totalOthers} 处）。其他章替换前的内容会保存在历史版本中，本章可以撤销。确定替换吗？`
  }

  /** 全文全部替换, confirmed: the open chapter in the editor, the others by main (each snapshotted first). */
  async replaceEverywhere(): Promise<void> {
    this.set({ confirmAll: false, busy: true })
    const { query, replacement, matchCase, others } = this.state
    try {
      const inChapter = this.replaceHere()
      await this.deps.flush()
      let elsewhere = 0
      let chapters = 0
      const ids = others.map((o) => o.chapterId)
      if (ids.length) {
        const r = await this.deps.api.search.replaceAll({ query, replacement, matchCase, chapterIds: ids })
        this.deps.setReport(r.state)
        elsewhere = r.replaced
        chapters = r.chapters
      }
      this.set({ others: [] })
      const total = inChapter + elsewhere
      this.deps.notify('success', total ? `已替换 ${total} 处${chapters ? `（其中其他 ${chapters} 章共 ${elsewhere} 处，替换前的内容已保存在历史版本中）` : ''}。` : '没有找到要替换的内容。')
    } catch (e) {
      this.deps.notify('error', `替换未完成：${errorMessage(e)}`)
    } finally {
      this.set({ busy: false })
    }
  }
}

/** The count beside the field: "本章 2/5 · 其他章 3 处"; empty without a query. */
export function findCountText(s: Pick<FindBarState, 'query' | 'here'>, totalOthers: number): string {
  if (!s.query) return ''
  return (s.here.count ? `本章 ${s.here.current + 1}/${s.here.count}` : '本章 0 处') + (totalOthers > 0 ? ` · 其他章 ${totalOthers} 处` : '')
}
