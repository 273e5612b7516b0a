import type { Editor } from '@tiptap/core'
import type { Transaction } from '@tiptap/pm/state'
import type { ReportNumbering } from '@shared/model/numbering'
import type { ReportState } from '@shared/model/report'
import { api, errorMessage } from '../../api/client'
import type { NoticeKind } from '../../components/noticeKind'
import { moveSection, moveSectionBy, sectionContent, sectionRange } from '@shared/editor/sections'

/** What the outline asks the screen to do; sections are addressed by chapter and heading id. */
export interface OutlineActions {
  selectChapter(id: string): void
  selectHeading(chapterId: string, headingId: string): void
  addChapter(): void
  renameChapter(id: string): void
  deleteChapter(id: string): void
  moveChapter(id: string, toIndex: number): void
  /** Add a section: at the chapter's end (afterId null), after a section (sibling) or inside it (child). */
  addSection(chapterId: string, afterId: string | null, child: boolean): void
  renameSection(chapterId: string, headingId: string): void
  deleteSection(chapterId: string, headingId: string): void
  /** Up or down among its siblings. */
  moveSectionBy(chapterId: string, headingId: string, dir: -1 | 1): void
  /** Drag and drop: before or after another section (possibly in another chapter), or to the end of a chapter. */
  moveSectionTo(chapterId: string, headingId: string, target: { chapterId: string; headingId: string | null; where: 'before' | 'after' }): void
}

/** What a section operation needs from the screen. */
export interface OutlineDeps {
  /** The open chapter's id and editor. */
  open(): { chapterId: string; editor: Editor } | null
  openChapter(id: string, nodeId?: string): Promise<void>
  flush(): Promise<boolean>
  reloadChapter(): Promise<void>
  setReport(r: ReportState): void
  notify(kind: NoticeKind, text: string): void
  /** The report's live numbering. */
  numbering(): ReportNumbering
  ask(modal: OutlineModal): void
  addChapter(): void
  renameChapter(id: string): void
  deleteChapter(id: string): void
  moveChapter(id: string, toIndex: number): void
}

export type OutlineModal =
  | { kind: 'add-section'; chapterId: string; afterId: string | null; child: boolean }
  | { kind: 'rename-section'; chapterId: string; headingId: string; title: string }
  | { kind: 'delete-section'; chapterId: string; headingId: string; label: string; detail: string | null }

/** The editor of `chapterId`, opening that chapter first if needed. */
async function editorOf(deps: OutlineDeps, chapterId: string): Promise<Editor | null> {
  let cur = deps.open()
  if (cur?.chapterId !== chapterId) {
    await deps.openChapter(chapterId)
    cur = deps.open()
  }
  return cur?.chapterId === chapterId ? cur.editor : null
}

function apply(editor: Editor, tr: Transaction | null): boolean {
  if (!tr) return false
  editor.view.dispatch(tr)
  editor.view.focus()
  return true
}

/**
 * The outline's buttons and drag and drop. Inside the open chapter a
 * section is moved, added, renamed or deleted as an edit (undo works, the
 * autosave stores it); a move to another chapter goes through main, which
 * stores both chapters in one transaction.
 */
export function outlineActions(deps: OutlineDeps): OutlineActions {
  return {
    selectChapter: (id) => void deps.openChapter(id),
    selectHeading: (cid, hid) => void deps.openChapter(cid, hid),
    addChapter: deps.addChapter,
    renameChapter: deps.renameChapter,
    deleteChapter: deps.deleteChapter,
    moveChapter: deps.moveChapter,

    addSection: (chapterId, afterId, child) => deps.ask({ kind: 'add-section', chapterId, afterId, child }),

    renameSection: async (chapterId, headingId) => {
      const editor = await editorOf(deps, chapterId)
      const r = editor && sectionRange(editor.state.doc, headingId)
      if (r) deps.ask({ kind: 'rename-section', chapterId, headingId, title: r.heading.textContent })
    },

    deleteSection: async (chapterId, headingId) => {
      const editor = await editorOf(deps, chapterId)
      const r = editor && sectionRange(editor.state.doc, headingId)
      if (!editor || !r) return
      const c = sectionContent(editor.state.doc, r)
      const parts = [
        c.subsections && `${c.subsections} 个下级节`,
        c.words && `${c.words.toLocaleString('zh-CN')} 字正文`,
        c.cases && `${c.cases} 个案例`,
        c.tables && `${c.tables} 个表格`,
        c.photos && `${c.photos} 张图片`
      ].filter(Boolean)
      deps.ask({ kind: 'delete-section', chapterId, headingId, label: r.heading.textContent || '（无标题）', detail: parts.length ? parts.join('、') : null })
    },

    moveSectionBy: async (chapterId, headingId, dir) => {
      const editor = await editorOf(deps, chapterId)
      if (editor && !apply(editor, moveSectionBy(editor.state, headingId, dir))) {
        deps.notify('info', dir < 0 ? '这一节已经是同级中的第一节。' : '这一节已经是同级中的最后一节。')
      }
    },

    moveSectionTo: async (chapterId, headingId, target) => {
      if (target.chapterId === chapterId && target.headingId) {
        const editor = await editorOf(deps, chapterId)
        if (editor && !apply(editor, moveSection(editor.state, headingId, target.headingId, target.where))) {
          deps.notify('info', '不能把一节移到它自己里面。')
        }
        return
      }
      // Across chapters (or to a chapter's end): main moves it, both chapters in one transaction.
      if (!(await deps.flush())) {
        deps.notify('error', '请等当前内容保存成功后再移动。')
        return
      }
      let beforeHeadingId: string | undefined
      if (target.headingId) {
        if (target.where === 'before') beforeHeadingId = target.headingId
        else {
          // "After a section" in another chapter: before the heading that ends it.
          const hs = deps.numbering().headings.filter((h) => h.chapterId === target.chapterId)
          const i = hs.findIndex((h) => h.id === target.headingId)
          const next = i >= 0 ? hs.slice(i + 1).find((h) => h.depth <= hs[i].depth) : undefined
          beforeHeadingId = next?.id
        }
      }
      try {
        const state = await api.chapter.moveSection({ chapterId, headingId, toChapterId: target.chapterId, beforeHeadingId })
        deps.setReport(state)
        const open = deps.open()?.chapterId
        if (open === chapterId || open === target.chapterId) await deps.reloadChapter()
        deps.notify('success', '已移动到目标章节。')
      } catch (e) {
        deps.notify('error', errorMessage(e))
      }
    }
  }
}
