import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { CheckResult, Finding } from '../../src/shared/check/types'
import type { DocNode } from '../../src/shared/model/doc'
import { AppState } from '../../src/main/services/appState'
import { dispatch } from '../../src/main/services/dispatch'
import { createService, type Service } from '../../src/main/services/service'
import { tempDir } from '../helpers/reports'

/**
 * 体检's structure rules on a live report, through the service layer as the
 * app calls it: a school report made from its template is edited, saved and
 * checked again, and each rule follows what the editor did (not only what an
 * import found).
 */
type Envelope = { ok: boolean; result?: any; error?: { code: string; message: string } }

const t = (text: string): DocNode => ({ type: 'text', text })
const p = (...parts: (string | DocNode)[]): DocNode => ({ type: 'paragraph', content: parts.map((x) => (typeof x === 'string' ? t(x) : x)) })

describe('体检 structure rules on a report being edited', () => {
  let svc: Service
  let call: (name: string, input?: unknown) => Promise<any>
  let chapters: { id: string; title: string; kind: string }[]

  beforeAll(async () => {
    const base = tempDir('nianbao-check-structure-')
    const workspace = join(base, 'workspace')
    mkdirSync(workspace, { recursive: true })
    svc = createService({ appState: new AppState(join(base, 'config')), ports: { transport: 'browser', workspaceDir: workspace, userName: '李老师' } })
    call = async (name, input) => {
      const r = (await dispatch(svc.handlers, name, input, () => {})) as Envelope
      if (!r.ok) throw new Error(`${name}: ${r.error?.message}`)
      return r.result
    }
    chapters = (await call('report.create', { template: 'school', region: '英德职业技术学校', year: 2024 })).chapters
  })
  afterAll(() => svc?.session.close())

  const run = (): Promise<CheckResult> => call('check.run')
  const rules = (r: CheckResult, rule: Finding['rule']) => r.findings.filter((f) => f.rule === rule)
  const chapter = (title: string) => chapters.find((c) => c.title === title)!
  const save = async (id: string, edit: (doc: DocNode) => DocNode) => {
    const rec = await call('chapter.get', { id })
    return call('chapter.save', { id, doc: edit(rec.doc), baseVersion: rec.version })
  }

  it('a new school report has all its parts and annex tables; its empty sections are hints, and writing fills them', async () => {
    const r = await run()
    expect(rules(r, 'templatePart')).toEqual([])
    expect(r.counts.error).toBe(0)
    const empty = rules(r, 'emptySection')
    expect(empty.length).toBeGreaterThan(20)
    expect(empty.every((f) => f.severity === 'hint')).toBe(true)
    expect(empty[0].place.label).toBe('1 人才培养 › 1.1 党建引领')

    // Text under 1.1 党建引领: that section is no longer listed.
    await save(chapter('人才培养').id, (doc) => ({ ...doc, content: doc.content!.map((n, i) => (i === 2 && n.type === 'paragraph' ? p('学校坚持党建引领，全面落实立德树人根本任务。') : n)) }))
    const after = await run()
    expect(rules(after, 'emptySection').map((f) => f.place.label)).not.toContain('1 人才培养 › 1.1 党建引领')
    expect(rules(after, 'emptySection')).toHaveLength(empty.length - 1)
  })

  it('a reference to a table deleted from the report, and an annex table the template requires, are found after the save', async () => {
    const annex = chapters.find((c) => c.kind === 'appendix')!
    const annexDoc: DocNode = (await call('chapter.get', { id: annex.id })).doc
    const tables = annexDoc.content!.filter((n) => n.type === 'reportTable')
    expect(tables).toHaveLength(6)
    const gone = String(tables[2].attrs!.id)
    await save(chapter('人才培养').id, (doc) => ({ ...doc, content: [...doc.content!, p('详见', { type: 'crossRef', attrs: { target: 'table', id: gone } }, '。')] }))
    expect(rules(await run(), 'brokenRef')).toEqual([])

    await save(annex.id, (doc) => ({ ...doc, content: doc.content!.filter((n) => n.attrs?.id !== gone) }))
    const r = await run()
    const broken = rules(r, 'brokenRef')
    expect(broken).toHaveLength(1)
    expect(broken[0]).toMatchObject({ severity: 'error', place: { chapterId: chapter('人才培养').id } })
    expect(rules(r, 'templatePart').map((f) => f.message)).toEqual([expect.stringContaining('教学资源表')])
  })

  it('a part the school template requires, removed, is listed', async () => {
    await call('chapter.remove', { id: chapter('国际合作').id })
    const parts = rules(await run(), 'templatePart').map((f) => f.message)
    expect(parts).toHaveLength(2)
    expect(parts.some((m) => m.includes('“国际合作”'))).toBe(true)
  })

  it('a case over the word limit and a case without a photo; the limit is the report’s own setting', async () => {
    const caseStudy = (id: string, title: string, body: string, photos: number): DocNode => ({
      type: 'caseStudy',
      attrs: { id, school: '' },
      content: [{ type: 'caseTitle', content: [t(title)] }, p(body), ...Array.from({ length: photos }, () => ({ type: 'photo', attrs: { asset: null }, content: [t('照片说明')] }))]
    })
    const body = '学校与企业共建实训基地，学生在真实岗位上完成项目。'.repeat(50)
    await save(chapter('产教融合').id, (doc) => ({ ...doc, content: [...doc.content!, caseStudy('case_long', '校企共建实训基地', body, 0)] }))
    const r = await run()
    const long = rules(r, 'caseLength')
    expect(long).toHaveLength(1)
    expect(long[0]).toMatchObject({ severity: 'verify', place: { nodeId: 'case_long' } })
    expect(long[0].message).toContain('超过了 1000 字')
    expect(rules(r, 'casePhoto').map((f) => f.place.nodeId)).toEqual(['case_long'])

    await call('check.settings', { caseWordLimit: 2000 })
    expect(rules(await run(), 'caseLength')).toEqual([])
    expect((await call('check.settings')).caseWordLimit).toBe(2000)
  })

  it('a save that arrives while the whole report is being checked is stored without waiting for the check to end', async () => {
    await run()
    const id = chapter('人才培养').id
    const rec = await call('chapter.get', { id })
    // New data: every chapter is read again.
    await call('data.setValue', { indicator: 'students.graduates', year: 2024, value: 812 })
    const order: string[] = []
    const checked = call('check.run').then((r: CheckResult) => {
      order.push('check')
      return r
    })
    const saved = call('chapter.save', { id, doc: { ...rec.doc, content: [...rec.doc.content, p('检查进行中保存的段落。')] }, baseVersion: rec.version }).then(() => order.push('save'))
    const [result] = await Promise.all([checked, saved])
    expect(order).toEqual(['save', 'check'])
    expect(result.recomputed).toBeGreaterThan(1)
    // The next check reads the saved chapter again, and only it.
    expect((await run()).recomputed).toBe(1)
  })

  it('two tables with the same title', async () => {
    const id = chapter('人才培养').id
    const a = await call('data.createTable', { chapterId: id, caption: '学生技能大赛获奖情况', layout: 'compare' })
    const b = await call('data.createTable', { chapterId: id, caption: '学生技能大赛获奖情况', layout: 'compare' })
    await save(id, (doc) => ({ ...doc, content: [...doc.content!, { type: 'reportTable', attrs: { id: a.id } }, { type: 'reportTable', attrs: { id: b.id } }] }))
    const twice = rules(await run(), 'captionTwice')
    expect(twice).toHaveLength(1)
    expect(twice[0].message).toMatch(/表 1-2 与表 1-1 的标题相同/)
    await call('data.updateTable', { id: b.id, caption: '学生技能证书获取情况' })
    expect(rules(await run(), 'captionTwice')).toEqual([])
  })
})
