/**
 * Each chart of the export travels with its data as a real Word chart.
 * Word, WPS and LibreOffice show the picture the report drew (the editor's
 * look); behind it, in the same run, an mc:AlternateContent fallback holds a
 * DrawingML chart part (categories, series and values cached, an embedded
 * workbook with the same table) that any office suite can open and edit,
 * and that the import reads back as a live chart with its data, so a
 * report exported and imported again keeps its charts.
 */
import type { ChartData, ChartSpec } from '@shared/charts/model'
import { columnName } from '@shared/model/cellAddress'
import { writeXlsx, xmlEscape as esc } from '../../xlsx'

export interface WordChartExport {
  /** Its number among the charts of the document (1, 2…): the docPr name of its picture and its part names. */
  key: number
  spec: ChartSpec
  data: ChartData
}

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart'
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const COLOURS = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '264478', '9E480E']

/** The docPr name the picture of chart `key` carries, by which the writer finds it in document.xml. */
export const chartPictureName = (key: number): string => `Nianbao Chart ${key}`

const font = '<a:latin typeface="Arial"/><a:ea typeface="黑体"/>'
const txPr = `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900">${font}</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`
const richTitle = (text: string, sz: number) =>
  `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${sz}" b="0">${font}</a:defRPr></a:pPr><a:r><a:rPr lang="zh-CN" sz="${sz}" b="0">${font}</a:rPr><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`

/** The value format: percent charts keep fractions under "0.00%", as Excel does. */
function formatCode(spec: ChartSpec): string {
  const d = spec.decimals
  const digits = d === undefined ? (spec.percent ? '0.00' : 'General') : d > 0 ? `0.${'0'.repeat(d)}` : '0'
  return spec.percent ? `${digits}%` : digits
}

function seriesXml(c: WordChartExport, i: number, kind: 'bar' | 'line' | 'pie'): string {
  const s = c.data.series[i]
  const n = c.data.categories.length
  const colour = COLOURS[i % COLOURS.length]
  const value = (v: number | null) => (v === null ? null : c.spec.percent ? Number((v / 100).toPrecision(15)) : v)
  const fmt = esc(formatCode(c.spec))
  const pts = (values: (string | null)[]) => values.map((v, k) => (v === null ? '' : `<c:pt idx="${k}"><c:v>${esc(v)}</c:v></c:pt>`)).join('')
  const markers = c.spec.markers ?? true
  const spPr =
    kind === 'line'
      ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:round/></a:ln></c:spPr><c:marker>${markers ? `<c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr>` : '<c:symbol val="none"/>'}</c:marker>`
      : kind === 'pie'
        ? c.data.categories.map((_, k) => `<c:dPt><c:idx val="${k}"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="${COLOURS[k % COLOURS.length]}"/></a:solidFill><a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr></c:dPt>`).join('')
        : `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`
  const labels = c.spec.showLabels ?? true
  const dLbls = `<c:dLbls>${c.spec.decimals !== undefined || c.spec.percent ? `<c:numFmt formatCode="${fmt}" sourceLinked="0"/>` : ''}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${txPr}<c:showLegendKey val="0"/><c:showVal val="${labels && kind !== 'pie' ? 1 : 0}"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="${labels && kind === 'pie' ? 1 : 0}"/><c:showBubbleSize val="0"/></c:dLbls>`
  const name = `<c:tx><c:strRef><c:f>Sheet1!$${columnName(i + 1)}$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${esc(s.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`
  const cat = `<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$${n + 1}</c:f><c:strCache><c:ptCount val="${n}"/>${pts(c.data.categories)}</c:strCache></c:strRef></c:cat>`
  const val = `<c:val><c:numRef><c:f>Sheet1!$${columnName(i + 1)}$2:$${columnName(i + 1)}$${n + 1}</c:f><c:numCache><c:formatCode>${fmt}</c:formatCode><c:ptCount val="${n}"/>${pts(s.values.map((v) => (value(v) === null ? null : String(value(v)))))}</c:numCache></c:numRef></c:val>`
  return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${name}${spPr}${dLbls}${cat}${val}${kind === 'line' ? '<c:smooth val="0"/>' : ''}</c:ser>`
}

function catAx(id: number, cross: number, pos: string, title?: string, deleted = false): string {
  return `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="${deleted ? 1 : 0}"/><c:axPos val="${pos}"/>${title ? richTitle(title, 900) : ''}<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${txPr}<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
}

function valAx(id: number, cross: number, pos: string, spec: ChartSpec, title?: string, secondary = false): string {
  return `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>${secondary ? '' : '<c:majorGridlines/>'}${title ? richTitle(title, 900) : ''}<c:numFmt formatCode="${spec.percent ? '0%' : 'General'}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${txPr}<c:crossAx val="${cross}"/><c:crosses val="${secondary ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`
}

/** The chart part (c:chartSpace) of one chart. */
export function chartPartXml(c: WordChartExport): string {
  const { spec } = c
  const all = c.data.series.map((_, i) => i)
  const title = spec.title ? `${richTitle(spec.title, 1200)}<c:autoTitleDeleted val="0"/>` : '<c:autoTitleDeleted val="1"/>'
  const valueTitle = spec.valueTitle || (spec.unit ? `单位：${spec.unit}` : undefined)
  let plots: string
  let axes = ''
  if (spec.type === 'pie' || spec.type === 'doughnut') {
    const tag = spec.type === 'pie' ? 'c:pieChart' : 'c:doughnutChart'
    plots = `<${tag}><c:varyColors val="1"/>${c.data.series.length ? seriesXml(c, 0, 'pie') : ''}<c:firstSliceAng val="0"/>${spec.type === 'doughnut' ? '<c:holeSize val="50"/>' : ''}</${tag}>`
  } else {
    const lines = new Set(spec.type === 'line' ? all : spec.type === 'combo' ? (spec.lineSeries ?? []) : [])
    const second = new Set(spec.type === 'combo' ? (spec.secondarySeries ?? []) : [])
    const horizontal = !!spec.horizontal && spec.type !== 'combo' && spec.type !== 'line'
    const grouping = spec.type === 'stackedBar' ? 'stacked' : 'clustered'
    const group = (kind: 'bar' | 'line', onSecond: boolean) => {
      const members = all.filter((i) => lines.has(i) === (kind === 'line') && second.has(i) === onSecond)
      if (!members.length) return ''
      const ax = onSecond ? '<c:axId val="5003"/><c:axId val="5004"/>' : '<c:axId val="5001"/><c:axId val="5002"/>'
      const sers = members.map((i) => seriesXml(c, i, kind)).join('')
      return kind === 'bar'
        ? `<c:barChart><c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="${grouping}"/><c:varyColors val="0"/>${sers}<c:gapWidth val="150"/><c:overlap val="${grouping === 'stacked' ? 100 : -10}"/>${ax}</c:barChart>`
        : `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${sers}<c:marker val="1"/>${ax}</c:lineChart>`
    }
    plots = group('bar', false) + group('line', false) + group('bar', true) + group('line', true)
    axes = catAx(5001, 5002, horizontal ? 'l' : 'b', spec.categoryTitle) + valAx(5002, 5001, horizontal ? 'b' : 'l', spec, valueTitle)
    if (second.size && all.some((i) => second.has(i))) axes += catAx(5003, 5004, 'b', undefined, true) + valAx(5004, 5003, 'r', spec, spec.secondaryTitle, true)
  }
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart>${title}<c:plotArea><c:layout/>${plots}${axes}</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>${txPr}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>${txPr}<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`
  )
}

/** The chart's workbook: categories down column A, one column per series, as Word lays it out. */
function chartWorkbook(c: WordChartExport): Uint8Array {
  const value = (v: number | null) => (v === null ? null : c.spec.percent ? Number((v / 100).toPrecision(15)) : v)
  return writeXlsx({
    sheets: [
      {
        name: 'Sheet1',
        rows: [['', ...c.data.series.map((s) => s.name)], ...c.data.categories.map((cat, k) => [cat, ...c.data.series.map((s) => value(s.values[k] ?? null))])]
      }
    ]
  })
}

/** The drawing of chart `key` (a graphic frame pointing at relationship `rid`), the size of its picture. */
function chartDrawing(rid: string, cx: string, cy: string, id: number, name: string): string {
  return `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="${id}" name="${esc(name)}"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="${A}"><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${R}" r:id="${rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>`
}

/**
 * Put the charts into a compiled package (the docx library's parts, by
 * path): each chart's picture in document.xml becomes the first choice of
 * an mc:AlternateContent whose fallback is the chart itself; the chart
 * parts, their workbooks, relationships and content types are added.
 */
export function addWordCharts(files: Map<string, string | Uint8Array>, charts: WordChartExport[]): void {
  if (!charts.length) return
  let doc = String(files.get('word/document.xml') ?? '')
  let rels = String(files.get('word/_rels/document.xml.rels') ?? '')
  let types = String(files.get('[Content_Types].xml') ?? '')
  if (!doc || !rels || !types) return
  const byKey = new Map(charts.map((c) => [c.key, c]))
  let nextDocPr = 90000
  const added: WordChartExport[] = []
  doc = doc.replace(/<w:drawing>((?:(?!<\/w:drawing>).)*?)<\/w:drawing>/gs, (whole, inner: string) => {
    const m = /<wp:docPr [^>]*name="Nianbao Chart (\d+)"/.exec(inner)
    const chart = m ? byKey.get(Number(m[1])) : undefined
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(inner)
    if (!chart || !extent) return whole
    added.push(chart)
    const rid = `rIdNbChart${chart.key}`
    return `<mc:AlternateContent><mc:Choice Requires="wps">${whole}</mc:Choice><mc:Fallback>${chartDrawing(rid, extent[1], extent[2], nextDocPr++, `图表 ${chart.key}`)}</mc:Fallback></mc:AlternateContent>`
  })
  if (!added.length) return
  for (const c of added) {
    files.set(`word/charts/chart${c.key}.xml`, chartPartXml(c))
    files.set(`word/embeddings/Microsoft_Excel_Worksheet${c.key}.xlsx`, chartWorkbook(c))
    files.set(
      `word/charts/_rels/chart${c.key}.xml.rels`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/package" Target="../embeddings/Microsoft_Excel_Worksheet${c.key}.xlsx"/></Relationships>`
    )
    rels = rels.replace('</Relationships>', `<Relationship Id="rIdNbChart${c.key}" Type="${R}/chart" Target="charts/chart${c.key}.xml"/></Relationships>`)
    types = types.replace('</Types>', `<Override ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml" PartName="/word/charts/chart${c.key}.xml"/></Types>`)
  }
  if (!/Extension="xlsx"/.test(types)) types = types.replace('</Types>', '<Default ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" Extension="xlsx"/></Types>')
  files.set('word/document.xml', doc)
  files.set('word/_rels/document.xml.rels', rels)
  files.set('[Content_Types].xml', types)
}
