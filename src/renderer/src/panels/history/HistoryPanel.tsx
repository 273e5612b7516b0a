import { useCallback, useEffect, useMemo, useState } from 'react'
import { EditorContent, useEditor } from '@tiptap/react'
import type { DeletedChapterInfo } from '@shared/contract/revision'
import type { RevisionInfo, RevisionRecord } from '@shared/api'
import { walk, type DocNode } from '@shared/model/doc'
import { api, transport, errorMessage } from '../../api/client'
import { ConfirmDialog, Dialog } from '../../components/Dialog'
import { buildEditorExtensions } from '../../editor/extensions'
import { useContributions } from '../../editor/FeaturesProvider'
import { useNumberingStore, useReportNumbering } from '../../editor/numbering/NumberingProvider'
import type { PanelDef, PanelProps } from '../types'
import './history.css'

const REASON: Record<RevisionInfo['reason'], string> = {
  auto: '自动保存',
  manual: '手动保存',
  switch: '切换章节时',
  restore: '恢复后',
  'before-restore': '恢复前'
}

const REFRESH_MS = 30_000

export function formatWhen(iso: string, now = new Date()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const p = (n: number) => String(n).padStart(2, '0')
  const time = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
  const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
  if (sameDay(d, now)) return `今天 ${time}`
  const y = new Date(now)
  y.setDate(y.getDate() - 1)
  if (sameDay(d, y)) return `昨天 ${time}`
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${time}`
}

/** 历史版本: the open chapter's snapshots by time; show one read-only, restore it (the restore is itself a new version). */
function HistoryPanel({ report, chapterId, workspace }: PanelProps) {
  const numbering = useReportNumbering()
  const [list, setList] = useState<RevisionInfo[] | null>(null)
  const [deleted, setDeleted] = useState<DeletedChapterInfo[]>([])
  const [preview, setPreview] = useState<RevisionRecord | null>(null)
  const [confirm, setConfirm] = useState<RevisionInfo | DeletedChapterInfo | null>(null)
  const [busy, setBusy] = useState(false)
  const chapter = numbering.chapters.find((c) => c.id === chapterId)

  const load = useCallback(async () => {
    try {
      const [revs, gone] = await Promise.all([chapterId ? api.revision.list({ chapterId }) : Promise.resolve([]), api.revision.deletedChapters()])
      setList(revs)
      setDeleted(gone)
    } catch (e) {
      workspace.notify('error', errorMessage(e))
    }
  }, [chapterId, workspace])

  // Chapters added or deleted (a deleted one can be restored from here).
  const chapterIds = report.chapters.map((c) => c.id).join(',')

  useEffect(() => {
    setList(null)
    void load()
    const t = setInterval(() => void load(), REFRESH_MS)
    return () => clearInterval(t)
    // Reload when another chapter opens or the chapters change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chapterId, chapterIds])

  const snapshot = async () => {
    if (!chapterId) return
    setBusy(true)
    try {
      if (!(await workspace.flush())) throw new Error('当前内容还没有保存成功，请稍后再试。')
      await api.revision.create({ chapterId, reason: 'manual' })
      workspace.notify('success', '已保存当前版本。')
      await load()
    } catch (e) {
      workspace.notify('error', e instanceof Error && !('code' in e) ? e.message : errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const show = async (id: number) => {
    try {
      setPreview(await api.revision.get({ id }))
    } catch (e) {
      workspace.notify('error', errorMessage(e))
    }
  }

  const restore = async (target: RevisionInfo | DeletedChapterInfo) => {
    setConfirm(null)
    setPreview(null)
    setBusy(true)
    try {
      if (!(await workspace.flush())) throw new Error('当前内容还没有保存成功，请稍后再试。')
      const id = 'revisionId' in target ? target.revisionId : target.id
      const r = await api.revision.restore({ id })
      workspace.setReport(r.state)
      if (r.chapter.id === chapterId) await workspace.reloadChapter()
      else await workspace.openChapter(r.chapter.id)
      workspace.notify('success', 'revisionId' in target ? `已恢复“${target.title}”，放在报告末尾。` : `已恢复到 ${formatWhen(target.createdAt)} 的版本；恢复前的内容也保存为一个历史版本。`)
      await load()
    } catch (e) {
      workspace.notify('error', e instanceof Error && !('code' in e) ? e.message : errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="history-panel" data-testid="history-panel">
      <div className="panel-head">
        <span className="panel-sub">{chapter ? `${chapter.number ? `第 ${chapter.number} 章 ` : ''}${chapter.title}` : '未打开章节'}</span>
        <button type="button" className="btn btn-small" onClick={() => void snapshot()} disabled={!chapterId || busy} data-testid="history-snapshot">
          保存当前版本
        </button>
      </div>
      <p className="panel-note">编辑时每 10 分钟、切换章节时都会自动保存一个版本。</p>
      {list === null ? (
        <p className="panel-empty">正在加载…</p>
      ) : list.length === 0 ? (
        <p className="panel-empty">这一章还没有历史版本。</p>
      ) : (
        <ol className="revision-list" data-testid="revision-list">
          {list.map((r) => (
            <li key={r.id}>
              <button type="button" className="revision-item" onClick={() => void show(r.id)} data-revision-id={r.id}>
                <span className="revision-when">{formatWhen(r.createdAt)}</span>
                <span className="revision-meta">
                  {REASON[r.reason]} · {r.words.toLocaleString('zh-CN')} 字
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {deleted.length > 0 && (
        <>
          <h3 className="panel-subhead">已删除的章</h3>
          <ul className="revision-list">
            {deleted.map((d) => (
              <li key={d.chapterId} className="deleted-chapter">
                <span>
                  <span className="revision-when">{d.title}</span>
                  <span className="revision-meta">
                    删除于 {formatWhen(d.deletedAt)} · {d.words.toLocaleString('zh-CN')} 字
                  </span>
                </span>
                <button type="button" className="btn btn-small" onClick={() => setConfirm(d)} disabled={busy}>
                  恢复
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {preview && (
        <RevisionPreview
          revision={preview}
          chapterNumber={numbering.chapters.find((c) => c.id === preview.chapterId)?.number ?? null}
          onClose={() => setPreview(null)}
          onRestore={() => setConfirm(preview)}
        />
      )}
      {confirm && (
        <ConfirmDialog
          title="恢复历史版本"
          message={
            'revisionId' in confirm
              ? `恢复已删除的章“${confirm.title}”？它会放在报告的末尾。`
              : `把本章恢复到 ${formatWhen(confirm.createdAt)} 的版本？现在的内容会先保存为一个历史版本，随时可以再恢复回来。`
          }
          confirmLabel="恢复"
          onCancel={() => setConfirm(null)}
          onConfirm={() => void restore(confirm)}
        />
      )}
    </div>
  )
}

/** Node types drawn from the live data (not stored in a version): tables, charts, quoted figures. */
const LIVE_DATA_NODES = new Set(['reportTable', 'figure', 'dataField'])

/** Does a version show anything from the live data, which is drawn with today's figures? */
export function showsLiveData(doc: DocNode): boolean {
  let found = false
  walk(doc, (n) => {
    if (found) return false
    if (LIVE_DATA_NODES.has(n.type)) found = true
  })
  return found
}

/** One snapshot, read-only, drawn by the same editor (numbers, cases and photos as they were). */
function RevisionPreview({ revision, chapterNumber, onClose, onRestore }: { revision: RevisionRecord; chapterNumber: string | null; onClose: () => void; onRestore: () => void }) {
  const store = useNumberingStore()
  const contributions = useContributions().editor
  const extensions = useMemo(
    () =>
      buildEditorExtensions({
        chapterId: revision.chapterId,
        numbering: store,
        place: () => ({ chapterNumber, caseOffset: 0 }),
        foreignIds: () => new Set(),
        uploadImage: () => Promise.reject(new Error('只读')),
        assetUrl: (h) => transport.assetUrl(h),
        notify: () => {}
      }, contributions),
    [revision.chapterId, chapterNumber, store, contributions]
  )
  const editor = useEditor(
    {
      extensions,
      content: revision.doc,
      editable: false,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: { attributes: { class: 'chapter-doc', 'aria-label': '历史版本内容（只读）' } }
    },
    [revision.id]
  )
  return (
    <Dialog
      title={`${revision.chapterTitle} · ${formatWhen(revision.createdAt)}（${REASON[revision.reason]}）`}
      onClose={onClose}
      width={920}
      testId="revision-preview"
      footer={
        <>
          <span className="hint dialog-footer-note">只读预览，案例编号从 1 起算。</span>
          <button type="button" className="btn" onClick={onClose}>
            关闭
          </button>
          <button type="button" className="btn btn-primary" onClick={onRestore} data-testid="revision-restore">
            恢复此版本
          </button>
        </>
      }
    >
      {showsLiveData(revision.doc) && (
        // Table data is not versioned: say so, so nobody takes today's figures for the old ones.
        <p className="revision-live-note" role="note" data-testid="revision-live-note">
          表格、图表和文中引用的数据显示的是当前数据，不是这个版本保存时的数值；恢复此版本也不会改回这些数据。
        </p>
      )}
      <div className="revision-page">
        <EditorContent editor={editor} />
      </div>
    </Dialog>
  )
}

export const historyPanel: PanelDef = { id: 'history', title: '历史版本', component: HistoryPanel }
