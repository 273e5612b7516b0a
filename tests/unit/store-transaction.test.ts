import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyDoc } from '../../src/shared/model/doc'
import { summarizeChapter } from '../../src/shared/model/summary'
import { ReportSession } from '../../src/main/services/reportSession'
import { makeReport, tempDir } from '../helpers/reports'

function open() {
  const session = new ReportSession({ now: () => new Date() })
  const store = session.open(makeReport(join(tempDir(), 'a.nianbao'))).store
  return { session, store }
}

const paragraphDoc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

describe('ReportStore.transaction', () => {
  it('stores everything done inside it together, and answers with what the function returns', () => {
    const { session, store } = open()
    const [first, second] = store.listChapters()
    const v = store.transaction(() => {
      store.saveChapter(first.id, paragraphDoc('一'), summarizeChapter(paragraphDoc('一')))
      store.addRevision(first.id, 'manual')
      return store.saveChapter(second.id, paragraphDoc('二'), summarizeChapter(paragraphDoc('二'))).version
    })
    expect(v).toBe(2)
    expect(store.getChapter(first.id).version).toBe(2)
    expect(store.listRevisions(first.id)).toHaveLength(1)
    session.close()
  })

  it('a failure half-way leaves the file as it was, nested store methods included', () => {
    const { session, store } = open()
    const [first] = store.listChapters()
    const before = store.getChapter(first.id)
    const chapters = store.listChapters().length
    expect(() =>
      store.transaction(() => {
        store.saveChapter(first.id, paragraphDoc('改了'), summarizeChapter(paragraphDoc('改了')))
        store.addChapter({ title: '新的一章', kind: 'chapter', doc: emptyDoc(), summary: summarizeChapter(emptyDoc()) })
        store.saveChapter(first.id, paragraphDoc('再改'), summarizeChapter(paragraphDoc('再改')), 1)
      })
    ).toThrow(/已在别处被修改/)
    expect(store.getChapter(first.id)).toEqual(before)
    expect(store.listChapters()).toHaveLength(chapters)
    expect(store.listRevisions(first.id)).toHaveLength(0)
    session.close()
  })
})
