import { strToU8, zipSync } from 'fflate'
import { DEFAULT_LIMITS } from './limits'
import { analyseDocx } from './pipeline'

/**
 * A worker started ahead of time runs one small report through the whole
 * analysis, so that the real import finds its code already compiled: the
 * first run of a fresh worker is otherwise about twice as slow.
 */
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const OD = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

function p(text: string, o: { style?: string; bold?: boolean } = {}): string {
  return `<w:p>${o.style ? `<w:pPr><w:pStyle w:val="${o.style}"/></w:pPr>` : ''}<w:r>${o.bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${text}</w:t></w:r></w:p>`
}

function tbl(rows: string[][]): string {
  return `<w:tbl><w:tblGrid>${rows[0].map(() => '<w:gridCol w:w="2000"/>').join('')}</w:tblGrid>${rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`
}

export function warmupDocx(): Uint8Array {
  const body = [
    p('2022年某市中等职业教育质量年度报告', { style: 'Title' }),
    p('某市教育局编'),
    p('目录'),
    p('1 基本情况……1'),
    p('1 基本情况', { style: 'Heading1' }),
    p('1.1 规模和结构', { style: 'Heading2' }),
    p('学校数量较上年有所增加（见表 1-1）。'),
    p('表 1-1 2020 和 2021 年学校情况对比'),
    tbl([
      ['基本检测指标', '2020 年', '2021 年', '变化情况'],
      ['学校数（所）', '14', '15', '+1'],
      ['专任教师（人）', '1622', '1649', '+27'],
      ['合计', '1636', '1664', '+28']
    ]),
    p('1.1.1 学生', { style: 'Heading3' }),
    p('案例 1：示例案例', { bold: true }),
    p('某职业技术学校开展了活动。'),
    p('2 学生发展', { bold: true }),
    p('2.1 学生素质', { bold: true }),
    p('正文。')
  ].join('')
  const styles = ['Title', 'Heading1', 'Heading2', 'Heading3']
    .map((id) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${id === 'Title' ? 'Title' : `heading ${id.slice(-1)}`}"/></w:style>`)
    .join('')
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="${REL}"><Relationship Id="rId1" Type="${OD}/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="${REL}"><Relationship Id="rId1" Type="${OD}/styles" Target="styles.xml"/></Relationships>`),
    'word/styles.xml': strToU8(`<?xml version="1.0"?><w:styles xmlns:w="${W}">${styles}</w:styles>`),
    'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`)
  })
}

export function warmUp(): void {
  try {
    const bytes = warmupDocx()
    for (let i = 0; i < 3; i++) analyseDocx({ bytes, fileName: 'warmup.docx', limits: DEFAULT_LIMITS, now: new Date() })
  } catch {
    // Warming up is an optimisation only.
  }
}
