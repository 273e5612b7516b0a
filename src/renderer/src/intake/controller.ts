import type { IntakeOverview, IntakePreview, KitResult, LibraryCase, Provenance } from '@shared/contract/intake'
import { MAX_INTAKE_FILES, MAX_INTAKE_UPLOAD_BYTES } from '@shared/contract/intake'
import type { ReportState } from '@shared/model/report'
import { api, errorMessage } from '../api/client'
import { liveData } from '../data/store'
import { readBase64 } from '../import/files'
import { Store } from '../components/store'

/**
 * 汇总 in the window: what waits for 接收 (read, not stored), the 汇总
 * overview, the case library, and which dialog is open. Plain TypeScript
 * (the views subscribe): every change goes through main, which answers with
 * the new preview or overview, and, on 接收, a data delta the editor applies.
 */
export type IntakeDialog =
  | { kind: 'intake' }
  | { kind: 'kit'; result?: KitResult }
  | { kind: 'provenance'; data: Provenance }
  | { kind: 'docx-choice'; file: File }
  | null

export interface IntakeUiState {
  preview: IntakePreview | null
  overview: IntakeOverview | null
  cases: LibraryCase[] | null
  dialog: IntakeDialog
  /** What is being done, in Chinese, while main works. */
  busy: string | null
  workspaceFiles: { name: string; bytes: number; modified: string }[] | null
}

type Notify = (kind: 'error' | 'info' | 'success', text: string) => void

/** Uploads go in calls of at most this many bytes (the browser host takes 90 MB a request, base64 adds a third). */
const BATCH_BYTES = 30 * 1024 * 1024

/** Files 汇总 takes: workbooks, reports and Word documents (old .xls/.doc are read to say what to do). */
export function isIntakeFile(f: { name: string }): boolean {
  return /\.(xlsx|xls|xlsm|nianbao|docx|doc)$/i.test(f.name)
}

class IntakeController extends Store<IntakeUiState> {
  private notify: Notify = () => {}
  private report: ReportState | null = null
  private flush: () => Promise<boolean> = async () => true
  private showPanel: (id: string) => void = () => {}

  constructor() {
    super()
    this.state = { preview: null, overview: null, cases: null, dialog: null, busy: null, workspaceFiles: null }
  }

  /** The report screen tells what is open; another report starts afresh. */
  attach(o: { report: ReportState; flush: () => Promise<boolean>; notify: Notify; showPanel: (id: string) => void }) {
    if (this.report?.path !== o.report.path) this.state = { preview: null, overview: null, cases: null, dialog: null, busy: null, workspaceFiles: null }
    this.report = o.report
    this.flush = o.flush
    this.notify = o.notify
    this.showPanel = o.showPanel
  }

  /** Compiled into: city and provincial reports. */
  get available(): boolean {
    return this.report !== null && this.report.meta.level !== 'school'
  }

  close() {
    this.set({ dialog: null })
  }

  private async busyWith<T>(label: string, f: () => Promise<T>): Promise<T | null> {
    this.set({ busy: label })
    try {
      return await f()
    } catch (e) {
      this.notify('error', errorMessage(e))
      return null
    } finally {
      this.set({ busy: null })
    }
  }

  // ---- reading and taking ------------------------------------------------------------------

  /** 汇总学校数据…: the dialog, with what already waits. */
  async openIntake() {
    this.set({ dialog: { kind: 'intake' } })
    const preview = await this.busyWith('', () => api.intake.pending())
    if (preview) this.set({ preview })
  }

  /** Files the user chose or dropped, sent in batches; each batch adds to what waits. */
  async readFiles(files: File[]) {
    const usable = files.filter((f) => f.size > 0)
    const tooBig = usable.filter((f) => f.size > MAX_INTAKE_UPLOAD_BYTES)
    for (const f of tooBig) this.notify('error', `“${f.name}”太大（${(f.size / 1048576).toFixed(1)} MB），报送的文件不能超过 ${MAX_INTAKE_UPLOAD_BYTES / 1048576} MB。`)
    const todo = usable.filter((f) => f.size <= MAX_INTAKE_UPLOAD_BYTES)
    for (const f of files.filter((x) => x.size === 0)) this.notify('error', `“${f.name}”是空文件。`)
    if (!todo.length) return
    this.set({ dialog: { kind: 'intake' } })
    let done = 0
    while (done < todo.length) {
      const batch: File[] = []
      let bytes = 0
      while (done + batch.length < todo.length && batch.length < MAX_INTAKE_FILES) {
        const f = todo[done + batch.length]
        if (batch.length && bytes + f.size > BATCH_BYTES) break
        batch.push(f)
        bytes += f.size
      }
      const label = todo.length > 1 ? `正在读取第 ${done + 1}–${done + batch.length} 个文件（共 ${todo.length} 个）…` : `正在读取“${todo[0].name}”…`
      const preview = await this.busyWith(label, async () =>
        api.intake.read({
          source: 'upload',
          uploads: await Promise.all(batch.map(async (f) => ({ name: f.name, data: await readBase64(f), modified: new Date(f.lastModified || Date.now()).toISOString() })))
        })
      )
      if (!preview) return
      this.set({ preview })
      done += batch.length
    }
  }

  /** Electron: the native dialog (several files at once). */
  async readFromDialog() {
    const preview = await this.busyWith('正在读取所选文件…', () => api.intake.read({ source: 'dialog' }))
    if (preview) this.set({ preview })
  }

  /** Browser host: the workbooks and reports in the workspace folder. */
  async loadWorkspaceFiles() {
    const list = await this.busyWith('', () => api.intake.workspaceFiles())
    if (list) this.set({ workspaceFiles: list })
  }

  async readWorkspace(names: string[]) {
    if (!names.length) return
    const preview = await this.busyWith(`正在读取 ${names.length} 个文件…`, () => api.intake.read({ source: 'workspace', names }))
    if (preview) this.set({ preview })
  }

  async discard() {
    const preview = await this.busyWith('', () => api.intake.discard())
    if (preview) this.set({ preview, dialog: null })
  }

  /** 接收: store what was read; the tables, fields and charts that use the compiled figures follow. */
  async accept(files?: string[]) {
    if (!(await this.flush())) {
      this.notify('error', '当前内容还没有保存成功，请稍后再试。')
      return
    }
    const r = await this.busyWith('正在接收并汇总…', () => api.intake.accept(files ? { files } : {}))
    if (!r) return
    liveData.apply(r.delta)
    const t = r.taken
    this.notify('success', `已接收 ${t.files} 个文件：${t.schools} 个${r.overview.word}、${t.values} 个数值${t.cases ? `、${t.cases} 个案例` : ''}；汇总指标已更新。`)
    this.set({ overview: r.overview, preview: null, dialog: null, cases: null })
    this.showPanel('intake')
  }

  async withdraw(name: string) {
    const r = await this.busyWith(`正在撤回“${name}”的数据…`, () => api.intake.withdraw({ name }))
    if (!r) return
    liveData.apply(r.delta)
    this.set({ overview: r.overview })
    this.notify('success', `已撤回“${name}”报送的数据，汇总指标已重新计算。`)
  }

  // ---- the panel, provenance, the kit -------------------------------------------------------

  async loadOverview() {
    const overview = await this.busyWith('', () => api.intake.overview())
    if (overview) this.set({ overview })
  }

  async openProvenance(indicator: string) {
    const data = await this.busyWith('', () => api.intake.provenance({ indicator }))
    if (data) this.set({ dialog: { kind: 'provenance', data } })
  }

  /** 采用汇总值: the report's figure becomes the compiled one again. */
  async useCompiled(p: Provenance) {
    if (p.value === null) return
    const r = await liveData.run(() => api.data.setValue({ indicator: p.indicator, year: p.year, value: p.value }))
    if (!r) return
    await this.loadOverview()
    const fresh = await this.busyWith('', () => api.intake.provenance({ indicator: p.indicator, year: p.year }))
    if (fresh) this.set({ dialog: { kind: 'provenance', data: fresh } })
  }

  openKit() {
    this.set({ dialog: { kind: 'kit' } })
  }

  async makeKit(schools: string[]) {
    const result = await this.busyWith('正在生成填报表…', () => api.intake.kit({ schools }))
    if (!result) return
    this.set({ dialog: { kind: 'kit', result } })
    void this.loadOverview()
  }

  // ---- the case library -------------------------------------------------------------------

  async loadCases() {
    const cases = await this.busyWith('', () => api.intake.cases())
    if (cases) this.set({ cases })
  }

  /** A dropped Word document could be a school's report or last year's own: the user says which. */
  askDocx(file: File) {
    this.set({ dialog: { kind: 'docx-choice', file } })
  }
}

export const intakeController = new IntakeController()
