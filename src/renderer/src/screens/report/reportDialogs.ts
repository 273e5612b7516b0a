import type { Editor } from '@tiptap/core'
import type { Transaction } from '@tiptap/pm/state'
import type { ReportState } from '@shared/model/report'
import { findCase } from '../../editor/behaviour/caseStudy'
import { addSection, deleteSection, renameSection } from '@shared/editor/sections'
import type { OutlineModal } from './outlineActions'
import type { ReportController, ReportDeps } from './reportController'

/** The dialogs of the report screen, one at a time. */
export type ReportModal =
  | { kind: 'properties' }
  | { kind: 'add-chapter' }
  | { kind: 'rename'; id: string; title: string }
  | { kind: 'delete'; id: string; title: string; hasContent: boolean }
  | { kind: 'save-as' }
  | { kind: 'case-school'; school: string }
  | { kind: 'case-move'; caseId: string }
  | { kind: 'case-delete'; title: string }
  | OutlineModal

type Listener = () => void

/**
 * Which dialog of the report screen is open, and what its answer does:
 * chapters added, renamed and deleted through main; sections and cases
 * edited in the open chapter's text (undo works, the autosave stores it).
 * ReportDialogsView draws the dialog; ReportController owns this.
 */
export class ReportDialogs {
  private modal: ReportModal | null = null
  private readonly listeners = new Set<Listener>()

  constructor(
    private readonly screen: ReportController,
    private readonly deps: Pick<ReportDeps, 'api'>
  ) {}

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l)
    return () => void this.listeners.delete(l)
  }

  getSnapshot = (): ReportModal | null => this.modal

  show(modal: ReportModal | null): void {
    this.modal = modal
    for (const l of this.listeners) l()
  }

  close = (): void => this.show(null)

  /** What the outline asks: an empty section is deleted without asking. */
  ask = (modal: OutlineModal): void => {
    if (modal.kind === 'delete-section' && !modal.detail) return this.deleteSection(modal)
    this.show(modal)
  }

  // ---- chapters (main stores them) -------------------------------------------------------------

  askRenameChapter = (id: string): void => this.show({ kind: 'rename', id, title: this.chapters().find((c) => c.id === id)?.title ?? '' })

  askDeleteChapter = (id: string): void => {
    const c = this.chapters().find((x) => x.id === id)
    if (c) this.show({ kind: 'delete', id, title: c.title, hasContent: this.screen.numbering.chapterWords(id) > 0 || c.summary.headings.length > 0 })
  }

  addChapter(title: string): Promise<boolean> {
    this.close()
    return this.screen.run(() => this.deps.api.chapter.add({ title, afterId: newChapterPlace(this.chapters()) }))
  }

  renameChapter(id: string, title: string): Promise<boolean> {
    this.close()
    return this.screen.run(() => this.deps.api.chapter.rename({ id, title }))
  }

  async deleteChapter(id: string): Promise<boolean> {
    this.close()
    await this.screen.flush()
    return this.screen.run(() => this.deps.api.chapter.remove({ id }))
  }

  moveChapter = (id: string, toIndex: number): void => void this.screen.run(() => this.deps.api.chapter.move({ id, toIndex }))

  // ---- sections (edits of the open chapter) ---------------------------------------------------

  async addSection(m: Extract<OutlineModal, { kind: 'add-section' }>, title: string): Promise<void> {
    this.close()
    if (this.screen.openChapterId !== m.chapterId) await this.screen.openChapter(m.chapterId)
    this.edit(m.chapterId, (e) => addSection(e.state, title, m.afterId, m.child))
  }

  renameSection(m: Extract<OutlineModal, { kind: 'rename-section' }>, title: string): void {
    this.close()
    this.edit(m.chapterId, (e) => renameSection(e.state, m.headingId, title))
  }

  deleteSection(m: Extract<OutlineModal, { kind: 'delete-section' }>): void {
    this.close()
    this.edit(m.chapterId, (e) => deleteSection(e.state, m.headingId))
  }

  /** Run an edit on the open chapter's editor, when it is the chapter the action was meant for. */
  private edit(chapterId: string, f: (e: Editor) => Transaction | null): void {
    const e = this.screen.editorOf(chapterId)
    const tr = e && f(e)
    if (!e || !tr) return
    e.view.dispatch(tr)
    e.view.focus()
  }

  // ---- the case holding the cursor (案例 menu) ------------------------------------------------

  private caseAtCursor() {
    const e = this.screen.editorOf()
    return e ? findCase(e.state) : null
  }

  askCaseSchool = (): void => {
    const found = this.caseAtCursor()
    if (found) this.show({ kind: 'case-school', school: String(found.node.attrs.school ?? '') })
  }

  askCaseMove = (): void => {
    const found = this.caseAtCursor()
    if (found) this.show({ kind: 'case-move', caseId: String(found.node.attrs.id) })
  }

  askCaseDelete = (): void => {
    const found = this.caseAtCursor()
    if (found) this.show({ kind: 'case-delete', title: found.node.firstChild?.textContent ?? '' })
  }

  setCaseSchool(school: string): void {
    this.close()
    this.screen.editorOf()?.chain().focus().setCaseSchool(school).run()
  }

  deleteCase(): void {
    this.close()
    this.screen.editorOf()?.chain().focus().deleteCaseStudy().run()
  }

  /** 另存为 in the browser host: a file name in the workspace folder. */
  saveAs(fileName: string): Promise<void> {
    this.close()
    return this.screen.saveAs(fileName)
  }

  private chapters(): ReportState['chapters'] {
    return this.screen.current.chapters
  }
}

/** A new chapter goes after the last numbered chapter, before the annexes (附件) at the end. */
export function newChapterPlace(chapters: ReportState['chapters']): string | undefined {
  let end = chapters.length
  while (end > 0 && chapters[end - 1].kind === 'appendix') end--
  return end > 0 && end < chapters.length ? chapters[end - 1].id : undefined
}
