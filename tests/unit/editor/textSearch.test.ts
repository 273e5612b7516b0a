import type { DocNode } from '@shared/model/doc'
import { findInDoc, replaceInDoc } from '@shared/model/textSearch'
import { reportSchema } from '@shared/editor/schema'
import { caseIndex, insertionIndex, sectionBlocks, withBlocks, withoutBlocks } from '../../../src/main/chapters/moves'

const t = (text: string, marks?: DocNode['marks']): DocNode => ({ type: 'text', text, ...(marks ? { marks } : {}) })
const bold = [{ type: 'bold' }]

describe('find and replace in stored chapters', () => {
  const doc: DocNode = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2, id: 'h1' }, content: [t('专业建设')] },
      { type: 'paragraph', content: [t('清远市'), t('专业', bold), t('建设成效显著，专业布点 172 个。')] },
      { type: 'caseStudy', attrs: { id: 'c1', school: '' }, content: [{ type: 'caseTitle', content: [t('专业群建设')] }, { type: 'paragraph', content: [t('专业')] }] },
      { type: 'paragraph', content: [t('专'), { type: 'dataField', attrs: { ref: 'x', format: null } }, t('业')] }
    ]
  }

  it('counts matches across bold runs, inside cases and titles, never across a field', () => {
    const r = findInDoc(doc, '专业')
    expect(r.count).toBe(5)
    expect(r.snippets[1]).toEqual({ before: '清远市', match: '专业', after: '建设成效显著，专业布点 172 ' })
    expect(findInDoc(doc, '专业建设').count).toBe(2)
  })

  it('replaces every match, keeps the marks of the first replaced character, and leaves the input untouched', () => {
    const before = JSON.stringify(doc)
    const r = replaceInDoc(doc, '专业建设', '专业群建设')
    expect(r.count).toBe(2)
    expect(JSON.stringify(doc)).toBe(before)
    const para = r.doc.content![1]
    expect(para.content).toEqual([t('清远市'), t('专业群建设', bold), t('成效显著，专业布点 172 个。')])
    expect(r.doc.content![0].content).toEqual([t('专业群建设')])
    // Still a valid chapter document.
    expect(() => reportSchema().nodeFromJSON(r.doc).check()).not.toThrow()
  })

  it('can replace with nothing, matches case only when asked, and leaves fields alone', () => {
    const latin: DocNode = { type: 'doc', content: [{ type: 'paragraph', content: [t('Word 与 WORD 与 word')] }] }
    expect(replaceInDoc(latin, 'word', 'WPS').count).toBe(3)
    expect(replaceInDoc(latin, 'word', 'WPS', { matchCase: true }).doc.content![0].content).toEqual([t('Word 与 WORD 与 WPS')])
    const r = replaceInDoc(doc, '专', '')
    expect(JSON.stringify(r.doc)).toContain('"type":"dataField"')
    expect(() => reportSchema().nodeFromJSON(r.doc).check()).not.toThrow()
  })
})

describe('moving sections and cases between stored chapters', () => {
  const h = (level: number, id: string): DocNode => ({ type: 'heading', attrs: { level, id }, content: [t(id)] })
  const p = (s: string): DocNode => (s ? { type: 'paragraph', content: [t(s)] } : { type: 'paragraph' })
  const d: DocNode = { type: 'doc', content: [h(2, 'a'), p('a1'), h(3, 'a.1'), p('a.1 text'), h(2, 'b'), { type: 'caseStudy', attrs: { id: 'k' }, content: [] }, p('')] }

  it('finds a section with its subsections and content', () => {
    expect(sectionBlocks(d, 'a')).toEqual([0, 4])
    expect(sectionBlocks(d, 'a.1')).toEqual([2, 4])
    expect(sectionBlocks(d, 'b')).toEqual([4, 7])
    expect(sectionBlocks(d, 'nope')).toBeNull()
  })

  it('leaves an emptied chapter with one empty paragraph and fills an empty one in place', () => {
    expect(withoutBlocks(d, 0, 7).content).toEqual([{ type: 'paragraph' }])
    const empty: DocNode = { type: 'doc', content: [{ type: 'paragraph' }] }
    expect(withBlocks(empty, 1, [p('x')]).content).toEqual([p('x')])
    // Appending keeps the trailing empty paragraph last.
    expect(withBlocks(d, 7, [p('new')]).content!.slice(-2)).toEqual([p('new'), p('')])
  })

  it('places blocks at the end of a section or before a heading', () => {
    expect(insertionIndex(d, 'a')).toBe(4)
    expect(insertionIndex(d, undefined, 'b')).toBe(4)
    expect(insertionIndex(d, undefined)).toBe(7)
    expect(() => insertionIndex(d, 'missing')).toThrow('找不到目标位置')
    expect(caseIndex(d, 'k')).toBe(5)
  })
})
