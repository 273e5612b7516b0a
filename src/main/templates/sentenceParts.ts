import type { DocNode } from '@shared/model/doc'
import { fieldFormula, type FieldPreset } from '@shared/model/fields'
import { formatToString } from '@shared/model/format'
import type { CellFormat } from '@shared/model/table'

/** The pieces of the template sentences that quote figures: text, quoted figures (dataField) and cross-references. */
export interface TemplateSentence {
  /** Template chapter, 1-based. */
  chapter: number
  heading: string
  content: DocNode[]
}

/** Finds a standard table or chart of the new report by (part of) its caption, for the sentences that quote or refer to it. */
export interface FindBlock {
  tableOf: (caption: string) => string
  figureOf: (caption: string) => string
}

export const text = (t: string): DocNode => ({ type: 'text', text: t })
export const field = (p: FieldPreset | string, format: CellFormat): DocNode => ({
  type: 'dataField',
  attrs: { ref: typeof p === 'string' ? p : fieldFormula(p), format: formatToString(format) }
})
export const value = (indicator: string, format: CellFormat = { kind: 'general' }) => field({ kind: 'value', indicator }, format)
export const changeOf = (indicator: string, decimals = 0) => field({ kind: 'change', indicator, decimals }, { kind: 'trend', decimals })
export const growthOf = (indicator: string) => field({ kind: 'growth', indicator, decimals: 2 }, { kind: 'percent', decimals: 2 })
export const year = () => field('=本年', { kind: 'general' })
export const cellOf = (tableId: string, address: string, format: CellFormat) => field({ kind: 'cell', tableId, cell: address }, format)
export const xref = (target: 'table' | 'figure', id: string): DocNode => ({ type: 'crossRef', attrs: { target, id } })
export const pct2: CellFormat = { kind: 'percent', decimals: 2 }
