import type { AnyExtension, NodeViewRenderer } from '@tiptap/core'
import type { NoticeKind } from '../components/noticeKind'
import type { AssetInfo } from '@shared/api'
import type { NumberingContext, NumberingSource } from './numbering/store'

/**
 * What one chapter editor offers the features plugged into it. Built by
 * ChapterEditor for each chapter; read it in a contribution factory.
 */
export interface EditorEnv {
  chapterId: string
  /** The report's live numbering (numbering/store.ts), for node views that show numbers (cross-references). */
  numbering: NumberingSource
  /** This chapter's place in the report (chapter number, cases before it), which the numbers in its text start from. */
  place(): NumberingContext
  /** Ids of headings, cases, tables and figures used by the other chapters (a pasted copy gets a fresh id). */
  foreignIds(): ReadonlySet<string>
  /** Store an image in the report file (checked by main); throws ApiError with a Chinese message. */
  uploadImage(file: Blob, name?: string): Promise<AssetInfo>
  /** URL under which a stored image is shown. */
  assetUrl(hash: string): string
  notify(kind: NoticeKind, text: string): void
}

/**
 * What a feature adds to the chapter editor. Node views are keyed by the
 * node's name in the shared schema (src/shared/editor); the schema itself is
 * never changed here, so main, export and import keep reading the same
 * documents. Keep React node views for nodes that need them (reportTable,
 * figure, dataField, crossRef); text stays in ProseMirror's own DOM.
 */
export interface EditorContributionParts {
  /** For messages and debugging, e.g. 'live-data'. */
  name: string
  /** Node type name → node view (a plain NodeView or ReactNodeViewRenderer(Component)). */
  nodeViews?: Record<string, NodeViewRenderer>
  /** Extra behaviour: plugins, commands, keyboard shortcuts. */
  extensions?: AnyExtension[]
}

/** A contribution, or a factory when it needs the editor's environment. */
export type EditorContribution = EditorContributionParts | ((env: EditorEnv) => EditorContributionParts)
