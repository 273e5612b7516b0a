import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { Intake, stopIntakeWorker } from '../../../src/main/intake'
import { reportData } from '../../../src/main/data'
import { ReportSession } from '../../../src/main/services/reportSession'
import { buildReportState } from '../../../src/main/services/reportState'
import { roundTo } from '../../../src/shared/model/format'
import { newReport, schoolReport, scratch } from '../../helpers/intake'

/**
 * The same one level up: city reports into a provincial report. A city
 * compiled with 年报 passes up the totals behind its derived figures (its
 * schools' 校舍建筑面积, not its 生均校舍建筑面积); a city whose report only
 * prints the derived figure has the total worked back from it (and said).
 * The cases a city picked, with their schools, go to the province's library.
 */
describe('cities into a provincial report', () => {
  const dir = scratch()
  const now = () => new Date('2022-05-01T08:00:00Z')
  afterAll(() => stopIntakeWorker())

  it('sums of the cities, derived figures from the totals, cases with their schools', async () => {
    // 清远市 compiles two schools with 年报 and picks one case into its chapter 2.
    const qy = newReport(dir, 'city', '清远市')
    const s1 = schoolReport(dir, '清远市职业技术学校', { 在校生数: 5000, 专任教师: 250, 校舍建筑面积: 80000 }, ['产教融合育匠才'], { seed: 3 })
    const s2 = schoolReport(dir, '清远工贸职业技术学校', { 在校生数: 3000, 专任教师: 150, 校舍建筑面积: 40000 })
    const session = new ReportSession({ now })
    const city = session.open(qy)
    const intake = new Intake({ now })
    await intake.read(city, [
      { fileName: 'a.nianbao', bytes: readFileSync(s1) },
      { fileName: 'b.nianbao', bytes: readFileSync(s2) }
    ])
    intake.accept(city)
    const libCase = intake.cases(city)[0]
    const chapter2 = buildReportState(city).chapters[1]
    intake.pickCase({ session: { store: () => city.store }, now }, city, { id: libCase.id, chapterId: chapter2.id, keepSchool: true })
    session.close()

    // 韶关市 typed its figures by hand: 生均校舍建筑面积 and 在校生数, no total.
    const sg = newReport(dir, 'city', '韶关市')
    const s2session = new ReportSession({ now })
    const other = s2session.open(sg)
    reportData(other).setValues([
      { indicator: 'students.total', year: 2021, value: 6000 },
      { indicator: 'teachers.fulltime', year: 2021, value: 400 },
      { indicator: 'facilities.floor_area', year: 2021, value: 12.5 }
    ])
    s2session.close()

    const prov = newReport(dir, 'province', '广东省')
    const ps = new ReportSession({ now })
    const province = ps.open(prov)
    const pIntake = new Intake({ now })
    const preview = await pIntake.read(province, [
      { fileName: '清远市2021年度质量报告.nianbao', bytes: readFileSync(qy) },
      { fileName: '韶关市2021年度质量报告.nianbao', bytes: readFileSync(sg) }
    ])
    expect(preview.word).toBe('填报单位')
    expect(preview.files.map((f) => f.schools.map((s) => [s.name, s.nameFrom]))).toEqual([[['清远市', 'report']], [['韶关市', 'report']]])
    const qyValues = preview.files[0].schools[0].values
    expect(qyValues.find((v) => v.name === '校舍建筑面积')).toMatchObject({ value: 120000, place: '汇总数据“校舍建筑面积” 2021 年' })
    const sgArea = preview.files[1].schools[0].values.find((v) => v.name === '校舍建筑面积')!
    expect(sgArea).toMatchObject({ value: 75000, note: '由生均校舍建筑面积（12.5）× 在校生数（6000）推算' })
    expect(preview.files[0].schools[0].cases.map((c) => c.title)).toEqual(['产教融合育匠才'])

    pIntake.accept(province)
    const v = (id: string) => reportData(province).data.valuesOf(id)['2021']
    expect(v('students.total')).toBe(14000)
    expect(v('teachers.fulltime')).toBe(800)
    expect(v('facilities.floor_area')).toBe(roundTo((120000 + 75000) / 14000, 2))
    expect(pIntake.cases(province).map((c) => [c.title, c.school, c.contributor])).toEqual([['产教融合育匠才', '清远市职业技术学校', '清远市']])
    ps.close()
  }, 120_000)
})
