import type { ComponentType } from 'react'
import type { Editor } from '@tiptap/core'

/** What a toolbar item gets: the open chapter's editor and whether inserting blocks makes sense where the cursor is. */
export interface ToolbarItemProps {
  editor: Editor | null
  chapterId: string
  /** The cursor is in a plain table, a case title or a photo caption: no blocks can go there. */
  disabled: boolean
}

/** A menu or button a feature adds to the editing toolbar (Feature.toolbar, editor/feature.ts), shown between 表格 and 案例. */
export interface ToolbarItem {
  id: string
  component: ComponentType<ToolbarItemProps>
}
