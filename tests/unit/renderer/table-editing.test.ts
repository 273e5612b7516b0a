import type { TableView } from '@shared/contract/data'
import type { CellFormat, TableMerge } from '@shared/model/table'
import { ChapterHistory } from '../../../src/renderer/src/editor/history/chapterHistory'
import { TableEditing } from '../../../src/renderer/src/data/table/tableEditing'
import { tableKey, type TableKey } from '../../../src/renderer/src/data/table/tableKeys'
import type { CellPatch, IndicatorValue, ReshapeKind, TableData, TablePatch } from '../../../src/renderer/src/data/table/tableChanges'

/**
 * The table-editing model under Node, against a small stand-in for main: it
 * keeps the table's inputs and the indicators' values, shows a cell that is
 * exactly 指标("…",年) as that indicator's value, and answers every change
 * with the new table, as the live data does.
 */
class FakeMain implements TableData {
  rows: { input: string; format?: CellFormat }[][]
  merges: TableMerge[] = []
  headerRows = 1
  caption = '表题'
  note = ''
  values = new Map<string, number | null>([['teachers|2021', 1649]])
  calls: string[] = []
  warnings: string[] = []
  refuse = false
  onChange: () => void = () => undefined

  constructor(
    inputs: string[][],
    readonly id = 't1'
  ) {
    this.rows = inputs.map((r) => r.map((input) => ({ input })))
  }

  view(): TableView {
    const bound = (input: string) => /^=指标\("(\w+)",(\d{4})\)$/.exec(input)
    const rows = this.rows.map((r) =>
      r.map((cell) => {
        const b = bound(cell.input)
        if (!b) return { text: cell.input, align: 'left' as const }
        const value = this.values.get(`${b[1]}|${b[2]}`) ?? null
        return { text: value === null ? '' : String(value), align: 'right' as const, value, binding: { indicator: b[1], year: Number(b[2]) }, formula: true }
      })
    )
    const spec = { id: this.id, caption: this.caption, note: this.note, headerRows: this.headerRows, columnWidths: [], rows: this.rows.map((r) => r.map((c) => ({ ...c }))), merges: this.merges }
    return { id: this.id, spec, resolved: { id: this.id, number: '1-1', caption: this.caption, note: this.note, headerRows: this.headerRows, columnWidths: [], rows, merges: this.merges } }
  }

  private answer(call: string): boolean {
    this.calls.push(call)
    if (this.refuse) return false
    this.onChange()
    return true
  }

  async setCells(_id: string, cells: CellPatch[]) {
    if (this.refuse) return this.answer('setCells')
    for (const c of cells) {
      const cell = this.rows[c.row][c.col]
      if (c.input !== undefined) cell.input = c.input
      if (c.format !== undefined) cell.format = c.format
    }
    return this.answer(`setCells ${cells.map((c) => `${c.row},${c.col}=${c.input ?? JSON.stringify(c.format)}`).join(' ')}`)
  }

  async setValues(values: IndicatorValue[]) {
    if (!this.refuse) for (const v of values) this.values.set(`${v.indicator}|${v.year}`, v.value)
    return this.answer(`setValues ${values.map((v) => `${v.indicator}${v.year}=${v.value}`).join(' ')}`)
  }

  async updateTable(_id: string, patch: TablePatch) {
    if (!this.refuse) {
      if (patch.merges) this.merges = patch.merges
      if (patch.headerRows !== undefined) this.headerRows = patch.headerRows
      if (patch.caption !== undefined) this.caption = patch.caption
      if (patch.note !== undefined) this.note = patch.note
    }
    return this.answer(`updateTable ${Object.keys(patch).join(',')}`)
  }

  async reshape(_id: string, kind: ReshapeKind, at: number, count: number) {
    if (!this.refuse) {
      const width = this.rows[0].length
      if (kind === 'insertRows') this.rows.splice(at, 0, ...Array.from({ length: count }, () => Array.from({ length: width }, () => ({ input: '' }))))
      if (kind === 'removeRows') this.rows.splice(at, count)
      if (kind === 'insertCols') for (const r of this.rows) r.splice(at, 0, ...Array.from({ length: count }, () => ({ input: '' })))
      if (kind === 'removeCols') for (const r of this.rows) r.splice(at, count)
    }
    return this.answer(`${kind} ${at} ${count}`)
  }

  storedValue(indicator: string, year: number) {
    return this.values.get(`${indicator}|${year}`)
  }

  warn(message: string) {
    this.warnings.push(message)
  }
}

/** Let the queued changes (and their undo steps) settle. */
const settle = () => new Promise((r) => setTimeout(r, 0))
const key = (k: string, mods: Partial<TableKey> = {}): TableKey => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, ...mods })

function setup(inputs: string[][], history = new ChapterHistory(), id = 't1') {
  const main = new FakeMain(inputs, id)
  const t = new TableEditing(main.view(), main, history, 'chapter-1')
  main.onChange = () => t.setView(main.view())
  const screen = { focused: 0, left: 0 }
  t.bind({ focusGrid: () => screen.focused++, later: (f) => f(), done: () => screen.left++ })
  const leave = t.changes.register()
  const text = (r: number, c: number) => t.view.resolved.rows[r][c].text
  return { main, t, history, screen, leave, text }
}

const GRID = [
  ['指标', '2020', '2021'],
  ['专任教师', '1622', '=指标("teachers",2021)'],
  ['兼职教师', '300', '310']
]

describe('table editing: typing in cells', () => {
  it('typing on a selected cell starts editing with what was typed; Enter stores it and moves down', async () => {
    const { t, main, text } = setup(GRID)
    t.select({ r: 1, c: 1 })
    t.type('1700')
    expect(t.getSnapshot().editing).toEqual({ at: { r: 1, c: 1 }, text: '1700', mode: 'input' })
    expect(tableKey(t, key('Enter'))).toBe(true)
    await settle()
    expect(text(1, 1)).toBe('1700')
    expect(t.at).toEqual({ r: 2, c: 1 })
    expect(t.getSnapshot().editing).toBeNull()
    expect(main.calls).toEqual(['setCells 1,1=1700'])
  })

  it('Enter goes below a merged cell, Tab across it, and arrows stay inside the table', async () => {
    const { t, main } = setup([['a', 'b', 'c'], ['d', 'e', 'f'], ['g', 'h', 'i']])
    main.merges = [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }]
    t.setView(main.view())
    t.select({ r: 0, c: 0 })
    tableKey(t, key('ArrowDown'))
    expect(t.at).toEqual({ r: 2, c: 0 })
    tableKey(t, key('ArrowLeft'))
    tableKey(t, key('ArrowDown'))
    expect(t.at).toEqual({ r: 2, c: 0 })
    t.select({ r: 0, c: 0 })
    t.startEdit({ r: 0, c: 0 })
    tableKey(t, key('Tab'))
    await settle()
    expect(t.at).toEqual({ r: 0, c: 2 })
    tableKey(t, key('ArrowUp', { shiftKey: true }))
    tableKey(t, key('ArrowLeft', { shiftKey: true }))
    expect(t.rect).toEqual({ r0: 0, c0: 1, r1: 0, c1: 2 })
  })

  it('a number typed into a cell that shows an indicator sets the indicator; anything else is refused with a message', async () => {
    const { t, main, text } = setup(GRID)
    t.select({ r: 1, c: 2 })
    t.startEdit({ r: 1, c: 2 })
    expect(t.getSnapshot().editing).toMatchObject({ text: '1649', mode: 'value' })
    t.type('1,700')
    await t.commitEdit()
    expect(main.values.get('teachers|2021')).toBe(1700)
    expect(text(1, 2)).toBe('1700')
    expect(main.rows[1][2].input).toBe('=指标("teachers",2021)')

    t.startEdit({ r: 1, c: 2 })
    t.type('很多')
    await t.commitEdit()
    expect(main.warnings[0]).toContain('“很多”不是数字')
    expect(main.values.get('teachers|2021')).toBe(1700)
    // A formula typed there replaces the cell's input instead.
    t.startEdit({ r: 1, c: 2 }, '=B2+1')
    expect(t.getSnapshot().editing?.mode).toBe('input')
  })

  it('Escape drops what was typed; Escape on a selected cell goes back to the text', () => {
    const { t, main, screen } = setup(GRID)
    t.select({ r: 1, c: 1 })
    t.type('9')
    tableKey(t, key('Escape'))
    expect(t.getSnapshot().editing).toBeNull()
    expect(main.calls).toEqual([])
    tableKey(t, key('Escape'))
    expect(t.getSnapshot().sel).toBeNull()
    expect(screen.left).toBe(1)
  })

  it('the formula bar shows the cell until typed in, and stores what it holds on Enter', async () => {
    const { t, main } = setup(GRID)
    t.select({ r: 2, c: 1 })
    expect(t.barText).toBe('300')
    t.typeInBar('=B2/10')
    expect(t.barText).toBe('=B2/10')
    await t.commitBar()
    expect(main.rows[2][1].input).toBe('=B2/10')
    t.typeInBar('x')
    t.resetBar()
    expect(t.barText).toBe('=B2/10')
  })
})

describe('table editing: undo and redo', () => {
  it("the table's Ctrl+Z undoes its own steps newest first (a format, a cell), Ctrl+Y redoes them", async () => {
    const { t, main, text } = setup(GRID)
    t.select({ r: 2, c: 1 })
    t.type('320')
    await t.commitEdit()
    t.select({ r: 2, c: 2 })
    await t.setFormat({ kind: 'fixed', decimals: 1 })
    tableKey(t, key('z', { ctrlKey: true }))
    await settle()
    expect(main.rows[2][2].format).toEqual({ kind: 'general' })
    tableKey(t, key('z', { ctrlKey: true }))
    await settle()
    expect(text(2, 1)).toBe('300')
    tableKey(t, key('y', { ctrlKey: true }))
    await settle()
    expect(text(2, 1)).toBe('320')
    tableKey(t, key('z', { ctrlKey: true, shiftKey: true }))
    await settle()
    expect(main.rows[2][2].format).toEqual({ kind: 'fixed', decimals: 1 })
  })

  it('an indicator value is undone to the value the table showed', async () => {
    const { t, main } = setup(GRID)
    t.select({ r: 1, c: 2 })
    t.type('1800')
    await t.commitEdit()
    await t.changes.undo()
    expect(main.values.get('teachers|2021')).toBe(1649)
  })

  it('an inserted row is undone by removing it; removing rows that hold anything asks first and cannot be undone', async () => {
    const { t, main, history } = setup(GRID)
    t.select({ r: 1, c: 0 })
    await t.changes.reshape('insertRows', 2, 1)
    expect(main.rows).toHaveLength(4)
    expect(t.getSnapshot().sel).toBeNull()
    await t.changes.undo()
    expect(main.rows).toHaveLength(3)
    await t.changes.redo()
    expect(main.rows).toHaveLength(4)

    // The empty row goes without asking; the filled one waits for the answer.
    t.askRemove('removeRows', 2, 1)
    await settle()
    expect(main.rows).toHaveLength(3)
    t.askRemove('removeRows', 2, 1)
    expect(t.getSnapshot().confirmRemove).toEqual({ kind: 'removeRows', at: 2, count: 1 })
    t.confirmRemoval()
    await settle()
    expect(main.rows).toHaveLength(2)
    // A removal is a new change: every step of the table before it is gone.
    expect(history.canUndo).toBe(false)
    expect(history.canRedo).toBe(false)
  })

  it('a refused change keeps no undo step', async () => {
    const { t, main, history } = setup(GRID)
    main.refuse = true
    t.select({ r: 2, c: 1 })
    t.type('1')
    await t.commitEdit()
    expect(history.canUndo).toBe(false)
  })

  it('the caption and the note are edited in place and are not undo steps', async () => {
    const { t, main, history } = setup(GRID)
    t.editText('caption')
    t.editText('caption', '新的表题')
    await t.finishText('caption')
    t.editText('note', '数据来源：')
    await t.finishText('note')
    t.editText('note', '数据来源：统计')
    t.cancelText('note')
    await t.finishText('note')
    expect(main.caption).toBe('新的表题')
    expect(main.note).toBe('')
    expect(main.calls).toEqual(['updateTable caption'])
    expect(history.canUndo).toBe(false)
  })
})

describe("table editing: the chapter's Ctrl+Z over text and tables", () => {
  it('undoes the newest change of the chapter, in whichever table, and leaves older ones to the text', async () => {
    let now = 0
    const history = new ChapterHistory(() => now)
    const a = setup(GRID, history, 'ta')
    const b = setup(GRID, history, 'tb')
    now = 10
    a.t.select({ r: 2, c: 1 })
    a.t.type('301')
    await a.t.commitEdit()
    now = 20
    b.t.select({ r: 2, c: 2 })
    b.t.type('311')
    await b.t.commitEdit()
    // Text typed at 15 is older than table b's change, newer than a's.
    now = 21
    expect(history.undoNewest(15)).toBe(true)
    await settle()
    expect(b.text(2, 2)).toBe('310')
    expect(history.undoNewest(15)).toBe(false)
    now = 23
    expect(history.undoNewest(5)).toBe(true)
    await settle()
    expect(a.text(2, 1)).toBe('300')

    // Redo: whichever was undone last (table a at 23), unless the text's undo came later.
    expect(history.redoNewest(24)).toBe(false)
    expect(history.redoNewest(22)).toBe(true)
    await settle()
    expect(a.text(2, 1)).toBe('301')
    expect(history.redoNewest(22)).toBe(false)
    expect(history.redoNewest(20)).toBe(true)
    await settle()
    expect(b.text(2, 2)).toBe('311')
  })

  it('a change in one table ends what any table could redo, and the text undone before it', async () => {
    let now = 0
    const history = new ChapterHistory(() => now)
    const a = setup(GRID, history, 'ta')
    const b = setup(GRID, history, 'tb')
    a.t.select({ r: 2, c: 1 })
    a.t.type('301')
    await a.t.commitEdit()
    await a.t.changes.undo()
    now = 5
    expect(history.textRedoable(4)).toBe(true)
    expect(history.canRedo).toBe(true)
    now = 10
    b.t.select({ r: 2, c: 2 })
    b.t.type('311')
    await b.t.commitEdit()
    expect(history.canRedo).toBe(false)
    expect(history.textRedoable(5)).toBe(false)
    expect(history.textRedoable(11)).toBe(true)
  })

  it('a table that leaves the screen takes its steps with it', async () => {
    const { t, history, leave } = setup(GRID)
    t.select({ r: 2, c: 1 })
    t.type('301')
    await t.commitEdit()
    expect(history.canUndo).toBe(true)
    leave()
    expect(history.canUndo).toBe(false)
    expect(history.undoNewest(-Infinity)).toBe(false)
  })
})

describe('table editing: clipboard and charts', () => {
  it('copies the selected cells as displayed, tab-separated', () => {
    const { t } = setup(GRID)
    t.select({ r: 1, c: 0 })
    t.select({ r: 2, c: 2 }, true)
    expect(t.copyText()).toBe('专任教师\t1622\t1649\n兼职教师\t300\t310')
    t.type('x')
    expect(t.copyText()).toBeNull()
  })

  it('pastes a block from the current cell: numbers on indicator cells set the indicator, the rest are inputs, what falls outside is dropped', async () => {
    const { t, main } = setup(GRID)
    t.select({ r: 1, c: 1 })
    expect(t.paste('1630\t1700\t99\r\n310\t320\n')).toBe(true)
    await settle()
    expect(main.rows[1][1].input).toBe('1630')
    expect(main.values.get('teachers|2021')).toBe(1700)
    expect(main.rows[2].map((c) => c.input)).toEqual(['兼职教师', '310', '320'])
    expect(main.rows[1]).toHaveLength(3)
    expect(t.paste('')).toBe(false)
  })

  it('生成图表 takes the selected figures with their row and column names, or the first three columns', () => {
    const { t, main } = setup([
      ['指标', '2020 年', '2021 年', '变化'],
      ['', '人', '人', ''],
      ['专任教师', '1622', '1649', '27'],
      ['兼职教师', '300', '310', '10']
    ])
    main.headerRows = 2
    t.setView(main.view())
    // The whole table from its last header row (the chart names each series by the header rows above too).
    expect(t.chartRange()).toBe('A2:C4')
    t.select({ r: 2, c: 1 })
    expect(t.chartRange()).toBe('A2:C4')
    // Figures of the two years: the second header row names the series, column A the categories.
    t.select({ r: 2, c: 1 })
    t.select({ r: 3, c: 2 }, true)
    expect(t.chartRange()).toBe('A2:C4')
  })
})
