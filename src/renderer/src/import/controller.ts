import type { AppInfo } from '@shared/api'
import type { ImportReport, ImportResult, IssueTarget } from '@shared/contract/import'
import type { ReportState } from '@shared/model/report'
import { api, errorMessage } from '../api/client'
import { liveData } from '../data/store'
import { checkDocx, FileProblem, pickFile, readBase64 } from './files'
import { Store } from '../components/store'

/**
 * The flows that make a new report from last year's, for the whole window
 * (导入上一年报告, a .docx dropped on the window, and 从上一年报告新建 in
 * src/renderer/src/rollover), outside any one screen: the start screen goes
 * away when the new report opens, but the import report must stay on
 * screen. ImportHost and RolloverHost (mounted once in App) draw what this
 * holds; the screens' buttons call it.
 */
export interface ImportUiState {
  busy: string | null
  result: ImportReport | null
  rolloverOpen: boolean
  dragging: boolean
}


class ImportController extends Store<ImportUiState> {
  private info: AppInfo | null = null
  private onOpened: (r: ReportState) => void = () => {}
  private notify: (kind: 'error' | 'info' | 'success', text: string) => void = () => {}
  /** The open report's "save what is pending"; null on the start screen. */
  private flush: (() => Promise<boolean>) | null = null
  /** The open report's way to a chapter and a node in it; null on the start screen. */
  private openChapter: ((chapterId: string, nodeId?: string) => Promise<void>) | null = null
  current: ReportState | null = null

  constructor() {
    super()
    this.state = { busy: null, result: null, rolloverOpen: false, dragging: false }
  }

  configure(o: { info: AppInfo; onOpened: (r: ReportState) => void; notify: ImportController['notify'] }) {
    this.info = o.info
    this.onOpened = o.onOpened
    this.notify = o.notify
  }

  /** The report screen registers its flush and its way to a chapter while it is shown. */
  attach(current: ReportState | null, flush: (() => Promise<boolean>) | null, openChapter: ((chapterId: string, nodeId?: string) => Promise<void>) | null = null) {
    this.current = current
    this.flush = flush
    this.openChapter = openChapter
  }

  /** Go to a place the import report lists: its chapter, and the heading, case, table or figure there (the result dialog closes). */
  async goTo(target: IssueTarget): Promise<void> {
    if (!this.openChapter) return
    if (this.state.result) this.dismissResult()
    await this.openChapter(target.chapterId, target.id)
  }

  get nativeDialogs(): boolean {
    return Boolean(this.info?.nativeDialogs)
  }

  setDragging(dragging: boolean) {
    if (dragging && !this.state.dragging) this.prepare()
    if (dragging !== this.state.dragging) this.set({ dragging })
  }

  /** Let main start the import worker while the user is still choosing a file. */
  prepare() {
    void api.import.prepare().catch(() => undefined)
  }

  dismissResult() {
    this.set({ result: null })
  }

  openRollover() {
    this.prepare()
    this.set({ rolloverOpen: true })
  }

  closeRollover() {
    this.set({ rolloverOpen: false })
  }

  private async saveFirst(): Promise<boolean> {
    if (!this.flush) return true
    if (await this.flush()) return true
    this.notify('error', '当前报告有内容未能保存，请先解决状态栏中提示的问题，再导入或新建。')
    return false
  }

  /** Run one flow that makes and opens a new report (pending edits saved first), then show its import report. */
  async run(busy: string, call: () => Promise<ImportResult | null>): Promise<boolean> {
    if (this.state.busy) return false
    if (!(await this.saveFirst())) return false
    this.set({ busy })
    try {
      const r = await call()
      if (!r) return false
      this.onOpened(r.state)
      this.set({ result: r.report })
      return true
    } catch (e) {
      this.notify('error', e instanceof FileProblem ? e.message : errorMessage(e))
      return false
    } finally {
      this.set({ busy: null })
    }
  }

  /** A .docx the user chose, checked and read for the contract. */
  async upload(file: File) {
    checkDocx(file)
    return { name: file.name, data: await readBase64(file) }
  }

  /** 导入上一年报告: the given file (a drop), the native dialog (Electron) or the browser's file picker. */
  async importDocx(file?: File): Promise<boolean> {
    if (!file && this.nativeDialogs) return this.run('正在导入上一年的报告…', () => api.import.docx({}))
    if (!file) this.prepare()
    const chosen = file ?? (await pickFile('.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document'))
    if (!chosen) return false
    try {
      checkDocx(chosen)
    } catch (e) {
      this.notify('error', (e as Error).message)
      return false
    }
    return this.run(`正在导入“${chosen.name}”…`, async () => api.import.docx({ upload: await this.upload(chosen) }))
  }

  /** 保留原文数字 / 采用计算值: the table follows at once (the delta), the stored import report says which. */
  async chooseValue(cell: { tableId: string; row: number; col: number }, choice: 'printed' | 'computed'): Promise<ImportReport | null> {
    try {
      const r = await liveData.run(() => api.import.chooseValue({ tableId: cell.tableId, row: cell.row, col: cell.col, choice }))
      if (!r) return null
      if (this.state.result) this.set({ result: r.report })
      return r.report
    } catch (e) {
      this.notify('error', errorMessage(e))
      return null
    }
  }
}

export const importController = new ImportController()
