/**
 * The warnings an export hands back (shown after 导出 and by `nianbao
 * export`): every table, figure or place is named so the editor can find it —
 * numbered items by number (表 1-2), unnumbered appendix items by caption —
 * and one warning covers everything the same thing happened to.
 */
import { describe, expect, it } from 'vitest'
import type { DocNode } from '@shared/model/doc'
import type { ResolvedFigure } from '@shared/model/figure'
import type { ResolvedTable } from '@shared/model/table'
import { UserError } from '@shared/errors'
import { renderReport } from '../../src/main/export'
import type { ExportSource } from '../../src/main/export/source'
import { QINGYUAN_META, photoPng } from '../helpers/exportFixture'

const t = (text: string): DocNode => ({ type: 'text', text })
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content })
const tableNode = (id: string): DocNode => ({ type: 'reportTable', attrs: { id } })
const figureNode = (id: string): DocNode => ({ type: 'figure', attrs: { id } })
const field = (ref: string): DocNode => ({ type: 'dataField', attrs: { ref } })

const LONG = '2021 年度清远市中等职业学校编制发布年度质量报告情况汇总表'

function table(id: string, caption: string, cell: { missing?: boolean; error?: string } = { missing: true }): ResolvedTable {
  return {
    id,
    number: null,
    caption,
    note: '',
    headerRows: 1,
    columnWidths: [1],
    rows: [[{ text: '指标', align: 'center' }], [{ text: '', align: 'center', ...cell }]],
    merges: []
  }
}

function chart(id: string, caption: string): ResolvedFigure {
  // The picture itself comes from the source's chartPng, so no chart spec is needed.
  return { id, number: null, kind: 'chart', caption, note: '' }
}

interface Parts {
  chapters: { title: string; kind?: 'chapter' | 'appendix'; content: DocNode[] }[]
  tables?: Record<string, ResolvedTable>
  figures?: Record<string, ResolvedFigure>
  fields?: Record<string, string>
  chartError?: Error
}

async function warnings(parts: Parts): Promise<string[]> {
  const png = photoPng(3, 40, 30)
  const source: ExportSource = {
    meta: QINGYUAN_META,
    chapters: parts.chapters.map((c, i) => ({ id: `ch${i}`, title: c.title, kind: c.kind ?? 'chapter', doc: { type: 'doc', content: c.content } })),
    asset: () => null,
    data: {
      table: (id) => parts.tables?.[id] ?? null,
      figure: (id) => parts.figures?.[id] ?? null,
      fieldText: (ref) => parts.fields?.[ref] ?? null,
      chartPng: async () => {
        if (parts.chartError) throw parts.chartError
        return png
      }
    }
  }
  return (await renderReport(source)).layout.warnings
}

describe('export warnings', () => {
  it('names appendix tables waiting for data by their caption, numbered tables by number, in one warning', async () => {
    const w = await warnings({
      chapters: [
        { title: '基本情况', content: [tableNode('t1'), tableNode('t2')] },
        { title: '附件', kind: 'appendix', content: [tableNode('a1'), tableNode('a2'), tableNode('a3')] }
      ],
      tables: { t1: table('t1', '学校数', { missing: false }), t2: table('t2', '教师'), a1: table('a1', LONG), a2: table('a2', '学校名单'), a3: table('a3', '') }
    })
    expect(w.filter((x) => x.includes('尚未填写'))).toEqual([
      '表 1-2、附表“2021 年度清远市中等职业学校编制发布年度质量…”、附表“学校名单”、附件中一张没有标题的表格中有单元格的数据尚未填写，导出时为空，请在“数据”面板中填写后重新导出。'
    ])
  })

  it('names an appendix table whose formula fails by its caption', async () => {
    const w = await warnings({
      chapters: [{ title: '附件', kind: 'appendix', content: [tableNode('a1')] }],
      tables: { a1: table('a1', '学校名单', { error: '除数为零' }) }
    })
    expect(w).toEqual(['附表“学校名单”中有单元格计算出错：除数为零。'])
  })

  it('tells once why charts could not be drawn, naming each chart by number or caption', async () => {
    const w = await warnings({
      chapters: [
        { title: '基本情况', content: [figureNode('f1'), figureNode('f2')] },
        { title: '附件', kind: 'appendix', content: [figureNode('f3')] }
      ],
      figures: { f1: chart('f1', '学生数'), f2: chart('f2', ''), f3: chart('f3', '各校招生') },
      chartError: new UserError('EXPORT_FAILED', '找不到可用于绘制图表的中文字体。请安装中文字体后重试。')
    })
    expect(w).toEqual(['图 1-1、图 1-2、附图“各校招生”无法生成图片，导出时留有说明文字：找不到可用于绘制图表的中文字体。请安装中文字体后重试。'])
  })

  it('says in which chapters quoted figures are still empty or fail, and where a photo without caption is missing', async () => {
    const w = await warnings({
      chapters: [
        { title: '基本情况', content: [p(t('专任教师'), field('a'), t('人。'))] },
        { title: '学生发展', content: [p(t('在校生'), field('b'), t('人，'), field('c'))] },
        { title: '质量保障', content: [p(t('毕业生'), field('a'), t('人。')), { type: 'photo', attrs: { asset: 'c'.repeat(64) } }] }
      ],
      fields: { a: '（待填）', b: '（待填）', c: '（数据错误）' }
    })
    expect(w).toEqual([
      '第 1 章、第 2 章、第 3 章中引用的数据有的尚未填写，导出为“（待填）”，请在“数据”面板中填写后重新导出。',
      '第 2 章中引用的数据有的计算出错，导出为“（数据错误）”，请检查相应的公式。',
      '第 3 章中一张没有说明的图片在报告文件中找不到，已略去。'
    ])
  })
})
