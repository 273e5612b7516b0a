import type { Editor } from '@tiptap/core'
import type { NianbaoApi } from '@shared/api'
import type { ChapterRecord, ReportState } from '@shared/model/report'
import { withChapter } from '@shared/model/reportState'
import { idsOutsideChapter } from '@shared/model/summary'
import { errorMessage } from '../../api/errors'
import { Store } from '../../components/store'
import type { NoticeKind } from '../../components/noticeKind'
import type { EditorEnv } from '../../editor/contribution'
import { NumberingStore } from '../../editor/numbering/store'
import { SaveQueue } from '../../editor/save/SaveQueue'
import type { Workspace } from '../../panels/types'
import { ReportDialogs } from './reportDialogs'

/** The open chapter's editor as the controller uses it (ChapterEditorHandle). */
export interface OpenChapter {
  readonly chapterId: string
  /**
   * The chapter is being closed: its text goes to the save queue; false if it
   * could not be saved. `leaving` (another chapter is opened): main also
   * takes the chapter-switch snapshot with that save.
   */
  detach(leaving?: boolean): Promise<boolean>
  editor(): Editor | null
  /** Scroll to a heading, case, table or figure by id; false when it is not in the chapter. */
  scrollToNode(id: string): boolean
}

/** The calls the report screen makes. */
export type ReportApi = Pick<NianbaoApi, 'chapter' | 'revision' | 'asset'> & {
  report: Pick<NianbaoApi['report'], 'close' | 'openDialog' | 'saveAs'>
  app: Pick<NianbaoApi['app'], 'flushed'>
}

/** What the controller needs from the window it runs in. */
export interface ReportDeps {
  api: ReportApi
  notify(kind: NoticeKind, text: string): void
  /** Adopt a new state of this report (answered by a service call). */
  setReport(report: ReportState): void
  /** 另存为 made a copy and main opened it: show it, starting in `chapterId` (the chapter ids are the same in the copy). */
  savedAs(copy: ReportState, chapterId: string | null): void
  /** The report was closed; `then: 'new'` when 新建报告 was chosen from the menu. */
  closed(then?: 'new'): void
  /** Electron: 另存为 asks main's file dialog instead of a file name. */
  nativeDialogs: boolean
  /** The browser host asks before a page with unsaved text goes away (Electron asks in main). */
  transport: 'electron' | 'browser'
  assetUrl(hash: string): string
  /** Where the side panel last open is remembered (localStorage). */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  /** Run after the browser drew the next frame. */
  later(f: () => void): void
}

export interface ReportScreenState {
  /** The chapter open in the editor. */
  chapter: ChapterRecord | null
  /** Bumped when the open chapter is loaded again, so a fresh editor is made. */
  generation: number
  /** The open chapter's editor once it is ready. */
  editor: Editor | null
  /** The side panel shown, by id. */
  panel: string | null
  /** The find bar (Ctrl+F) with replace (Ctrl+H); `key` moves the focus into it again. */
  find: { replace: boolean; key: number } | null
  /** The section holding the cursor, for the outline. */
  currentHeading: string | null
}

const PANEL_KEY = 'nianbao.sidePanel'
const UNSAVED = '有内容未能保存，请先解决状态栏中提示的问题，或用“另存为”保存到其他位置。'

/**
 * The report screen's behaviour, in plain TypeScript (ReportScreen draws it):
 * which chapter is open and switching to another (saving the one left, one
 * switch after the other), saving on request (the window's events that ask
 * for it are wired in reportEvents.ts), the side panels and find bar, and
 * the dialogs (reportDialogs.ts). It owns the report's save queue and its
 * numbering store.
 */
export class ReportController extends Store<ReportScreenState> {
  readonly queue: SaveQueue
  /** The report's numbering, live: the one place the renderer reads numbers from. */
  readonly numbering = new NumberingStore()
  readonly dialogs: ReportDialogs
  private report: ReportState
  private open: OpenChapter | null = null
  private switching: Promise<void> = Promise.resolve()
  /** The node to scroll to once the chapter being opened is ready. */
  private pendingNode: string | null = null
  /** The chapter being opened because none (or a deleted one) was open. */
  private ensuring: string | null = null

  constructor(
    report: ReportState,
    private readonly deps: ReportDeps,
    /** The chapter to start in (another report's 另存为 copy), else the first. */
    private resumeChapterId: string | null = null
  ) {
    super()
    this.report = report
    // A save answers with the saved chapter's outline entry; the report's numbers are computed from it here.
    this.queue = new SaveQueue((r) => {
      const next = withChapter(this.report, r.chapter)
      this.setReport(next)
      deps.setReport(next)
    })
    this.state = { chapter: null, generation: 0, editor: null, panel: deps.storage.getItem(PANEL_KEY), find: null, currentHeading: null }
    this.dialogs = new ReportDialogs(this, deps)
  }

  // ---- state -----------------------------------------------------------------------------------

  get current(): ReportState {
    return this.report
  }

  /** The report as main last answered; a deleted open chapter makes way for the first one. */
  setReport(report: ReportState): void {
    this.report = report
    this.numbering.setReport(report)
    this.ensureChapter()
  }

  /** The open chapter's editor (null while none is mounted); a React ref. */
  attach = (open: OpenChapter | null): void => {
    this.open = open
  }

  get openChapterId(): string | null {
    return this.open?.chapterId ?? null
  }

  /** The open chapter's editor, when it is the chapter given (or any, without one). */
  editorOf(chapterId?: string): Editor | null {
    const open = this.open
    if (!open || (chapterId !== undefined && open.chapterId !== chapterId)) return null
    return open.editor()
  }

  // ---- chapters --------------------------------------------------------------------------------

  /** Clicks queue up: a switch waits for the one before it to finish. */
  private serial(task: () => Promise<void>): Promise<void> {
    const run = this.switching.then(task)
    this.switching = run.catch(() => undefined)
    return run
  }

  /** Open a chapter (the one left is saved, a snapshot taken) and, if given, scroll to a node in it. */
  openChapter = (id: string, nodeId?: string): Promise<void> => this.serial(() => this.switchTo(id, nodeId))

  private async switchTo(id: string, nodeId?: string): Promise<void> {
    const current = this.open
    if (current && current.chapterId === id) {
      if (nodeId && !current.scrollToNode(nodeId)) this.deps.notify('info', '没有在本章中找到这一项，可能已被删除。')
      return
    }
    // The chapter left is saved, and main snapshots it with that save.
    await current?.detach(true)
    await this.load(id, nodeId)
  }

  private async load(id: string, nodeId?: string): Promise<boolean> {
    try {
      const next = await this.deps.api.chapter.get({ id })
      this.pendingNode = nodeId ?? null
      this.set({ chapter: next, generation: this.state.generation + 1 })
      return true
    } catch (e) {
      this.deps.notify('error', errorMessage(e))
      return false
    }
  }

  /** Load the open chapter again from the file (after a service call changed it); the editor being replaced hands its text over first. */
  reloadChapter = (): Promise<void> => {
    const id = this.open?.chapterId ?? this.state.chapter?.id
    if (!id) return Promise.resolve()
    return this.serial(async () => {
      await this.open?.detach()
      await this.load(id)
    })
  }

  /** Open the first chapter when the report opens (or the one to resume), or another one when the open chapter was deleted. */
  ensureChapter(): void {
    const { chapter } = this.state
    const chapters = this.report.chapters
    if (chapter && chapters.some((c) => c.id === chapter.id)) return
    const resumed = chapters.find((c) => c.id === this.resumeChapterId)
    this.resumeChapterId = null
    const first = resumed ?? chapters[0]
    if (!first) {
      if (chapter) this.set({ chapter: null })
      return
    }
    if (this.ensuring === first.id) return
    this.ensuring = first.id
    void this.serial(async () => {
      const loaded = await this.load(first.id)
      this.ensuring = null
      // Deleted while it was being opened: the next one.
      if (loaded) this.ensureChapter()
    })
  }

  /** A new editor is ready: scroll to the node it was opened for. */
  editorReady(editor: Editor): void {
    this.set({ editor })
    const node = this.pendingNode
    this.pendingNode = null
    if (node) this.deps.later(() => this.open?.scrollToNode(node))
  }

  setCurrentHeading(id: string | null): void {
    if (id !== this.state.currentHeading) this.set({ currentHeading: id })
  }

  // ---- saving and the report file --------------------------------------------------------------

  /** Save every chapter with unsaved text; false if saving failed (the status bar says why). */
  flush = (): Promise<boolean> => this.queue.flushAll()

  /** main asks before the window closes or the app quits: save, and answer whether everything is stored. */
  async answerFlush(requestId: number): Promise<void> {
    const saved = await this.flush().catch(() => false)
    await this.deps.api.app.flushed({ requestId, saved })
  }

  /** 保存 and Ctrl+S: save now and say so. */
  async save(): Promise<void> {
    if (await this.flush()) this.deps.notify('success', '已保存。')
  }

  /** Run a call that answers with the report's new state; false (after telling the user) if it failed. */
  async run(call: () => Promise<ReportState | null>): Promise<boolean> {
    try {
      const r = await call()
      if (r) this.deps.setReport(r)
      return true
    } catch (e) {
      this.deps.notify('error', errorMessage(e))
      return false
    }
  }

  /** 关闭报告 (and 新建报告 from the menu): only once everything is saved. */
  async close(then?: 'new'): Promise<void> {
    if (!(await this.flush())) return this.deps.notify('error', UNSAVED)
    await this.deps.api.report.close()
    this.deps.closed(then)
  }

  /** 文件 › 打开 with a report open: save, then switch to the chosen report (this one stays as it was if none is chosen). */
  async openAnother(): Promise<void> {
    if (!(await this.flush())) return this.deps.notify('error', UNSAVED)
    await this.run(() => this.deps.api.report.openDialog())
  }

  /** 另存为: Electron asks main's file dialog at once; the browser host asks for a file name first. */
  requestSaveAs(): void {
    if (this.deps.nativeDialogs) void this.saveAs()
    else this.dialogs.show({ kind: 'save-as' })
  }

  /** Copy the report to a new file (a name in the workspace, or chosen in main's dialog) and continue in the copy. */
  async saveAs(fileName?: string): Promise<void> {
    await this.flush()
    const chapterId = this.openChapterId
    let copied = false
    try {
      const copy = await this.deps.api.report.saveAs(fileName === undefined ? {} : { fileName })
      if (copy) this.deps.savedAs(copy, chapterId)
      copied = true
    } catch (e) {
      this.deps.notify('error', errorMessage(e))
    }
    // Text that could not be saved to the old file goes to the new one.
    const saved = await this.flush()
    if (fileName !== undefined && saved && copied) this.deps.notify('success', '已另存为新文件。')
  }

  // ---- panels and find -------------------------------------------------------------------------

  /** Bring a side panel to the front (null folds the area away); the choice is remembered. */
  showPanel = (id: string | null): void => {
    if (id) this.deps.storage.setItem(PANEL_KEY, id)
    else this.deps.storage.removeItem(PANEL_KEY)
    this.set({ panel: id })
  }

  /** Ctrl+F, Ctrl+H and 查找: open the find bar (or move the focus back into it). */
  openFind(replace: boolean): void {
    const f = this.state.find
    this.set({ find: { replace, key: (f?.key ?? 0) + 1 } })
  }

  /** Text a failing save still holds (a full disk, a moved file) would go with the page: the browser asks first. */
  shouldKeepPage(): boolean {
    return this.deps.transport === 'browser' && this.queue.status.getSnapshot().kind === 'error'
  }

  closeFind(): void {
    this.set({ find: null })
    this.open?.editor()?.commands.focus()
  }

  // ---- what the editor, the panels and the toolbar are given -----------------------------------

  /** What every chapter editor gets from the screen. */
  readonly editorEnv: Omit<EditorEnv, 'chapterId' | 'numbering' | 'place'> = {
    foreignIds: () => idsOutsideChapter(this.report.chapters, this.open?.chapterId),
    uploadImage: async (file: Blob) => this.deps.api.asset.put({ data: await blobToBase64(file) }),
    assetUrl: (hash: string) => this.deps.assetUrl(hash),
    notify: (kind, text) => this.deps.notify(kind, text)
  }

  /** What the side panels may do. */
  readonly workspace: Workspace = {
    openChapter: this.openChapter,
    flush: this.flush,
    reloadChapter: this.reloadChapter,
    editor: () => this.editorOf(),
    setReport: (r) => this.deps.setReport(r),
    notify: (kind, text) => this.deps.notify(kind, text),
    showPanel: (id) => this.showPanel(id)
  }
}

/** Base64 of a file's bytes, for asset.put. */
export async function blobToBase64(blob: Blob): Promise<string> {
  const buf = new Uint8Array(await blob.arrayBuffer())
  let s = ''
  const CHUNK = 0x8000
  for (let i = 0; i < buf.length; i += CHUNK) s += String.fromCharCode(...buf.subarray(i, i + CHUNK))
  return btoa(s)
}
