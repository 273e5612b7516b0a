import { EditorState } from '@tiptap/pm/state'
import type { DocNode } from '@shared/model/doc'
import { reportSchema } from '@shared/editor/schema'
import { numberReport, numberSections, stripHeadingNumber, type NumberingInput } from '@shared/model/numbering'
import { summarizeChapter } from '@shared/model/summary'
import { addSection, deleteSection, moveSection, moveSectionBy } from '@shared/editor/sections'

// Documents as the editor stores them --------------------------------------

let seq = 0
const t = (text: string): DocNode => ({ type: 'text', text })
const p = (text = ''): DocNode => ({ type: 'paragraph', ...(text ? { content: [t(text)] } : {}) })
const h = (level: number, text: string, id = `h${++seq}`): DocNode => ({ type: 'heading', attrs: { level, id }, content: [t(text)] })
const kase = (title: string, id = `case${++seq}`, ...body: DocNode[]): DocNode => ({
  type: 'caseStudy',
  attrs: { id, school: '' },
  content: [{ type: 'caseTitle', content: [t(title)] }, ...(body.length ? body : [p('正文')])]
})
const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content })

function chapter(id: string, d: DocNode, kind: 'chapter' | 'appendix' = 'chapter'): NumberingInput {
  return { id, kind, title: id, summary: summarizeChapter(d) }
}

/** "number text" of every heading of one chapter, as the outline and the editor show them. */
function outline(d: DocNode, chapterNo = '3'): string[] {
  // The chapter comes after chapterNo - 1 others, so its number is chapterNo.
  const before = Array.from({ length: Number(chapterNo) - 1 }, (_, i) => chapter(`e${i}`, doc(p())))
  const all = numberReport([...before, chapter('c', d)])
  return all.headings.filter((x) => x.chapterId === 'c').map((x) => `${x.number} ${x.text}`)
}

/** Apply an editor command (the ones the outline uses) to a stored document. */
function edit(d: DocNode, f: (s: EditorState) => ReturnType<typeof moveSection>): DocNode {
  const state = EditorState.create({ schema: reportSchema(), doc: reportSchema().nodeFromJSON(d) })
  const tr = f(state)
  if (!tr) throw new Error('command refused')
  const next = state.apply(tr).doc
  next.check()
  return next.toJSON() as DocNode
}

const idOf = (d: DocNode, text: string) => d.content!.find((n) => n.type === 'heading' && n.content?.[0]?.text === text)!.attrs!.id as string

describe('numbering of a chapter document', () => {
  const base = () =>
    doc(
      h(2, '专业布局'),
      p('2021 年全市共开设 56 个专业。'),
      h(2, '质量保证'),
      h(3, '质量监控体系建设'),
      h(4, '深化教学诊断与改进工作'),
      h(4, '启动专业标准研制工作'),
      h(3, '项目建设'),
      h(4, '大力推进高水平中职学校建设'),
      h(2, '师培师训')
    )

  it('numbers levels 2–4 as 3.1, 3.2.1, 3.2.1.1 under the chapter number', () => {
    expect(outline(base())).toEqual([
      '3.1 专业布局',
      '3.2 质量保证',
      '3.2.1 质量监控体系建设',
      '3.2.1.1 深化教学诊断与改进工作',
      '3.2.1.2 启动专业标准研制工作',
      '3.2.2 项目建设',
      '3.2.2.1 大力推进高水平中职学校建设',
      '3.3 师培师训'
    ])
  })

  it('renumbers everything after an inserted section', () => {
    const d = base()
    const inserted = edit(d, (s) => addSection(s, '3.9 专业群建设', idOf(d, '专业布局'), false))
    expect(outline(inserted)).toEqual([
      '3.1 专业布局',
      '3.2 专业群建设',
      '3.3 质量保证',
      '3.3.1 质量监控体系建设',
      '3.3.1.1 深化教学诊断与改进工作',
      '3.3.1.2 启动专业标准研制工作',
      '3.3.2 项目建设',
      '3.3.2.1 大力推进高水平中职学校建设',
      '3.4 师培师训'
    ])
  })

  it('adds a subsection at the end of its parent, one level down', () => {
    const d = base()
    const withChild = edit(d, (s) => addSection(s, '信息化建设', idOf(d, '质量保证'), true))
    expect(outline(withChild)).toContain('3.2.3 信息化建设')
    expect(outline(withChild).indexOf('3.2.3 信息化建设')).toBe(outline(withChild).indexOf('3.3 师培师训') - 1)
  })

  it('renumbers after a deleted section, its subsections going with it', () => {
    const d = base()
    const deleted = edit(d, (s) => deleteSection(s, idOf(d, '质量监控体系建设')))
    expect(outline(deleted)).toEqual(['3.1 专业布局', '3.2 质量保证', '3.2.1 项目建设', '3.2.1.1 大力推进高水平中职学校建设', '3.3 师培师训'])
  })

  it('moves a section with its content and subsections; the numbers follow the new order', () => {
    const d = base()
    const moved = edit(d, (s) => moveSectionBy(s, idOf(d, '项目建设'), -1))
    expect(outline(moved)).toEqual([
      '3.1 专业布局',
      '3.2 质量保证',
      '3.2.1 项目建设',
      '3.2.1.1 大力推进高水平中职学校建设',
      '3.2.2 质量监控体系建设',
      '3.2.2.1 深化教学诊断与改进工作',
      '3.2.2.2 启动专业标准研制工作',
      '3.3 师培师训'
    ])
    // The paragraph under 专业布局 stays with it when that section moves to the end.
    const last = edit(d, (s) => moveSection(s, idOf(d, '专业布局'), idOf(d, '师培师训'), 'after'))
    expect(outline(last)[0]).toBe('3.1 质量保证')
    expect(outline(last).at(-1)).toBe('3.3 专业布局')
    expect(last.content!.at(-1)?.content?.[0]?.text).toBe('2021 年全市共开设 56 个专业。')
  })

  it('refuses to move a section into itself', () => {
    const d = base()
    expect(() => edit(d, (s) => moveSection(s, idOf(d, '质量保证'), idOf(d, '项目建设'), 'before'))).toThrow('command refused')
    expect(() => edit(d, (s) => moveSectionBy(s, idOf(d, '专业布局'), -1))).toThrow('command refused')
  })

  it('clamps a skipped level: a level-4 heading right after a level-2 one reads 3.1.1', () => {
    expect(outline(doc(h(2, '甲'), h(4, '乙'), h(4, '丙'), h(3, '丁'), h(2, '戊')))).toEqual(['3.1 甲', '3.1.1 乙', '3.1.2 丙', '3.1.3 丁', '3.2 戊'])
    expect(outline(doc(h(4, '开头就是四级')))).toEqual(['3.1 开头就是四级'])
  })

  it('leaves heading numbers alone for a case inside a section, and numbers cases through the whole report', () => {
    const ch1 = doc(h(2, '学生素质'), kase('学生管理强服务'), h(2, '就业质量'), kase('个性化就业服务'))
    const ch2 = doc(h(2, '专业布局'), p('正文'), kase('养老产业人才紧缺'), h(3, '专业设置'), kase('承办省运会攀岩项目'))
    const r = numberReport([chapter('c1', ch1), chapter('c2', ch2), chapter('app', doc(kase('附录里的案例')), 'appendix')])
    expect(r.headings.map((x) => x.number)).toEqual(['1.1', '1.2', '2.1', '2.1.1'])
    expect(r.cases.map((c) => `${c.number} ${c.title} ${c.chapterId}`)).toEqual([
      '1 学生管理强服务 c1',
      '2 个性化就业服务 c1',
      '3 养老产业人才紧缺 c2',
      '4 承办省运会攀岩项目 c2',
      '5 附录里的案例 app'
    ])
    // Moving a chapter renumbers its headings and the cases after it.
    const swapped = numberReport([chapter('c2', ch2), chapter('c1', ch1)])
    expect(swapped.headings.map((x) => `${x.number} ${x.text}`)).toEqual(['1.1 专业布局', '1.1.1 专业设置', '2.1 学生素质', '2.2 就业质量'])
    expect(swapped.cases[0].title).toBe('养老产业人才紧缺')
  })

  it('never gives two headings the same number, whatever the levels', () => {
    let state = 12345
    const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let round = 0; round < 300; round++) {
      const levels = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => 2 + Math.floor(rand() * 3))
      const numbers = numberSections('3', levels.map((level) => ({ level }))).map((n) => n.number)
      expect(new Set(numbers).size).toBe(numbers.length)
      // Each number extends its parent's: 3.2.1 comes after some 3.2.
      numbers.forEach((n, i) => {
        const parent = n!.split('.').slice(0, -1).join('.')
        if (parent !== '3') expect(numbers.slice(0, i)).toContain(parent)
      })
    }
  })

  it('numbers nothing in an appendix, and strips typed numbers from pasted headings', () => {
    const r = numberReport([chapter('a', doc(h(2, '附表说明')), 'appendix')])
    expect(r.headings[0].number).toBeNull()
    expect(stripHeadingNumber('3.2.1 质量监控体系建设')).toBe('质量监控体系建设')
    expect(stripHeadingNumber('（二）改进措施')).toBe('改进措施')
    expect(stripHeadingNumber('2021 年工作回顾')).toBe('2021 年工作回顾')
  })
})
