import type { TableView } from '@shared/contract/data'
import type { CellPatch, IndicatorValue, TableData } from '../../../src/renderer/src/data/table/tableChanges'
import { NOTHING_TYPED, typedSheetChartData, typingIntoSheet, type PendingCells } from '../../../src/renderer/src/charts/sheetTyping'
import { TypedSheets } from '../../../src/renderer/src/charts/typedSheets'

/**
 * A number typed into a chart's data sheet reaches the dialog's preview at
 * once, before main has stored it; once the change is done the sheet's
 * stored value takes over, also when main refused it.
 */
type Deferred = { resolve: (ok: boolean) => void }

class SlowMain implements TableData {
  waiting: Deferred[] = []
  calls: string[] = []
  private later(call: string): Promise<boolean> {
    this.calls.push(call)
    return new Promise((resolve) => this.waiting.push({ resolve }))
  }
  setCells(_id: string, cells: CellPatch[]) {
    return this.later(`setCells ${cells.map((c) => `${c.row},${c.col}=${c.input}`).join(' ')}`)
  }
  setValues(values: IndicatorValue[]) {
    return this.later(`setValues ${values.map((v) => `${v.indicator}${v.year}=${v.value}`).join(' ')}`)
  }
  updateTable = async () => true
  reshape = async () => true
  storedValue = () => undefined
  warn = () => undefined
}

/** 招生数 and 在校生数 (rows) of 2020 and 2021 (columns); 2021's 在校生数 shows the indicator students.total. */
const view: TableView = {
  id: 's1',
  spec: { id: 's1', caption: '', note: '', headerRows: 1, columnWidths: [], merges: [], rows: [] },
  resolved: {
    id: 's1',
    number: null,
    caption: '',
    note: '',
    headerRows: 1,
    columnWidths: [],
    merges: [],
    rows: [
      [{ text: '', align: 'left' }, { text: '2020年', align: 'left' }, { text: '2021年', align: 'left' }],
      [{ text: '招生数', align: 'left' }, { text: '11731', align: 'right', value: 11731 }, { text: '13930', align: 'right', value: 13930 }],
      [{ text: '在校生数', align: 'left' }, { text: '28771', align: 'right', value: 28771 }, { text: '30150', align: 'right', value: 30150, binding: { indicator: 'students.total', year: 2021 }, formula: true }]
    ]
  }
} as TableView

function setup() {
  const main = new SlowMain()
  const told: PendingCells[] = []
  const data = typingIntoSheet(main, () => view, (cells) => told.push(cells))
  return { main, told, data, last: () => Object.fromEntries(told[told.length - 1] ?? []) }
}

describe('typing into a chart sheet', () => {
  it('tells the typed number at once, and forgets it once stored', async () => {
    const { main, told, data, last } = setup()
    const stored = data.setCells('s1', [{ row: 1, col: 2, input: ' 14,000 ' }])
    expect(main.calls).toEqual(['setCells 1,2= 14,000 '])
    expect(last()).toEqual({ '1:2': 14000 })
    main.waiting[0].resolve(true)
    expect(await stored).toBe(true)
    expect(last()).toEqual({})
    expect(told.length).toBe(2)
  })

  it('an indicator typed into the cell that shows it: that cell, by its binding', async () => {
    const { main, data, last } = setup()
    const stored = data.setValues([{ indicator: 'students.total', year: 2021, value: 31000 }])
    expect(last()).toEqual({ '2:2': 31000 })
    main.waiting[0].resolve(false)
    // Refused: nothing typed stays on show, the sheet's stored value is drawn again.
    expect(await stored).toBe(false)
    expect(last()).toEqual({})
  })

  it('an emptied cell draws no bar; a formula or words wait for the computed value', async () => {
    const { main, told, data, last } = setup()
    void data.setCells('s1', [
      { row: 1, col: 1, input: '' },
      { row: 2, col: 1, input: '=B2*2' },
      { row: 0, col: 1, input: '上年' }
    ])
    expect(last()).toEqual({ '1:1': null })
    void data.setCells('s1', [{ row: 1, col: 1, format: { kind: 'fixed', decimals: 1 } }])
    // A change of format only tells nothing new.
    expect(told.length).toBe(1)
    expect(main.calls.length).toBe(2)
  })

  it('a cell typed again before the first change is done keeps the newer number', async () => {
    const { main, data, last } = setup()
    const first = data.setCells('s1', [{ row: 1, col: 2, input: '14000' }])
    const second = data.setCells('s1', [{ row: 1, col: 2, input: '15000' }])
    expect(last()).toEqual({ '1:2': 15000 })
    main.waiting[0].resolve(true)
    await first
    expect(last()).toEqual({ '1:2': 15000 })
    main.waiting[1].resolve(true)
    await second
    expect(last()).toEqual({})
  })
})

describe('the charts reading a sheet while it is typed in', () => {
  it('read the typed numbers in place of the stored ones, and the stored ones when nothing waits', () => {
    expect(typedSheetChartData(view, 'rows', NOTHING_TYPED)).toEqual({
      categories: ['2020年', '2021年'],
      series: [
        { name: '招生数', values: [11731, 13930] },
        { name: '在校生数', values: [28771, 30150] }
      ]
    })
    const typed = new Map([
      ['1:2', 14000],
      ['2:1', null]
    ])
    expect(typedSheetChartData(view, 'rows', typed).series).toEqual([
      { name: '招生数', values: [11731, 14000] },
      { name: '在校生数', values: [null, 30150] }
    ])
    // By columns the years are the series.
    expect(typedSheetChartData(view, 'columns', typed)).toEqual({
      categories: ['招生数', '在校生数'],
      series: [
        { name: '2020年', values: [11731, null] },
        { name: '2021年', values: [14000, 30150] }
      ]
    })
  })

  it('hear the numbers of a sheet only while an editor has it open', () => {
    const sheets = new TypedSheets()
    let heard = 0
    sheets.subscribe('s1', () => heard++)
    expect(sheets.typed('s1')).toBeUndefined()
    // Typed before any editor opened it: nobody draws from it.
    sheets.tell('s1', new Map([['1:2', 1]]))
    expect(sheets.typed('s1')).toBeUndefined()
    expect(heard).toBe(0)

    const close = sheets.opened('s1')
    expect(sheets.typed('s1')?.size).toBe(0)
    sheets.tell('s1', new Map([['1:2', 14000]]))
    expect(Object.fromEntries(sheets.typed('s1')!)).toEqual({ '1:2': 14000 })
    expect(sheets.typed('s2')).toBeUndefined()
    expect(heard).toBe(2)

    // A second editor on the same sheet (the dialog opened again before the first closed): open until both close.
    const closeOther = sheets.opened('s1')
    close()
    close()
    expect(sheets.typed('s1')).toBeDefined()
    closeOther()
    expect(sheets.typed('s1')).toBeUndefined()
    expect(heard).toBe(4)
  })
})
