import type { ComponentType } from 'react'
import type { Editor } from '@tiptap/core'
import { liveDataToolbar } from '../../data/toolbar/LiveDataMenu'

/** What a toolbar item gets: the open chapter's editor and whether inserting blocks makes sense where the cursor is. */
export interface ToolbarItemProps {
  editor: Editor | null
  chapterId: string
  /** The cursor is in a plain table, a case title or a photo caption: no blocks can go there. */
  disabled: boolean
}

export interface ToolbarItem {
  id: string
  component: ComponentType<ToolbarItemProps>
}

/**
 * Menus and buttons other features add to the editing toolbar, one line
 * each, shown between 表格 and 案例. Add yours from your own folder, e.g.
 *   import { liveDataToolbar } from '../../data/toolbar/LiveDataMenu'
 */
export const toolbarItems: ToolbarItem[] = [liveDataToolbar]
