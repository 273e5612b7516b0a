import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import type { CheckResult, Finding } from '../../src/shared/check/types'
import { SENTENCE_RULES } from '../../src/shared/check/types'
import { textOf, walk, type DocNode } from '../../src/shared/model/doc'
import { AppState } from '../../src/main/services/appState'
import { dispatch } from '../../src/main/services/dispatch'
import { createService, type Service } from '../../src/main/services/service'
import { QINGYUAN_DOCX } from '../helpers/docx'
import { tempDir } from '../helpers/reports'

/**
 * 体检 of the Qingyuan 2021 report as imported from its .docx, through the
 * service layer as the app calls it. The four errors the published report
 * has in its sentences are found, each with the right value; what the import
 * found in its tables and lists is still listed; a copy with the four
 * corrected gives nothing about its sentences.
 */
type Envelope = { ok: boolean; result?: any; error?: { code: string; message: string } }

function service(): { svc: Service; workspace: string; call: (name: string, input?: unknown) => Promise<Envelope> } {
  const base = tempDir('nianbao-check-')
  const workspace = join(base, 'workspace')
  mkdirSync(workspace, { recursive: true })
  const svc = createService({ appState: new AppState(join(base, 'config')), ports: { transport: 'browser', workspaceDir: workspace, userName: '张老师' } })
  return { svc, workspace, call: (name, input) => dispatch(svc.handlers, name, input, () => {}) as Promise<Envelope> }
}

async function ok(call: (n: string, i?: unknown) => Promise<Envelope>, name: string, input?: unknown): Promise<any> {
  const r = await call(name, input)
  if (!r.ok) throw new Error(`${name}: ${r.error?.message}`)
  return r.result
}

const upload = (bytes: Uint8Array, name = '清远市2021年报.docx') => ({ upload: { name, data: Buffer.from(bytes).toString('base64') } })

/** The published report with its four sentence errors corrected. */
function corrected(): Uint8Array {
  const files = unzipSync(readFileSync(QINGYUAN_DOCX))
  let xml = strFromU8(files['word/document.xml'])
  const fixes: [string, string][] = [
    ['上升 9.79 个百分点', '上升 10.24 个百分点'],
    ['上升 1.47 个百分点', '上升 2.47 个百分点'],
    ['生师比 18.25:1', '生师比 18.28:1'],
    ['本地就业比例为 82.46%', '本地就业比例为 82.40%']
  ]
  for (const [a, b] of fixes) {
    expect(xml.split(a)).toHaveLength(2)
    xml = xml.replace(a, b)
  }
  files['word/document.xml'] = strToU8(xml)
  return zipSync(files)
}

const sentenceFindings = (r: CheckResult) => r.findings.filter((f) => SENTENCE_RULES.includes(f.rule))
const open = (r: CheckResult) => r.findings.filter((f) => !f.verified)

describe('体检 of the Qingyuan 2021 report', () => {
  let svc: Service
  let call: (name: string, input?: unknown) => Promise<Envelope>
  let first: CheckResult

  beforeAll(async () => {
    ;({ svc, call } = service())
    await ok(call, 'import.docx', upload(readFileSync(QINGYUAN_DOCX)))
    first = await ok(call, 'check.run')
  })
  afterAll(() => svc?.session.close())

  it('finds the four errors in its sentences, each with the right value and a one-click fix', () => {
    const found = sentenceFindings(first).map((f) => [f.rule, f.place.label.split(' › ').pop()!.split(' ')[0], f.numbers.at(-1) === f.expected ? f.numbers[0] : f.numbers.at(-1), f.expected, f.fix?.text])
    expect(found).toEqual([
      ['difference', '2.2.2', '1.47', '2.47', '2.47'],
      ['difference', '2.2.3', '9.79', '10.24', '10.24'],
      ['data', '3.3.1', '18.25', '18.28', '18.28'],
      ['samePlaces', '5.1.1', '82.46', '82.40', '82.40']
    ])
    const ratio = sentenceFindings(first).find((f) => f.rule === 'data')!
    // Both other places are named: the table and the sentence of 1.3.
    expect(ratio.others?.map((o) => o.label)).toEqual(['表 1-2', expect.stringContaining('1.3 教师队伍')])
    expect(ratio.message).toContain('1.3 节也写作 18.28:1')
    expect(ratio.place.sentence).toContain('生师比 18.25:1')
    const local = sentenceFindings(first).find((f) => f.rule === 'samePlaces')!
    expect(local.message).toContain('2.2.3 节的 82.40%')
    expect(local.message).toContain('4603 ÷ 5586')
    expect(first.counts.error).toBeGreaterThanOrEqual(4)
  })

  it('still lists what the import found in the tables and the old lists, and the structure', () => {
    const tableValues = first.findings.filter((f) => f.rule === 'tableValue').map((f) => `${f.place.label.split(' › ').pop()} ${f.cell?.address} ${f.numbers.join('→')}`)
    expect(tableValues).toEqual(['表 1-4 I3 7.50→7.46', '表 3-3 E2 44→42', '表 3-4 F2 27→24', '表 7-1 E4 ↑ 16→↑ 15'])
    const imported = first.findings.filter((f) => f.rule === 'import').map((f) => f.message)
    for (const words of [['3.2.2.2', '两次'], ['表 4-1', '表 3-5'], ['图 4-1', '图 5-1'], ['图编号 6-1'], ['案例 21'], ['案例 22'], ['图 2-5', '毕业生就业分布'], ['图 4-1', '没有列入图表目录'], ['图 6-1', '没有列入图表目录']]) {
      expect(imported.filter((m) => words.every((w) => m.includes(w))), words.join(' ')).toHaveLength(1)
    }
    expect(first.findings.filter((f) => f.rule === 'captionTwice').map((f) => f.message)).toEqual([expect.stringContaining('表 3-4 与表 3-3 的标题相同')])
    expect(first.findings.find((f) => f.rule === 'yearChange' && f.message.includes('兼职教师'))?.severity).toBe('verify')
  })

  it('the import turned the numbers it is sure of into fields, and says how many', async () => {
    const report = await ok(call, 'import.report')
    expect(report.counts.fields).toBeGreaterThanOrEqual(10)
    expect(report.warnings.find((w: { code: string }) => w.code === 'FIELDS_BOUND').message).toContain(`${report.counts.fields} 个数字`)
    const state = await ok(call, 'report.state')
    const ch1: DocNode = (await ok(call, 'chapter.get', { id: state.chapters[0].id })).doc
    const refs: string[] = []
    walk(ch1, (n) => {
      if (n.type === 'dataField') refs.push(`${n.attrs?.ref} ${n.attrs?.format}`)
    })
    expect(refs).toEqual(
      expect.arrayContaining(['=指标("teachers.fulltime",本年) fixed:0', '=指标("staff.total",本年) fixed:0', expect.stringMatching(/^=ROUND\(指标\("staff\.total",本年\),0\)-ROUND\(指标\("staff\.total",上年\),0\) trend:0:增加:减少$/)])
    )
    // The ambiguous ones are proposals (83.89% reads as 表 1-2's ratio cell, not as an indicator named so).
    expect(first.proposals.map((p) => [p.text, p.sure])).toEqual(expect.arrayContaining([['83.89%', false]]))
    expect(first.proposals.every((p) => !p.sure)).toBe(true)
  })

  it('fixes a finding in one click; marks one 已核实 with who and when, shown again once its numbers change', async () => {
    const diff = sentenceFindings(first).find((f) => f.expected === '10.24')!
    const fixed = await ok(call, 'check.fix', { id: diff.id })
    expect(fixed.chapterId).toBe(diff.place.chapterId)
    expect(sentenceFindings(fixed.result).map((f) => f.expected)).not.toContain('10.24')
    // Only the chapter that changed was read again.
    expect(fixed.result.recomputed).toBe(1)
    const text = textOf((await ok(call, 'chapter.get', { id: diff.place.chapterId })).doc)
    expect(text).toContain('上升 10.24 个百分点')
    expect(text).not.toContain('上升 9.79')

    const local = sentenceFindings(fixed.result).find((f) => f.rule === 'samePlaces')!
    const verified: CheckResult = await ok(call, 'check.verify', { id: local.id })
    const mark = verified.findings.find((f) => f.id === local.id)!
    expect(mark.verified).toEqual({ by: '张老师', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })
    expect(open(verified).map((f) => f.id)).not.toContain(local.id)
    expect(verified.counts.verified).toBe(1)

    // Another edit that keeps the numbers keeps it verified; a changed number shows it again.
    const ch = local.place.chapterId!
    const rec = await ok(call, 'chapter.get', { id: ch })
    const edit = (doc: DocNode, from: string, to: string): DocNode => JSON.parse(JSON.stringify(doc).replace(from, to))
    await ok(call, 'chapter.save', { id: ch, doc: edit(rec.doc, '城镇就业比例', '其中城镇就业比例') })
    expect(open(await ok(call, 'check.run')).map((f) => f.id)).not.toContain(local.id)
    const rec2 = await ok(call, 'chapter.get', { id: ch })
    await ok(call, 'chapter.save', { id: ch, doc: edit(rec2.doc, '82.46%', '82.47%') })
    const again: CheckResult = await ok(call, 'check.run')
    expect(open(again).find((f) => f.rule === 'samePlaces')?.numbers).toEqual(['82.47', '82.40'])
    await ok(call, 'check.unverify', { id: local.id })
  })

  it('takes a table cell’s computed value in one click', async () => {
    const r: CheckResult = await ok(call, 'check.run')
    const cell = r.findings.find((f) => f.rule === 'tableValue' && f.cell?.address === 'E2')!
    const fixed = await ok(call, 'check.fix', { id: cell.id })
    expect(fixed.delta.tables.length + fixed.delta.cells.length).toBeGreaterThan(0)
    expect(fixed.result.findings.filter((f: Finding) => f.rule === 'tableValue').map((f: Finding) => f.cell?.address)).toEqual(['I3', 'F2', 'E4'])
  })

  it('settings change what is listed: the case word limit and the change threshold', async () => {
    expect(await ok(call, 'check.settings')).toEqual({ caseWordLimit: 1000, changeThreshold: 50 })
    const before: CheckResult = await ok(call, 'check.run')
    await ok(call, 'check.settings', { caseWordLimit: 200, changeThreshold: 100 })
    const after: CheckResult = await ok(call, 'check.run')
    expect(after.settings).toEqual({ caseWordLimit: 200, changeThreshold: 100 })
    expect(after.findings.filter((f) => f.rule === 'caseLength').length).toBeGreaterThan(before.findings.filter((f) => f.rule === 'caseLength').length)
    expect(after.findings.filter((f) => f.rule === 'yearChange').length).toBeLessThan(before.findings.filter((f) => f.rule === 'yearChange').length)
    expect((await call('check.settings', { caseWordLimit: 5 })).error?.message).toContain('不能少于 100 字')
    await ok(call, 'check.settings', { caseWordLimit: 1000, changeThreshold: 50 })
  })

  it('全部采用 turns every proposal into a field; after a rollover the sentence reads the new year’s figures once they are typed', async () => {
    const r: CheckResult = await ok(call, 'check.run')
    expect(r.proposals.length).toBeGreaterThan(0)
    const bound = await ok(call, 'check.bind', { all: true })
    expect(bound.bound).toBe(r.proposals.length)
    expect(bound.result.proposals).toEqual([])

    const rolled = await ok(call, 'rollover.create', { source: 'current', year: 2022, fileName: '清远市2022' })
    expect(rolled.state.meta.year).toBe(2022)
    const sentence = async () => {
      const state = await ok(call, 'report.state')
      for (const c of state.chapters) {
        const doc: DocNode = (await ok(call, 'chapter.get', { id: c.id })).doc
        let found: DocNode | null = null
        walk(doc, (n) => {
          if (!found && n.type === 'paragraph' && textOf(n).includes('额定编制数')) found = n
        })
        if (found) {
          const refs = ((found as DocNode).content ?? []).filter((n) => n.type === 'dataField').map((n) => String(n.attrs?.ref))
          const fields = (await ok(call, 'data.fields', { refs })) as { value: number | null; missing?: boolean }[]
          return fields
        }
      }
      throw new Error('sentence not found')
    }
    // 专任教师 1649 人，较上年增加了 27 人: both fields, waiting for 2022's figure.
    expect((await sentence()).map((f) => f.missing ?? false)).toEqual([true, true])
    await ok(call, 'data.setValue', { indicator: '专任教师', year: 2022, value: 1700 })
    expect((await sentence()).map((f) => f.value)).toEqual([1700, 51])
    // Last year's 已核实 stay with last year's file.
    expect((await ok(call, 'check.run')).counts.verified).toBe(0)
  })
})

describe('The Qingyuan import rolled over without 体检', () => {
  it('the numbers the import bound move to the new year: 专任教师 1649 人，较上年增加了 27 人 reads the new figures once they are typed', async () => {
    const { svc, call } = service()
    await ok(call, 'import.docx', upload(readFileSync(QINGYUAN_DOCX)))
    const fieldsIn = async (words: string) => {
      const state = await ok(call, 'report.state')
      for (const c of state.chapters) {
        const doc: DocNode = (await ok(call, 'chapter.get', { id: c.id })).doc
        let found: DocNode | null = null
        walk(doc, (n) => {
          if (!found && n.type === 'paragraph' && textOf(n).includes(words)) found = n
        })
        if (!found) continue
        const fields = ((found as DocNode).content ?? []).filter((n) => n.type === 'dataField')
        const values = (await ok(call, 'data.fields', { refs: fields.map((n) => String(n.attrs?.ref)) })) as { value: number | null; missing?: boolean }[]
        return { refs: fields.map((n) => String(n.attrs?.ref)), values, text: textOf(found) }
      }
      throw new Error(`no paragraph with ${words}`)
    }
    // 3.3.1: 专任教师 1649 人，较上年增加了 27 人 — both numbers bound by the import itself.
    const sentence = await fieldsIn('额定编制数')
    expect(sentence.values.map((v) => v.value)).toEqual([1649, 27])
    // 1.3: 教职工总数 1894 人，比上一年增加 15 人；其中，专任教师数 1649 人 — bound by the import itself.
    const before = await fieldsIn('教职工总数')
    expect(before.values.map((v) => v.value)).toEqual(expect.arrayContaining([1894, 15, 1649]))

    const rolled = await ok(call, 'rollover.create', { source: 'current', year: 2022, fileName: '清远市2022（未体检）' })
    expect(rolled.state.meta.year).toBe(2022)
    const after = await fieldsIn('教职工总数')
    expect(after.refs).toEqual(before.refs)
    expect(after.values.every((v) => v.missing)).toBe(true)
    expect((await fieldsIn('额定编制数')).values.map((v) => v.missing ?? false)).toEqual([true, true])
    await ok(call, 'data.setValue', { indicator: '专任教师', year: 2022, value: 1700 })
    await ok(call, 'data.setValue', { indicator: 'staff.total', year: 2022, value: 1950 })
    const typed = await fieldsIn('教职工总数')
    expect(typed.values.map((v) => v.value)).toEqual(expect.arrayContaining([1950, 56, 1700]))
    expect((await fieldsIn('额定编制数')).values.map((v) => v.value)).toEqual([1700, 51])
    svc.session.close()
  })
})

describe('体检 of the corrected Qingyuan report', () => {
  it('finds nothing in its sentences; only the structural findings remain', async () => {
    const { svc, call } = service()
    await ok(call, 'import.docx', upload(corrected(), '清远市2021年报（已更正）.docx'))
    const r: CheckResult = await ok(call, 'check.run')
    expect(sentenceFindings(r)).toEqual([])
    const structural = ['tableValue', 'captionTwice', 'yearChange', 'import', 'caseLength', 'casePhoto', 'emptySection']
    expect(r.findings.filter((f) => !structural.includes(f.rule))).toEqual([])
    expect(r.findings.filter((f) => f.rule === 'tableValue')).toHaveLength(4)
    expect(r.findings.filter((f) => f.rule === 'captionTwice')).toHaveLength(1)
    svc.session.close()
  })
})
