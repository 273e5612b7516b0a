import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Intake, stopIntakeWorker } from '../../../src/main/intake'
import { reportData } from '../../../src/main/data'
import { ReportSession, type OpenReport } from '../../../src/main/services/reportSession'
import { buildReportState } from '../../../src/main/services/reportState'
import { IntakeStore } from '../../../src/main/store/intakeStore'
import { walk } from '../../../src/shared/model/doc'
import { roundTo } from '../../../src/shared/model/format'
import { rawXlsx, sheetData } from '../../helpers/xlsx'
import { newReport, schoolReport, scratch } from '../../helpers/intake'

/**
 * Three school reports (.nianbao, school template) and a plain workbook
 * compiled into a city report: totals are the schools' sums, derived
 * figures are recomputed from the sums (生均… = Σ总量 ÷ Σ在校生数, 对口就业率
 * from the counts, 初次就业月收入 weighted by 直接就业人数, the tables' 生师比
 * from Σ在校生数 ÷ Σ专任教师), exactly; every compiled figure says which
 * schools gave what; a corrected workbook replaces one school's part only.
 */
const A = { 在校生数: 5012, 专任教师: 251, 双师型教师: 150, 教学仪器设备总值: 3010.25, 校舍建筑面积: 80000, 直接就业人数: 1000, 对口就业人数: 812, 初次就业月收入: 3500, 就业人数: 1180, 毕业生数: 1200, 社会培训人次: 5200 }
const B = { 在校生数: 3050, 专任教师: 180, 双师型教师: 100, 教学仪器设备总值: 1500.5, 校舍建筑面积: 42000, 直接就业人数: 600, 对口就业人数: 450, 初次就业月收入: 3200, 就业人数: 700, 毕业生数: 730, 社会培训人次: 0 }
const C = { 在校生数: 1800, 专任教师: 95, 双师型教师: 48, 教学仪器设备总值: 700, 校舍建筑面积: 26000, 直接就业人数: 300, 对口就业人数: 210, 初次就业月收入: 3000, 就业人数: 350, 毕业生数: 400, 社会培训人次: 1300 }
// The fourth school sends a workbook of its own layout: equipment in 元, no 校舍建筑面积.
const D = { 在校生数: 2100, 专任教师: 110, 双师型教师: 60, 教学仪器设备总值: 800, 直接就业人数: 400, 对口就业人数: 250, 初次就业月收入: 2800, 就业人数: 480, 毕业生数: 520, 社会培训人次: 900 }

const sum = (k: keyof typeof D) => [A, B, C, D].reduce((s, x) => s + x[k], 0)

describe('three school reports and a workbook compiled into a city report', () => {
  const dir = scratch()
  let session: ReportSession
  let open: OpenReport
  const intake = new Intake({ now: () => new Date('2022-04-01T08:00:00Z') })
  const files: { fileName: string; bytes: Uint8Array }[] = []

  beforeAll(() => {
    const city = newReport(dir, 'city', '清远市')
    files.push({ fileName: '清远市职业技术学校.nianbao', bytes: readFileSync(schoolReport(dir, '清远市职业技术学校', A, ['产教融合育匠才', '1+X 证书试点'], { seed: 1 })) })
    files.push({ fileName: '清远工贸.nianbao', bytes: readFileSync(schoolReport(dir, '清远工贸职业技术学校', B, ['粤菜师傅工程'], { seed: 2 })) })
    files.push({ fileName: '连州.nianbao', bytes: readFileSync(schoolReport(dir, '连州市职业技术学校', C)) })
    files.push({
      fileName: '英德市职业技术学校.xlsx',
      bytes: rawXlsx({
        sheets: [
          {
            name: 'Sheet1',
            xml: sheetData([
              ['指标', '单位', '2021年'],
              ['在校生数', '人', D.在校生数],
              ['专任教师', '人', D.专任教师],
              ['“双师型”教师', '人', D.双师型教师],
              ['教学仪器设备总值', '元', D.教学仪器设备总值 * 10000],
              ['直接就业人数', '人', D.直接就业人数],
              ['对口就业人数', '人', D.对口就业人数],
              ['初次就业月收入', '元', D.初次就业月收入],
              ['就业人数', '人', D.就业人数],
              ['毕业生数', '人', D.毕业生数],
              ['社会培训人次', '人次', D.社会培训人次]
            ])
          }
        ]
      })
    })
    session = new ReportSession({ now: () => new Date('2022-04-01T08:00:00Z') })
    open = session.open(city)
  }, 60_000)

  afterAll(() => {
    session.close()
    stopIntakeWorker()
  })

  it('reads each file per school, names the schools, and stores nothing before 接收', async () => {
    const preview = await intake.read(open, files)
    expect(preview.files.map((f) => [f.kind, f.refused ?? null, f.schools.map((s) => s.name)])).toEqual([
      ['report', null, ['清远市职业技术学校']],
      ['report', null, ['清远工贸职业技术学校']],
      ['report', null, ['连州市职业技术学校']],
      ['workbook', null, ['英德市职业技术学校']]
    ])
    const a = preview.files[0].schools[0]
    expect(a.nameFrom).toBe('report')
    expect(a.errors).toBe(0)
    expect(a.values.find((v) => v.name === '在校生数')?.value).toBe(5012)
    expect(a.cases.map((c) => c.title)).toEqual(['产教融合育匠才', '1+X 证书试点'])
    expect(a.cases[0].photos).toBe(1)
    const d = preview.files[3].schools[0]
    expect(d.values.find((v) => v.name === '教学仪器设备总值')).toMatchObject({ value: 800, note: '由元换算为万元' })
    expect(d.missing).toContain('校舍建筑面积')
    // Nothing stored yet.
    expect(new IntakeStore(open.store.db).contributors()).toEqual([])
    expect(reportData(open).data.valuesOf('students.total')).toEqual({})
  }, 60_000)

  it('接收: sums, and derived figures from the sums, exactly; the tables follow', () => {
    const result = intake.accept(open)
    expect(result.taken).toMatchObject({ files: 4, schools: 4, cases: 3 })
    const v = (id: string) => reportData(open).data.valuesOf(id)['2021']
    expect(v('students.total')).toBe(sum('在校生数'))
    expect(v('teachers.fulltime')).toBe(sum('专任教师'))
    expect(v('teachers.dual')).toBe(sum('双师型教师'))
    expect(v('employment.employed')).toBe(sum('就业人数'))
    expect(v('students.graduates')).toBe(sum('毕业生数'))
    expect(v('service.training')).toBe(sum('社会培训人次'))
    // 生均教学仪器设备值 = Σ设备总值（万元）× 10000 ÷ Σ在校生数, over all four (a ratio is kept to two decimals, as published).
    expect(v('facilities.equipment')).toBe(roundTo((sum('教学仪器设备总值') * 10000) / sum('在校生数'), 2))
    // 生均校舍建筑面积 over the three schools that gave an area: their area over their students, not the city's.
    expect(v('facilities.floor_area')).toBe(roundTo((A.校舍建筑面积 + B.校舍建筑面积 + C.校舍建筑面积) / (A.在校生数 + B.在校生数 + C.在校生数), 2))
    // 对口就业率 from the counts, never the schools' rates averaged.
    expect(v('employment.matched_rate')).toBe(roundTo((sum('对口就业人数') * 100) / sum('直接就业人数'), 2))
    const averaged = [A, B, C, D].reduce((s, x) => s + (x.对口就业人数 / x.直接就业人数) * 100, 0) / 4
    expect(v('employment.matched_rate')).not.toBeCloseTo(averaged, 2)
    // 初次就业月收入 weighted by 直接就业人数.
    expect(v('employment.salary')).toBe(roundTo([A, B, C, D].reduce((s, x) => s + x.初次就业月收入 * x.直接就业人数, 0) / sum('直接就业人数'), 2))

    // The standard tables compute from the compiled figures: 生师比 = Σ在校生数 ÷ Σ专任教师, as displayed.
    const state = buildReportState(open)
    const tables = reportData(open).resolveTables(state.numbering)
    const teachers = tables.find((t) => t.caption.includes('教师队伍建设情况'))!
    expect(teachers.rows[8][0].text).toBe('生师比')
    expect(teachers.rows[8][2].text).toBe((Math.round((sum('在校生数') / sum('专任教师')) * 100) / 100).toFixed(2))
    expect(teachers.rows[4][2].value).toBe(sum('双师型教师'))
    const conditions = tables.find((t) => t.caption.includes('办学条件对比'))!
    expect(conditions.rows[2][2].text).toBe(String(roundTo((sum('教学仪器设备总值') * 10000) / sum('在校生数'), 2)))
    expect(conditions.rows[1][2].text).toBe(String(v('facilities.floor_area')))
    // The delta tells the editor what changed.
    expect(result.delta.indicators.map((i) => i.id)).toContain('students.total')
  })

  it('the 汇总 overview: per school received / missing / errors and the date of each file', () => {
    const o = intake.overview(open)
    expect(o.word).toBe('学校')
    expect(o.contributors.map((c) => [c.name, c.status, c.files.length])).toEqual([
      ['清远市职业技术学校', 'incomplete', 1],
      ['清远工贸职业技术学校', 'incomplete', 1],
      ['连州市职业技术学校', 'incomplete', 1],
      ['英德市职业技术学校', 'incomplete', 1]
    ])
    const d = o.contributors[3]
    expect(d.missing).toContain('校舍建筑面积')
    expect(d.files[0]).toMatchObject({ fileName: '英德市职业技术学校.xlsx', kind: 'workbook', current: true })
    // A school report's date is its last change.
    expect(o.contributors[0].files[0].fileDate).toBe('2022-03-01T08:00:00.000Z')
    const equipment = o.compiled.find((c) => c.indicator === 'facilities.equipment')!
    expect(equipment).toMatchObject({ rule: 'Σ教学仪器设备总值 × 10000 ÷ Σ在校生数', contributors: 4 })
    expect(equipment.value).toBe(equipment.reportValue)
    expect(o.notCompiled).toContain('高中阶段毛入学率')
    expect(o.cases).toEqual({ total: 3, picked: 0 })
  })

  it('provenance: which schools gave what for a city figure', () => {
    const p = intake.provenance(open, '生均校舍建筑面积')
    expect(p.parts.map((x) => [x.name, x.total])).toEqual([
      ['校舍建筑面积', A.校舍建筑面积 + B.校舍建筑面积 + C.校舍建筑面积],
      ['在校生数', A.在校生数 + B.在校生数 + C.在校生数]
    ])
    expect(p.rows.map((r) => [r.contributor, r.values, r.used])).toEqual([
      ['清远市职业技术学校', [A.校舍建筑面积, A.在校生数], true],
      ['清远工贸职业技术学校', [B.校舍建筑面积, B.在校生数], true],
      ['连州市职业技术学校', [C.校舍建筑面积, C.在校生数], true],
      // Without an area, the school's students do not count towards the ratio either.
      ['英德市职业技术学校', [null, D.在校生数], false]
    ])
    expect(p.rows[3].place).toBe('Sheet1!C2')
    expect(intake.provenance(open, 'students.total').rows.map((r) => r.values[0])).toEqual([A.在校生数, B.在校生数, C.在校生数, D.在校生数])
    expect(() => intake.provenance(open, '高中阶段毛入学率')).toThrow('“高中阶段毛入学率”不由各单位的数据汇总而来，由本级填写。')
  })

  it('a corrected workbook replaces that school’s part only', async () => {
    const corrected = rawXlsx({ sheets: [{ name: 'Sheet1', xml: sheetData([['指标', '2021年'], ['在校生数（人）', 2200], ['专任教师（人）', 112], ['校舍建筑面积（平方米）', 30000]]) }] })
    const preview = await intake.read(open, [{ fileName: '英德市职业技术学校（更正）.xlsx', bytes: corrected }])
    const s = preview.files[0].schools[0]
    expect(s.name).toBe('英德市职业技术学校')
    expect(s.replaces).toBe(true)
    expect(s.issues[0].message).toBe('“英德市职业技术学校”以前已经报送过数据，接收后以这份文件为准（原来的数据被替换，其他学校的数据不变）。')
    intake.accept(open)
    const v = (id: string) => reportData(open).data.valuesOf(id)['2021']
    expect(v('students.total')).toBe(A.在校生数 + B.在校生数 + C.在校生数 + 2200)
    expect(v('teachers.fulltime')).toBe(A.专任教师 + B.专任教师 + C.专任教师 + 112)
    // The corrected workbook has no 对口就业人数: the city's rate is now the three other schools'.
    expect(v('employment.matched_rate')).toBe(roundTo(((A.对口就业人数 + B.对口就业人数 + C.对口就业人数) * 100) / (A.直接就业人数 + B.直接就业人数 + C.直接就业人数), 2))
    expect(v('facilities.floor_area')).toBe(roundTo((A.校舍建筑面积 + B.校舍建筑面积 + C.校舍建筑面积 + 30000) / (A.在校生数 + B.在校生数 + C.在校生数 + 2200), 2))
    const d = intake.overview(open).contributors.find((c) => c.name === '英德市职业技术学校')!
    expect(d.files.map((f) => [f.fileName, f.current])).toEqual([
      ['英德市职业技术学校.xlsx', false],
      ['英德市职业技术学校（更正）.xlsx', true]
    ])
    // The other schools' values are as they were.
    expect(new IntakeStore(open.store.db).values({ year: 2021, contributorId: 1 }).length).toBeGreaterThan(5)
  }, 60_000)

  it('a value typed over a compiled one is kept by the next intake, and both are shown', async () => {
    reportData(open).setValue('students.total', 2021, 12345)
    await intake.read(open, [{ fileName: '连州.nianbao', bytes: files[2].bytes }])
    intake.accept(open)
    expect(reportData(open).data.valuesOf('students.total')['2021']).toBe(12345)
    const total = intake.overview(open).compiled.find((c) => c.indicator === 'students.total')!
    expect(total.reportValue).toBe(12345)
    expect(total.value).toBe(A.在校生数 + B.在校生数 + C.在校生数 + 2200)
  }, 60_000)

  it('withdrawing a school takes its part out and compiles again', () => {
    reportData(open).setValue('students.total', 2021, A.在校生数 + B.在校生数 + C.在校生数 + 2200)
    intake.withdraw(open, '连州市职业技术学校')
    expect(reportData(open).data.valuesOf('teachers.fulltime')['2021']).toBe(A.专任教师 + B.专任教师 + 112)
  })

  it('the cases schools sent are in the library with the school, and one is picked into chapter 3 as the report’s 案例 N', () => {
    const cases = intake.cases(open)
    expect(cases.map((c) => [c.title, c.school, c.photos, c.picked])).toEqual([
      ['产教融合育匠才', '清远市职业技术学校', 1, null],
      ['1+X 证书试点', '清远市职业技术学校', 1, null],
      ['粤菜师傅工程', '清远工贸职业技术学校', 1, null]
    ])
    // The quoted figure became the school's number as its report showed it.
    expect(cases[0].excerpt).toBe('学校现有在校生 5012 人，校企合作成效明显。')
    const state = buildReportState(open)
    const chapter3 = state.chapters[2]
    const pick = intake.pickCase({ session: { store: () => open.store }, now: () => new Date() }, open, { id: cases[2].id, chapterId: chapter3.id, keepSchool: true })
    const doc = open.store.getChapter(chapter3.id).doc
    let found = null as null | { school: unknown; photo: unknown }
    walk(doc, (n) => {
      if (n.type === 'caseStudy' && n.attrs?.id === pick) {
        const photo = n.content?.find((c) => c.type === 'photo')
        found = { school: n.attrs.school, photo: photo?.attrs?.asset }
      }
    })
    expect(found).not.toBeNull()
    expect(found!.school).toBe('清远工贸职业技术学校')
    // The photo's picture is in this report.
    expect(open.store.getAsset(String(found!.photo))).not.toBeNull()
    const after = buildReportState(open)
    const numbered = after.numbering.cases.find((c) => c.id === pick)!
    expect(numbered).toMatchObject({ chapterId: chapter3.id, title: '粤菜师傅工程', school: '清远工贸职业技术学校' })
    expect(intake.cases(open)[2].picked).toEqual({ caseId: pick, chapterId: chapter3.id })
    expect(intake.overview(open).cases).toEqual({ total: 3, picked: 1 })
  })
})

describe('a school report is not compiled into', () => {
  it('汇总 on a school report says what it is for', async () => {
    const dir = scratch()
    const path = schoolReport(dir, '某职业学校', {})
    const session = new ReportSession({ now: () => new Date() })
    try {
      const open = session.open(path)
      const intake = new Intake({ now: () => new Date() })
      await expect(intake.read(open, [])).rejects.toThrow('学校报告不汇总其他单位的数据；“汇总”用于地市级和省级报告。')
      await expect(intake.kit(open, join(dir, 'k'), [])).rejects.toThrow(/学校报告不汇总/)
    } finally {
      session.close()
    }
  })
})
