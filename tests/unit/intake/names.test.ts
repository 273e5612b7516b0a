import { describe, expect, it } from 'vitest'
import { matchKey, nameFromFile, splitLabel, looksLikeContributor } from '../../../src/main/intake/names'
import { checkUnit, canonicalUnit } from '../../../src/main/intake/units'

describe('indicator names as schools write them', () => {
  it('one figure however it is written: units in brackets, 数 endings, full-width brackets, quotes, list numbers', () => {
    const key = matchKey('在校生数')
    for (const written of ['在校生数（人）', '在校生人数', '在校生', ' 在校生数 ', '在校生数(人)', '1. 在校生数', '（一）在校学生数', '全日制在校生数/人', '在校生数【人】']) {
      expect(matchKey(written), written).toBe(key)
    }
    expect(matchKey('“双师型”教师')).toBe(matchKey('双师型教师'))
    expect(matchKey('教学仪器设备总值（万元）')).toBe(matchKey('教学仪器设备值'))
    expect(matchKey('专任教师数')).toBe(matchKey('专任教师'))
    // The school template's names and the city's for the same figure.
    expect(matchKey('享受免学费学生数')).toBe(matchKey('享受免学费补助学生数'))
    expect(matchKey('升学人数')).toBe(matchKey('升入高一级学校人数'))
    // Different figures stay different.
    expect(matchKey('对口就业人数')).not.toBe(matchKey('对口就业率'))
    expect(matchKey('就业人数')).not.toBe(matchKey('直接就业人数'))
    expect(matchKey('生均校舍建筑面积')).not.toBe(matchKey('校舍建筑面积'))
  })

  it('a bracket at the end is a unit only when it reads as one', () => {
    expect(splitLabel('在校生数（人）')).toEqual({ name: '在校生数', unit: '人' })
    expect(splitLabel('教学仪器设备总值(万元)')).toEqual({ name: '教学仪器设备总值', unit: '万元' })
    expect(splitLabel('校舍建筑面积（㎡）')).toEqual({ name: '校舍建筑面积', unit: '㎡' })
    expect(splitLabel('对口就业率（%）')).toEqual({ name: '对口就业率', unit: '%' })
    expect(splitLabel('其他培训项目（含网络）参训教师')).toEqual({ name: '其他培训项目（含网络）参训教师', unit: '' })
    expect(splitLabel('境外办学机构（工坊）')).toEqual({ name: '境外办学机构（工坊）', unit: '' })
    expect(splitLabel('其中：双师型教师')).toEqual({ name: '双师型教师', unit: '' })
  })

  it('units: the same, converted within a family (and said), or refused naming both', () => {
    expect(checkUnit('㎡', '平方米')).toEqual({ ok: true, factor: 1 })
    expect(checkUnit('名', '人')).toEqual({ ok: true, factor: 1 })
    expect(checkUnit('元', '万元')).toEqual({ ok: true, factor: 0.0001, note: '由元换算为万元' })
    expect(checkUnit('亿元', '万元')).toEqual({ ok: true, factor: 10000, note: '由亿元换算为万元' })
    expect(checkUnit('', '人')).toEqual({ ok: true, factor: 1 })
    expect(checkUnit('个', '人')).toEqual({ ok: false, message: '单位不符：填写的单位是“个”，本指标的单位是“人”' })
    expect(canonicalUnit('％')).toBe('%')
  })

  it("a school's name from its file's name", () => {
    expect(nameFromFile('清远市职业技术学校-2021年数据填报表（2）.xlsx')).toBe('清远市职业技术学校')
    expect(nameFromFile('2021年清远工贸职校数据.xlsx')).toBe('清远工贸职校')
    expect(nameFromFile('清远市大数据职业学校.xlsx')).toBe('清远市大数据职业学校')
    expect(nameFromFile('佛冈县职业技术学校 填报表 最终版.xlsx')).toBe('佛冈县职业技术学校')
    expect(looksLikeContributor('Sheet1')).toBe(false)
    expect(looksLikeContributor('基本情况')).toBe(false)
    expect(looksLikeContributor('连州市职业技术学校')).toBe(true)
  })
})
