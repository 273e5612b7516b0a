import type Database from 'better-sqlite3'
import { UserError } from '@shared/errors'
import { walk } from '@shared/model/doc'
import { normalizeFormulaInput } from '@shared/model/formula'
import { FigureSpecSchema, ReportTableSpecSchema } from '@shared/contract/data'
import { DataStore } from '../store/dataStore'
import { checkMerges, squareSpec } from '../data/reshape'
import type { ImportedReport } from './model'

/**
 * The live data of an imported report, written in the new file's creation
 * transaction: indicators with the values the old tables printed, the
 * report tables (pointing at those indicators) and the figures, each tied
 * to the chapter that shows it.
 */
export function writeImportedData(db: Database.Database, imported: ImportedReport): void {
  const data = new DataStore(db)
  const chapterOf = new Map<string, string>()
  for (const ch of imported.chapters)
    walk(ch.doc, (n) => {
      if ((n.type === 'reportTable' || n.type === 'figure') && typeof n.attrs?.id === 'string') chapterOf.set(n.attrs.id, ch.id)
    })
  for (const ind of imported.indicators) {
    const { values, ...props } = ind
    data.putIndicator(props)
    for (const [year, value] of Object.entries(values)) data.setValue(ind.id, Number(year), value)
  }
  for (const t of imported.tables) {
    const spec = squareSpec(structuredClone(t.spec))
    spec.rows = spec.rows.map((r) => r.map((c) => ({ ...c, input: normalizeFormulaInput(c.input) })))
    const problem = checkMerges(spec) ?? schemaProblem(ReportTableSpecSchema.safeParse(spec))
    if (problem) throw new UserError('IMPORT_FAILED', `表格“${spec.caption.slice(0, 30)}”无法导入（${problem}）。`)
    data.putTable(spec, chapterOf.get(spec.id) ?? null)
  }
  for (const f of imported.figures) {
    const problem = schemaProblem(FigureSpecSchema.safeParse(f))
    if (problem) throw new UserError('IMPORT_FAILED', `图“${f.caption.slice(0, 30)}”无法导入（${problem}）。`)
    data.putFigure(f, chapterOf.get(f.id) ?? null)
  }
}

function schemaProblem(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string | null {
  if (r.success) return null
  const i = r.error?.issues[0]
  return i ? `${i.path.map(String).join('.')}：${i.message}` : '格式不对'
}
