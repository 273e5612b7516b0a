import { idsOutsideChapter, summarizeChapter } from '../../../src/shared/model/summary'

/**
 * The ids a chapter must not reuse (the editor while typing, main when
 * storing): headings, cases, tables and figures of every other chapter.
 */
const chapter = (id: string, prefix: string) => ({
  id,
  summary: summarizeChapter({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2, id: `${prefix}_h` }, content: [{ type: 'text', text: '节' }] },
      { type: 'caseStudy', attrs: { id: `${prefix}_case` }, content: [{ type: 'caseTitle' }, { type: 'paragraph' }] },
      { type: 'reportTable', attrs: { id: `${prefix}_tbl` } },
      { type: 'figure', attrs: { id: `${prefix}_fig` } }
    ]
  })
})

it('lists the ids of every other chapter and none of the chapter itself', () => {
  const chapters = [chapter('ch_a', 'a'), chapter('ch_b', 'b'), chapter('ch_c', 'c')]
  expect([...idsOutsideChapter(chapters, 'ch_b')].sort()).toEqual(['a_case', 'a_fig', 'a_h', 'a_tbl', 'c_case', 'c_fig', 'c_h', 'c_tbl'])
  expect(idsOutsideChapter(chapters, undefined).size).toBe(12)
})
