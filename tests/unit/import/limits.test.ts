import { MAX_CELL_INPUT, MAX_TABLE_COLS, MAX_TABLE_ROWS } from '../../../src/shared/contract/data'
import { TABLE_LIMITS } from '../../../src/main/import/build'
import { analyseDocx } from '../../../src/main/import/pipeline'
import { DEFAULT_LIMITS } from '../../../src/main/import/limits'
import { makeDocx, para, table } from '../../helpers/docx'

describe('import limits', () => {
  it('match the limits of a report table (kept apart so the worker does not load the contract)', () => {
    expect(TABLE_LIMITS).toMatchObject({ rows: MAX_TABLE_ROWS, cols: MAX_TABLE_COLS, cellInput: MAX_CELL_INPUT })
  })

  it('a table larger than a report table can hold is cut down, and the import report says so', () => {
    const wide = Array.from({ length: 45 }, (_, i) => `列${i}`)
    const body = para('1 基本情况', { bold: true }) + para('表 1-1 很宽的表') + table([wide, wide.map((_, i) => String(i))]) + para('正文。' + '长'.repeat(10))
    const r = analyseDocx({ bytes: makeDocx({ body }), fileName: 't.docx', limits: DEFAULT_LIMITS, now: new Date() })
    expect(r.tables[0].spec.rows[0]).toHaveLength(MAX_TABLE_COLS)
    expect(r.report.warnings.find((w) => w.code === 'TABLE_TOO_LARGE')?.message).toContain('45 列')
  })
})
