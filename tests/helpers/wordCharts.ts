/**
 * Real Word charts for tests, written part by part as Word 2016 writes them
 * (DrawingML c:chartSpace with its caches, axes, titles and data labels, an
 * embedded workbook per chart, the drawing that places it), independent of
 * the app's own chart writer. qingyuanWithCharts() makes the Qingyuan 2021
 * report's twelve figures real Word charts of several kinds from the
 * figures its text prints (a few values of 2019, which the text does not
 * print, are made up and marked so below). LibreOffice draws them (see
 * `node --import tsx tests/helpers/wordCharts.ts out.docx`, then
 * scripts/render/docx-to-pdf.py).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { rawXlsx, sheetData } from './xlsx'

export type WordKind =
  | { plot: 'bar'; dir: 'col' | 'bar'; grouping: 'clustered' | 'stacked' | 'percentStacked'; threeD?: boolean }
  | { plot: 'line'; markers: boolean }
  | { plot: 'pie' | 'doughnut' | 'area' | 'radar' | 'scatter' }

export interface WordSeriesDef {
  name: string
  values: (number | null)[]
  /** Excel number format of the values ("0.00%": values are fractions). */
  format?: string
  /** Combo charts: the series belongs to the second plot (a line on the secondary axis). */
  second?: boolean
}

export interface WordChartDef {
  kind: WordKind
  /** A second plot (combo): lines on a secondary value axis. */
  combo?: { markers: boolean; secondaryTitle?: string }
  categories: (string | number)[]
  series: WordSeriesDef[]
  title?: string
  categoryTitle?: string
  valueTitle?: string
  valueFormat?: string
  labels?: boolean
  /** What the part caches: everything (default), some points only, or nothing (the workbook holds the data). */
  cache?: 'full' | 'partial' | 'none'
  /** An embedded workbook (default true). */
  workbook?: boolean
}

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart'
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const COLOURS = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '264478', '9E480E']

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const col = (i: number) => String.fromCharCode(65 + i)

const font = '<a:latin typeface="Arial"/><a:ea typeface="宋体"/>'
const txPr = (sz = 900, bold = false) =>
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${sz}" b="${bold ? 1 : 0}">${font}</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`
const title = (text: string, sz = 1000) =>
  `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${sz}" b="0">${font}</a:defRPr></a:pPr><a:r><a:rPr lang="zh-CN" altLang="en-US" sz="${sz}">${font}</a:rPr><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
const dLbls = (show: boolean, pie = false) =>
  `<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${txPr(800)}${pie && show ? '<c:dLblPos val="bestFit"/>' : ''}<c:showLegendKey val="0"/><c:showVal val="${show ? 1 : 0}"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>${pie ? '<c:showLeaderLines val="1"/>' : ''}</c:dLbls>`

function strCache(values: string[], keep: (i: number) => boolean = () => true): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => (keep(i) ? `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>` : '')).join('')}</c:strCache>`
}

function numCache(values: (number | null)[], format: string, keep: (i: number) => boolean = () => true): string {
  return `<c:numCache><c:formatCode>${esc(format)}</c:formatCode><c:ptCount val="${values.length}"/>${values
    .map((v, i) => (v !== null && keep(i) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ''))
    .join('')}</c:numCache>`
}

/** One c:ser: name, colour, labels, categories and values, each with its workbook reference and (as asked) its cache. */
function ser(def: WordChartDef, s: WordSeriesDef, i: number, plot: WordKind['plot'], markers: boolean): string {
  const n = def.categories.length
  const ref = (c: number, r0: number, r1: number) => `Sheet1!$${col(c)}$${r0}:$${col(c)}$${r1}`
  const cache = def.cache ?? 'full'
  const keep = cache === 'partial' ? (k: number) => k < Math.ceil(n / 2) : () => cache === 'full'
  const numeric = def.categories.every((c) => typeof c === 'number')
  const cats = numeric
    ? `<c:numRef><c:f>${ref(0, 2, n + 1)}</c:f>${cache === 'none' ? '' : numCache(def.categories as number[], 'General')}</c:numRef>`
    : `<c:strRef><c:f>${ref(0, 2, n + 1)}</c:f>${cache === 'none' ? '' : strCache(def.categories.map(String))}</c:strRef>`
  const colour = COLOURS[i % COLOURS.length]
  const round = plot === 'pie' || plot === 'doughnut'
  const spPr = plot === 'line' || plot === 'radar' || plot === 'scatter'
    ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:round/></a:ln></c:spPr>`
    : `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>`
  const marker = plot === 'line' || plot === 'radar' || plot === 'scatter' ? (markers ? `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>` : '<c:marker><c:symbol val="none"/></c:marker>') : ''
  const points = round ? def.categories.map((_, k) => `<c:dPt><c:idx val="${k}"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="${COLOURS[k % COLOURS.length]}"/></a:solidFill><a:ln w="19050"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr></c:dPt>`).join('') : ''
  const tx = `<c:tx><c:strRef><c:f>Sheet1!$${col(i + 1)}$1</c:f>${cache === 'none' ? '' : strCache([s.name])}</c:strRef></c:tx>`
  const val = `<c:numRef><c:f>${ref(i + 1, 2, n + 1)}</c:f>${cache === 'none' ? '' : numCache(s.values, s.format ?? 'General', keep)}</c:numRef>`
  const xy = plot === 'scatter'
  return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${tx}${spPr}${plot === 'bar' ? '<c:invertIfNegative val="0"/>' : ''}${marker}${points}${dLbls(def.labels ?? true, round)}${xy ? `<c:xVal>${cats}</c:xVal><c:yVal>${val}</c:yVal>` : `<c:cat>${cats}</c:cat><c:val>${val}</c:val>`}${plot === 'line' || xy ? '<c:smooth val="0"/>' : ''}</c:ser>`
}

function catAx(id: number, cross: number, pos: string, t?: string, deleted = false): string {
  return `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="${deleted ? 1 : 0}"/><c:axPos val="${pos}"/>${t ? title(t, 900) : ''}<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>${txPr()}<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
}

function valAx(id: number, cross: number, pos: string, o: { title?: string; format?: string; grid?: boolean; crosses?: 'autoZero' | 'max' } = {}): string {
  return `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>${o.grid === false ? '' : '<c:majorGridlines><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>'}${o.title ? title(o.title, 900) : ''}<c:numFmt formatCode="${esc(o.format ?? 'General')}" sourceLinked="${o.format ? 0 : 1}"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${txPr()}<c:crossAx val="${cross}"/><c:crosses val="${o.crosses ?? 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`
}

/** The chart part (word/charts/chartN.xml) of a definition. */
export function chartXml(def: WordChartDef): string {
  const k = def.kind
  const first = def.series.map((s, i) => ({ s, i })).filter(({ s }) => !s.second)
  const second = def.series.map((s, i) => ({ s, i })).filter(({ s }) => s.second)
  const horizontal = k.plot === 'bar' && k.dir === 'bar'
  const markers = k.plot === 'line' ? k.markers : k.plot === 'radar' || k.plot === 'scatter'
  const serOf = (list: { s: WordSeriesDef; i: number }[], plot: WordKind['plot'], m: boolean) => list.map(({ s, i }) => ser(def, s, i, plot, m)).join('')
  let plots: string
  let axes: string
  switch (k.plot) {
    case 'bar': {
      const tag = k.threeD ? 'c:bar3DChart' : 'c:barChart'
      const stacked = k.grouping !== 'clustered'
      plots = `<${tag}><c:barDir val="${k.dir}"/><c:grouping val="${k.grouping}"/><c:varyColors val="0"/>${serOf(first, 'bar', false)}<c:gapWidth val="${stacked ? 150 : 219}"/>${k.threeD ? '<c:shape val="box"/>' : `<c:overlap val="${stacked ? 100 : -27}"/>`}<c:axId val="5001"/><c:axId val="5002"/>${k.threeD ? '<c:axId val="0"/>' : ''}</${tag}>`
      axes = catAx(5001, 5002, horizontal ? 'l' : 'b', def.categoryTitle) + valAx(5002, 5001, horizontal ? 'b' : 'l', { title: def.valueTitle, format: def.valueFormat })
      break
    }
    case 'line':
    case 'area': {
      const tag = k.plot === 'line' ? 'c:lineChart' : 'c:areaChart'
      plots = `<${tag}><c:grouping val="standard"/><c:varyColors val="0"/>${serOf(first, k.plot, markers)}${k.plot === 'line' ? `<c:marker val="1"/>` : ''}<c:axId val="5001"/><c:axId val="5002"/></${tag}>`
      axes = catAx(5001, 5002, 'b', def.categoryTitle) + valAx(5002, 5001, 'l', { title: def.valueTitle, format: def.valueFormat })
      break
    }
    case 'radar':
      plots = `<c:radarChart><c:radarStyle val="marker"/><c:varyColors val="0"/>${serOf(first, 'radar', true)}<c:axId val="5001"/><c:axId val="5002"/></c:radarChart>`
      axes = catAx(5001, 5002, 'b') + valAx(5002, 5001, 'l')
      break
    case 'scatter':
      plots = `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${serOf(first, 'scatter', true)}<c:axId val="5001"/><c:axId val="5002"/></c:scatterChart>`
      axes = valAx(5001, 5002, 'b', { grid: false }) + valAx(5002, 5001, 'l')
      break
    default: {
      const tag = k.plot === 'pie' ? 'c:pieChart' : 'c:doughnutChart'
      plots = `<${tag}><c:varyColors val="1"/>${serOf(first, k.plot, false)}<c:firstSliceAng val="0"/>${k.plot === 'doughnut' ? '<c:holeSize val="50"/>' : ''}</${tag}>`
      axes = ''
    }
  }
  if (def.combo && second.length) {
    plots += `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${serOf(second, 'line', def.combo.markers)}<c:marker val="1"/><c:axId val="5003"/><c:axId val="5004"/></c:lineChart>`
    axes += catAx(5003, 5004, 'b', undefined, true) + valAx(5004, 5003, 'r', { title: def.combo.secondaryTitle, grid: false, crosses: 'max' })
  }
  const round = k.plot === 'pie' || k.plot === 'doughnut'
  const view3D = k.plot === 'bar' && k.threeD ? '<c:view3D><c:rotX val="15"/><c:rotY val="20"/><c:depthPercent val="100"/><c:rAngAx val="1"/></c:view3D><c:floor><c:thickness val="0"/></c:floor>' : ''
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart>${def.title ? title(def.title, 1200) + '<c:autoTitleDeleted val="0"/>' : '<c:autoTitleDeleted val="1"/>'}${view3D}<c:plotArea><c:layout/>${plots}${axes}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>` +
    `<c:legend><c:legendPos val="${round ? 'r' : 'b'}"/><c:overlay val="0"/>${txPr()}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill><a:ln w="9525" cap="flat" cmpd="sng" algn="ctr"><a:noFill/><a:round/></a:ln></c:spPr>${txPr()}` +
    `${def.workbook === false ? '' : '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>'}</c:chartSpace>`
  )
}

/** The chart's embedded workbook: categories down column A, one column per series, as Word lays it out. */
export function chartWorkbook(def: WordChartDef): Uint8Array {
  const rows: (string | number | null)[][] = [['', ...def.series.map((s) => s.name)], ...def.categories.map((c, k) => [c, ...def.series.map((s) => s.values[k])])]
  return rawXlsx({ sheets: [{ name: 'Sheet1', xml: sheetData(rows) }] })
}

/** A w:drawing that places chart relationship `rid` inline, 15 × 8.5 cm (Word's default chart). */
export function chartDrawing(rid: string, id: number, o: { ex?: boolean } = {}): string {
  const uri = o.ex ? 'http://schemas.microsoft.com/office/drawing/2014/chartex' : C
  const ref = o.ex ? `<cx:chart xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" r:id="${rid}"/>` : `<c:chart xmlns:c="${C}" r:id="${rid}"/>`
  return `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5400000" cy="3060000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="${id}" name="图表 ${id}"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="${A}"><a:graphicData uri="${uri}">${ref}</a:graphicData></a:graphic></wp:inline></w:drawing>`
}

/** A w:drawing of an embedded picture (a chart's fallback). */
export function pictureDrawing(rid: string, id: number): string {
  return `<w:drawing><wp:inline><wp:extent cx="5400000" cy="3060000"/><wp:docPr id="${id}" name="Picture ${id}"/><a:graphic xmlns:a="${A}"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="${id}" name="Picture ${id}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="${rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="3060000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>`
}

/** A chart's drawing inside mc:AlternateContent (as WPS and newer Word write some charts), with a picture as the fallback. */
export function alternateChart(chartRid: string, pictureRid: string, id: number, o: { ex?: boolean; requires?: string } = {}): string {
  return `<mc:AlternateContent><mc:Choice Requires="${o.requires ?? (o.ex ? 'cx1' : 'c14')}" xmlns:c14="http://schemas.microsoft.com/office/drawing/2007/8/2/chart" xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex">${chartDrawing(chartRid, id, o)}</mc:Choice><mc:Fallback>${pictureDrawing(pictureRid, id + 1)}</mc:Fallback></mc:AlternateContent>`
}

export interface ChartPackageParts {
  /** Extra entries of the package: chart parts, their relationships, workbooks, pictures. */
  files: Zippable
  /** Relationships for word/_rels/document.xml.rels (without the root element). */
  rels: string
  /** <Override>/<Default> elements for [Content_Types].xml. */
  types: string
}

/** Parts for charts numbered from `first`: chart N is word/charts/chartN.xml with relationship rIdChartN. */
export function chartParts(defs: WordChartDef[], first = 1, raw: Record<number, string> = {}): ChartPackageParts {
  const files: Zippable = {}
  let rels = ''
  let types = '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>'
  defs.forEach((def, k) => {
    const n = first + k
    files[`word/charts/chart${n}.xml`] = strToU8(raw[n] ?? chartXml(def))
    if (def.workbook !== false) {
      files[`word/embeddings/Microsoft_Excel_Worksheet${n}.xlsx`] = [chartWorkbook(def), { level: 0 }]
      files[`word/charts/_rels/chart${n}.xml.rels`] = strToU8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/package" Target="../embeddings/Microsoft_Excel_Worksheet${n}.xlsx"/></Relationships>`
      )
    }
    rels += `<Relationship Id="rIdChart${n}" Type="${R}/chart" Target="charts/chart${n}.xml"/>`
    types += `<Override PartName="/word/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`
  })
  return { files, rels, types }
}

// ---- the Qingyuan 2021 report with its figures as Word charts -------------------------------------

const pct = (...v: number[]) => v.map((x) => Number((x / 100).toPrecision(12)))

/**
 * The twelve figures of the Qingyuan 2021 report, in document order, from
 * the figures its text prints. Values of 2019 ("近三年") are not printed in
 * the text: those marked “made up” are plausible stand-ins.
 */
export const QINGYUAN_CHARTS: { caption: string; def: WordChartDef; alternate?: boolean }[] = [
  {
    // 招生 13930 (+2199), 在校生 30150 (+1379).
    caption: '近两年清远市中等职业学校学生规模对比',
    alternate: true,
    def: { kind: { plot: 'bar', dir: 'col', grouping: 'clustered' }, categories: ['招生数', '在校生数'], series: [{ name: '2020年', values: [11731, 28771] }, { name: '2021年', values: [13930, 30150] }], valueTitle: '人数（人）' }
  },
  {
    // 表 2-1 prints the same figures (体质测评合格率 93.58% → 97.87%): the chart reads that table.
    caption: '近两年清远市中职学校学生体质测试合格率对比',
    def: { kind: { plot: 'bar', dir: 'col', grouping: 'clustered' }, categories: ['2020 学年', '2021 学年'], series: [{ name: '体质测评合格率', values: pct(93.58, 97.87), format: '0.00%' }] }
  },
  {
    // 就业率 99.01 → 97.96, 对口就业率 89.79 → 87.63; 2019 made up.
    caption: '近三年清远市中职学校毕业生就业对口率情况对比',
    def: {
      kind: { plot: 'line', markers: true },
      categories: ['2019年', '2020年', '2021年'],
      series: [
        { name: '就业率', values: [98.63, 99.01, 97.96], format: '0.00' },
        { name: '对口就业率', values: [88.52, 89.79, 87.63], format: '0.00' }
      ],
      valueTitle: '百分比（%）'
    }
  },
  {
    // 毕业生数 8317 in 2021; 2019 and 2020 made up. Years as numbers, as a workbook holds them.
    caption: '近三年清远市中等职业学校毕业生变化对比',
    def: { kind: { plot: 'line', markers: false }, categories: [2019, 2020, 2021], series: [{ name: '毕业生数', values: [7652, 7930, 8317] }], valueTitle: '人' }
  },
  {
    // 起薪 2021: 2001-3000 元 41.41%, 3000 元以上 35.91% (rest 22.68%); 2020: 3000 元以上 33.44%, the others made up.
    caption: '2020-2021 年清远市中等职业学校毕业生就业起薪情况',
    def: {
      kind: { plot: 'bar', dir: 'bar', grouping: 'stacked' },
      categories: ['2020年', '2021年'],
      series: [
        { name: '2000元及以下', values: [24.51, 22.68], format: '0.00' },
        { name: '2001-3000元', values: [42.05, 41.41], format: '0.00' },
        { name: '3000元以上', values: [33.44, 35.91], format: '0.00' }
      ],
      valueTitle: '占比（%）'
    }
  },
  {
    // 第一产业 52, 第二产业 706, 第三产业 4828 (2021).
    caption: '近两年清远市中等职业学校毕业生就业分布的产业结构',
    def: { kind: { plot: 'pie' }, categories: ['第一产业', '第二产业', '第三产业'], series: [{ name: '2021年', values: [52, 706, 4828] }] }
  },
  {
    // 本地就业 4603, 异地就业 983, 境外 0 (2021).
    caption: '近两年清远市中等职业学校毕业就业流向的区域结构',
    def: { kind: { plot: 'doughnut' }, categories: ['本地就业', '异地就业', '境外就业'], series: [{ name: '2021年', values: [4603, 983, 0] }] }
  },
  {
    // 满意 95.09, 不满意 2.24 (2.27), 无法评估 2.67 (2.53); 2020 满意 = 100 − 2.27 − 2.53.
    caption: '近两年清远市中等职业学校毕业生就业满意度对比',
    def: {
      kind: { plot: 'bar', dir: 'bar', grouping: 'clustered' },
      categories: ['满意', '不满意', '无法评估'],
      series: [
        { name: '2020年', values: [95.2, 2.27, 2.53], format: '0.00' },
        { name: '2021年', values: [95.09, 2.24, 2.67], format: '0.00' }
      ],
      valueTitle: '%'
    }
  },
  {
    // 升学 2561 (+977), 占就业比例 31.43% (+13.19 个百分点); 2019 made up.
    caption: '近三年清远市中等职业学校升入高一级学校学生情况',
    def: {
      kind: { plot: 'bar', dir: 'col', grouping: 'clustered' },
      combo: { markers: true, secondaryTitle: '占就业比例（%）' },
      categories: ['2019年', '2020年', '2021年'],
      series: [
        { name: '升学人数', values: [1320, 1584, 2561] },
        { name: '占就业比例', values: [15.86, 18.24, 31.43], format: '0.00', second: true }
      ],
      valueTitle: '人数（人）'
    }
  },
  {
    // 18.58%, 17.29%, 14.02%, 13.93%, 13.09% of the graduates; the part caches only some points, the workbook has all.
    caption: '2021 年清远市中职学校毕业生前五类专业大类',
    def: {
      kind: { plot: 'bar', dir: 'col', grouping: 'clustered' },
      categories: ['信息技术类', '教育类', '交通运输类', '医药卫生类', '加工制造类'],
      series: [{ name: '占毕业生总数比例', values: pct(18.58, 17.29, 14.02, 13.93, 13.09), format: '0.00%' }],
      cache: 'partial'
    }
  },
  {
    // 生均一般公共预算教育经费 13727.27 (13646.3), 公用经费 3234.73 (3605.43); years 2019 and 2020. Drawn in 3-D.
    caption: '清远市中等职业学校生均经费',
    def: {
      kind: { plot: 'bar', dir: 'col', grouping: 'clustered', threeD: true },
      categories: ['生均一般公共预算教育经费', '生均一般公共预算公用经费'],
      series: [
        { name: '2019年', values: [13646.3, 3605.43], format: '0.00' },
        { name: '2020年', values: [13727.27, 3234.73], format: '0.00' }
      ],
      valueTitle: '元'
    }
  },
  {
    // 强师工程 items in 万元; the part caches nothing, the embedded workbook holds the data.
    caption: '清远市强师工程资金安排（部分）',
    def: {
      kind: { plot: 'bar', dir: 'bar', grouping: 'clustered' },
      categories: ['思政教师培训', '青年校（园）长后备干部培训', '技能大赛和教学能力比赛', '教学工作诊改', '班主任队伍培训', '信息技术应用能力提升', '体音美骨干教师培训', '“三名”工作室'],
      series: [{ name: '金额（万元）', values: [22, 90, 80, 29.87, 49.5, 44.45, 20.1, 10] }],
      cache: 'none'
    }
  }
]

const QINGYUAN_DOCX = join(__dirname, '..', 'fixtures', 'qingyuan-2021', 'report.docx')

/**
 * The Qingyuan report (tests/fixtures/qingyuan-2021/report.docx) with the
 * picture above each 图 N-M caption replaced by a Word chart (the first one
 * inside mc:AlternateContent with its picture as the fallback).
 */
export function qingyuanWithCharts(charts = QINGYUAN_CHARTS): Uint8Array {
  const files = unzipSync(readFileSync(QINGYUAN_DOCX)) as Record<string, Uint8Array>
  let doc = Buffer.from(files['word/document.xml']).toString('utf8')
  const paragraphs = [...doc.matchAll(/<w:p>(?:(?!<w:p>).)*?<\/w:p>/gs)]
  let k = 0
  let out = ''
  let last = 0
  const pictureRel: string[] = []
  for (let i = 1; i < paragraphs.length && k < charts.length; i++) {
    const p = paragraphs[i]
    const text = [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
    if (!/^图 ?\d+-\d+/.test(text.trim()) || !text.includes(charts[k].caption)) continue
    const before = paragraphs[i - 1]
    const drawing = /<w:drawing>.*?<\/w:drawing>/s.exec(before[0])
    if (!drawing) continue
    const n = k + 1
    const blip = /r:embed="([^"]+)"/.exec(drawing[0])?.[1] ?? ''
    pictureRel.push(blip)
    const replacement = charts[k].alternate && blip ? alternateChart(`rIdChart${n}`, blip, 9000 + n * 2) : chartDrawing(`rIdChart${n}`, 9000 + n * 2)
    const start = before.index! + drawing.index
    out += doc.slice(last, start) + replacement
    last = start + drawing[0].length
    k++
  }
  if (k !== charts.length) throw new Error(`only ${k} of ${charts.length} figures found in the Qingyuan report`)
  doc = out + doc.slice(last)
  // The pictures of an AlternateContent need mc and wp declared where they are used; Word declares them on the root.
  if (!doc.slice(0, 2000).includes('xmlns:mc=')) doc = doc.replace('<w:document ', '<w:document xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ')
  const parts = chartParts(charts.map((c) => c.def))
  const rels = Buffer.from(files['word/_rels/document.xml.rels']).toString('utf8').replace('</Relationships>', `${parts.rels}</Relationships>`)
  const types = Buffer.from(files['[Content_Types].xml']).toString('utf8').replace('</Types>', `${parts.types}</Types>`)
  const zip: Zippable = {}
  for (const [name, bytes] of Object.entries(files)) zip[name] = bytes
  zip['word/document.xml'] = strToU8(doc)
  zip['word/_rels/document.xml.rels'] = strToU8(rels)
  zip['[Content_Types].xml'] = strToU8(types)
  Object.assign(zip, parts.files)
  return zipSync(zip, { level: 6 })
}

if (require.main === module) {
  const out = process.argv[2] ?? 'qingyuan-charts.docx'
  writeFileSync(out, qingyuanWithCharts())
  console.log(out)
}

// ---- small documents with charts, for recognition and hostile-file tests ------------------------------

export interface TestChart {
  caption: string
  /** A chart written from a definition, or `raw` chart part XML (a cx:chart part when `ex`). */
  def?: WordChartDef
  raw?: string
  ex?: boolean
  /** Put the chart in mc:AlternateContent with a PNG picture as its fallback. */
  fallback?: Uint8Array
  /** The embedded workbook as given (a hostile one), instead of the one made from the definition. */
  workbook?: Uint8Array
  /** The chart's workbook is linked outside the package instead of embedded. */
  externalWorkbook?: string
}

/** A one-chapter report whose figures are the given charts, each above its 图 1-N caption. */
export function chartsDocx(charts: TestChart[]): Uint8Array {
  const P = (t: string, bold = false) => `<w:p><w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`
  let body = P('1 基本情况', true) + P('2021 年，全市中等职业学校办学规模保持稳定，各项指标见下图。')
  const files: Zippable = {}
  let rels = ''
  let types = '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/><Default Extension="png" ContentType="image/png"/>'
  charts.forEach((c, k) => {
    const n = k + 1
    const part = c.ex ? `charts/chartEx${n}.xml` : `charts/chart${n}.xml`
    files[`word/${part}`] = strToU8(c.raw ?? chartXml(c.def!))
    rels += `<Relationship Id="rIdChart${n}" Type="${c.ex ? 'http://schemas.microsoft.com/office/2014/relationships/chartEx' : `${R}/chart`}" Target="${part}"/>`
    types += `<Override PartName="/word/${part}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`
    if (c.externalWorkbook) {
      files[`word/charts/_rels/chart${n}.xml.rels`] = strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/oleObject" Target="${esc(c.externalWorkbook)}" TargetMode="External"/></Relationships>`)
    } else if (c.def && c.def.workbook !== false && !c.ex) {
      const book = c.workbook ?? chartWorkbook(c.def)
      files[`word/embeddings/Microsoft_Excel_Worksheet${n}.xlsx`] = [book, { level: 0 }]
      files[`word/charts/_rels/chart${n}.xml.rels`] = strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/package" Target="../embeddings/Microsoft_Excel_Worksheet${n}.xlsx"/></Relationships>`)
    }
    let drawing = chartDrawing(`rIdChart${n}`, 100 + n * 2, { ex: c.ex })
    if (c.fallback) {
      files[`word/media/fallback${n}.png`] = c.fallback
      rels += `<Relationship Id="rIdPic${n}" Type="${R}/image" Target="media/fallback${n}.png"/>`
      drawing = alternateChart(`rIdChart${n}`, `rIdPic${n}`, 100 + n * 2, { ex: c.ex })
    }
    // An empty caption: the chart stands without a 图 caption (the text under it is a picture's caption).
    body += `<w:p><w:r>${drawing}</w:r></w:p>` + (c.caption ? P(`图 1-${n} ${c.caption}`) : P('全市毕业生就业流向') + P('2021 年，本地就业的毕业生占直接就业学生的 82.40%，比上一年上升 9.79 个百分点。'))
  })
  const W_NS =
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
  const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships'
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>${types}</Types>`
  )
  files['_rels/.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`)
  files['word/_rels/document.xml.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}">${rels}</Relationships>`)
  files['word/document.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body>${body}</w:body></w:document>`)
  return zipSync(files)
}
