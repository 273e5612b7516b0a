import type { Editor } from '@tiptap/core'
import { Menu } from '../../editor/toolbar/Menu'
import type { ToolbarItem } from '../../editor/toolbar/items'
import { openDataDialog } from '../dialogs'
import { blockInsertPos } from '../insertPos'

/** 插入 menu of the toolbar: report tables, charts, quoted figures and cross-references. */
export function LiveDataMenu({ editor, chapterId, disabled }: { editor: Editor | null; chapterId: string; disabled?: boolean }) {
  const off = !editor || disabled
  const sel = editor?.state.selection
  const inTextOnly = !!sel && ['caseTitle', 'photo'].includes(sel.$from.parent.type.name)
  return (
    <Menu
      label="数据"
      title="插入数据表、图表、数据字段或交叉引用"
      testId="tb-data"
      items={[
        { label: '插入数据表…', hint: '表 N-M', disabled: off || inTextOnly, onSelect: () => editor && openDataDialog({ kind: 'insertTable', editor, chapterId, at: blockInsertPos(editor) }) },
        { label: '插入图表…', hint: '图 N-M', disabled: off || inTextOnly, onSelect: () => editor && openDataDialog({ kind: 'chart', editor, chapterId, at: blockInsertPos(editor) }) },
        {
          label: '插入数据字段…',
          hint: '输入 @',
          separatorBefore: true,
          disabled: off || inTextOnly,
          onSelect: () => editor && openDataDialog({ kind: 'field', editor })
        },
        {
          label: '插入交叉引用…',
          hint: '输入 见表',
          disabled: off || inTextOnly,
          onSelect: () => editor && openDataDialog({ kind: 'crossRef', editor, target: 'table', replace: { from: editor.state.selection.from, to: editor.state.selection.to } })
        }
      ]}
    />
  )
}

export const liveDataToolbar: ToolbarItem = { id: 'live-data', component: LiveDataMenu }
