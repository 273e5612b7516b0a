import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readXlsx, writeXlsx, XlsxFailure, type XlsxSheet } from '../../../src/main/xlsx'
import { rawXlsx, sheetData } from '../../helpers/xlsx'

const values = (s: XlsxSheet) => s.rows.map((r) => (r ?? []).map((c) => c?.value ?? null))

function refusal(bytes: Uint8Array, patch?: Parameters<typeof readXlsx>[1]): XlsxFailure {
  try {
    readXlsx(bytes, patch)
  } catch (e) {
    if (e instanceof XlsxFailure) return e
    throw e
  }
  throw new Error('the workbook was read, not refused')
}

describe('xlsx reader', () => {
  it('reads shared strings (rich runs, phonetic text left out), inline strings, numbers, booleans and cached formula values', () => {
    const bytes = rawXlsx({
      sharedStrings: ['在校生数', '<r><t>专任</t></r><r><t>教师</t></r><rPh sb="0" eb="2"><t>ZHUANREN</t></rPh>'],
      sheets: [
        {
          name: '数据',
          xml:
            '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1234.5</v></c><c r="C1" t="b"><v>1</v></c></row>' +
            '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3"><f>B1*2</f><v>2469</v></c><c r="D3" t="str"><f>A1&amp;"x"</f><v>在校生数x</v></c><c r="E3"><f>1/0</f></c><c r="F3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>' +
            '<row r="4"><c r="B4" t="inlineStr"><is><t>约 300</t></is></c></row></sheetData>'
        }
      ]
    })
    const [s] = readXlsx(bytes).sheets
    expect(s.name).toBe('数据')
    expect(s.rows[0][0]?.value).toBe('在校生数')
    expect(s.rows[0][1]?.value).toBe(1234.5)
    expect(s.rows[0][2]?.value).toBe(true)
    expect(s.rows[1]).toBeUndefined()
    expect(s.rows[2][0]?.value).toBe('专任教师')
    expect(s.rows[2][2]).toEqual({ value: 2469, formula: true })
    expect(s.rows[2][3]).toEqual({ value: '在校生数x', formula: true })
    expect(s.rows[2][4]).toEqual({ value: null, formula: true })
    expect(s.rows[2][5]).toEqual({ value: null, error: '#DIV/0!', formula: true })
    expect(s.rows[3][1]?.value).toBe('约 300')
  })

  it('reads merged ranges, hidden sheets, and cells without r attributes in order', () => {
    const bytes = rawXlsx({
      sheets: [
        { name: '一', xml: `${sheetData([['标题', null, null], [1, 2, 3]])}<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>` },
        { name: '隐藏', state: 'hidden', xml: '<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>5</v></c></row><row><c><v>6</v></c></row></sheetData>' }
      ]
    })
    const book = readXlsx(bytes)
    expect(book.sheets[0].merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }])
    expect(book.sheets[1].hidden).toBe(true)
    expect(values(book.sheets[1])).toEqual([['a', 5], [6]])
  })

  it('reads back what the writer wrote: text, numbers, merges, hidden sheets', () => {
    const bytes = writeXlsx({
      title: '填报表',
      sheets: [
        { name: '填写说明', rows: [[{ value: '说明', style: 'title' }], ['第二行 <&> "引号"']], merges: [{ top: 0, left: 0, bottom: 0, right: 3 }] },
        {
          name: '数据',
          rows: [[{ value: '指标', style: 'header' }, { value: '2021 年', style: 'header' }], ['在校生数', { value: 1622, style: 'input' }], ['专任教师', { value: null, style: 'input' }]],
          numbers: [{ range: { top: 1, left: 1, bottom: 2, right: 1 }, title: '请填写数字', message: '只能填写不小于 0 的数字' }],
          freezeRows: 1
        },
        { name: 'k', hidden: true, rows: [['x']] }
      ]
    })
    const book = readXlsx(bytes)
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([['填写说明', false], ['数据', false], ['k', true]])
    expect(values(book.sheets[0])).toEqual([['说明'], ['第二行 <&> "引号"']])
    expect(book.sheets[0].merges).toHaveLength(1)
    expect(values(book.sheets[1])).toEqual([['指标', '2021 年'], ['在校生数', 1622], ['专任教师']])
  })
})

describe('xlsx reader refuses hostile and broken workbooks with a Chinese sentence', () => {
  it('a zip bomb (one sheet inflating far beyond its compressed size)', () => {
    const big = `<sheetData>${'<row><c><v>0</v></c></row>'.repeat(200_000)}</sheetData>`
    const e = refusal(rawXlsx({ sheets: [{ name: 'a', xml: big }], level: 9 }))
    expect(e.kind).toBe('zip-bomb')
    expect(e.message).toMatch(/压缩炸弹/)
  })

  it('a DOCTYPE (entities) in any part', () => {
    const bytes = rawXlsx({ sheets: [{ name: 'a', xml: '<sheetData/>' }] })
    const doctype = rawXlsx({
      sheets: [{ name: 'a', xml: '<sheetData/>' }],
      extraParts: { 'xl/sharedStrings.xml': '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><sst><si><t>&e;</t></si></sst>' }
    })
    expect(readXlsx(bytes).sheets).toHaveLength(1)
    const e = refusal(doctype)
    expect(e.kind).toBe('unsafe-xml')
    expect(e.message).toMatch(/DOCTYPE/)
  })

  it('an external link (a part, a reference in the workbook, or an external relationship)', () => {
    const part = rawXlsx({ sheets: [{ name: 'a', xml: '<sheetData/>' }], extraParts: { 'xl/externalLinks/externalLink1.xml': '<externalLink/>' } })
    expect(refusal(part).kind).toBe('external-link')
    const ref = rawXlsx({ sheets: [{ name: 'a', xml: '<sheetData/>' }], workbookExtra: '<x:externalReferences><x:externalReference r:id="rId9"/></x:externalReferences>' })
    expect(refusal(ref).message).toMatch(/外部链接/)
    const rel = rawXlsx({
      sheets: [{ name: 'a', xml: '<sheetData/>' }],
      extraWorkbookRels: '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="file:///C:/x.xlsx" TargetMode="External"/>'
    })
    expect(refusal(rel).kind).toBe('external-link')
  })

  it('macros (vbaProject.bin, a macro-enabled content type)', () => {
    const bin = rawXlsx({ sheets: [{ name: 'a', xml: '<sheetData/>' }], extraParts: { 'xl/vbaProject.bin': new Uint8Array([1, 2, 3]) } })
    expect(refusal(bin).kind).toBe('macro')
    const type = rawXlsx({ sheets: [{ name: 'a', xml: '<sheetData/>' }], extraTypes: '<Override PartName="/xl/x.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>' })
    expect(refusal(type).message).toMatch(/宏/)
  })

  it('1,000,000 rows: refused while parsing, by the declared dimension or the row numbers', () => {
    const declared = rawXlsx({ sheets: [{ name: '大表', xml: '<dimension ref="A1:B1000000"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' }] })
    expect(refusal(declared).message).toBe('工作表“大表”超过 100000 行，不像是一份填报表，已拒绝。')
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('')
    const real = rawXlsx({ sheets: [{ name: '大表', xml: `<sheetData>${rows}</sheetData>` }] })
    const e = refusal(real)
    expect(['too-many-rows', 'zip-bomb']).toContain(e.kind)
    // Stored without compression (no ratio to refuse it on) and under a generous size cap, the rows themselves are counted.
    const stored = refusal(rawXlsx({ sheets: [{ name: '大表', xml: `<sheetData>${rows}</sheetData>` }], level: 0 }), { maxFileBytes: 200 * 1024 * 1024, maxPartBytes: 200 * 1024 * 1024 })
    expect(stored.kind).toBe('too-many-rows')
    expect(stored.message).toMatch(/超过 100000 行/)
    // Building and packing a million rows twice takes a while on a busy machine; the test is about the refusal, not the time.
  }, 180_000)

  it('not a workbook: empty, an old .xls, a Word document, damaged bytes, a name leaving the package', () => {
    expect(refusal(new Uint8Array()).kind).toBe('empty')
    expect(refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])).message).toMatch(/旧版 Excel/)
    expect(refusal(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') })).message).toMatch(/Word 文档/)
    expect(refusal(strToU8('PK not really a zip')).kind).toBe('damaged')
    expect(refusal(zipSync({ '../evil.xml': strToU8('x') })).kind).toBe('unsafe-name')
    expect(refusal(rawXlsx({ sheets: [{ name: 'a', xml: '<sheetData><row><c><v>1</v></row></sheetData>' }] })).message).toMatch(/不是有效的 XML/)
  })
})
