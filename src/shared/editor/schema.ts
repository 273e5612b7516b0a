import { getSchema, type AnyExtension } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import Document from '@tiptap/extension-document'
import Text from '@tiptap/extension-text'
import Bold from '@tiptap/extension-bold'
import Italic from '@tiptap/extension-italic'
import Underline from '@tiptap/extension-underline'
import Link from '@tiptap/extension-link'
import Blockquote from '@tiptap/extension-blockquote'
import HardBreak from '@tiptap/extension-hard-break'
import { BulletList, OrderedList, ListItem } from '@tiptap/extension-list'
import { Table, TableRow, TableHeader, TableCell } from '@tiptap/extension-table'
import { SectionHeading } from './nodes/heading'
import { BodyParagraph } from './nodes/paragraph'
import { CaseStudy, CaseTitle } from './nodes/caseStudy'
import { Photo } from './nodes/photo'
import { ReportTableNode } from './nodes/reportTable'
import { FigureNode } from './nodes/figure'
import { DataField } from './nodes/dataField'
import { CrossRef } from './nodes/crossRef'
import { Subscript, Superscript } from './marks/scripts'

/** Links may only point to the web (https) or to a mail address. */
export const ALLOWED_LINK_PROTOCOLS = ['https', 'mailto'] as const

export function isAllowedHref(href: string): boolean {
  const h = href.trim().toLowerCase()
  return h.startsWith('https://') || h.startsWith('mailto:')
}

/**
 * The chapter document's building blocks, free of React and of the DOM so
 * that main (validation, export, import) builds the very schema the editor
 * uses. The renderer adds node views and behaviour on top of these.
 */
export function reportExtensions(): AnyExtension[] {
  return [
    Document,
    Text,
    BodyParagraph.extend({ group: 'block caseBlock' }),
    SectionHeading,
    Blockquote.extend({ group: 'block caseBlock' }),
    BulletList.extend({ group: 'block list caseBlock' }),
    OrderedList.extend({ group: 'block list caseBlock' }),
    ListItem,
    HardBreak,
    Table.extend({ group: 'block caseBlock' }).configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    CaseStudy,
    CaseTitle,
    Photo,
    ReportTableNode,
    FigureNode,
    DataField,
    CrossRef,
    Bold,
    Italic,
    Underline,
    Superscript,
    Subscript,
    Link.configure({
      openOnClick: false,
      autolink: false,
      protocols: [],
      isAllowedUri: (url) => isAllowedHref(url)
    })
  ]
}

let cached: Schema | null = null

export function reportSchema(): Schema {
  cached ??= getSchema(reportExtensions())
  return cached
}
