import { useRef, useState } from 'react'
import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { isAllowedHref } from '@shared/editor/schema'
import { TextPrompt } from '../../components/TextPrompt'
import type { EditorEnv } from '../contribution'
import { findCase } from '../behaviour/caseStudy'
import { insertImageFiles } from '../photos/upload'
import { Menu } from './Menu'
import { ToolbarRow, type ToolbarGroup } from './ToolbarRow'
import { chapterCanRedo, chapterCanUndo } from '../history/extension'
import { useContributions } from '../FeaturesProvider'
import './toolbar.css'

interface Props {
  editor: Editor | null
  env: Pick<EditorEnv, 'uploadImage' | 'notify' | 'assetUrl' | 'foreignIds'> & { chapterId: string }
  onFind: (replace: boolean) => void
  onCaseSchool: () => void
  onCaseMove: () => void
  onCaseDelete: () => void
}

const STYLES = [
  { label: '正文', level: 0, hint: 'Ctrl+Alt+0' },
  { label: '二级标题（1.1）', level: 2, hint: 'Ctrl+Alt+2' },
  { label: '三级标题（1.1.1）', level: 3, hint: 'Ctrl+Alt+3' },
  { label: '四级标题（1.1.1.1）', level: 4, hint: 'Ctrl+Alt+4' }
]

function snapshot(editor: Editor | null) {
  if (!editor || editor.isDestroyed) return null
  const { state } = editor
  const level = editor.isActive('heading') ? Number(editor.getAttributes('heading').level) : 0
  const inCase = !!findCase(state)
  return {
    // The chapter's undo and redo: text and report tables (editor/history/).
    undo: chapterCanUndo(editor),
    redo: chapterCanRedo(editor),
    level,
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    underline: editor.isActive('underline'),
    sup: editor.isActive('superscript'),
    sub: editor.isActive('subscript'),
    bullet: editor.isActive('bulletList'),
    ordered: editor.isActive('orderedList'),
    quote: editor.isActive('blockquote'),
    link: editor.isActive('link'),
    table: editor.isActive('table'),
    inCase,
    inCaseTitle: state.selection.$from.parent.type.name === 'caseTitle',
    inPhoto: state.selection.$from.parent.type.name === 'photo',
    empty: state.selection.empty
  }
}

const editorKeys = new WeakMap<Editor, number>()
let nextEditorKey = 1
function editorKey(editor: Editor | null): number {
  if (!editor) return 0
  let k = editorKeys.get(editor)
  if (!k) editorKeys.set(editor, (k = nextEditorKey++))
  return k
}

/**
 * The editing toolbar above the chapter: styles, marks, lists, links, tables, cases, photos, find.
 * One toolbar per editor: tiptap's useEditorState keeps its first snapshot when it is handed
 * another editor (a chapter opened), so without the key every button would stay disabled until
 * the first keystroke or click in the new chapter.
 */
export function Toolbar(props: Props) {
  return <EditorToolbar key={editorKey(props.editor)} {...props} />
}

function EditorToolbar({ editor, env, onFind, onCaseSchool, onCaseMove, onCaseDelete }: Props) {
  const s = useEditorState({ editor, selector: ({ editor: e }) => snapshot(e) })
  const toolbarItems = useContributions().toolbar
  const [linkPrompt, setLinkPrompt] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const off = !s || !editor
  const chain = () => editor!.chain().focus()
  const textOnly = !!s && (s.inCaseTitle || s.inPhoto)

  const btn = (label: string, title: string, active: boolean | undefined, run: () => void, disabled = false, testId?: string) => (
    <button
      type="button"
      className={`tb-btn${active ? ' active' : ''}`}
      title={title}
      aria-label={title}
      aria-pressed={active === undefined ? undefined : active}
      disabled={off || disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
      data-testid={testId}
    >
      {label}
    </button>
  )

  const style = STYLES.find((x) => x.level === (s?.level ?? 0)) ?? STYLES[0]

  const groups: ToolbarGroup[] = [
    {
      key: 'history',
      node: (
        <>
          {/* As Ctrl+Z / Ctrl+Y: the chapter's newest change or undo, which may be in a report table (editor/history/). */}
          {btn('↶', '撤销（Ctrl+Z）', undefined, () => chain().keyboardShortcut('Mod-z').run(), !s?.undo, 'tb-undo')}
          {btn('↷', '重做（Ctrl+Y）', undefined, () => chain().keyboardShortcut('Mod-y').run(), !s?.redo, 'tb-redo')}
        </>
      )
    },
    {
      key: 'style',
      node: (
        <>
          <Menu
            label={<span className="tb-style">{style.label.replace(/（.*）/, '')}</span>}
            title="段落样式"
            testId="tb-style"
            items={STYLES.map((x) => ({
              label: x.label,
              hint: x.hint,
              disabled: off || textOnly || (x.level > 0 && !!s?.inCase) || !!s?.table,
              onSelect: () => (x.level === 0 ? chain().setParagraph().run() : chain().setHeading({ level: x.level as 2 | 3 | 4 }).run())
            }))}
          />
        </>
      )
    },
    {
      key: 'marks',
      node: (
        <>
          {btn('B', '加粗（Ctrl+B）', s?.bold, () => chain().toggleBold().run(), textOnly)}
          {btn('I', '倾斜（Ctrl+I）', s?.italic, () => chain().toggleItalic().run(), textOnly)}
          {btn('U', '下划线（Ctrl+U）', s?.underline, () => chain().toggleUnderline().run(), textOnly)}
          {btn('x²', '上标（Ctrl+.）', s?.sup, () => chain().toggleSuperscript().run(), textOnly)}
          {btn('x₂', '下标（Ctrl+,）', s?.sub, () => chain().toggleSubscript().run(), textOnly)}
        </>
      )
    },
    {
      key: 'blocks',
      node: (
        <>
          {btn('•≡', '项目符号列表', s?.bullet, () => chain().toggleBulletList().run(), textOnly)}
          {btn('1≡', '编号列表', s?.ordered, () => chain().toggleOrderedList().run(), textOnly)}
          {btn('❝', '引用', s?.quote, () => chain().toggleBlockquote().run(), textOnly || !!s?.inCase)}
          {btn(
            '链接',
            s?.link ? '取消链接' : '插入链接（仅限 https 网址或邮件地址）',
            s?.link,
            () => (s?.link ? chain().extendMarkRange('link').unsetLink().run() : setLinkPrompt('https://')),
            textOnly,
            'tb-link'
          )}
        </>
      )
    },
    {
      key: 'table',
      node: (
        <>
          <Menu
            label="表格"
            title="表格"
            testId="tb-table"
            items={[
              { label: '插入表格（3 行 3 列）', disabled: off || textOnly || !!s?.table, onSelect: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
              { label: '在上方插入行', separatorBefore: true, disabled: !s?.table, onSelect: () => chain().addRowBefore().run() },
              { label: '在下方插入行', disabled: !s?.table, onSelect: () => chain().addRowAfter().run() },
              { label: '在左侧插入列', disabled: !s?.table, onSelect: () => chain().addColumnBefore().run() },
              { label: '在右侧插入列', disabled: !s?.table, onSelect: () => chain().addColumnAfter().run() },
              { label: '删除行', separatorBefore: true, disabled: !s?.table, onSelect: () => chain().deleteRow().run() },
              { label: '删除列', disabled: !s?.table, onSelect: () => chain().deleteColumn().run() },
              { label: '合并单元格', separatorBefore: true, disabled: !s?.table || !editor?.can().mergeCells(), onSelect: () => chain().mergeCells().run() },
              { label: '拆分单元格', disabled: !s?.table || !editor?.can().splitCell(), onSelect: () => chain().splitCell().run() },
              { label: '首行设为标题行 / 取消', disabled: !s?.table, onSelect: () => chain().toggleHeaderRow().run() },
              { label: '删除表格', separatorBefore: true, disabled: !s?.table, onSelect: () => chain().deleteTable().run() }
            ]}
          />
        </>
      )
    },
    ...toolbarItems.map(({ id, component: Item }) => ({ key: id, node: <Item editor={editor} chapterId={env.chapterId} disabled={!!s?.table || textOnly} /> })),
    {
      key: 'case',
      node: (
        <>
          <Menu
            label={s?.inCase ? <span className="tb-in-case">案例</span> : '案例'}
            title={s?.inCase ? '光标在案例中：设置学校、移动或删除' : '插入案例'}
            testId="tb-case"
            items={[
              { label: '插入案例', hint: '案例 N：标题', disabled: off || !!s?.table, onSelect: () => chain().insertCaseStudy().run() },
              { label: '设置所属学校…', separatorBefore: true, disabled: !s?.inCase, onSelect: onCaseSchool },
              { label: '移到其他章或节…', disabled: !s?.inCase, onSelect: onCaseMove },
              { label: '删除案例…', disabled: !s?.inCase, onSelect: onCaseDelete }
            ]}
          />
          {btn('图片', '插入图片（也可以直接粘贴或拖入正文）', undefined, () => fileInput.current?.click(), textOnly || !!s?.table, 'tb-photo')}
        </>
      )
    }
  ]

  return (
    <>
      <ToolbarRow groups={groups} end={btn('查找', '查找和替换（Ctrl+F / Ctrl+H），范围是整个报告', undefined, () => onFind(true), false, 'tb-find')} />
      {/* Outside the groups: the 图片 button may sit under 更多, whose panel closes before a file is chosen. */}
      <input
        ref={fileInput}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/bmp,image/webp"
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? [])
          e.target.value = ''
          if (!editor || !files.length) return
          const { state } = editor
          // Photos go after the block holding the cursor (inside a case, after its paragraph).
          const $from = state.selection.$from
          const inCase = findCase(state)
          const pos = inCase ? $from.after(Math.min($from.depth, 2)) : $from.depth > 0 ? $from.after(1) : state.doc.content.size
          void insertImageFiles(editor.view, env, files, pos)
        }}
      />
      {linkPrompt !== null && (
        <TextPrompt
          title="链接"
          label="网址"
          initial={linkPrompt}
          confirmLabel="确定"
          onClose={() => setLinkPrompt(null)}
          onSubmit={(href) => {
            setLinkPrompt(null)
            if (!editor) return
            if (!isAllowedHref(href)) {
              env.notify('error', '链接只能是以 https:// 开头的网址，或 mailto: 开头的邮件地址。')
              return
            }
            if (editor.state.selection.empty && !editor.isActive('link')) {
              chain().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run()
              return
            }
            chain().setLink({ href }).run()
          }}
        />
      )}
    </>
  )
}
